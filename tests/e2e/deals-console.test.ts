import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

describe('npm start: a group buy from start to deadline in the console', () => {
  it('opens a deal, takes 接龙 orders, reminds, and closes at the deadline moved to by :clock', async () => {
    const dir = await tempDataDir();
    const script = [
      '/settings tz=Asia/Shanghai',
      '/deal new "Fresh mangoes" price=39.9 min=2 stock=10 ends=24h unit=box',
      'alice> +1',
      'bob> 接龙 2',
      'carol> +1 for this idea',
      ':clock +23h',
      ':clock +2h',
      'dave> +1',
      '',
    ].join('\n');
    const result = await runScript(dir, script);
    const { code } = result;
    const stdout = withoutIds(result.stdout);
    expect(code).toBe(0);
    expect(stdout).toContain('[main] bot: 🛒 #1 Fresh mangoes — ¥39.90/box');
    // No acknowledgement message: the card edit is what alice sees.
    expect(stdout).not.toContain('✓ alice');
    expect(stdout).toMatch(
      /\[main\] bot edited m\d+: 🛒 #1 Fresh mangoes[\s\S]*1\. alice ×1\n {2}2\. bob ×2/,
    );
    expect(stdout).toContain('reached 2 buyers: 成团!');
    expect(stdout).not.toContain('carol');
    expect(stdout).toContain('⏰ #1 Fresh mangoes closes in 1h. It is 成团 already: last chance to join.');
    expect(stdout).toContain(
      '[main] bot: ✅ #1 Fresh mangoes closed: 成团 with 2 buyers, 3 units, total ¥119.70.',
    );
    expect(stdout).toContain('✗ dave: the deal is closed');

    // The closed deal and its orders are still there after a restart.
    const again = await runScript(dir, '/orders #1\n');
    expect(again.stdout).toContain(
      '1. alice ×1 — ¥39.90 · owing ¥39.90\n  2. bob ×2 — ¥79.80 · owing ¥79.80',
    );
  });
});
