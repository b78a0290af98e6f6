import { describe, expect, it } from 'vitest';
import { botsPerTest } from '../helpers/bots.js';
import type { TestBot } from '../helpers/chat.js';

/**
 * Checking a whole point at once (`/verify #1 all 西门`, 核销 #1 全部 西门) as members notice it:
 * each member handed their goods gets a private receipt as for a single code, the answer reads
 * in the group's language, and the point may be one removed since (its lines are still handed out
 * there, by its keeper too) or `-`, the lines without a point.
 */

const START = '2026-11-25T08:00:00Z';

describe('a whole point checked at once', () => {
  const opened = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });
  const bot = (locale: 'en' | 'zh' = 'en') => opened.bot({ locale });
  const codeOf = (t: TestBot, user: string) =>
    [...t.store.tables.orders.values()].find((o) => o.userId === user)?.pickupCode;

  it('每位交货的成员私信收到提货回执；未付款的行用全角括号列出', async () => {
    const t = await bot('zh');
    const group = t.group();
    await group.as('wes').says('大家好');
    await group.as('owner').says('自提点 添加 东门');
    await group.as('owner').says('自提点 添加 西门 负责人=@wes');
    await group.as('owner').says('开团 "大闸蟹" price=88 options=大份:88,小份:48 min=2 ends=48h');
    await group.as('alice').says('+1 大份 西门');
    await group.as('alice').says('+1 小份 西门');
    await group.as('bob').says('+2 小份 西门');
    await group.as('carol').says('+1 大份 东门');
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('截团 #1');
    await group.as('wes').says('到货 #1 西门 全部');
    expect(await t.dm('wes').says('核销 #1 全部 西门')).toEqual([
      [
        '[dm wes] ✓ #1 西门：已核销 2 份订单。',
        '⚠ 1 份订单未付款，未核销：bob ×2 小份（未付款 ¥96.00）。如需一并交货，请发送“核销 #1 全部 西门 确认”。',
      ].join('\n'),
      '[dm alice] ✓ 你在 #1 大闸蟹 的 ×1 大份、×1 小份 已于 2026-11-25 16:00 在 西门 提货。如非本人提货，请联系团长。\n满意吗？欢迎评价（每人一次，1–5 星）：评价 #1 5 内容',
    ]);
    expect(await t.dm('wes').says('核销 #1 全部 西门 确认')).toEqual([
      '[dm wes] ✓ #1 西门：已核销 1 份订单。\n此前已核销 2 份。',
      '[dm bob] ✓ 你在 #1 大闸蟹 的 ×2 小份 已于 2026-11-25 16:00 在 西门 提货。如非本人提货，请联系团长。\n满意吗？欢迎评价（每人一次，1–5 星）：评价 #1 5 内容',
    ]);
  });

  it('a point removed after the orders: its keeper records the arrival, checks codes and the whole point there', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('wes').says('hi');
    await group.as('owner').says('/pickup add East');
    await group.as('owner').says('/pickup add West keeper=@wes');
    await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h');
    await group.as('alice').says('+1 West');
    await group.as('bob').says('+2 West');
    await group.as('carol').says('+1 East');
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('/paid #1 @bob');
    await group.as('owner').says('/deal close #1');
    expect(await group.as('owner').reply('/pickup remove West')).toBe(
      'Pickup point 2 West removed: it takes no new orders.',
    );
    expect((await group.as('wes').says('/arrived #1 West all'))[0]).toMatch(
      /^📦 #1 Mangoes has arrived at West\./,
    );
    const alice = codeOf(t, 'alice')!;
    expect(await t.dm('wes').says(`/verify ${alice}`)).toEqual([
      `[dm wes] ✓ ${alice} picked up: hand alice #1 Mangoes ×1 at West. Wrong code? /unverify ${alice} within 10 minutes.`,
      '[dm alice] ✓ Your #1 Mangoes ×1 was picked up at West on 2026-11-25 16:00. Not you? Tell the organiser.\nHow was it? Review it (once, 1–5 stars): /review #1 5 TEXT',
    ]);
    expect(await t.dm('wes').says('/verify #1 all West')).toEqual([
      '[dm wes] ✓ #1 at West: 1 line marked picked up.\n1 line was picked up before.',
      '[dm bob] ✓ Your #1 Mangoes ×2 was picked up at West on 2026-11-25 16:00. Not you? Tell the organiser.\nHow was it? Review it (once, 1–5 stars): /review #1 5 TEXT',
    ]);
    // An admin names it too.
    expect(await t.dm('owner').says('/verify #1 all West')).toEqual([
      '[dm owner] 2 lines were picked up before.',
    ]);
  });

  it('the lines without a pickup point are checked at once as `-`', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 ends=48h');
    await group.as('alice').says('+3');
    await group.as('owner').says('/pickup add 东门');
    await group.as('bob').says('+2 东门');
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('/deal close #1');
    await group.as('owner').says('/arrived #1 - all');
    expect(await t.dm('owner').says('/verify #1 all')).toEqual([
      '[dm owner] Which point? 东门, -. E.g. /verify #1 all 东门',
    ]);
    expect(await t.dm('owner').says('/verify #1 all -')).toEqual([
      '[dm owner] ✓ #1: 1 line marked picked up.',
      '[dm alice] ✓ Your #1 Eggs ×3 was handed over on 2026-11-25 16:00. Not you? Tell the organiser.\nHow was it? Review it (once, 1–5 stars): /review #1 5 TEXT',
    ]);
  });
});
