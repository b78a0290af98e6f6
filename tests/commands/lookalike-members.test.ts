import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/*
 * Five members who all look like "Alice": one plain, one with a zero-width space (stored as
 * `Alice`), one with a Cyrillic А, one with a full-width Ａ, and another plain one. A command that
 * names "@Alice" must not act on whichever comes first: it changes nothing and says how to name
 * each (the label the lists show, or the user id), and it takes those back.
 */

const ALICES: [id: string, name: string][] = [
  ['u9', 'Alice'],
  ['u8', 'Ali\u200Bce'],
  ['u7', '\u0410lice'], // Cyrillic А
  ['u6', '\uFF21lice'], // full-width Ａ
  ['u5', 'Alice'],
];
const LISTED = [
  '• @Alice or @u9',
  '• @Alice (2) or @u8',
  '• @\u0410lice (3) or @u7',
  '• @\uFF21lice (4) or @u6',
  '• @Alice (5) or @u5',
];

describe('members whose names look the same, named in commands', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 ends=48h');
    // First seen in this order (ids sort the other way: the order is by first sight, not by id).
    for (const [id, name] of ALICES) {
      await t.advance('1m');
      await group.as(id, name).says('hello');
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const balances = () => ALICES.map(([id]) => t.store.tables.members.get(`memory:main/${id}`)?.points ?? 0);

  it('GIVEN five Alices WHEN an admin sends /award @Alice 5 THEN nothing changes and each is listed with how to name them', async () => {
    expect(await group.as('owner').reply('/award @Alice 5')).toBe(
      ['5 members go by Alice, so nothing was changed. Name one of them:', ...LISTED].join('\n'),
    );
    expect(balances()).toEqual([0, 0, 0, 0, 0]);
    expect(t.store.tables.ledger.size).toBe(0);
    // Another script's look-alike typed by the admin is the same name.
    expect(await group.as('owner').reply('/deduct @\u0410lice 1')).toMatch(
      /^5 members go by Аlice, so nothing/,
    );
  });

  it('the label a list shows, and the user id, name exactly one member', async () => {
    expect(await group.as('owner').reply('/award @Alice (2) 5')).toBe('Alice (2): +5 points, balance 5.');
    expect(await group.as('owner').reply('/award @Ａlice（4） 2')).toBe('Ａlice (4): +2 points, balance 2.');
    expect(await group.as('owner').reply('/award @u5 1')).toBe('Alice (5): +1 point, balance 1.');
    expect(balances()).toEqual([0, 5, 0, 2, 1]);
    expect(await group.as('owner').reply('/award @Alice (6) 1')).toBe(
      'No member called @Alice (6) in this group.',
    );
  });

  it('a label means the same member in every list, whoever else is on it', async () => {
    // Only the second Alice orders: the roster still calls her "Alice (2)", as /paid takes it.
    const card = (await group.as('u8', 'Alice').says('+2')).find((o) => o.startsWith('edited'))!;
    expect(card).toContain('\n1. Alice (2) ×2\n');
    const paid = await group.as('owner').says('/paid #1 @Alice (2)');
    expect(paid[0]).toMatch(/^Alice \(2\)/);
    expect(paid[1]).toMatch(/^\[dm u8\] ✓ The organiser marked your order in #1/);
    expect(t.store.tables.orders.get('memory:main#1/u8')?.paidAt).toBeDefined();
    await group.as('owner').says('/award @Alice (5) 3');
    await group.as('owner').says('/award @Alice (2) 1');
    // Only members who chose to appear are on the board (/privacy): both do.
    for (const [id, name] of ALICES)
      if (id === 'u5' || id === 'u8') await group.as(id, name).says('/privacy on leaderboard');
    expect(await group.as('owner').reply('/top')).toBe(
      'Top members (this week):\n1. Alice (5) 3\n2. Alice (2) 1',
    );
  });

  it('every command that names a member refuses an ambiguous name the same way', async () => {
    await group.as('u8', 'Alice').says('+1');
    for (const command of ['/paid #1 @Alice', '/cancel #1 @Alice', '/exempt @Alice', '/invites @Alice']) {
      const said = await group.as('owner').reply(command);
      expect(said, command).toBe(
        ['5 members go by Alice, so nothing was changed. Name one of them:', ...LISTED].join('\n'),
      );
    }
    expect(t.store.tables.orders.get('memory:main#1/u8')).toMatchObject({ qty: 1 });
    expect(t.store.tables.orders.get('memory:main#1/u8')?.paidAt).toBeUndefined();
    expect(t.store.tables.pruneExemptions.size).toBe(0);
    expect(await group.as('owner').reply('/exempt @Alice (3)')).toBe('Аlice (3) is exempt from pruning.');
  });

  it('in a Chinese group the list is in Chinese', async () => {
    await group.as('owner').says('/lang zh');
    expect(await group.as('owner').reply('/award @Alice 5')).toBe(
      [
        '有 5 位成员都叫 Alice，未做任何更改。请指明是哪一位：',
        ...LISTED.map((line) => line.replace(' or ', ' 或 ')),
      ].join('\n'),
    );
  });
});
