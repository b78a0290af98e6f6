import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen, withStatus } from './deal-status.js';
import { credit } from './points.js';
import { planPoints, refundPoints } from './redemption.js';
import { rewardFirstOrder } from './referrals.js';

/** Order lines in deals: one per member per deal, placed, changed, withdrawn, paid, delivered. */

/** Units one member may order in one line, whatever the deal says (a typo guard). */
export const MAX_QTY = 999;

/** Active order lines in the order they were first placed. */
export function roster(tables: Tables, deal: Deal): Order[] {
  return tables.orders
    .by('deal', deal.id)
    .filter((o) => o.status === 'active')
    .sort((a, b) => a.line - b.line);
}

export function orderAmount(order: Order): number {
  return order.qty * order.unitPriceCents - order.discountCents;
}

export interface OrderRequest {
  qty: number;
  option?: string;
  note?: string;
  /** Points to spend on this order (`use=50`, `用50分`); absent keeps what the line already used. */
  usePoints?: number;
}

export type OrderOutcome =
  | { kind: 'ordered'; deal: Deal; order: Order; previous?: Order; formed: boolean }
  | { kind: 'unchanged'; deal: Deal; order: Order }
  | { kind: 'closed'; deal: Deal }
  | { kind: 'sold_out'; deal: Deal; left: number }
  | { kind: 'over_limit'; deal: Deal; limit: number }
  | { kind: 'bad_qty'; deal: Deal }
  | { kind: 'option_required'; deal: Deal }
  | { kind: 'unknown_option'; deal: Deal; option: string }
  | { kind: 'not_enough_points'; deal: Deal; balance: number };

/**
 * Places or replaces a member's order line (a repeated `+1` updates it, never adds a second).
 * Stock and limit are checked and taken in the same synchronous transaction, so a burst can
 * never oversell.
 */
export function placeOrder(
  tx: Tx,
  deal: Deal,
  buyer: { userId: string; name: string },
  request: OrderRequest,
  now: Date,
): OrderOutcome {
  if (!isOpen(deal) || Date.parse(deal.endsAt) <= now.getTime()) return { kind: 'closed', deal };
  const { qty } = request;
  if (!Number.isSafeInteger(qty) || qty < 1 || qty > MAX_QTY) return { kind: 'bad_qty', deal };
  let option: string | undefined;
  if (deal.options.length > 0) {
    if (!request.option) return { kind: 'option_required', deal };
    option = deal.options.find((o) => o.toLowerCase() === request.option!.toLowerCase());
    if (!option) return { kind: 'unknown_option', deal, option: request.option };
  } else if (request.option) {
    return { kind: 'unknown_option', deal, option: request.option };
  }
  if (deal.limit !== undefined && qty > deal.limit) return { kind: 'over_limit', deal, limit: deal.limit };
  const id = `${deal.id}/${buyer.userId}`;
  const existing = tx.get('orders', id);
  const previous = existing?.status === 'active' ? existing : undefined;
  const note = request.note ?? previous?.note;
  const samePoints = request.usePoints === undefined || request.usePoints === previous?.pointsUsed;
  if (
    previous &&
    previous.qty === qty &&
    previous.option === option &&
    previous.note === note &&
    samePoints
  ) {
    return { kind: 'unchanged', deal, order: previous };
  }
  const previousQty = previous?.qty ?? 0;
  if (deal.stock !== undefined && deal.sold - previousQty + qty > deal.stock) {
    return { kind: 'sold_out', deal, left: Math.max(0, deal.stock - deal.sold + previousQty) };
  }
  const points = planPoints(tx, deal, buyer.userId, qty, previous, request.usePoints);
  if (points.kind === 'not_enough') return { kind: 'not_enough_points', deal, balance: points.balance };
  const revision = existing?.pointsRevision ?? 0;
  if (previous && previous.pointsUsed > 0) refundPoints(tx, previous, now);
  if (points.pointsUsed > 0) {
    credit(
      tx,
      deal.communityId,
      buyer.userId,
      -points.pointsUsed,
      'redeem',
      `redeem:${id}:${revision + 1}`,
      now,
      {
        ref: id,
      },
    );
  }
  const order = tx.put('orders', {
    id,
    dealId: deal.id,
    communityId: deal.communityId,
    userId: buyer.userId,
    name: buyer.name,
    // A changed line keeps its place in the roster; a new one goes last.
    line: previous?.line ?? deal.lines + 1,
    qty,
    option,
    note,
    unitPriceCents: deal.priceCents,
    discountCents: points.discountCents,
    pointsUsed: points.pointsUsed,
    pointsRevision: revision + 1,
    status: 'active',
    createdAt: previous?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  });
  const counted = {
    ...deal,
    sold: deal.sold - previousQty + qty,
    buyers: deal.buyers + (previous ? 0 : 1),
    lines: previous ? deal.lines : deal.lines + 1,
  };
  const { deal: updated, formed } = withStatus(counted, now);
  return {
    kind: 'ordered',
    deal: tx.put('deals', updated),
    order,
    ...(previous ? { previous } : {}),
    formed,
  };
}

export type CancelOutcome =
  | { kind: 'cancelled'; deal: Deal; order: Order }
  | { kind: 'no_order'; deal: Deal }
  | { kind: 'closed'; deal: Deal };

/** A member withdraws their own line while the deal still takes orders. */
export function cancelOrder(tx: Tx, deal: Deal, userId: string, now: Date): CancelOutcome {
  if (!isOpen(deal)) return { kind: 'closed', deal };
  const order = tx.get('orders', `${deal.id}/${userId}`);
  if (order?.status !== 'active') return { kind: 'no_order', deal };
  refundPoints(tx, order, now);
  const cancelled = tx.put('orders', {
    ...order,
    status: 'cancelled',
    cancelledAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  const counted = { ...deal, sold: deal.sold - order.qty, buyers: deal.buyers - 1 };
  return { kind: 'cancelled', deal: tx.put('deals', withStatus(counted, now).deal), order: cancelled };
}

export type MarkOutcome =
  | { kind: 'marked'; order: Order }
  | { kind: 'already'; order: Order }
  | { kind: 'no_order' };

export function markOrder(
  tx: Tx,
  deal: Deal,
  userId: string,
  what: 'paid' | 'delivered',
  now: Date,
): MarkOutcome {
  const order = tx.get('orders', `${deal.id}/${userId}`);
  if (order?.status !== 'active') return { kind: 'no_order' };
  const field = what === 'paid' ? 'paidAt' : 'deliveredAt';
  if (order[field]) return { kind: 'already', order };
  const marked = tx.put('orders', { ...order, [field]: now.toISOString(), updatedAt: now.toISOString() });
  // Paid in a deal that formed: the invitee's first order now counts for referral rewards.
  if (what === 'paid' && deal.formedAt && deal.status !== 'failed' && deal.status !== 'cancelled') {
    rewardFirstOrder(tx, tx.get('communities', deal.communityId)!, marked, now);
  }
  return { kind: 'marked', order: marked };
}

/** A member's active orders in a community, newest first. */
export function ordersOf(tables: Tables, communityId: string, userId: string): Order[] {
  return tables.orders
    .by('buyer', `${communityId}/${userId}`)
    .filter((o) => o.status === 'active')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
