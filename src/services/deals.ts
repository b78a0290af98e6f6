import { z } from 'zod';
import { formatDuration } from '../core/duration.js';
import type { Community, Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { credit, perOrderSetting, redemption } from './points.js';
import { rewardFirstOrder, trackPaymentSetting } from './referrals.js';
import { defineSetting, durationSetting, getSetting } from './settings.js';

/** Group-buy deals and their orders: the money path. Plain functions, typed outcomes, no chat text. */

export const remindSetting = defineSetting({
  key: 'deal.remind',
  schema: durationSetting,
  default: 2 * 3_600_000,
  display: formatDuration,
  help: {
    en: 'how long before a deadline the "closing soon" reminder goes out',
    zh: '截止前多久发送"即将截团"提醒',
  },
});

/** Units one member may order in one line, whatever the deal says (a typo guard). */
export const MAX_QTY = 999;

export interface DealInput {
  title: string;
  priceCents: number;
  min: number;
  stock?: number;
  limit?: number;
  endsAt: Date;
  unit?: string;
  options?: string[];
  pickup?: string;
}

export function dealId(communityId: string, no: number): string {
  return `${communityId}#${no}`;
}

export function findDeal(tables: Tables, communityId: string, no: number): Deal | undefined {
  return tables.deals.get(dealId(communityId, no));
}

export function isOpen(deal: Deal): boolean {
  return deal.status === 'open' || deal.status === 'succeeded';
}

/** Deals still taking orders, oldest first. */
export function openDeals(tables: Tables, communityId: string): Deal[] {
  return tables.deals.by('community', communityId).filter(isOpen);
}

/** The deal whose card a message replies to. */
export function dealOfMessage(tables: Tables, communityId: string, messageId: string): Deal | undefined {
  return tables.deals.by('message', `${communityId}|${messageId}`)[0];
}

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

export function createDeal(
  tx: Tx,
  community: Community,
  input: DealInput,
  createdBy: string,
  now: Date,
): Deal {
  const no = tx.tables.deals.countBy('community', community.id) + 1;
  return tx.put('deals', {
    id: dealId(community.id, no),
    communityId: community.id,
    no,
    title: input.title,
    priceCents: input.priceCents,
    min: input.min,
    stock: input.stock,
    limit: input.limit,
    endsAt: input.endsAt.toISOString(),
    unit: input.unit,
    options: input.options ?? [],
    pickup: input.pickup,
    status: 'open',
    createdAt: now.toISOString(),
    createdBy,
    sold: 0,
    buyers: 0,
    lines: 0,
  });
}

export type EditOutcome =
  | { kind: 'edited'; deal: Deal }
  | { kind: 'not_open'; deal: Deal }
  | { kind: 'stock_below_sold'; deal: Deal }
  | { kind: 'ends_in_past'; deal: Deal };

export function editDeal(tx: Tx, deal: Deal, change: Partial<DealInput>, now: Date): EditOutcome {
  if (!isOpen(deal)) return { kind: 'not_open', deal };
  if (change.stock !== undefined && change.stock < deal.sold) return { kind: 'stock_below_sold', deal };
  if (change.endsAt && change.endsAt.getTime() <= now.getTime()) return { kind: 'ends_in_past', deal };
  const { endsAt, ...rest } = change;
  const edited: Deal = {
    ...deal,
    ...rest,
    ...(endsAt ? { endsAt: endsAt.toISOString(), remindedAt: undefined } : {}),
  };
  return { kind: 'edited', deal: tx.put('deals', withStatus(edited, now).deal) };
}

/** open ⇄ succeeded follows the buyer count while the deal takes orders. */
function withStatus(deal: Deal, now: Date): { deal: Deal; formed: boolean } {
  if (!isOpen(deal)) return { deal, formed: false };
  if (deal.buyers >= deal.min) {
    const formed = deal.formedAt === undefined;
    return { deal: { ...deal, status: 'succeeded', formedAt: deal.formedAt ?? now.toISOString() }, formed };
  }
  return { deal: { ...deal, status: 'open' }, formed: false };
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

/** What this placement spends: the request's points, or the line's previous ones, within balance and cap. */
function planPoints(
  tx: Tx,
  deal: Deal,
  userId: string,
  qty: number,
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
  return { kind: 'ok', ...redemption(community, qty * deal.priceCents, Math.min(wanted, available)) };
}

/** Gives back the points an order line spent (a cancel, a failed or cancelled deal, a changed line). */
function refundPoints(tx: Tx, order: Order, now: Date): void {
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

/**
 * Closes a deal now: closed (成团) if it has enough buyers, else failed. A formed deal pays
 * `points.per_order` and the referral first-order rewards that do not wait for payment; a failed
 * one gives back the points its orders spent.
 */
export function closeDeal(
  tx: Tx,
  deal: Deal,
  now: Date,
): { kind: 'closed' | 'failed' | 'not_open'; deal: Deal } {
  if (!isOpen(deal)) return { kind: 'not_open', deal };
  const status = deal.buyers >= deal.min ? 'closed' : 'failed';
  const closed = tx.put('deals', { ...deal, status, closedAt: now.toISOString() });
  const community = tx.get('communities', deal.communityId)!;
  const orders = roster(tx.tables, closed);
  if (status === 'failed') {
    for (const order of orders) refundPoints(tx, order, now);
    return { kind: status, deal: closed };
  }
  const perOrder = getSetting(community, perOrderSetting);
  const trackPayment = getSetting(community, trackPaymentSetting);
  for (const order of orders) {
    if (perOrder > 0)
      credit(tx, community.id, order.userId, perOrder, 'order', `order:${order.id}`, now, { ref: order.id });
    if (!trackPayment || order.paidAt) rewardFirstOrder(tx, community, order, now);
  }
  return { kind: status, deal: closed };
}

export function cancelDeal(tx: Tx, deal: Deal, now: Date): { kind: 'cancelled' | 'not_open'; deal: Deal } {
  if (deal.status === 'cancelled') return { kind: 'not_open', deal };
  for (const order of roster(tx.tables, deal)) refundPoints(tx, order, now);
  return {
    kind: 'cancelled',
    deal: tx.put('deals', { ...deal, status: 'cancelled', closedAt: now.toISOString() }),
  };
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

export function markRosterMessage(tx: Tx, deal: Deal, messageId: string): void {
  const current = tx.get('deals', deal.id);
  if (current && current.rosterMessageId !== messageId)
    tx.put('deals', { ...current, rosterMessageId: messageId });
}

/** What the scheduler must do now: deals past their deadline, and reminders that fell due. */
export function dueDeals(tables: Tables, now: Date): { toClose: Deal[]; toRemind: Deal[] } {
  const toClose: Deal[] = [];
  const toRemind: Deal[] = [];
  for (const deal of tables.deals.values()) {
    if (!isOpen(deal)) continue;
    const ends = Date.parse(deal.endsAt);
    if (ends <= now.getTime()) {
      toClose.push(deal);
      continue;
    }
    const community = tables.communities.get(deal.communityId);
    const lead = community ? getSetting(community, remindSetting) : remindSetting.default;
    // Only deals that ran long enough to need a reminder, and only once.
    if (!deal.remindedAt && ends - lead <= now.getTime() && Date.parse(deal.createdAt) < ends - lead)
      toRemind.push(deal);
  }
  const byEnd = (a: Deal, b: Deal) => a.endsAt.localeCompare(b.endsAt);
  return { toClose: toClose.sort(byEnd), toRemind: toRemind.sort(byEnd) };
}

export function markReminded(tx: Tx, deal: Deal, now: Date): Deal {
  return tx.put('deals', { ...deal, remindedAt: now.toISOString() });
}

/** A member's active orders in a community, newest first. */
export function ordersOf(tables: Tables, communityId: string, userId: string): Order[] {
  return tables.orders
    .by('buyer', `${communityId}/${userId}`)
    .filter((o) => o.status === 'active')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const dealCode = z
  .string()
  .regex(/^[#＃]?\d{1,6}$/, 'expected a deal code like #3')
  .transform((s) => Number(s.replace(/^[#＃]/, '')));
