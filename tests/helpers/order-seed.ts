import type { GroupChat, TestBot } from './chat.js';

/**
 * A community with orders in every state the orders table shows, built through the chat:
 *
 * Points 东门 (no 1) and 西门 (no 2).
 * #1 Eggs ¥12, closed, goods arrived at 东门 only:
 *   1 alice ×1 东门 — paid, picked up (her code checked)
 *   2 carol ×3 东门 — owing ¥36, waiting at 东门
 *   3 bob ×2 西门 — claimed (he says he paid), not arrived
 *   – dan ×1 东门 — paid, then withdrew: refund due ¥12 (no card number)
 * #2 Crabs 大份 ¥88 / 小份 ¥48, still open:
 *   1 alice 大份 ×1 东门 — paid by the owner
 *   2 Eve Chen (id u5) 小份 ×2 西门 — owing ¥96
 * Orders a minute apart from 2026-11-25T08:00Z in the order listed here (dan after alice).
 */
export async function seedOrders(t: TestBot, group: GroupChat = t.group()): Promise<void> {
  const owner = group.as('owner');
  // A minute between the orders, so "ordered at" tells them apart.
  const minute = () => t.clock.advance(60_000);
  await owner.says('/pickup add 东门');
  await owner.says('/pickup add 西门');
  await owner.says('/deal new "Eggs" price=12 min=2 ends=48h');
  await group.as('alice').says('+1 东门');
  minute();
  await group.as('dan').says('+1 东门');
  minute();
  await owner.says('/paid #1 @dan');
  await group.as('dan').says('/cancel #1');
  await group.as('bob').says('+2 西门');
  minute();
  await group.as('carol').says('+3 东门');
  minute();
  await owner.says('/deal new "Crabs" price=88 min=2 ends=48h options="大份:88,小份:48"');
  await group.as('alice').says('/join #2 1 大份 东门');
  minute();
  await group.as('u5', 'Eve Chen').says('/join #2 2 小份 西门');
  minute();
  await owner.says('/paid #2 @alice');
  await group.as('bob').says('/paid #1');
  await owner.says('/paid #1 @alice');
  await owner.says('/deal close #1');
  await owner.says('/arrived #1 东门');
  const alice = t.store.tables.orders.get(`memory:${group.name}#1/alice`);
  if (!alice?.pickupCode) throw new Error('alice has no pickup code in #1');
  await owner.says(`/verify ${alice.pickupCode}`);
}
