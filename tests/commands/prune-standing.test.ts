import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/adapter.js';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

/**
 * Pruning goes by what the platform says now, not by the member's stored record (updated only
 * when they speak): an admin promoted since their last message is never listed or removed, and a
 * member who left without the bot hearing of it is shown as gone, never "removed".
 */

const status = (t: TestBot, user: string) => t.store.tables.members.get(`memory:main/${user}`)?.status;
const removals = (out: string[]) => out.filter((o) => o.startsWith('removed '));

let t: TestBot;
let group: GroupChat;
afterEach(async () => {
  await t.close();
});

/** alice, gina and hal speak as plain members on Wed 2026-11-25, then nothing for 31 days. */
async function silentGroup(): Promise<void> {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  group = t.group();
  for (const who of ['alice', 'gina', 'hal']) await group.as(who).says('hello');
  await t.advance('31d');
}

describe('pruning asks the platform', () => {
  it('GIVEN alice was made an admin after her last message WHEN the dry run, the warning and the confirmation run THEN she is never listed, warned or removed', async () => {
    await silentGroup();
    t.makeAdmin('main', 'alice'); // on the platform only: she has not spoken since
    const dry = await group.as('owner').reply('/prune');
    expect(dry).toContain('Prune dry run: 2 candidates');
    expect(dry).not.toContain('alice');
    expect(dry).toContain('2 admins or owner');
    const warned = await group.as('owner').says('/prune warn');
    expect(warned.at(-1)).toMatch(/^Warned 2 members by private message: gina, hal\./);

    // Promoted during her warning period, without a word: kept.
    t.makeAdmin('main', 'gina');
    await t.advance('49h');
    const out = await group.as('owner').says('/prune confirm');
    expect(removals(out)).toEqual(['removed hal']);
    expect(out.at(-1)).toBe('Removed 1: hal.\nNot removed, admins now: gina.');
    expect(status(t, 'alice')).toBe('active');
    expect(status(t, 'gina')).toBe('active');
    expect(t.store.tables.pruneWarnings.get('memory:main/gina')?.status).toBe('kept');
  });

  it('GIVEN hal left without the bot hearing of it WHEN the dry run runs THEN he is listed apart, and nothing changes', async () => {
    await silentGroup();
    t.leaveUnseen('main', 'hal');
    const dry = await group.as('owner').reply('/prune');
    expect(dry.split('\n')).toEqual([
      'Prune dry run: 2 candidates (no message and no order for 30 days, no order for 90 days). Nothing was changed.',
      '• alice — last active 2026-11-25 08:00',
      '• gina — last active 2026-11-25 08:00',
      'Not candidates: 0 active, 1 admin or owner, 0 new (grace period), 0 exempt, 0 recent buyers.',
      'Not in the group any more (they left without me seeing it), so not candidates: hal. /prune warn records them as left.',
      'Next: /prune warn warns them; /prune confirm removes those still silent after the warning.',
    ]);
    expect(status(t, 'hal')).toBe('active');
    // /prune warn records him as left and warns the others only.
    const warned = await group.as('owner').says('/prune warn');
    expect(warned).toContain(
      'No longer in the group (they left without me seeing it): recorded as left, nothing to remove: hal.',
    );
    expect(warned.at(-1)).toMatch(/^Warned 2 members by private message: alice, gina\./);
    expect(status(t, 'hal')).toBe('left');
  });

  it('GIVEN a warned member left unseen WHEN /prune confirm runs THEN they are recorded as left, never removed or audited as removed', async () => {
    await silentGroup();
    await group.as('owner').says('/prune warn');
    t.leaveUnseen('main', 'gina');
    await t.advance('49h');
    const out = await group.as('owner').says('/prune confirm');
    expect(removals(out).sort()).toEqual(['removed alice', 'removed hal']);
    expect(out.at(-1)).toBe(
      'Removed 2: alice, hal.\nNo longer in the group (they left without me seeing it): recorded as left, nothing to remove: gina.',
    );
    expect(status(t, 'gina')).toBe('left');
    expect([...t.store.tables.audit.values()].map((a) => a.userId).sort()).toEqual(['alice', 'hal']);
  });

  it('GIVEN the platform cannot be asked THEN nobody is listed, warned or removed, and the admin is told in their language', async () => {
    await silentGroup();
    await group.as('owner').says('/prune warn');
    await t.advance('49h');
    t.adapter.standingFails = new DeliveryError('502 Bad Gateway', true);
    const failed =
      'I could not ask the platform who is still in the group and who is an admin now, so nothing was changed. Try again in a minute.';
    expect(await group.as('owner').reply('/prune')).toBe(failed);
    expect(await group.as('owner').reply('/prune confirm')).toBe(failed);
    expect(['alice', 'gina', 'hal'].map((u) => status(t, u))).toEqual(['active', 'active', 'active']);
    await group.as('owner').says('/lang zh');
    expect(await group.as('owner').reply('清理')).toBe(
      '暂时无法向平台确认谁还在群里、谁是管理员，因此没有做任何更改。请一分钟后再试。',
    );
    t.adapter.standingFails = undefined;
    expect(removals(await group.as('owner').says('/prune confirm'))).toHaveLength(3);
  });

  it('prune.auto: a member promoted after the weekly warning is not removed by the sweep', async () => {
    await silentGroup(); // Sat 2026-12-26 08:00 UTC
    await group.as('owner').says('/settings prune.auto=on');
    await t.advance('1m'); // seen on: the sweep starts at the next weekly slot
    const warned = await t.advance('50h'); // Mon 2026-12-28 10:01
    expect(warned.filter((o) => o.startsWith('[dm ')).map((o) => o.split(']')[0])).toEqual([
      '[dm alice',
      '[dm gina',
      '[dm hal',
    ]);
    t.makeAdmin('main', 'hal');
    const removed = await t.advance('49h');
    expect(removals(removed)).toEqual(['removed alice', 'removed gina']);
    expect(status(t, 'hal')).toBe('active');
    expect(t.store.tables.pruneWarnings.get('memory:main/hal')?.status).toBe('kept');
  });
});
