import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describe as describeAction, TestBot } from '../helpers/chat.js';

const NEW_DEAL = '/deal new "Fresh mangoes" price=39.9 min=2 stock=5 limit=3 ends=48h unit=box';

describe('deals and 接龙 orders in a group chat', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN an admin opens a deal THEN the card is posted once and members order with +1 / 接龙', async () => {
    const group = t.group();
    const [card] = await group.as('owner').says(NEW_DEAL);
    expect(card).toContain('🛒 #1 Fresh mangoes — ¥39.90/box');
    expect(card).toContain('Ends: 2026-11-27 16:00 (Asia/Shanghai)');

    // No message only to acknowledge: the card shows the line and the order message gets 👌.
    const alice = await group.as('alice').says('+1', { id: 'a1' });
    expect(alice).toHaveLength(2);
    expect(alice[0]).toMatch(
      /^edited mem\d+: 🛒 #1 Fresh mangoes[\s\S]*\n1\. alice ×1\nTotal: 1 unit, ¥39\.90$/,
    );
    expect(alice[1]).toBe('👌 on a1');

    const bob = await group.as('bob').says('接龙 2');
    expect(bob.some((a) => a.includes('reached 2 buyers: 成团!'))).toBe(true);
    expect(bob.find((a) => a.startsWith('edited'))).toMatch(/1\. alice ×1\n2\. bob ×2/);
  });

  it('a repeated +1 does not add a line; -1 withdraws; 列表 shows the roster', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+2');
    // The same order again changes nothing and edits nothing; the message still gets its 👌.
    expect(await group.as('alice').says('+2', { id: 'again' })).toEqual(['👌 on again']);
    const roster = await group.as('carol').reply('列表');
    expect(roster.match(/alice/g)).toHaveLength(1);
    await group.as('alice').says('-1');
    expect(await group.as('carol').reply('列表')).not.toContain('alice');
    expect(await group.as('alice').reply('-1')).toBe('#1 Fresh mangoes:\n✗ alice: you have no order here');
  });

  it('chatter that looks like an order is not one', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    for (const text of ['+1 for this idea', '1+1=2', '+86 13800138000', 'call me at 13800138000']) {
      expect(await group.as('alice').says(text), text).toEqual([]);
    }
    expect(t.store.tables.orders.size).toBe(0);
  });

  it('bad input gets one clear reply and stores nothing', async () => {
    const group = t.group();
    await group.as('owner').says('/deal new "Tees" price=59 options="S,M,L" limit=2');
    const cases: [string, RegExp][] = [
      ['/join #1 0 M', /Invalid qty: must be at least 1/],
      ['/join #1 -2 M', /Invalid qty/],
      ['/join #1 abc', /Invalid qty: expected a number/],
      ['/join #1 1000000000000 M', /Invalid qty: must be at most 999/],
      ['/join #1 1 XL', /alice: no option "XL"; choose S, M, L/],
      ['/join #1 1', /alice: which option\? S, M, L — reply with the option, e\.g\. S/],
      ['/join #1 3 M', /the limit is 2 per member/],
      ['/join #9', /There is no deal #9 in this group/],
      [`/join #1 1 M ${'x'.repeat(10_000)}`, /too long for a command/],
      // A note with right-to-left words is fenced (U+2068 … U+2069), so it cannot turn the line around.
      ['/join #1 1 M 🍎 مرحبا', /1\. alice ×1 M \(\u2068🍎 مرحبا\u2069\)/],
    ];
    for (const [text, expected] of cases.slice(0, -1)) {
      const out = await group.as('alice').says(text);
      expect(out, text).toHaveLength(1);
      expect(out[0], text).toMatch(expected);
      expect(t.store.tables.orders.size, text).toBe(0);
    }
    const [last, expected] = cases[cases.length - 1]!;
    expect((await group.as('alice').says(last)).join('\n')).toMatch(expected);
    expect([...t.store.tables.orders.values()][0]?.note).toBe('🍎 مرحبا');
  });

  it('with several open deals, a bare +1 asks which; #code or a reply to the card picks one', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    const [secondCard] = await group.as('owner').says('/deal new "Eggs" price=12 min=1');
    expect(secondCard).toContain('#2 Eggs');
    expect(await group.as('alice').reply('+1')).toMatch(/Which deal\? #1 Fresh mangoes, #2 Eggs/);
    expect(t.store.tables.orders.size).toBe(0);
    await group.as('alice').says('+1 #2');
    const cardMessage = t.adapter.actions.find(
      (a) => a.kind === 'send' && describeAction(a).includes('#1 Fresh'),
    )!;
    await group.as('bob').says('+2', { replyTo: cardMessage.kind === 'send' ? cardMessage.messageId : '' });
    expect(t.store.tables.orders.get('memory:main#2/alice')?.qty).toBe(1);
    expect(t.store.tables.orders.get('memory:main#1/bob')?.qty).toBe(2);
    expect(await group.as('alice').reply('+1 #7')).toMatch(/no deal #7/);
  });

  it('members cannot run admin deal commands, and nothing changes', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    for (const text of [
      '/deal new "X" price=1',
      '/deal close #1',
      '/deal cancel #1',
      '/orders #1',
      // A member's `/paid #1` is their own claim; naming someone else is an admin's mark.
      '/paid #1 owner',
    ]) {
      expect(await group.as('alice').reply(text), text).toMatch(/Only group admins/);
    }
    expect(t.store.tables.deals.size).toBe(1);
    expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('open');
  });

  it('the deadline closes the deal from the scheduler, with a reminder 2 h before', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+1');
    expect(await t.advance('45h')).toEqual([]);
    const reminder = await t.advance('2h');
    expect(reminder).toEqual(['⏰ #1 Fresh mangoes closes in 1h: 1 more buyer to 成团!']);
    expect(await t.advance('30m')).toEqual([]);
    const closing = await t.advance('1h');
    expect(closing[0]).toBe(
      '❌ #1 Fresh mangoes did not reach 2 buyers (1) by the deadline. No one needs to pay.',
    );
    expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('failed');
    expect(await t.advance('1d')).toEqual([]);
  });

  it('/deal close with enough buyers announces 成团 with totals; /deal cancel tells every buyer', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    const closed = await group.as('owner').says('/deal close #1');
    expect(closed[0]).toBe('✅ #1 Fresh mangoes closed: 成团 with 2 buyers, 3 units, total ¥119.70.');
    expect(await group.as('carol').says('+1 #1')).toEqual(['#1 Fresh mangoes:\n✗ carol: the deal is closed']);
    await group.as('owner').says('/deal new "Eggs" price=12 min=5');
    await group.as('dave').says('+1');
    expect((await group.as('owner').says('/deal cancel #2'))[0]).toContain('@dave: no one needs to pay');
  });

  it('/orders, /paid, /delivered, unpaid list and a CSV export with Chinese names', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    await group.as('小红').says('+2');
    await group.as('bob').says('/join #1 1 leave at the door');
    expect(await group.as('owner').says('/paid #1 @小红')).toEqual([
      "小红's order in #1 is marked paid (¥79.80).",
      '[dm 小红] ✓ The organiser marked your order in #1 Fresh mangoes paid (¥79.80). Thank you!',
      // The card counts who paid (nobody named).
      expect.stringMatching(/^edited mem1: 🛒 #1 Fresh mangoes[\s\S]*\nPaid: 1 of 2 buyers\n/),
    ]);
    expect(await group.as('owner').reply('/paid #1 nobody')).toBe('No member called nobody in this group.');
    expect(await group.as('owner').reply('/orders #1 unpaid')).toBe(
      '#1: 1 unpaid, ¥39.90 outstanding:\n1. bob ×1 (leave at the door) — ¥39.90',
    );
    await group.as('owner').says('/delivered #1 小红');
    expect(await group.as('owner').reply('/orders #1')).toContain('1. 小红 ×2 — ¥79.80 · paid · delivered');
    const [file] = await group.as('owner').says('/orders #1 csv');
    expect(file).toMatch(/^\[dm owner\] file: .*exports\/deal-memory_main-1-.*\.csv$/);
    const csv = await readFile(file!.replace(/^\[dm owner\] file: /, ''), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(
      'line,member,ordered for,quantity,option,unit price,amount,paid,refunded,note,payment,delivered,time',
    );
    expect(csv).toContain('1,小红,,2,,39.90,79.80,79.80,0.00,,paid,2026-11-25 16:00,2026-11-25 16:00');
    expect(csv).toContain('2,bob,,1,,39.90,39.90,0.00,0.00,leave at the door,owing,,2026-11-25 16:00');
  });

  it('/myorders and /deals', async () => {
    const group = t.group();
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+3');
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Fresh mangoes ×3 — ¥119.70 · owing ¥119.70',
    );
    expect(await group.as('bob').reply('/deals')).toBe(
      'Open deals:\n#1 Fresh mangoes — 1/2 buyers · 3/5 sold · ends 2026-11-27 16:00',
    );
  });

  it('in Chinese', async () => {
    const group = t.group();
    await group.as('owner').says('/lang zh');
    await group.as('owner').says('开团 "赣南脐橙" price=59 min=1');
    const [card] = await group.as('alice').says('接龙+1');
    expect(card).toContain('1. alice ×1\n合计：1 件，¥59.00');
    expect(await group.as('alice').reply('/join #1 0')).toContain('数量无效：至少为 1');
  });

  it('full-width digits count in every number of a deal, as a Chinese input method types them', async () => {
    const group = t.group();
    await group.as('owner').says('/lang zh');
    await group
      .as('owner')
      .says('开团 "赣南脐橙" 价格=３９.９ 库存=２０ 成团=３ 限购=２ 规格="小:59:１０,大"');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({
      priceCents: 3990,
      stock: 20,
      min: 3,
      limit: 2,
      optionStock: { 小: 10 },
    });
    await group.as('owner').says('改团 #1 库存=３０ 限购=５');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ stock: 30, limit: 5 });
  });

  it('in Chinese: 团购 #1 shows the card; replies name commands as the group types them, no slash or English option', async () => {
    const group = t.group();
    await group.as('owner').says('/lang zh');
    const [opened] = await group.as('owner').says('开团 "赣南脐橙" 价格=59');
    await group.as('alice').says('+1');
    const card = await group.as('bob').reply('团购 #1');
    expect(card).toContain('#1 赣南脐橙');
    expect(card).toContain('1. alice ×1');
    expect(await group.as('bob').reply('查看团购 #1')).toBe(card);
    const replies = [
      opened ?? '',
      await group.as('owner').reply('截团 #9'),
      await group.as('owner').reply('帮助 xyz'),
      await group.as('owner').reply('开团 芒果'),
      await group.as('owner').reply('开团 芒果 价格=abc'),
      // The header only: the listing shows each setting's key as it is typed (`tz=`, `ref.join=`).
      (await group.as('owner').reply('设置')).split('\n')[0]!,
      await group.as('owner').reply('帮助 改团'),
      await group.as('owner').reply('帮助 开团'),
      await group.as('owner').reply('开团 芒果 价格=10 截止=昨天'),
    ];
    expect(replies[1]).toBe('本群没有团购 #9。发送「团购」查看进行中的团购。');
    expect(replies[5]).toBe('设置（发送「设置 键=值」修改）：');
    expect(replies[3]).toBe('请填写价格（价格=39.9），或为每个规格填写价格（规格="5斤:59,10斤:109"）。');
    expect(replies[4]).toMatch(/\n用法：开团 "标题" 价格=39.9 /);
    expect(replies[6]).toContain('[改价=全部|新单]');
    for (const reply of replies)
      expect(reply.match(/(?<![A-Za-z])\/[A-Za-z]+|(?<![A-Za-z_.])[A-Za-z]+=/g), reply).toBeNull();
    expect(t.store.tables.deals.size).toBe(1);
  });
});

describe('deadlines survive a restart', () => {
  it('a deadline that passed while the bot was down is applied at start', async () => {
    const first = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = first.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=2h');
    await group.as('alice').says('+1');
    const dir = first.dir;
    await first.bot.stop();

    const second = await TestBot.create({ start: '2026-11-26T08:00:00Z', dir });
    const said = second.adapter.actions.map((a) =>
      a.kind === 'send' && a.out.kind === 'text' ? a.out.text : '',
    );
    expect(said).toContain('✅ #1 Mangoes closed: 成团 with 1 buyer, 1 unit, total ¥10.00.');
    expect(second.store.tables.deals.get('memory:main#1')?.status).toBe('closed');
    await second.close();
  });
});
