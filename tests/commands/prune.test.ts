import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/adapter.js';
import type { GroupChat, TestBotOptions } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

const status = (t: TestBot, user: string) => t.store.tables.members.get(`memory:main/${user}`)?.status;
const removals = (out: string[]) => out.filter((o) => o.startsWith('removed '));

/** The whole state as JSON, except what any message records about its sender (seen ids, activity). */
function stateWithout(t: TestBot, sender: string): string {
  const tables = t.store.tables as unknown as Record<string, { values(): Iterable<{ id: string }> }>;
  return JSON.stringify(
    Object.entries(tables)
      .filter(([name]) => name !== 'seen')
      .map(([name, rows]) => [
        name,
        [...rows.values()].filter((r) => !r.id.startsWith(`memory:main/${sender}`)),
      ]),
  );
}

describe('pruning inactive members', () => {
  let t: TestBot;
  let group: GroupChat;
  afterEach(async () => {
    await t.close();
  });

  /**
   * Wed 2026-11-25: alice, erin, gina and hal (who joined but never spoke) go silent; bob orders;
   * carol is an admin; frank speaks later; dave joins late; erin is exempt. 31 days on, alice, gina
   * and hal are candidates.
   */
  async function community(options: TestBotOptions = {}): Promise<void> {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai', ...options });
    group = t.group().admin('carol');
    await group.join('gina');
    await group.join('hal');
    for (const who of ['alice', 'carol', 'erin']) await group.as(who).says('hello');
    await group.as('owner').says('/deal new "Eggs" price=12 ends=1d');
    await group.as('bob').says('+1');
    await t.advance('20d');
    await group.as('frank').says('still here');
    await t.advance('5d');
    await group.join('dave');
    await group.as('owner').says('/exempt @erin');
    await t.advance('6d');
  }

  it('the dry run lists candidates with their last activity and counts the rest by reason; nothing changes', async () => {
    await community();
    const before = stateWithout(t, 'owner');
    const out = await group.as('owner').reply('/prune');
    expect(out).toBe(
      [
        'Prune dry run: 3 candidates (no message and no order for 30 days, no order for 90 days). Nothing was changed.',
        '• gina — last active never',
        '• hal — last active never',
        '• alice — last active 2026-11-25 16:00',
        'Not candidates: 1 active, 2 admins or owner, 1 new (grace period), 1 exempt, 1 recent buyer.',
        'Next: /prune warn warns them; /prune confirm removes those still silent after the warning.',
      ].join('\n'),
    );
    expect(stateWithout(t, 'owner')).toBe(before);
  });

  it('each exclusion rule can be moved: unexempt, settings for grace, activity and buyers', async () => {
    await community();
    expect(await group.as('owner').reply('/unexempt @erin')).toBe('erin is no longer exempt from pruning.');
    expect(await group.as('owner').reply('/unexempt erin')).toBe('erin was not exempt.');
    expect(await group.as('owner').reply('/exempt @nobody')).toBe("I don't know @nobody in this group.");
    await group.as('owner').says('/settings prune.grace=5d prune.after=15d prune.buyer_days=20d');
    const out = await group.as('owner').reply('/prune');
    expect(out).toContain('Prune dry run: 6 candidates');
    for (const name of ['alice', 'bob', 'dave', 'erin', 'gina', 'hal']) expect(out).toContain(`• ${name} —`);
    expect(out).toContain(
      'Not candidates: 1 active, 2 admins or owner, 0 new (grace period), 0 exempt, 0 recent buyers.',
    );
    expect(await group.as('alice').reply('/exempt @bob')).toMatch(/Only group admins/);
    expect(await group.as('alice').reply('/prune')).toMatch(/Only group admins/);
  });

  it('warn → reply in the group or in private → kept; warn → silence → removed, and audited', async () => {
    await community();
    const warned = await group.as('owner').says('/prune warn');
    expect(warned).toContain(
      '[dm alice] Hi! You have not been active in main for a while. Reply or react within 48 h to stay in the group; otherwise the admins may remove you.',
    );
    expect(warned.at(-1)).toBe(
      'Warned 3 members by private message: gina, hal, alice. After 2026-12-28 16:00, /prune confirm removes those still silent.',
    );
    expect(await group.as('owner').reply('/prune warn')).toBe('Already warned: gina, hal, alice.');
    await group.as('alice').says("I'm still here!");
    expect(await t.dm('hal').reply('ok ok')).toBe('[dm hal] Thanks! You stay in main.');
    await t.advance('47h');
    expect(await group.as('owner').reply('/prune confirm')).toMatch(
      /^Kept 2 \(active since the warning\): alice, hal\.\nStill within the warning period until 2026-12-28 16:00: gina\.$/,
    );
    await t.advance('1h');
    const out = await group.as('owner').says('/prune confirm');
    expect(removals(out)).toEqual(['removed gina']);
    expect(out.at(-1)).toBe('Removed 1: gina.');
    expect(status(t, 'gina')).toBe('removed');
    expect(status(t, 'alice')).toBe('active');
    expect(status(t, 'hal')).toBe('active');
    expect(await group.as('owner').reply('/prune confirm')).toBe(
      'Nobody is due for removal. Warn candidates first with /prune warn.',
    );
    const audit = await group.as('owner').reply('/audit');
    expect(audit).toContain('2026-12-28 16:00 removed gina — by owner');
    expect(audit).toContain('exempted erin — by owner');
    expect(await group.as('alice').reply('/audit')).toMatch(/Only group admins/);
  });

  it('without private chats, one group message mentions everyone warned', async () => {
    await community();
    (t.adapter as { directChat?: unknown }).directChat = undefined;
    const out = await group.as('owner').says('/prune warn');
    expect(out[0]).toBe(
      '@gina @hal @alice: you have not been active here for a while. Reply or react within 48 h to stay.',
    );
    expect(out[1]).toMatch(/^Warned 3 members: gina, hal, alice\./);
  });

  it('where the platform cannot remove members, says so and lists them for removal by hand', async () => {
    await community({ capabilities: { removeMembers: false } });
    await group.as('owner').says('/prune warn');
    await t.advance('2d');
    const out = await group.as('owner').says('/prune confirm');
    expect(out).toEqual([
      'I cannot remove members in this chat (the platform does not let me). Please remove them by hand: @alice @gina @hal.',
    ]);
    expect(status(t, 'gina')).toBe('active');
    expect(t.store.tables.audit.size).toBe(1); // erin's exemption only
  });

  it('stops at the first platform error and reports it, removing nobody after it', async () => {
    await community();
    await group.as('owner').says('/prune warn');
    await t.advance('2d');
    t.adapter.failNext = [new DeliveryError('Bad Request: not enough rights to remove members', false)];
    const out = await group.as('owner').says('/prune confirm');
    expect(removals(out)).toEqual([]);
    expect(out.at(-1)).toBe(
      'Stopped at alice: the platform said "Bad Request: not enough rights to remove members". Please remove by hand: @alice @gina @hal.',
    );
    expect(status(t, 'alice')).toBe('active');
  });

  it('never removes more than prune.max_batch in one run', async () => {
    await community();
    await group.as('owner').says('/settings prune.max_batch=1');
    await group.as('owner').says('/prune warn');
    await t.advance('2d');
    const first = await group.as('owner').says('/prune confirm');
    expect(removals(first)).toEqual(['removed alice']);
    expect(first.at(-1)).toBe(
      'Removed 1: alice.\nStopped at prune.max_batch=1; 2 more to remove: run /prune confirm again.',
    );
    expect(removals(await group.as('owner').says('/prune confirm'))).toEqual(['removed gina']);
    expect(removals(await group.as('owner').says('/prune confirm'))).toEqual(['removed hal']);
  });

  it('prune.auto: the weekly sweep starts at the next Monday 10:00, warns, and removes after the warning period', async () => {
    await community(); // Sat 2026-12-26 16:00 in Shanghai
    expect(await group.as('owner').reply('/settings prune.auto=on')).toBe('Saved: prune.auto=on.');
    expect(await t.advance('1m')).toEqual([]); // not at once: at the next weekly slot
    const warned = await t.advance('42h'); // Mon 2026-12-28 10:01: dave's grace period is over too
    expect(warned.filter((o) => o.startsWith('[dm ')).map((o) => o.split(']')[0])).toEqual([
      '[dm dave',
      '[dm gina',
      '[dm hal',
      '[dm alice',
    ]);
    await group.as('alice').says('oh hi');
    expect(await t.advance('47h')).toEqual([]);
    const removed = await t.advance('1h');
    expect(removed).toEqual([
      'removed dave',
      'removed gina',
      'removed hal',
      'Removed 3 inactive members after a 48 h warning: dave, gina, hal.',
    ]);
    expect(await group.as('owner').reply('/audit')).toContain('removed gina — by auto (weekly sweep)');
    // Turned off, the sweep warns nobody.
    await group.as('owner').says('/settings prune.auto=off');
    expect(t.store.tables.pruneWarnings.get('memory:main/alice')?.status).toBe('kept');
    // alice has been silent for 40 days by then: a candidate, but nobody sweeps.
    expect((await t.advance('40d')).filter((o) => o.startsWith('[dm '))).toEqual([]);
    expect(await group.as('owner').reply('/prune')).toContain('• alice —');
  });
});
