import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/core/events.js';
import { TestBot } from '../helpers/chat.js';

/** Deals with options that carry their own price and stock; members holding several lines. */

const ORANGES = '/deal new "赣南脐橙" min=2 limit=30 options="5斤:59,10斤:109:20" ends=48h';

const activeLines = (t: TestBot, user: string) =>
  [...t.store.tables.orders.values()]
    .filter((o) => o.userId === user && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map(
      (o) => `${o.qty}${o.option ? ` ${o.option}` : ''}${o.for ? ` for ${o.for}` : ''} @${o.unitPriceCents}`,
    );

describe('GIVEN a deal whose options have their own price and stock', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('the card shows each option with its price and what is left, and prices start from the lowest', async () => {
    const [card] = await t.group().as('owner').says(ORANGES);
    expect(card).toContain('🛒 #1 赣南脐橙 — ¥59.00 and up');
    expect(card).toContain('Options: 5斤 ¥59.00 · 10斤 ¥109.00 (20 left)');
  });

  it('a member holds one line per option; each line is priced at its option; the card totals per option', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    await group.as('alice').says('/join #1 2 5斤');
    const out = await group.as('alice').says('/join #1 1 10斤');
    expect(activeLines(t, 'alice')).toEqual(['2 5斤 @5900', '1 10斤 @10900']);
    const card = out.find((a) => a.startsWith('edited'))!;
    expect(card).toContain('1. alice ×2 5斤\n2. alice ×1 10斤');
    expect(card).toContain('Total: 5斤 ×2 · 10斤 ×1; 3 units, ¥227.00');
    expect(card).toContain('10斤 ¥109.00 (19 left)');
    expect(t.store.tables.deals.get('memory:main#1')?.buyers).toBe(1);
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 赣南脐橙 ×2 5斤 — ¥118.00 · owing ¥118.00\n#1 赣南脐橙 ×1 10斤 — ¥109.00 · owing ¥109.00',
    );
  });

  it('withdrawing with several lines asks which; naming the option withdraws only that line', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    await group.as('alice').says('/join #1 2 5斤');
    await group.as('alice').says('/join #1 1 10斤');
    expect(await group.as('alice').reply('/cancel #1')).toMatch(/you hold ×2 5斤, ×1 10斤 — say which/);
    expect(activeLines(t, 'alice')).toHaveLength(2);
    await group.as('alice').says('/cancel #1 10斤');
    expect(activeLines(t, 'alice')).toEqual(['2 5斤 @5900']);
    expect(t.store.tables.deals.get('memory:main#1')?.optionSold).toEqual({ '5斤': 2, '10斤': 0 });
  });

  it('the per-member limit counts all lines together', async () => {
    const group = t.group();
    await group.as('owner').says('/deal new "Tees" price=59 options="S,M,L" limit=3');
    await group.as('alice').says('/join #1 2 S');
    expect(await group.as('alice').reply('/join #1 2 M')).toMatch(
      /limit is 3 per member \(all your lines together\)/,
    );
    expect(activeLines(t, 'alice')).toEqual(['2 S @5900']);
  });

  it('an option sells out on its own stock while others go on', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    await group.as('alice').says('/join #1 20 10斤');
    // Sold out: bob joins its waitlist (tests/commands/waitlist.test.ts), and the card counts him.
    expect((await group.as('bob').says('/join #1 1 10斤'))[0]).toMatch(/10斤 sold out/);
    await group.as('bob').says('/join #1 3 5斤');
    expect(activeLines(t, 'bob')).toEqual(['3 5斤 @5900']);
  });

  it('options without a price of their own need a deal price; bad option terms are refused, nothing created', async () => {
    const group = t.group();
    expect(await group.as('owner').reply('/deal new "X" options="S,M"')).toMatch(/Give a price/);
    expect(await group.as('owner').reply('/deal new "X" options="S:abc"')).toMatch(/Invalid options/);
    expect(await group.as('owner').reply('/deal new "X" price=5 options="S,S"')).toMatch(/Invalid options/);
    expect(t.store.tables.deals.size).toBe(0);
  });
});

describe('GIVEN orders, WHEN an admin changes the price', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('asks whether existing orders take it, says how many, and changes nothing until told', async () => {
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=40 min=1');
    await group.as('alice').says('/join #1 2');
    await group.as('bob').says('/join #1 1');
    const asked = await group.as('owner').reply('/deal edit #1 price=45');
    expect(asked).toBe(
      '2 orders in #1 were taken at the old price. Nothing changed yet: send /deal edit #1 price=45 reprice=all to charge them the new price too, or /deal edit #1 price=45 reprice=new to keep their price (only new orders pay the new one).',
    );
    expect(t.store.tables.deals.get('memory:main#1')?.priceCents).toBe(4000);

    expect(await group.as('owner').says('/deal edit #1 price=45 reprice=new')).toContain(
      'Deal #1 updated; 2 existing orders keep their price, new orders pay the new one.',
    );
    await group.as('carol').says('/join #1 1');
    expect([...activeLines(t, 'alice'), ...activeLines(t, 'carol')]).toEqual(['2 @4000', '1 @4500']);

    expect(await group.as('owner').says('/deal edit #1 price=50 reprice=all')).toContain(
      'Deal #1 updated; 3 existing orders take the new price.',
    );
    expect(activeLines(t, 'alice')).toEqual(['2 @5000']);
  });
});

describe('GIVEN an admin orders on behalf of someone (代订)', () => {
  it('the line shows both names, counts as its own buyer, and the orderer holds it', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=40 min=2');
    const out = await group.as('owner').says('/join #1 2 for=王阿姨');
    expect(out.join('\n')).toContain('1. 王阿姨 (ordered by owner) ×2');
    expect(activeLines(t, 'owner')).toEqual(['2 for 王阿姨 @4000']);
    expect(await group.as('alice').reply('/join #1 1 for=bob')).toMatch(/Only admins order for someone else/);
    expect(t.store.tables.deals.get('memory:main#1')?.buyers).toBe(1);
    await t.close();
  });
});

describe('a burst on per-option stock', () => {
  it('2,000 orders from 1,000 members on two options with stock 300 and 200: exactly each stock is sold', async () => {
    const t = await TestBot.create();
    await t.group().as('owner').says('/deal new "Flash" min=1 options="小份:9.9:300,大份:19.9:200" ends=2h');
    const chat = { platform: 'memory', chatId: 'main', kind: 'group' as const, title: 'main' };
    const events: MessageEvent[] = Array.from({ length: 2000 }, (_, i) => ({
      type: 'message',
      id: `b${i}`,
      chat,
      sender: { id: `m${i % 1000}`, name: `m${i % 1000}`, role: 'member' },
      text: `/join #1 1 ${i % 2 === 0 ? '小份' : '大份'}`,
    }));
    await Promise.all(events.map((e) => t.bot.handle(t.adapter, e)));
    await t.bot.idle();
    const deal = t.store.tables.deals.get('memory:main#1')!;
    const active = [...t.store.tables.orders.values()].filter((o) => o.status === 'active');
    const sold = (option: string) =>
      active.filter((o) => o.option === option).reduce((sum, o) => sum + o.qty, 0);
    // 500 members want each option, one unit each: exactly the option's stock is sold, no more.
    expect(sold('小份')).toBe(300);
    expect(sold('大份')).toBe(200);
    expect(deal.optionSold).toEqual({ 小份: 300, 大份: 200 });
    expect(deal.sold).toBe(500);
    await t.close();
  });
});

describe('GIVEN a 2,000-character platform and 150 buyers', () => {
  it('the card still fits, keeps the totals and the latest lines, and everyone can see their own line', async () => {
    const t = await TestBot.create({ capabilities: { maxMessageLength: 2000 } });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 options="S,M"');
    for (let i = 1; i <= 150; i++) await group.as(`member${i}`).says(`+${(i % 3) + 1} ${i % 2 ? 'S' : 'M'}`);
    const card = t.adapter.actions.filter((a) => a.kind === 'edit').at(-1)!;
    const text = card.kind === 'edit' ? card.text : '';
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/… \d+ earlier lines \(\/orders #1 for all, \/myorders for yours\)/);
    expect(text).toContain('150. member150 ×1 M');
    expect(text).toMatch(/Total: S ×\d+ · M ×\d+; 300 units, ¥3000\.00$/);
    expect(text).not.toContain('1. member1 ×');
    expect(await group.as('member1').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×2 S — ¥20.00 · owing ¥20.00',
    );
    // In a Chinese group the line names the commands as it types them, no slash.
    await group.as('owner').says('/lang zh');
    await group.as('member151').says('+1 S');
    const zh = t.adapter.actions.filter((a) => a.kind === 'edit').at(-1)!;
    expect(zh.kind === 'edit' ? zh.text : '').toMatch(
      /……前面还有 \d+ 条（发送「订单 #1」查看全部，「我的订单」查看自己的）/,
    );
    await t.close();
  });
});

describe('prices a leader can trust', () => {
  it('a line keeps the price it was taken at, also when it grows; price= on a deal priced per option says so', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=30 min=1');
    await group.as('alice').says('/join #1 1');
    await group.as('owner').says('/deal edit #1 price=45 reprice=new');
    await group.as('alice').says('/join #1 10');
    expect(activeLines(t, 'alice')).toEqual(['10 @3000']);

    await group.as('owner').says('/deal new "Oranges" options="5斤:59,10斤:109"');
    expect(await group.as('owner').reply('/deal edit #2 price=49')).toBe(
      'Every option of #2 has its own price, so price= changes nothing: change the options\' prices with options="NAME:PRICE,…".',
    );
    expect(t.store.tables.deals.get('memory:main#2')?.priceCents).toBe(5900);
    await t.close();
  });

  it('a failed deal owes nothing in /myorders', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Durian" price=199 min=5');
    await group.as('alice').says('/join #1 1');
    await group.as('owner').says('/deal close #1');
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Durian ×1 — ¥199.00 · failed · nothing to pay',
    );
    await t.close();
  });
});
