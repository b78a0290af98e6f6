import { afterEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Units given from the waitlist after the goods arrived at the member's point: the member is told
 * the goods are there, when to pick them up, and (privately only) their pickup code; and units
 * freed at one point go to someone waiting for that point, not to the first in line elsewhere.
 */

const START = '2026-11-25T08:00:00Z';

/**
 * 3 eggs: alice ×1 at 东门 (Saturdays 10–12), unpaid; carol ×2 at 西门, paid. dan waits for 西门,
 * then bob for 东门. Unpaid lines are cancelled 12 h after the close. Closed, and the goods
 * arrived at 东门 only.
 */
async function arrivedAtEast(t: TestBot, locale: 'en' | 'zh'): Promise<GroupChat> {
  const group = t.group();
  if (locale === 'zh') await group.as('owner').says('/lang zh');
  await group.as('owner').says('/settings orders.unpaid_cancel=12h');
  await group.as('owner').says('/pickup add 东门 times="周六 10:00-12:00"');
  await group.as('owner').says('/pickup add 西门');
  await group.as('owner').says('/deal new "Eggs" price=12 min=2 stock=3 ends=1d');
  await group.as('alice').says('+1 东门');
  await group.as('carol').says('+2 西门');
  await group.as('dan').says('+1 西门');
  await group.as('bob').says('+1 东门');
  await group.as('owner').says('/paid #1 @carol');
  await t.advance('1d');
  await group.as('owner').says('/arrived #1 东门 all');
  return group;
}

describe('units given from the waitlist after the goods arrived', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function bot(): Promise<TestBot> {
    const t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    cleanup.push(() => t.close());
    return t;
  }
  const codeOf = (t: TestBot, user: string) => t.store.tables.orders.get(`memory:main#1/${user}`)?.pickupCode;

  it('go to bob, who waits for 东门 where they are, with the arrival, the time and his code, privately', async () => {
    const t = await bot();
    await arrivedAtEast(t, 'en');
    const out = await t.advance('12h');
    const granted = out.filter((m) => m.includes('🎉'));
    const code = codeOf(t, 'bob');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(granted).toEqual([
      `[dm bob] 🎉 #1 Eggs: ×1 freed up and is yours from the waitlist (it is on your order now). Please pay by 2026-11-27 16:00; unpaid by then, it goes to the next in line. The goods have arrived at 东门: your pickup code is ${code} (×1); pick up 2026-11-28 10:00–12:00.`,
    ]);
    expect(t.store.tables.orders.get('memory:main#1/dan')).toBeUndefined();
  });

  it('where bob cannot be written to privately, the group hears the goods arrived, never the code', async () => {
    const t = await bot();
    t.adapter.unreachable.add('bob');
    await arrivedAtEast(t, 'zh');
    const out = await t.advance('12h');
    const code = codeOf(t, 'bob')!;
    const said = out.filter((m) => m.includes('候补成功'));
    expect(said).toEqual([
      '@bob：#1 Eggs 候补成功，×1 已加入你的订单。请在 2026-11-27 16:00 前付款，逾期未付将转给下一位候补。货已到 东门：请私聊机器人发送 我的订单 查看提货码。',
    ]);
    expect(out.join('\n')).not.toContain(code);
  });
});
