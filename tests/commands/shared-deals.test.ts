import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describe as describeAction, TestBot } from '../helpers/chat.js';
import { linkGroups } from '../helpers/network.js';

/** What the bot said or edited in one group chat since action index `from`. */
function saidIn(t: TestBot, chatId: string, from = 0): string[] {
  return t.adapter.actions
    .slice(from)
    .filter((a) => a.chat.chatId === chatId)
    .map(describeAction);
}

/** The newest card text (a send or an edit of a card) in a group chat. */
function cardIn(t: TestBot, chatId: string): string {
  const cards = saidIn(t, chatId).filter((s) => s.includes('🛒'));
  return cards.at(-1) ?? '';
}

describe('a shared deal across linked groups (one stock, one group size)', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    // The bot knows both groups once someone spoke there; the admins link them.
    await t.group('main').as('owner').says('/deals');
    await t.group('b').as('owner').says('/deals');
    await linkGroups(t, ['memory:main', 'memory:b']);
  });
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN linked groups WHEN an admin opens a deal with groups=all THEN each group gets its own card and number, one share', async () => {
    // Group b already has a deal of its own: the shared one takes b's next number.
    await t.group('b').as('owner').says('/deal new "Eggs" price=12 ends=48h');
    const from = t.adapter.actions.length;
    const said = await t
      .group()
      .as('owner')
      .says('/deal new "Mangoes" price=39 min=3 stock=10 ends=48h groups=all');
    expect(said.join('\n')).toContain('Deal #1 is open in main #1, b #2');
    expect(saidIn(t, 'main', from).join('\n')).toContain('🛒 #1 Mangoes — ¥39.00');
    expect(saidIn(t, 'b', from).join('\n')).toContain('🛒 #2 Mangoes — ¥39.00');
    const a = t.store.tables.deals.get('memory:main#1')!;
    const b = t.store.tables.deals.get('memory:b#2')!;
    expect([a.shareId, b.shareId]).toEqual(['memory:main#1', 'memory:main#1']);
    expect([b.stock, b.min, b.endsAt, b.priceCents]).toEqual([a.stock, a.min, a.endsAt, a.priceCents]);
    expect(cardIn(t, 'b')).toContain('Shared with 1 other group · 0 sold in all · 10 left');
  });

  it('GIVEN a group in no network WHEN groups= is given THEN a clear answer and no deal', async () => {
    await t.group('c').as('owner').says('/deals');
    const before = t.store.tables.deals.size;
    expect(await t.group('c').as('owner').reply('/deal new "Mangoes" price=39 groups=all')).toContain(
      'This group is not linked with another group',
    );
    await t.group('c').as('owner').says('/lang zh');
    expect(await t.group('c').as('owner').reply('开团 "芒果" 价格=39 群=全部')).toContain(
      '本群还没有和其他群联营',
    );
    expect(await t.group().as('owner').reply('/deal new "Mangoes" price=39 groups=nowhere')).toContain(
      'No linked group is called nowhere. Linked groups: b',
    );
    expect(t.store.tables.deals.size).toBe(before);
  });

  it('orders in both groups count against one stock: B is sold out after A bought most', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 stock=10 ends=48h groups=all');
    await t.group().as('alice').says('+6');
    await t.group('b').as('bob').says('+3');
    expect(await t.group('b').as('carol').reply('+2')).toContain('✗ carol: only 1 left');
    await t.group('b').as('dave').says('+1');
    // Nothing left in the share: a member of A joins A's waitlist.
    expect((await t.group().as('ann').says('+1')).join('\n')).toContain(
      '✗ ann: sold out — you are 1st on the waitlist',
    );
    const sold = [...t.store.tables.orders.values()]
      .filter((o) => o.status === 'active')
      .reduce((n, o) => n + o.qty, 0);
    expect(sold).toBe(10);
    // Each card: its own roster, the share's totals.
    expect(cardIn(t, 'main')).toContain('Shared with 1 other group · 10 sold in all · 0 left');
    expect(cardIn(t, 'main')).toContain('alice ×6');
    expect(cardIn(t, 'main')).not.toContain('bob');
    expect(cardIn(t, 'b')).toContain('10 sold in all · 0 left');
    expect(cardIn(t, 'b')).toMatch(/bob ×3[\s\S]*dave ×1/);
    expect(cardIn(t, 'b')).not.toContain('alice');
  });

  it('formation across groups: min=3, 2 buyers in A and 1 in B → both groups told 成团 once', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=3 ends=48h groups=all');
    await t.group().as('alice').says('+1');
    await t.group().as('ann').says('+1');
    // The same person ordering in both groups is one buyer.
    await t.group('b').as('alice').says('+1');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('open');
    const from = t.adapter.actions.length;
    await t.group('b').as('bob').says('+2');
    await t.group().as('amy').says('+1');
    const formedA = saidIn(t, 'main', from).filter((s) => s.includes('成团!') && !s.includes('🛒'));
    const formedB = saidIn(t, 'b', from).filter((s) => s.includes('成团!') && !s.includes('🛒'));
    expect(formedA).toEqual([
      '🎉 #1 Mangoes reached 3 buyers: 成团! Orders stay open until 2026-11-27 08:00 or until sold out.',
    ]);
    expect(formedB).toHaveLength(1);
    expect(formedB[0]).toContain('🎉 #1 Mangoes reached 3 buyers: 成团!');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('succeeded');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('succeeded');
  });

  it('the deadline judges the share: both groups close 成团 together', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 ends=2h groups=all');
    await t.group().as('alice').says('+1');
    await t.group('b').as('bob').says('+1');
    await t.advance('3h');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('closed');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('closed');
  });

  it('a withdrawal below the size makes every group open again; the deadline then fails all', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 ends=2h groups=all');
    await t.group().as('alice').says('+1');
    await t.group('b').as('bob').says('+1');
    await t.group('b').as('bob').says('-1');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('open');
    const from = t.adapter.actions.length;
    await t.advance('3h');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('failed');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('failed');
    // Each group is told, with the buyers of the whole share (b has none of its own left).
    expect(saidIn(t, 'b', from)).toContain(
      '❌ #1 Mangoes did not reach 2 buyers (1) by the deadline. No one needs to pay.',
    );
  });

  it('/deal close in one group closes every group, each told', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 ends=48h groups=all');
    await t.group().as('alice').says('+1');
    await t.group('b').as('bob').says('+1');
    const from = t.adapter.actions.length;
    await t.group('b').as('owner').says('/deal close #1');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('closed');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('closed');
    expect(saidIn(t, 'main', from).join('\n')).toMatch(/#1 Mangoes/);
    expect(saidIn(t, 'b', from).join('\n')).toMatch(/#1 Mangoes/);
  });

  it('/deal cancel in one group cancels every group, and their buyers are named there', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 ends=48h groups=all');
    await t.group().as('alice').says('+1');
    await t.group('b').as('bob').says('+1');
    const from = t.adapter.actions.length;
    await t.group().as('owner').says('/deal cancel #1');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('cancelled');
    expect(saidIn(t, 'b', from).find((s) => s.includes('@bob'))).toBeDefined();
    expect(saidIn(t, 'main', from).find((s) => s.includes('@alice'))).toBeDefined();
  });

  it('/deal edit on one deal changes all; stock never below the share sold (and a refused edit changes nothing)', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 stock=10 ends=48h groups=all');
    await t.group().as('alice').says('+4');
    await t.group('b').as('bob').says('+3');
    expect(await t.group('b').as('owner').reply('/deal edit #1 stock=5')).toBe(
      'Deal #1 already sold 7; stock cannot be lower.',
    );
    expect(t.store.tables.deals.get('memory:main#1')!.stock).toBe(10);
    expect(t.store.tables.deals.get('memory:b#1')!.stock).toBe(10);
    const from = t.adapter.actions.length;
    await t.group('b').as('owner').says('/deal edit #1 stock=20 min=5');
    expect(t.store.tables.deals.get('memory:main#1')!.stock).toBe(20);
    expect(t.store.tables.deals.get('memory:main#1')!.min).toBe(5);
    expect(saidIn(t, 'main', from)).toContain('Deal #1 updated.');
    expect(cardIn(t, 'main')).toContain('7 sold in all · 13 left');
  });

  it('in Chinese: 群=全部 opens it, and the card says how many groups share it', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group('b').as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "芒果" 价格=39 成团=20 库存=100 群=全部');
    await t.group('b').as('bob').says('+2');
    expect(cardIn(t, 'main')).toContain('2 个群同步开团 · 共已售 2 · 剩 98');
    expect(t.store.tables.deals.get('memory:b#1')!.shareId).toBe('memory:main#1');
  });

  it("/deal #1 by an admin: every group's lines, grouped by group, privately; a member sees their group's card only", async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=2 stock=10 ends=48h groups=all');
    await t.group().as('alice').says('+2');
    await t.group('b').as('bob').says('+3');
    const said = await t.group().as('owner').says('/deal #1');
    const book = said.filter((s) => s.startsWith('[dm owner]')).join('\n');
    expect(book).toContain('#1 Mangoes: every order of the 2 groups sharing it (5 sold, 2 buyers)');
    expect(book).toMatch(/— main #1: 2 units —\n1\. alice ×2\n— b #1: 3 units —\n1\. bob ×3/);
    const member = await t.group().as('carol').says('/deal #1');
    expect(member.join('\n')).not.toContain('bob');
    expect(member.some((s) => s.startsWith('[dm'))).toBe(false);
  });

  it('a scheduled start (starts=) opens every group together; option stock is shared too', async () => {
    await t
      .group()
      .as('owner')
      .says('/deal new "Peaches" price=20 min=1 options="S:20:3,L:30" starts=2h ends=4h groups=all');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('scheduled');
    await t.advance('2h');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('open');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('open');
    await t.group().as('alice').says('+2 S');
    expect(await t.group('b').as('bob').reply('+2 S')).toContain('✗ bob: only 1 left');
    expect(cardIn(t, 'b')).toContain('S ¥20.00 (1 left)');
  });

  it('sold out across the share: a member of B waits (候补) in B, and a unit freed in B goes to them', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=1 stock=3 ends=48h groups=all');
    await t.group().as('alice').says('+2');
    await t.group('b').as('bob').says('+1');
    await t.group('b').as('carol').says('+1');
    expect(t.store.tables.waitlist.by('deal', 'memory:b#1').map((w) => w.userId)).toEqual(['carol']);
    await t.group('b').as('bob').says('-1');
    const carol = t.store.tables.orders.get('memory:b#1/carol');
    expect(carol?.status).toBe('active');
    expect(
      t.store.tables.deals.get('memory:main#1')!.sold + t.store.tables.deals.get('memory:b#1')!.sold,
    ).toBe(3);
  });

  it('/sheet #1 in one group adds what to order from the supplier for every group of the share', async () => {
    await t.group().as('owner').says('/deal new "Peaches" price=20 min=1 options="S,L" ends=48h groups=all');
    await t.group().as('alice').says('+2 S');
    await t.group('b').as('bob').says('+3 L');
    const said = (await t.group('b').as('owner').says('/sheet #1')).join('\n');
    expect(said).toContain('For the supplier, all 2 linked groups: S ×2 · L ×3; 5 units (main ×2 · b ×3)');
  });

  it('a deal of one group stays as it was: no share line, its own stock', async () => {
    await t.group().as('owner').says('/deal new "Plums" price=9 min=1 stock=2 ends=48h');
    await t.group('b').as('owner').says('/deal new "Plums" price=9 min=1 stock=2 ends=48h');
    await t.group().as('alice').says('+2');
    await t.group('b').as('bob').says('+2');
    expect(t.store.tables.deals.get('memory:b#1')!.sold).toBe(2);
    expect(cardIn(t, 'main')).not.toContain('Shared');
  });
});
