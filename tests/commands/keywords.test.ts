import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { features } from '../../commands/index.js';
import { hasZhLabel } from '../../src/core/i18n/arg-words.js';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

const specs = features.flatMap((f) => f.commands ?? []);
const CHINESE = /[\u4e00-\u9fff]/;

describe('every command has Chinese words', () => {
  it('each command and subcommand has a Chinese keyword', () => {
    const missing = specs.filter((s) => !s.keywords?.some((k) => CHINESE.test(k))).map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('a subcommand is also its parent word and its own (`清理 确认`), the parent word working alone', () => {
    const single = new Set(specs.flatMap((s) => s.keywords ?? []).filter((k) => !k.includes(' ')));
    const missing = specs
      .filter((s) => s.name.includes(' '))
      .filter((s) => !s.keywords?.some((k) => k.includes(' ') && single.has(k.split(' ')[0]!)))
      .map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('every argument a command declares has a Chinese name for refusals', () => {
    const missing = specs.flatMap((s) =>
      Object.keys(s.args.shape as object)
        .filter((arg) => !hasZhLabel(arg))
        .map((arg) => `${s.name} ${arg}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('a Chinese group runs every family by its own words', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group();
    await group.as('owner').says('/lang zh');
  });
  afterEach(async () => {
    await t.close();
  });

  const owner = () => group.as('owner');

  it('a refusal names the command by its Chinese word, however the member typed it', async () => {
    await owner().says('开团 "赣南脐橙" 价格=59');
    const refused = (who: string) => `只有群管理员可以使用「${who}」，未做任何更改。`;
    expect(await group.as('alice').reply('/deal new "草莓" price=39.9')).toBe(refused('开团'));
    expect(await group.as('alice').reply('/deal close #1')).toBe(refused('截团'));
    expect(await group.as('alice').reply('截团 #1')).toBe(refused('截团'));
    expect(await group.as('alice').reply('/cancel #1 @bob')).toBe(refused('取消订单 @成员'));
    expect(await group.as('alice').reply('/whoamii')).toBe(
      '未知命令 /whoamii。你是想用「我的信息」吗？发送「帮助」查看全部命令。',
    );
  });

  it('deals: 开团 with Chinese option names, 团购 修改, 截团, 取消团购', async () => {
    const card = await owner().says('开团 "赣南脐橙" 价格=59 成团人数=2 库存=10');
    expect(card.join('\n')).toContain('🛒 #1 赣南脐橙');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ priceCents: 5900, min: 2, stock: 10 });
    await owner().says('团购 修改 #1 库存=50');
    await owner().says('团购修改 #1 限购=3');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ stock: 50, limit: 3 });
    await owner().says('开团 "土鸡蛋" 价格=12');
    expect((await owner().says('截团 #1'))[0]).toMatch(/^❌ #1 赣南脐橙/);
    expect((await owner().says('取消团购 #2'))[0]).toMatch(/^🚫 #2 土鸡蛋/);
  });

  it('orders: 参团, 订单 #1 未付款, 已付款 #1 @alice, and a refused quantity in Chinese', async () => {
    await owner().says('开团 "芒果" 价格=39.9');
    await group.as('alice').says('参团 #1 2');
    expect(await owner().reply('订单 #1 未付款')).toMatch(/^#1：1 人未付款/);
    await owner().says('已付款 #1 @alice');
    expect(await owner().reply('订单 #1 未付款')).not.toContain('alice');
    expect(await group.as('alice').reply('参团 #1 0')).toMatch(/^数量无效：至少为 1。\n用法：/);
    expect(await owner().reply('订单 #1 随便')).toMatch(/^查看方式无效：可选 CSV、未付款、待确认、退款。/);
  });

  it('prune: 清理, 清理 提醒, 清理确认 and /清理 确认 reach the subcommands', async () => {
    expect(await owner().reply('清理')).toMatch(/^清理预览：0 名候选成员/);
    expect(await owner().reply('清理 提醒')).toBe('没有清理候选，未提醒任何人。');
    const confirm = '没有需要移除的成员。请先发“清理 提醒”提醒候选成员。';
    expect(await owner().reply('清理 确认')).toBe(confirm);
    expect(await owner().reply('清理确认')).toBe(confirm);
    expect(await owner().reply('/清理 确认')).toBe(confirm);
    expect(await group.as('alice').reply('清理 确认')).toBe(
      '只有群管理员可以使用「清理 确认」，未做任何更改。',
    );
  });

  it('topics: 话题 定时 每天 20:00, 话题 添加, 话题 删除, 话题 关闭', async () => {
    expect(await owner().reply('话题 定时 每天 20:00')).toBe(
      '已设置定时话题：0 20 * * *。下一次：2026-11-25 20:00（Asia/Shanghai）。',
    );
    await owner().says('话题');
    expect(await owner().reply('话题 添加 "今天吃什么？"')).toBe('已添加话题 6。');
    expect(await owner().reply('话题 删除 6')).toBe('已删除话题 6。');
    expect(await owner().reply('话题 关闭')).toBe('定时话题已关闭。发“发话题”仍可立即发一条。');
  });

  it('privacy: 删除我的数据 then 删除我的数据 确认; 标签 关闭', async () => {
    await group.as('alice').says('hello');
    expect(await group.as('alice').reply('删除我的数据')).toContain('请在 10 分钟内发送“删除我的数据 确认”');
    expect(await group.as('alice').reply('删除我的数据 确认')).toBe('已完成：你在「main」的个人数据已删除。');
    await group.as('bob').says('标签 兴趣=水果 地区=浦东');
    expect(t.store.tables.members.get('memory:main/bob')?.profile).toMatchObject({
      interests: ['水果'],
      area: '浦东',
    });
    expect(await group.as('bob').reply('标签 关闭')).toBe('[dm bob] 你的标签已清除。');
  });

  it('points, report and settings: 排行榜 本月, 报告 7天, 设置 时区= 货币=', async () => {
    expect(await group.as('alice').reply('排行榜 本月')).toBe('这段时间还没有人获得积分。');
    expect((await owner().says('报告 7天'))[0]).toMatch(/^📊 main — 近 7 天/);
    expect(await owner().reply('设置 时区=Asia/Shanghai 货币=元')).toBe(
      '已保存：时区=Asia/Shanghai，货币=元。',
    );
    expect(await owner().reply('设置 orders.track_payment=关')).toBe('已保存：付款后发首单奖励=关。');
    expect(t.store.tables.communities.get('memory:main')?.settings['orders.track_payment']).toBe('off');
    await owner().says('开团 "芒果" 价格=39.9');
    expect(t.adapter.actions.at(-1)).toMatchObject({ out: { text: expect.stringContaining('39.90元') } });
  });

  it('a refused setting is explained in Chinese, no English word in the answer, and nothing changes', async () => {
    const refused = await owner().reply('设置 时区=Mars/Base');
    expect(refused).toBe('时区的值无效：应为 IANA 时区名，如 Asia/Shanghai。未做任何更改。');
    expect(englishWords(refused)).toEqual([]);
    expect(t.store.tables.communities.get('memory:main')?.timezone).toBe('Asia/Shanghai');
    for (const line of [
      '设置 prune.after=很快',
      '设置 points.checkin=很多',
      '设置 prune.auto=也许',
      '设置 货币=人民币元整',
    ])
      expect(englishWords(await owner().reply(line)), line).toEqual([]);
    expect(await owner().reply('设置 points.checkin=5000')).toBe(
      '签到积分的值无效：最多为 1000。未做任何更改。',
    );
    expect(t.store.tables.communities.get('memory:main')?.settings).toEqual({});
  });

  it('help: the list shows each command under its Chinese words, and 帮助 清理 explains the family', async () => {
    expect(await owner().reply('帮助')).toContain('管理员命令：发送“帮助 管理”查看');
    const list = await owner().reply('帮助 管理');
    expect(list).toContain('清理 确认（/prune confirm）— 移除提醒期满仍未活跃的成员');
    expect(list).toContain('话题 / 话题 列表（/topic list）');
    const prune = await owner().reply('帮助 清理');
    expect(prune.split('\n\n').map((part) => part.split('\n')[0])).toEqual([
      '/prune',
      '/prune warn',
      '/prune confirm',
    ]);
    expect(prune).toContain('也可以用：清理 确认');
    expect(await owner().reply('帮助 清理 确认')).toMatch(/^\/prune confirm\n移除提醒期满仍未活跃的成员/);
  });
});
