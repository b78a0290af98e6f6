import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describe as describeAction, type TestBot } from '../helpers/chat.js';
import { linkedPair, linkGroups } from '../helpers/network.js';

/**
 * Shared deals across linked groups, as an attacker would try them: edits, limits and groups=
 * act on every group of the share the way a one-group deal acts on its group.
 */

function saidIn(t: TestBot, chatId: string, from = 0): string[] {
  return t.adapter.actions
    .slice(from)
    .filter((a) => a.chat.chatId === chatId)
    .map(describeAction);
}

describe('shared deals: edits, limits and groups= across the share', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await linkedPair();
  });
  afterEach(async () => {
    await t.close();
  });

  it('reprice=all from one group: the other group is told its count and refunds due, each payer DM’d; all lines counted', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h groups=all');
    await t.group().as('alice').says('+1');
    await t.group('b').as('bob').says('+2');
    await t.group('b').as('owner').says('/paid #1 @bob');
    const from = t.adapter.actions.length;
    const out = await t.group().as('owner').says('/deal edit #1 price=40 reprice=all');
    expect(out).toContain('Deal #1 updated; 2 existing orders take the new price.');
    const inB = saidIn(t, 'b', from).join('\n');
    expect(inB).toContain('Deal #1 updated; 1 existing order takes the new price.');
    expect(inB).toContain('Refunds due: @bob ¥10.00.');
    expect(out.join('\n')).toContain('[dm bob] ↩ #1 Mangoes: the price went down');
  });

  it('a new price asked from a group with no orders still asks about the other groups’ lines, and changes nothing', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=45 ends=48h groups=all');
    await t.group('b').as('bob').says('+2');
    expect(await t.group().as('owner').reply('/deal edit #1 price=15')).toContain(
      '1 order in #1 was taken at the old price. Nothing changed yet',
    );
    expect(t.store.tables.deals.get('memory:b#1')!.priceCents).toBe(4500);
    expect(t.store.tables.deals.get('memory:main#1')!.priceCents).toBe(4500);
  });

  it('limit= counts a person’s lines in every group of the share', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=45 limit=2 ends=48h groups=all');
    await t.group().as('alice').says('+2');
    expect(await t.group('b').as('alice').reply('+1')).toContain('✗ alice: the limit is 2 per member');
    expect([...t.store.tables.orders.values()].filter((o) => o.dealId === 'memory:b#1')).toHaveLength(0);
    // Someone else in b still orders.
    expect((await t.group('b').as('bob').says('+2')).join('\n')).not.toContain('✗');
  });

  it('more stock raised from a group where nobody waits reaches the other group’s waiters', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=45 stock=2 ends=48h groups=all');
    await t.group().as('alice').says('+2');
    expect((await t.group('b').as('bob').says('+1')).join('\n')).toContain('waitlist');
    const from = t.adapter.actions.length;
    await t.group().as('owner').says('/deal edit #1 stock=3');
    const bob = [...t.store.tables.orders.values()].filter(
      (o) => o.dealId === 'memory:b#1' && o.userId === 'bob' && o.status === 'active',
    );
    expect(bob.map((o) => o.qty)).toEqual([1]);
    expect(t.adapter.actions.slice(from).map(describeAction).join('\n')).toContain('bob');
  });

  it('groups= naming no other group is refused (en + zh), nothing created', async () => {
    const before = t.store.tables.deals.size;
    for (const g of ['main', '、', ',']) {
      expect(await t.group().as('owner').reply(`/deal new "Mangoes" price=39 groups=${g}`)).toContain(
        'groups= must name at least one other linked group',
      );
    }
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('owner').reply('开团 "芒果" 价格=39 群=main')).toContain(
      '“群=”至少要写一个其他联营群',
    );
    expect(t.store.tables.deals.size).toBe(before);
  });

  it('two linked groups with the same title: groups=b asks which and creates nothing', async () => {
    await t.group('c').as('owner').says('/deals');
    await linkGroups(t, ['memory:main', 'memory:b', 'memory:c']);
    await t.store.mutate((tx) => {
      const c = tx.get('communities', 'memory:c')!;
      tx.put('communities', { ...c, title: 'b' });
    });
    const before = t.store.tables.deals.size;
    const said = await t.group().as('owner').reply('/deal new "Mangoes" price=39 groups=b');
    expect(said).toContain('Several linked groups are called b: b (b), b (c)');
    expect(t.store.tables.deals.size).toBe(before);
  });

  it('a shared deal opened at once sends each group’s subscribers their private offer', async () => {
    await t.group('b').as('bob').says('/subscribe 水果');
    const out = await t.group().as('owner').says('/deal new "Mangoes" price=39 category=水果 groups=all');
    expect(out.filter((o) => o.startsWith('[dm bob]')).join('\n')).toContain('New in b: #1 Mangoes');
    expect([...t.store.tables.offers.values()].map((o) => [o.userId, o.dealId])).toEqual([
      ['bob', 'memory:b#1'],
    ]);
  });

  it('the same category written twice counts once toward the limit of 5', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 category=a,a,b,c,d,e');
    expect(t.store.tables.deals.get('memory:main#1')?.categories).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('/deal copy #1 groups=all opens the copy as one shared deal', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 ends=48h');
    const said = await t.group().as('owner').says('/deal copy #1 groups=all');
    expect(said.join('\n')).toContain('Deal #2 is open in main #2, b #1');
    expect(t.store.tables.deals.get('memory:b#1')!.shareId).toBe('memory:main#2');
  });

  it('a category list with a space, unquoted, on /deal edit: the answer names the stray word, not "Invalid photo"; nothing changes', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 category=x ends=48h');
    const said = await t.group().as('owner').reply('/deal edit #1 category=a b');
    expect(said).toContain('"b" is not a photo word');
    expect(said).not.toContain('Invalid photo');
    expect(t.store.tables.deals.get('memory:main#1')!.categories).toEqual(['x']);
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('owner').reply('改团 #1 分类=a b')).toContain('“b”不是图片参数');
    // Quoted, the list is taken.
    await t.group().as('owner').says('/deal edit #1 category="a b"');
    expect(t.store.tables.deals.get('memory:main#1')!.categories).toEqual(['a', 'b']);
  });

  it('the bot removed from one group mid-deal: its shared deal closes at the deadline with the others', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=1 ends=2h groups=all');
    await t.group('b').as('bob').says('+1');
    await t.store.mutate((tx) =>
      tx.put('communities', {
        ...tx.get('communities', 'memory:b')!,
        removedAt: t.clock.now().toISOString(),
      }),
    );
    await t.advance('3h');
    expect(t.store.tables.deals.get('memory:main#1')!.status).toBe('closed');
    expect(t.store.tables.deals.get('memory:b#1')!.status).toBe('closed');
  });

  it('/network leave is refused while another group’s deal of the share is still open', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=39 ends=48h groups=all');
    // main's own deal closed alone (as a removed group's deal used to stay open): b's is still open.
    await t.store.mutate((tx) => tx.put('deals', { ...tx.get('deals', 'memory:main#1')!, status: 'closed' }));
    await t.group().as('owner').says('/network leave');
    expect(t.store.tables.communities.get('memory:main')!.networkId).toBeDefined();
  });
});
