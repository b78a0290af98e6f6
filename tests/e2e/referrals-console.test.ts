import { describe, expect, it } from 'vitest';
import { runScript, tempDataDir, withoutIds } from './run-bot.js';

describe('npm start: invite, join, order, rewards', () => {
  it('alice invites bob, bob joins through the link, buys in a deal that forms; balances come out right', async () => {
    const dir = await tempDataDir();
    const first = await runScript(
      dir,
      ['/deal new "Mangoes" price=10 min=2 ends=7d', 'alice> /invite', ''].join('\n'),
    );
    const link = /Your invite link: (\S+)/.exec(first.stdout)?.[1];
    expect(link).toBe('https://invite.console/main/alice');

    const second = await runScript(
      dir,
      [
        `:join bob via ${link}`,
        'bob> hello, thanks alice!',
        'bob> +1',
        'carol> +1',
        ':clock +3d',
        '/deal close #1',
        '/paid #1 bob',
        'alice> /points',
        'bob> /points',
        'alice> /invites',
        '',
      ].join('\n'),
    );
    expect(second.code).toBe(0);
    const out = withoutIds(second.stdout);
    // alice: 5 for bob staying 3 days and speaking, 20 for bob's first paid order in a formed deal
    expect(out).toMatch(/\[main\] bot: Points: 25\n {2}This month: \+25 earned/);
    // bob: 10 welcome points for that first order
    expect(out).toMatch(/\[main\] bot: Points: 10\n/);
    expect(out).toContain('bob — qualified · bought');
  });
});
