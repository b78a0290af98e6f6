import { describe, expect, it } from 'vitest';
import { botsPerTest } from '../helpers/bots.js';
import type { GroupChat, TestBot } from '../helpers/chat.js';
import { dealAtTwoPoints, masked } from '../helpers/goods.js';

/**
 * `pickup.shortage=manual`: goods that arrived short are the organiser's to share out, so the
 * buyers of an option that arrived short are not told to come and collect it: they hear that the
 * organiser will tell them, and get their pickup code once `/short` brings the option's orders
 * within what arrived. Options that arrived in full get their codes at once. `/short` is refused
 * at a point whose goods have not arrived.
 */

const START = '2026-11-25T08:00:00Z';

/** fulfilment.test.ts's deal at two points under the manual rule (carol paid), closed. */
async function closedAtTwoPoints(t: TestBot): Promise<GroupChat> {
  const group = await dealAtTwoPoints(t, 'pickup.shortage=manual');
  await group.as('owner').says('/deal close #1');
  return group;
}

const state = (t: TestBot) =>
  JSON.stringify([
    [...t.store.tables.orders.values()],
    [...t.store.tables.deals.values()],
    [...t.store.tables.fulfilments.values()],
    [...t.store.tables.audit.values()],
  ]);

describe('goods that arrived short under the manual rule', () => {
  const opened = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });
  const bot = (locale: 'en' | 'zh' = 'en') => opened.bot({ locale });
  const codeOf = (t: TestBot, user: string, option: string) =>
    t.store.tables.orders.get(`memory:main#1/${user}|${option}|`)?.pickupCode;

  it('buyers of the short option get no pickup code until /short settles it; the option that came in full is coded at once', async () => {
    const t = await bot();
    const group = await closedAtTwoPoints(t);
    const arrived = masked(t, await group.as('kim').says('/arrived #1 东门 L=8 S=1'));
    expect(arrived).toEqual([
      [
        '📦 #1 Mangoes has arrived at 东门.',
        'Arrived of ordered: L 8/10, S 1/1.',
        'Short L ×2: no order was changed (pickup.shortage=manual). Take units off with /short #1 @member [option] N; the buyers of L get their pickup codes once their orders fit what arrived.',
        'Pick up: 2026-11-28 10:00–12:00.',
        'Buyers of what arrived in full got their pickup code privately (also in /myorders).',
      ].join('\n'),
      '[dm alice] 📦 main: #1 Mangoes has arrived at 东门. Fewer arrived than were ordered of your ×5 L: the organiser will tell you how many you get, and your pickup code for it comes then.',
      '[dm bob] 📦 main: #1 Mangoes has arrived at 东门. Fewer arrived than were ordered of your ×3 L: the organiser will tell you how many you get, and your pickup code for it comes then.',
      '[dm carol] 📦 main: #1 Mangoes has arrived at 东门. Your pickup code: <carol S> (×1 S). Pick up: 2026-11-28 10:00–12:00. Fewer arrived than were ordered of your ×2 L: the organiser will tell you how many you get, and your pickup code for it comes then.',
      '[dm carol] image: QR <carol S>',
    ]);
    expect([codeOf(t, 'alice', 'L'), codeOf(t, 'bob', 'L'), codeOf(t, 'carol', 'L')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Pickup opens: only the buyers with something to collect are told to come.
    expect(masked(t, await group.as('kim').says('/picking #1 东门'))).toEqual([
      '🛍 #1 Mangoes: pickup at 东门 is open now (2026-11-28 10:00–12:00). Show your pickup code when you collect.',
      '[dm carol] 🛍 main: pickup of #1 Mangoes at 东门 is open now (2026-11-28 10:00–12:00). Your pickup code: <carol S> (×1 S).',
    ]);

    // One unit off bob: L is still one over what arrived, nobody gets a code yet.
    expect(await group.as('owner').says('/short #1 @bob 1')).toEqual([
      '✂️ #1: bob ×3 L → ×2 (¥45.00 less).',
      '[dm bob] ✂️ main: #1 Mangoes. Fewer arrived than ordered: your ×3 L is now ×2 (¥45.00 less).',
      expect.stringMatching(/^edited mem\d+: 🛒 #1 Mangoes/),
    ]);
    expect(codeOf(t, 'alice', 'L')).toBeUndefined();

    // Carol's 2 L off: L now holds what arrived, its buyers get their codes and the time.
    expect(masked(t, await group.as('owner').says('/short #1 @carol L 2'))).toEqual([
      '✂️ #1: carol ×2 L → none arrived, withdrawn (¥90.00 less). Owed back: carol ¥90.00. Record each refund with /refund #1 @member once paid back. L at 东门 now fits what arrived: its buyers got their pickup codes privately.',
      '[dm carol] ✂️ main: #1 Mangoes. None of your ×2 L arrived: that order is withdrawn (¥90.00 less). ¥90.00 will be refunded to you.',
      '[dm alice] 📦 main: #1 Mangoes at 东门: the shortage is settled and your order is ready to pick up. Your pickup code: <alice L> (×5 L). Pick up: 2026-11-28 10:00–12:00.',
      '[dm bob] 📦 main: #1 Mangoes at 东门: the shortage is settled and your order is ready to pick up. Your pickup code: <bob L> (×2 L). Pick up: 2026-11-28 10:00–12:00.',
      '[dm alice] image: QR <alice L>',
      '[dm bob] image: QR <bob L>',
      expect.stringMatching(/^edited mem\d+: 🛒 #1 Mangoes/),
    ]);
    expect(t.store.tables.fulfilments.get('memory:main#1|memory:main|p1')?.held).toBeUndefined();
  });

  it('the member whose /short settles the option gets the code with the shortage; a batch check skips lines still short', async () => {
    const t = await bot();
    const group = await closedAtTwoPoints(t);
    await group.as('kim').says('/arrived #1 东门 L=9 S=1');
    // Before: a whole-point check hands over carol's S only, and says who waits for the shortage.
    expect(masked(t, await t.dm('owner').says('/verify #1 all 东门 confirm'))).toEqual([
      [
        '[dm owner] ✓ #1 at 东门: 1 line marked picked up.',
        '⏳ 3 lines arrived short and wait for /short before they are handed over: alice ×5 L, bob ×3 L, carol ×2 L.',
      ].join('\n'),
      expect.stringMatching(/^\[dm carol\] ✓ Your #1 Mangoes ×1 S was picked up at 东门 on /),
    ]);
    const out = masked(t, await group.as('owner').says('/short #1 @bob L 1'));
    expect(out.slice(0, 3)).toEqual([
      '✂️ #1: bob ×3 L → ×2 (¥45.00 less). L at 东门 now fits what arrived: its buyers got their pickup codes privately.',
      '[dm bob] ✂️ main: #1 Mangoes. Fewer arrived than ordered: your ×3 L is now ×2 (¥45.00 less). Your pickup code: <bob L> (×2 L). Pick up: 2026-11-28 10:00–12:00.',
      '[dm alice] 📦 main: #1 Mangoes at 东门: the shortage is settled and your order is ready to pick up. Your pickup code: <alice L> (×5 L). Pick up: 2026-11-28 10:00–12:00.',
    ]);
    expect(out).toContain(
      '[dm carol] 📦 main: #1 Mangoes at 东门: the shortage is settled and your order is ready to pick up. Your pickup code: <carol L> (×2 L). Pick up: 2026-11-28 10:00–12:00.',
    );
  });

  it('/short at a point whose goods have not arrived is refused, changing nothing', async () => {
    const t = await bot();
    const group = await closedAtTwoPoints(t);
    await group.as('kim').says('/arrived #1 东门 L=8 S=1');
    const before = state(t);
    expect(await group.as('owner').says('/short #1 @dan 1')).toEqual([
      'Goods of #1 have not arrived at 西门 yet: record the arrival first (/arrived #1 西门). Nothing changed.',
    ]);
    expect(state(t)).toBe(before);
  });

  it('a Chinese group: 到货 大份=3 小份=0 tells frank his 小份 came short, without a code or a time; the others get theirs in full-width brackets', async () => {
    const t = await bot('zh');
    const group = t.group();
    await group.as('kim').says('大家好');
    await group.as('owner').says('自提点 添加 东门 时间="周六 10:00-12:00" 负责人=@kim');
    await group.as('owner').says('/settings 缺货规则=手动');
    await group.as('owner').says('开团 "大闸蟹" price=88 options=大份:88,小份:48 min=2 ends=48h');
    await group.as('alice').says('+1 大份');
    await group.as('carol').says('+2 大份');
    await group.as('frank').says('+1 小份');
    await group.as('owner').says('截团 #1');
    const out = masked(t, await group.as('kim').says('到货 #1 东门 大份=3 小份=0'));
    expect(out.slice(0, 4)).toEqual([
      [
        '📦 #1 大闸蟹 已到 东门。',
        '到货/订购：大份 3/3、小份 0/1。',
        '缺货 小份 ×1：订单未改动（缺货规则=手动）。请发送 缺货 #1 @成员 [规格] 数量 扣减；小份 的买家在订单与到货数一致后收到提货码。',
        '提货时间：2026-11-28 10:00–12:00。',
        '到货齐全的买家已私信收到提货码（发送 我的订单 也能查看）。',
      ].join('\n'),
      '[dm alice] 📦 main：#1 大闸蟹 已到 东门。你的提货码：<alice 大份>（×1 大份）。提货时间：2026-11-28 10:00–12:00。',
      '[dm carol] 📦 main：#1 大闸蟹 已到 东门。你的提货码：<carol 大份>（×2 大份）。提货时间：2026-11-28 10:00–12:00。',
      '[dm frank] 📦 main：#1 大闸蟹 已到 东门。你的 ×1 小份 到货不足：团长确定你能拿到的数量后会通知你，届时再发提货码。',
    ]);
    expect(out).toContain('[dm alice] image: QR <alice 大份>');
    expect(out.join('\n')).not.toMatch(/\[dm frank\].*提货码：/);
    expect(codeOf(t, 'frank', '小份')).toBeUndefined();
  });
});
