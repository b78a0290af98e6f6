import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

describe('npm start: topic prompts and a warn-and-prune cycle in the console', () => {
  it('posts a scheduled prompt, warns the silent, keeps who answered, removes the rest, and audits it', async () => {
    const dir = await tempDataDir();
    const script = [
      'alice> hello',
      'bob> hi all',
      '/topic schedule daily 20:00',
      ':clock +31d',
      '/prune',
      '/prune warn',
      'bob> still here!',
      ':clock +49h',
      '/prune confirm',
      '/audit',
      '',
    ].join('\n');
    const result = await runScript(dir, script);
    const { code } = result;
    const stdout = withoutIds(result.stdout);
    expect(code).toBe(0);
    expect(stdout).toContain('[main] bot: Topic prompts scheduled: 0 20 * * *.');
    // 31 days in one move: the daily prompt is caught up once, not 31 times.
    expect(stdout.match(/\[main\] bot: 💬 Topic: What should we buy together next week\?/g)).toHaveLength(1);
    expect(stdout).toContain('[main] bot: Prune dry run: 2 candidates');
    expect(stdout).toContain('[dm alice] bot: Hi! You have not been active in main for a while.');
    expect(stdout).toContain('[dm bob] bot: Hi!');
    expect(stdout).toMatch(/Warned 2 members by private message: (alice, bob|bob, alice)\./);
    expect(stdout).toContain('[main] bot removed alice');
    expect(stdout).not.toContain('bot removed bob');
    expect(stdout).toContain('[main] bot: Removed 1: alice.\n  Kept 1 (active since the warning): bob.');
    expect(stdout).toMatch(/Audit log \(newest first\):\n {2}\S+ \S+ removed alice — by owner · last active/);

    // After a restart the removal is still on record, and nobody is warned twice.
    const again = await runScript(dir, '/prune confirm\n');
    expect(again.stdout).toContain('Nobody is due for removal.');
  });
});
