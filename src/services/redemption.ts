import type { Deal, Order } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { credit, redemption } from './points.js';

/** Points spent on order lines: how many a placement spends, and giving them back. */

/** What this placement spends: the request's points, or the line's previous ones, within balance and cap. */
export function planPoints(
  tx: Tx,
  deal: Deal,
  userId: string,
  /** What the line costs before points, in cents (qty × its unit price). */
  amountCents: number,
  previous: Order | undefined,
  requested: number | undefined,
): { kind: 'ok'; pointsUsed: number; discountCents: number } | { kind: 'not_enough'; balance: number } {
  const wanted = requested ?? previous?.pointsUsed ?? 0;
  if (wanted === 0) return { kind: 'ok', pointsUsed: 0, discountCents: 0 };
  const member = tx.get('members', `${deal.communityId}/${userId}`);
  // What the previous line spent comes back before the new spend.
  const available = (member?.points ?? 0) + (previous?.pointsUsed ?? 0);
  if (requested !== undefined && requested > available) return { kind: 'not_enough', balance: available };
  const community = tx.get('communities', deal.communityId)!;
  return { kind: 'ok', ...redemption(community, amountCents, Math.min(wanted, available)) };
}

/** Gives back the points an order line spent (a cancel, a failed or cancelled deal, a changed line). */
export function refundPoints(tx: Tx, order: Order, now: Date): void {
  if (order.pointsUsed <= 0) return;
  credit(
    tx,
    order.communityId,
    order.userId,
    order.pointsUsed,
    'refund',
    `refund:${order.id}:${order.pointsRevision}`,
    now,
    {
      ref: order.id,
    },
  );
}
