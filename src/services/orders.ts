import { isoTime } from '../core/clock.js';
import type { Deal, Order, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen } from './deal-status.js';
import { dealIsDead, moneyState, paidOn } from './money-state.js';
import { activeLines, countLine, findOption, lineId, personOf, unitPrice } from './order-lines.js';
import { choosePoint } from './pickup-choice.js';
import { pickUp } from './pickup-verify.js';
import { credit } from './points.js';
import { planPoints, refundPoints } from './redemption.js';
import { linesElsewhereInShare, settleCounted, shareCounts } from './shared-deals.js';

/**
 * Order lines in deals: a member holds one line per option and per person they order for (代订);
 * lines are placed, changed, withdrawn, re-priced and delivered here (paid: payments.ts).
 */

/** Units one member may order in one line, whatever the deal says (a typo guard). */
export const MAX_QTY = 999;

/** Active order lines in the order they were first placed. */
export function roster(tables: Tables, deal: Deal): Order[] {
  return tables.orders
    .by('deal', deal.id)
    .filter((o) => o.status === 'active')
    .sort((a, b) => a.line - b.line);
}

/** What the line costs, in cents: qty × the unit price it was taken at − its points discount. */
export function orderAmount(order: Order): number {
  return order.qty * order.unitPriceCents - order.discountCents;
}

/** One line a member asks for. */
export interface OrderRequest {
  /** Units, set (not added): a repeated `+1` leaves a ×1 line unchanged. */
  qty: number;
  /**
   * Add qty to the line instead of setting it (a tap on a card's `+1` button: order one, or one
   * more), read and written in the same transaction so two quick taps make ×2.
   */
  add?: boolean;
  option?: string;
  note?: string;
  /** A proxy line (代订): who it is for. */
  for?: string;
  /** Points to spend on this line (`use=50`, `用50分`); absent keeps what the line already used. */
  usePoints?: number;
  /**
   * The pickup point (自提点) the member named: a PickupPoint id. Absent: the line's own point, the
   * point of the member's other lines, their default, or the deal's only point
   * (src/services/pickup-choice.ts); a deal with several points and no choice answers
   * `point_required`.
   */
  pointId?: string;
  /** The chat message this request was read from (an edit of it changes the line again). */
  sourceMessageId?: string;
  /**
   * Units given from the waitlist, or taken back when unpaid (src/services/waitlist.ts): also
   * after the deadline, in a deal that did not fail and was not cancelled (the leader already
   * ordered those units from the supplier).
   */
  waitlist?: boolean;
}

export type OrderOutcome =
  | {
      kind: 'ordered';
      deal: Deal;
      order: Order;
      previous?: Order;
      formed: boolean;
      /** A shared deal's deals in the other linked groups that formed (成团) with this order. */
      alsoFormed?: Deal[];
    }
  | { kind: 'unchanged'; deal: Deal; order: Order }
  | { kind: 'closed'; deal: Deal }
  /** Scheduled (定时开团): not taking orders before `deal.startsAt`. */
  | { kind: 'not_started'; deal: Deal }
  | { kind: 'sold_out'; deal: Deal; left: number; option?: string }
  | { kind: 'over_limit'; deal: Deal; limit: number }
  | { kind: 'bad_qty'; deal: Deal }
  | { kind: 'option_required'; deal: Deal }
  | { kind: 'unknown_option'; deal: Deal; option: string }
  /** Several pickup points and nothing says which: the member is asked (the deal's points, in order). */
  | { kind: 'point_required'; deal: Deal; points: PickupPoint[] }
  /** The named point is not one this deal delivers to. */
  | { kind: 'point_not_offered'; deal: Deal; point: PickupPoint; points: PickupPoint[] }
  | { kind: 'not_enough_points'; deal: Deal; balance: number };

/**
 * Places or sets one of a member's lines. The deal's stock, the option's stock and the member's
 * limit (over all their lines) are checked and taken in the same synchronous transaction, so a
 * burst can never oversell. A changed line keeps its place in the roster and the price it was
 * taken at.
 */
export function placeOrder(
  tx: Tx,
  deal: Deal,
  buyer: { userId: string; name: string },
  request: OrderRequest,
  now: Date,
): OrderOutcome {
  // The deal as this transaction sees it: a caller's copy may predate an earlier step of the same
  // message (`小份少一份 大份再来一份`) or an await, and writing its counters back would undo that step.
  deal = tx.get('deals', deal.id) ?? deal;
  // Before a scheduled start nothing is taken, not even a place on the waitlist.
  if (deal.status === 'scheduled') return { kind: 'not_started', deal };
  const taking = isOpen(deal) && Date.parse(deal.endsAt) > now.getTime();
  if (!taking && !(request.waitlist && !dealIsDead(deal))) return { kind: 'closed', deal };
  const asked = request.qty;
  if (!Number.isSafeInteger(asked) || asked < 1 || asked > MAX_QTY) return { kind: 'bad_qty', deal };
  let option: string | undefined;
  if (deal.options.length > 0) {
    const named = request.option ?? (deal.options.length === 1 ? deal.options[0] : undefined);
    if (!named) return { kind: 'option_required', deal };
    option = findOption(deal, named);
    if (!option) return { kind: 'unknown_option', deal, option: named };
  } else if (request.option) {
    return { kind: 'unknown_option', deal, option: request.option };
  }
  const id = lineId(deal.id, buyer.userId, option, request.for);
  const existing = tx.get('orders', id);
  const previous = existing?.status === 'active' ? existing : undefined;
  const previousQty = previous?.qty ?? 0;
  const qty = request.add ? previousQty + request.qty : request.qty;
  if (qty > MAX_QTY) return { kind: 'bad_qty', deal };
  const mine = activeLines(tx.tables, deal.id, buyer.userId);
  if (deal.limit !== undefined) {
    // A shared deal's limit is per person across its groups (same user id).
    const elsewhere = linesElsewhereInShare(tx.tables, deal, buyer.userId);
    const total = [...mine, ...elsewhere].reduce((sum, o) => sum + o.qty, 0) - previousQty + qty;
    if (total > deal.limit) return { kind: 'over_limit', deal, limit: deal.limit };
  }
  // Which pickup point: before stock, so a member who waits for units waits for them at a point.
  const point = choosePoint(tx.tables, deal, buyer.userId, request, previous, mine);
  if (point.kind === 'required') return { kind: 'point_required', deal, points: point.points };
  if (point.kind === 'not_offered')
    return { kind: 'point_not_offered', deal, point: point.point, points: point.points };
  const pointId = point.pointId;
  const note = request.note ?? previous?.note;
  const samePoints = request.usePoints === undefined || request.usePoints === previous?.pointsUsed;
  if (
    previous &&
    previous.qty === qty &&
    previous.note === note &&
    samePoints &&
    previous.pointId === pointId
  ) {
    return { kind: 'unchanged', deal, order: previous };
  }
  // A shared deal (linked groups) sells one stock: the share's units count, read in this same
  // transaction. A deal of one group reads its own counters, as ever (no lookup on the hot path).
  const stockOf = deal.shareId ? shareCounts(tx.tables, deal, false) : deal;
  if (deal.stock !== undefined && stockOf.sold - previousQty + qty > deal.stock) {
    return { kind: 'sold_out', deal, left: Math.max(0, deal.stock - stockOf.sold + previousQty) };
  }
  const optionStock = option === undefined ? undefined : deal.optionStock[option];
  if (option !== undefined && optionStock !== undefined) {
    const sold = stockOf.optionSold[option] ?? 0;
    if (sold - previousQty + qty > optionStock)
      return { kind: 'sold_out', deal, left: Math.max(0, optionStock - sold + previousQty), option };
  }
  // A line keeps the price it was taken at (re-priced only by /deal edit … reprice=all).
  const price = previous?.unitPriceCents ?? unitPrice(deal, option);
  const points = planPoints(tx, deal, buyer.userId, qty * price, previous, request.usePoints);
  if (points.kind === 'not_enough') return { kind: 'not_enough_points', deal, balance: points.balance };
  const revision = existing?.pointsRevision ?? 0;
  if (previous && previous.pointsUsed > 0) refundPoints(tx, previous, now);
  if (points.pointsUsed > 0) {
    const redeemKey = `redeem:${id}:${revision + 1}`;
    credit(tx, deal.communityId, buyer.userId, -points.pointsUsed, 'redeem', redeemKey, now, { ref: id });
  }
  // The message that last set the line: a later change by another message, a tap or a command
  // unlinks it, so an edit of an old message cannot undo what came after it.
  const sourceMessageId = request.sourceMessageId;
  const at = isoTime(now);
  const fields: Order = {
    id,
    dealId: deal.id,
    communityId: deal.communityId,
    userId: buyer.userId,
    name: buyer.name,
    line: previous?.line ?? deal.lines + 1,
    qty,
    option,
    note,
    unitPriceCents: price,
    discountCents: points.discountCents,
    pointsUsed: points.pointsUsed,
    pointsRevision: revision + 1,
    status: 'active',
    createdAt: previous?.createdAt ?? at,
    updatedAt: at,
  };
  // Set after the literal, not spread into it as `...(x ? { x } : {})`: V8 builds those on a slow
  // path (a few hundred ns each), and every order of a flash sale comes here.
  if (request.for) fields.for = request.for;
  if (pointId) fields.pointId = pointId;
  if (sourceMessageId) fields.sourceMessageId = sourceMessageId;
  // Money already paid on this line (also on a withdrawn one now ordered again) stays with it: a
  // changed quantity owes the difference or is owed some back, never forgets a payment.
  if (existing && (existing.paidAt || existing.claimedAt || existing.refundedCents))
    keepMoney(fields, existing);
  if (previous) keepGoods(fields, previous);
  // A line a shortage withdrew, given units again (the waitlist): the units short still count.
  else if (existing?.shortQty) fields.shortQty = existing.shortQty;
  const order = tx.put('orders', fields);
  const newPerson = !previous && !mine.some((o) => personOf(o) === personOf(order));
  const counted = countLine(deal, order, previousQty, newPerson, !previous);
  // A shared deal forms on its buyers in every group, all of its deals together.
  const settled = settleCounted(tx, counted, now);
  const ordered: OrderOutcome & { kind: 'ordered' } = {
    kind: 'ordered',
    deal: settled.deal,
    order,
    formed: settled.formed,
  };
  if (settled.others.length > 0) ordered.alsoFormed = settled.others;
  if (previous) ordered.previous = previous;
  return ordered;
}

const MONEY_FIELDS = [
  'paidAt',
  'paidCents',
  'claimedAt',
  'claimCents',
  'claimProof',
  'refundedCents',
  'refundedAt',
  'allowanceCents',
] as const;

/**
 * A line changed after its goods reached a point (a waitlist grant taken back, units shorted) keeps
 * its pickup code, the units shorted and its pickup (src/services/pickup-*.ts).
 */
function keepGoods(fields: Order, from: Order): void {
  if (from.deliveredAt) fields.deliveredAt = from.deliveredAt;
  if (from.deliveredBy) fields.deliveredBy = from.deliveredBy;
  if (from.pickupCode) fields.pickupCode = from.pickupCode;
  if (from.shortQty) fields.shortQty = from.shortQty;
}

/** Copies a line's money fields (see OrderSchema) onto its new version. */
function keepMoney(fields: Order, from: Order): void {
  for (const key of MONEY_FIELDS) {
    const value = from[key];
    // Each key is copied onto the same key; TypeScript cannot pair them through the loop variable.
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  }
  // Paid before amounts were kept: it paid its amount as it was, not as it is now.
  if (from.paidAt && from.paidCents === undefined) fields.paidCents = paidOn(from);
}

// Withdrawals (cancelOrder, withdrawLines, chooseLines) live in order-withdrawal.ts; callers
// import them from here, with the rest of the order book.
export {
  type CancelOutcome,
  cancelOrder,
  chooseLines,
  type LineChoice,
  withdrawLines,
} from './order-withdrawal.js';

export type MarkOutcome =
  | { kind: 'marked'; orders: Order[] }
  | { kind: 'already'; orders: Order[] }
  | { kind: 'no_order' };

/**
 * Marks every active line of a member in a deal delivered (`/delivered #3 @alice`: handed over
 * without a pickup code) by `by`, audited `picked_up` as a checked code is (src/services/
 * pickup-verify.ts), with what the line still owed when handed over unpaid. Payments are marked
 * by payments.markPaid.
 */
export function markDelivered(tx: Tx, deal: Deal, userId: string, by: string, now: Date): MarkOutcome {
  const lines = activeLines(tx.tables, deal.id, userId);
  if (lines.length === 0) return { kind: 'no_order' };
  const open = lines.filter((o) => !o.deliveredAt);
  if (open.length === 0) return { kind: 'already', orders: lines };
  const current = tx.get('deals', deal.id) ?? deal;
  const marked = open.map((o) => pickUp(tx, o, moneyState(o, current), by, now));
  return { kind: 'marked', orders: marked };
}

/**
 * Gives active lines the deal's current prices (after `/deal edit price=… reprice=all`): each line
 * takes its option's price, or the deal's. A points discount is kept but never exceeds the line.
 * Returns how many lines changed.
 */
export function repriceOrders(tx: Tx, deal: Deal, now: Date): number {
  const lines = linesAtOtherPrices(tx.tables, deal);
  for (const order of lines) {
    const price = unitPrice(deal, order.option);
    const discountCents = Math.min(order.discountCents, order.qty * price);
    const repriced: Order = { ...order, unitPriceCents: price, discountCents, updatedAt: now.toISOString() };
    // Paid before amounts were kept: it paid the old price (a lower one makes the difference due back).
    if (order.paidAt && order.paidCents === undefined) repriced.paidCents = paidOn(order);
    tx.put('orders', repriced);
  }
  return lines.length;
}

/** Active lines whose price differs from what the deal would charge now: what a re-price would touch. */
export function linesAtOtherPrices(tables: Tables, deal: Deal): Order[] {
  return roster(tables, deal).filter((o) => o.unitPriceCents !== unitPrice(deal, o.option));
}

/** A member's active lines in one deal that came from one chat message (for an edited message). */
export function linesFromMessage(tables: Tables, deal: Deal, userId: string, messageId: string): Order[] {
  return activeLines(tables, deal.id, userId).filter((o) => o.sourceMessageId === messageId);
}
