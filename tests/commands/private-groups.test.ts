import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';

/**
 * A member in several groups, in a private chat with the bot: answered in the groups' language
 * when they all speak one, and `退订 水果` / `订阅` act on (and list) every group where it applies,
 * naming each; bad input changes nothing.
 */
describe('a member of two Chinese groups, privately', () => {
  let t: TestBot;
  let one: GroupChat;
  let two: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    one = t.group('一群');
    two = t.group('二群');
    for (const group of [one, two]) {
      await group.as('owner').says('/lang zh');
      await group.as('owner').says('开团 "砂糖橘" 价格=29.9 分类=水果');
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const subscriptions = () =>
    [...t.store.tables.subscriptions.values()]
      .map((s) => `${s.communityId} ${s.userId} ${s.category}`)
      .sort();

  it('is answered in Chinese, not in the default language', async () => {
    await one.as('alice').says('你好');
    await two.as('alice').says('你好');
    expect(await t.dm('alice').says('积分')).toEqual([
      '[dm alice] 我不知道你指的是哪个群。请在群里使用「积分」，或先加入一个有我的群。',
    ]);
  });

  it('订阅 lists the subscriptions per group; 退订 水果 drops it in every group that has it, naming them', async () => {
    await one.as('alice').says('订阅 水果');
    await two.as('alice').says('订阅 水果 蔬菜');
    const listed = await t.dm('alice').says('订阅');
    expect(listed).toEqual([
      '[dm alice] 【一群】\n你在一群的订阅：水果。\n【二群】\n你在二群的订阅：水果、蔬菜。',
    ]);
    expect(await t.dm('alice').says('退订 水果')).toEqual([
      '[dm alice] 已退订「水果」（一群、二群）。\n一群：你已没有任何订阅，私信优惠已关闭。\n二群：仍在订阅：蔬菜。',
    ]);
    expect(subscriptions()).toEqual(['memory:二群 alice 蔬菜']);
    expect(await t.dm('alice').says('退订 全部')).toEqual([
      '[dm alice] 已退订「蔬菜」（二群）。\n你已没有任何订阅，私信优惠已关闭。',
    ]);
    expect(subscriptions()).toEqual([]);
  });

  it('退订 of a category no group has is refused and changes nothing', async () => {
    await one.as('alice').says('订阅 水果');
    await two.as('alice').says('订阅 蔬菜');
    const before = subscriptions();
    expect(await t.dm('alice').says('退订 海鲜')).toEqual([
      '[dm alice] 你在所有群都没有订阅「海鲜」。你的订阅：一群：水果；二群：蔬菜。未做任何更改。',
    ]);
    expect(await t.dm('alice').says('订阅 海鲜')).toEqual([
      '[dm alice] 你在多个群：请在想收优惠的群里发送“订阅 海鲜”。',
    ]);
    expect(subscriptions()).toEqual(before);
  });

  it('in English groups the private answers stay English', async () => {
    const t2 = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    try {
      for (const name of ['north', 'south']) {
        await t2.group(name).as('owner').says('/deal new "Mangoes" price=39.9 category=fruit');
        await t2.group(name).as('alice').says('/subscribe fruit');
      }
      expect(await t2.dm('alice').says('/unsubscribe fruit')).toEqual([
        '[dm alice] Unsubscribed from fruit (north, south).\nYou have no subscriptions left, so private offers are off.',
      ]);
    } finally {
      await t2.close();
    }
  });

  it('订阅 with no category in any deal says how to subscribe all the same', async () => {
    const t2 = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    try {
      const group = t2.group();
      await group.as('owner').says('开团 "砂糖橘" 价格=29.9');
      expect(await group.as('alice').says('订阅')).toEqual([
        '[dm alice] 你在main还没有订阅。\n本群的团购还没有分类。也可以先订阅，例如：订阅 水果，这类团购开团时我会私信告诉你。',
      ]);
    } finally {
      await t2.close();
    }
  });

  it('隐私 数据 says the group’s real daily cap of offers, or the group’s cap when several groups', async () => {
    await one.as('owner').says('/settings offers.daily_cap=2');
    expect((await one.as('alice').says('隐私 数据')).join('\n')).toContain('每天最多 2 条');
    await two.as('alice').says('你好');
    expect((await t.dm('alice').says('隐私 数据')).join('\n')).toContain(
      '每天最多为所在群的每日私信优惠上限',
    );
  });

  it('团购 privately: one footer on recommendations, naming the group where they are off', async () => {
    for (const group of [one, two]) await group.as('alice').says('你好');
    await t.dm('alice').says('隐私 开启 推荐 一群');
    const said = (await t.dm('alice').says('团购')).join('\n');
    const lines = said.split('\n');
    expect(lines.filter((l) => l.includes('推荐已开启'))).toEqual([
      '推荐已开启，但你在本群还没有可参考的订单。',
    ]);
    expect(said.match(/隐私 关闭 推荐/g)).toHaveLength(1);
    expect(said.match(/隐私 开启 推荐/g)).toHaveLength(1);
    expect(lines.at(-2)).toContain('二群的推荐未开启');
    expect(lines.at(-2)).toContain('隐私 开启 推荐 二群');
    expect(lines.at(-1)).toBe('发送“隐私 关闭 推荐”即可在所有群关闭推荐。');
  });
});
