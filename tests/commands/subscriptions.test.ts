import { describe, expect, it } from 'vitest';
import { botsPerTest } from '../helpers/bots.js';
import type { TestBot } from '../helpers/chat.js';

/**
 * Deal categories (`category=水果`) and category subscriptions (`/subscribe 水果`, 订阅 水果): the
 * answers go to the member privately; subscribing turns the offers purpose on and says so;
 * dropping the last subscription turns it off. Bad input is answered and changes nothing.
 */
const START = '2026-11-25T08:00:00Z';

describe('category subscriptions', () => {
  const { bot } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });

  const mine = (t: TestBot, user = 'alice') =>
    t.store.tables.subscriptions.by('member', `memory:main/${user}`).map((s) => s.category);
  const ledger = (t: TestBot, user = 'alice') =>
    t.store.tables.consents
      .by('member', `memory:main/${user}`)
      .map((c) => `${c.purpose} ${c.granted} ${c.via}`);

  it('subscribe, list and unsubscribe in English; offers turned on by subscribing, off with the last one', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果,生鲜');
    expect(await group.as('alice').says('/subscribe 水果')).toEqual([
      '[dm alice] Subscribed to 水果 in main. When a deal of these opens, I will tell you privately (at most 3 a day).\nPrivate offers were off; subscribing turned them on. To stop: /unsubscribe 水果 (or /unsubscribe all), or /privacy off offers.',
    ]);
    expect(ledger(t)).toEqual(['offers true subscribe']);
    await t.advance('1m');
    expect(await group.as('alice').says('/subscribe 水果 Ｆｒｕｉｔ')).toEqual([
      '[dm alice] Subscribed to Fruit in main. When a deal of these opens, I will tell you privately (at most 3 a day).\nAlready subscribed: 水果.',
    ]);
    expect(await group.as('alice').says('/subscribe')).toEqual([
      "[dm alice] Your subscriptions in main: 水果, Fruit.\nCategories of this group's deals: 水果, 生鲜. Subscribe with /subscribe 水果.",
    ]);
    expect(await group.as('alice').says('/unsubscribe fruit')).toEqual([
      '[dm alice] Unsubscribed from Fruit.\nStill subscribed: 水果.',
    ]);
    expect(await group.as('alice').says('/unsubscribe all')).toEqual([
      '[dm alice] Unsubscribed from 水果.\nYou have no subscriptions left, so private offers are off.',
    ]);
    expect(mine(t)).toEqual([]);
    expect(ledger(t)).toEqual(['offers true subscribe', 'offers false command']);
  });

  it('in Chinese: 订阅 several at once, 订阅 lists, 退订 one, 退订 全部', async () => {
    const t = await bot({ locale: 'zh' });
    const group = t.group();
    await group.as('owner').says('开团 "砂糖橘" 价格=29.9 分类=水果');
    expect(await group.as('alice').says('订阅 水果、生鲜')).toEqual([
      '[dm alice] 已订阅「水果、生鲜」（main）。这些分类开团时，我会私信告诉你（每天最多 3 条）。\n私信优惠原来是关闭的，订阅后已开启。不想再收到：发送“退订 水果”（或“退订 全部”），或“隐私 关闭 私信优惠”。',
    ]);
    expect(await group.as('alice').says('订阅')).toEqual([
      '[dm alice] 你在main的订阅：水果、生鲜。\n本群团购的分类：水果。订阅请发送：订阅 水果',
    ]);
    expect(await group.as('alice').says('退订 生鲜')).toEqual([
      '[dm alice] 已退订「生鲜」。\n仍在订阅：水果。',
    ]);
    expect(await group.as('alice').says('退订 全部')).toEqual([
      '[dm alice] 已退订「水果」。\n你已没有任何订阅，私信优惠已关闭。',
    ]);
    expect(mine(t)).toEqual([]);
  });

  it('asked in a private chat, the answer is the reply there', async () => {
    const t = await bot();
    await t.group().as('alice').says('hello');
    expect(await t.dm('alice').says('/subscribe 水果')).toEqual([
      expect.stringMatching(/^\[dm alice\] Subscribed to 水果 in main\./),
    ]);
    expect(mine(t)).toEqual(['水果']);
  });

  it('bad input gets a clear answer and changes nothing', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('alice').says('/subscribe 水果');
    const before = { subs: mine(t), consents: ledger(t) };
    expect(await group.as('alice').reply('/subscribe ,')).toBe(
      'I cannot subscribe to ",": write 1 to 5 categories of at most 20 characters each, separated by commas or spaces, e.g. /subscribe 水果 生鲜. Nothing was changed.',
    );
    const long = '很长的分类名字'.repeat(4).slice(0, 30);
    expect(await group.as('alice').reply(`/subscribe ${long}`)).toContain(`I cannot subscribe to "${long}"`);
    expect(await group.as('alice').reply(`订阅 ${long}`)).toContain('Nothing was changed.');
    expect(await group.as('alice').says('/unsubscribe 不存在')).toEqual([
      '[dm alice] You are not subscribed to 不存在. Your subscriptions: 水果. Nothing was changed.',
    ]);
    expect(await group.as('alice').reply('/unsubscribe')).toBe(
      'Which category? /unsubscribe 水果, or /unsubscribe all. /subscribe lists yours.',
    );
    expect(await group.as('bob').reply('退订 全部')).toBe('You have no subscriptions. Nothing was changed.');
    expect({ subs: mine(t), consents: ledger(t) }).toEqual(before);
    expect(ledger(t, 'bob')).toEqual([]);
  });

  it('in Chinese, bad input is refused in Chinese', async () => {
    const t = await bot({ locale: 'zh' });
    const group = t.group();
    expect(await group.as('alice').reply('订阅 ，')).toBe(
      '无法订阅「，」：请写 1 到 5 个分类，每个最多 20 个字，用逗号或空格分开，例如：订阅 水果 生鲜。未做任何更改。',
    );
    expect(await group.as('alice').reply('退订 不存在')).toBe('你还没有任何订阅，未做任何更改。');
    expect(mine(t)).toEqual([]);
  });
});

describe('deal categories', () => {
  const { bot } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });
  const categoriesOf = (t: TestBot, no: number) => t.store.tables.deals.get(`memory:main#${no}`)?.categories;

  it('category= on /deal new and /deal edit (none clears them); the card shows them in one line', async () => {
    const t = await bot({ locale: 'zh' });
    const group = t.group();
    const out = await group.as('owner').says('开团 "砂糖橘" 价格=29.9 分类=水果，生鲜');
    expect(out.some((o) => o.includes('\n分类：水果、生鲜\n'))).toBe(true);
    expect(categoriesOf(t, 1)).toEqual(['水果', '生鲜']);
    await group.as('owner').says('改团 #1 分类=年货');
    expect(categoriesOf(t, 1)).toEqual(['年货']);
    await group.as('owner').says('改团 #1 分类=无');
    expect(categoriesOf(t, 1)).toEqual([]);
    expect((await group.as('owner').says('查看团购 #1')).some((o) => o.includes('分类'))).toBe(false);
  });

  it('a bad category is refused, in both languages, and opens or changes nothing', async () => {
    const t = await bot();
    const group = t.group();
    const long = 'x'.repeat(30);
    expect(await group.as('owner').reply(`/deal new "Mangoes" price=39.9 category=${long}`)).toBe(
      `I cannot use category=${long}: give 1 to 5 categories of at most 20 characters each, separated by commas (category=水果,生鲜), or category=none to clear them. Nothing was changed.`,
    );
    expect(t.store.tables.deals.get('memory:main#1')).toBeUndefined();
    await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    expect(await group.as('owner').reply('/deal edit #1 category=,')).toContain('I cannot use category=,');
    expect(categoriesOf(t, 1)).toEqual(['水果']);
    const zh = await bot({ locale: 'zh', dir: undefined });
    expect(
      await zh
        .group()
        .as('owner')
        .reply(`开团 "芒果" 价格=39 分类=${'长'.repeat(21)}`),
    ).toBe(
      `无法使用 分类=${'长'.repeat(21)}：请写 1 到 5 个分类，每个最多 20 个字，用逗号分开（分类=水果,生鲜）；写 分类=无 可清除。未做任何更改。`,
    );
  });

  it('templates and /deal copy keep the categories', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果,生鲜');
    await group.as('owner').says('/template save #1 芒果');
    await group.as('owner').says('/deal new from=芒果');
    await group.as('owner').says('/deal copy #1');
    await group.as('owner').says('/deal copy #1 category=年货');
    expect([2, 3, 4].map((no) => categoriesOf(t, no))).toEqual([
      ['水果', '生鲜'],
      ['水果', '生鲜'],
      ['年货'],
    ]);
  });
});
