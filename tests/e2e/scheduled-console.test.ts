import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

describe('npm start: a scheduled flash deal (定时开团) in the console', () => {
  it('posts a preview card, refuses early orders with the time left, opens at the start after a restart', async () => {
    const dir = await tempDataDir();
    const script = [
      '/settings tz=Asia/Shanghai',
      '/deal new "Strawberries" price=19.9 stock=50 starts=2h ends=1h',
      'alice> +1',
      '/deals',
      ':clock +1h50m',
      '/lang zh',
      '开团 "秒杀草莓" 价格=9.9 开始=3小时',
      '',
    ].join('\n');
    const first = await runScript(dir, script);
    const stdout = withoutIds(first.stdout);
    // The console's clock is the real one: a start kept on a whole minute may be a minute more away.
    expect(first.code).toBe(0);
    expect(stdout).toMatch(/Opens: \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\), in 2h(?: 1m)?\n/);
    expect(stdout).toContain('Status: not started yet');
    expect(stdout).toMatch(/✗ alice: not open yet: orders start [\d-]+ [\d:]+ \(in 2h(?: 1m)?\)/);
    expect(stdout).toMatch(/Coming up:\n {2}#1 Strawberries — starts [\d-]+ [\d:]+ \(in 2h(?: 1m)?\)/);
    expect(stdout).toMatch(/开团时间：[\d-]+ [\d:]+（Asia\/Shanghai），还有 3小时(?:1分)?\n/);
    expect(stdout).not.toContain('open now');

    // Still scheduled after a restart: it opens when its start comes, and #2 (later) does not.
    const second = await runScript(dir, ':clock +15m\nbob> +1 #1\n');
    const after = withoutIds(second.stdout);
    expect(after).toContain('🔔 #1 Strawberries 开团了！发送 +1 下单。');
    expect(after).toMatch(/bot edited m\d+: 🛒 #1 Strawberries[\s\S]*1\. bob ×1/);
    expect(after).not.toContain('#2 秒杀草莓 开团了');
  });
});
