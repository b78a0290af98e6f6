import type { AuditEntry, Deal, Order, Payment } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { dealIsDead, moneyState, paidOn } from './money-state.js';
import { takeBackOrderPoints } from './order-points-back.js';
import { refundPoints } from './redemption.js';
import { reverseFirstOrderReward, rewardFirstOrder } from './referrals.js';

/**
 * Money transitions of order lines: a member's claim that they paid, an admin's confirmation or
 * rejection of it, a payment marked by an admin or reported by a platform, and refunds. Every
 * change writes a `payments` entry where money moved and an `audit` entry saying who and when.
 * The state itself is derived (src/services/money-state.ts). Amounts are integer cents. Order
 * points taken back when the money goes back: order-points-back.ts.
 */

/** Who did it: a member's or admin's platform user id, `auto` (a job) or `platform` (a payment). */
export type Actor = string;

/** A member's lines in a deal, withdrawn ones too (a withdrawn paid line is owed a refund), in roster order. */
export function memberLines(tables: Tables, dealId: string, userId: string): Order[] {
  return tables.orders.by('dealBuyer', `${dealId}|${userId}`).sort((a, b) => a.line - b.line);
}

/** Records who did what to an order line and when (`/audit`); money actions carry cents and a reason. */
export function audit(
  tx: Tx,
  order: Order,
  action: AuditEntry['action'],
  by: Actor,
  now: Date,
  extra: { cents?: number; reason?: string } = {},
): void {
  const entry: Omit<AuditEntry, 'id'> = {
    communityId: order.communityId,
    at: now.toISOString(),
    action,
    userId: order.userId,
    name: order.name,
    by,
    ref: order.id,
  };
  if (extra.cents !== undefined) entry.cents = extra.cents;
  if (extra.reason) entry.reason = extra.reason;
  writeAudit(tx, order.id, entry);
}

function entry(
  tx: Tx,
  order: Order,
  kind: Payment['kind'],
  cents: number,
  method: Payment['method'],
  by: Actor,
  now: Date,
  extra: { reason?: string; chargeId?: string; allowanceCents?: number } = {},
): void {
  const n = tx.tables.payments.countBy('order', order.id) + 1;
  const payment: Payment = {
    id: extra.chargeId ? `charge:${extra.chargeId}|${order.id}` : `${order.id}|${kind}|${n}`,
    communityId: order.communityId,
    dealId: order.dealId,
    orderId: order.id,
    userId: order.userId,
    kind,
    cents,
    method,
    by,
    at: now.toISOString(),
  };
  if (extra.reason) payment.reason = extra.reason;
  if (extra.chargeId) payment.chargeId = extra.chargeId;
  if (extra.allowanceCents) payment.allowanceCents = extra.allowanceCents;
  tx.put('payments', payment);
}

export type ClaimOutcome =
  | { kind: 'claimed'; orders: Order[]; cents: number }
  | { kind: 'already_claimed'; orders: Order[]; cents: number }
  | { kind: 'nothing_owed'; orders: Order[] }
  | { kind: 'dead'; deal: Deal }
  | { kind: 'no_order' };

/**
 * A member says they paid for their lines in a deal (`已付 #3`, `/paid #3`), optionally with a
 * screenshot's path: each line still owing becomes claimed, for the amount it owed then.
 */
export function claimPayment(tx: Tx, deal: Deal, userId: string, now: Date, proof?: string): ClaimOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const lines = memberLines(tx.tables, deal.id, userId);
  if (lines.length === 0) return { kind: 'no_order' };
  if (dealIsDead(deal)) return { kind: 'dead', deal };
  const states = lines.map((o) => ({ order: o, money: moneyState(o, deal) }));
  const owing = states.filter((s) => s.money.state === 'owing');
  if (owing.length === 0) {
    const claimed = states.filter((s) => s.money.state === 'claimed');
    if (claimed.length > 0)
      return {
        kind: 'already_claimed',
        orders: claimed.map((s) => s.order),
        cents: claimed.reduce((sum, s) => sum + s.money.claimedCents, 0),
      };
    return { kind: 'nothing_owed', orders: lines.filter((o) => o.status === 'active') };
  }
  const at = now.toISOString();
  const orders = owing.map(({ order, money }) => {
    const claimed: Order = { ...order, claimedAt: at, claimCents: money.owedCents, updatedAt: at };
    if (proof) claimed.claimProof = proof;
    audit(tx, order, 'pay_claimed', userId, now, { cents: money.owedCents });
    return tx.put('orders', claimed);
  });
  return { kind: 'claimed', orders, cents: owing.reduce((sum, s) => sum + s.money.owedCents, 0) };
}

/** Pays `cents` on one line: the payment entry, the audit line, the line itself (its claim settled). */
function payLine(
  tx: Tx,
  order: Order,
  cents: number,
  method: Payment['method'],
  by: Actor,
  now: Date,
  chargeId?: string,
): Order {
  const at = now.toISOString();
  entry(tx, order, 'payment', cents, method, by, now, chargeId ? { chargeId } : {});
  audit(tx, order, method === 'confirmed' ? 'pay_confirmed' : 'paid', by, now, { cents });
  const { claimedAt: _claimed, claimCents: _cents, ...rest } = order;
  return tx.put('orders', { ...rest, paidCents: paidOn(order) + cents, paidAt: at, updatedAt: at });
}

/** A member's first payment in a deal that formed makes their inviter's first-order reward due. */
function rewardIfFirst(tx: Tx, deal: Deal, paid: Order[], now: Date): void {
  if (paid.length === 0 || !deal.formedAt || dealIsDead(deal)) return;
  const community = tx.get('communities', deal.communityId);
  if (community) rewardFirstOrder(tx, community, paid[0]!, now);
}

export type ConfirmOutcome =
  | { kind: 'confirmed'; orders: Order[]; cents: number }
  /** Nothing claimed to confirm; `orders`: the lines looked at (to say what state they are in). */
  | { kind: 'not_claimed'; orders: Order[] };

/**
 * An admin confirms claims (`/confirm #3 @alice`, `/confirm #3 all`): each claimed line is paid
 * what the member said they paid (MoneyState.claimedCents), also when the line changed since: a
 * line raised still owes the rest, one lowered, withdrawn or in a deal that died is owed the
 * difference back. Lines nobody claimed are left alone (an admin marks those with `/paid`).
 */
export function confirmClaims(
  tx: Tx,
  deal: Deal,
  who: { userId: string } | 'all',
  by: Actor,
  now: Date,
): ConfirmOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const lines =
    who === 'all' ? tx.tables.orders.by('deal', deal.id) : memberLines(tx.tables, deal.id, who.userId);
  const claimed = lines
    .map((o) => ({ order: o, money: moneyState(o, deal) }))
    .filter((s) => s.money.state === 'claimed')
    .sort((a, b) => a.order.line - b.order.line);
  if (claimed.length === 0) return { kind: 'not_claimed', orders: lines };
  const orders = claimed.map((s) => payLine(tx, s.order, s.money.claimedCents, 'confirmed', by, now));
  for (const userId of new Set(orders.map((o) => o.userId)))
    rewardIfFirst(
      tx,
      deal,
      orders.filter((o) => o.userId === userId),
      now,
    );
  return { kind: 'confirmed', orders, cents: claimed.reduce((sum, s) => sum + s.money.claimedCents, 0) };
}

export type RejectOutcome = { kind: 'rejected'; orders: Order[] } | { kind: 'not_claimed' };

/** An admin rejects a member's claim with a reason the member is told: the lines owe again. */
export function rejectClaim(
  tx: Tx,
  deal: Deal,
  userId: string,
  reason: string,
  by: Actor,
  now: Date,
): RejectOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const claimed = memberLines(tx.tables, deal.id, userId).filter(
    (o) => moneyState(o, deal).state === 'claimed',
  );
  if (claimed.length === 0) return { kind: 'not_claimed' };
  const at = now.toISOString();
  const orders = claimed.map((order) => {
    audit(tx, order, 'pay_rejected', by, now, { cents: order.claimCents ?? 0, reason });
    const { claimedAt: _claimed, claimCents: _cents, claimProof: _proof, ...rest } = order;
    return tx.put('orders', { ...rest, updatedAt: at });
  });
  return { kind: 'rejected', orders };
}

export type PayOutcome =
  | { kind: 'paid'; orders: Order[]; cents: number }
  | { kind: 'already'; orders: Order[] }
  | { kind: 'dead'; deal: Deal }
  | { kind: 'no_order' };

/**
 * An admin marks a member's lines paid without a claim (cash at pickup: `/paid #3 @alice`): each
 * line still owing or claimed is paid what it owes now.
 */
export function markPaid(tx: Tx, deal: Deal, userId: string, by: Actor, now: Date): PayOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const lines = memberLines(tx.tables, deal.id, userId);
  if (!lines.some((o) => o.status === 'active')) return { kind: 'no_order' };
  if (dealIsDead(deal)) return { kind: 'dead', deal };
  const owed = lines
    .map((o) => ({ order: o, money: moneyState(o, deal) }))
    .filter((s) => s.money.owedCents > 0);
  if (owed.length === 0) return { kind: 'already', orders: lines.filter((o) => o.status === 'active') };
  const orders = owed.map((s) => payLine(tx, s.order, s.money.owedCents, 'marked', by, now));
  rewardIfFirst(tx, deal, orders, now);
  return { kind: 'paid', orders, cents: owed.reduce((sum, s) => sum + s.money.owedCents, 0) };
}

export type PlatformPayOutcome =
  | { kind: 'paid'; orders: Order[]; cents: number }
  /** This charge was recorded before (a repeated update): nothing changes. */
  | { kind: 'duplicate' };

/**
 * A payment the platform reports (Telegram `successful_payment`) for lines of one member: `cents`
 * is spread over the lines by what each owes, anything beyond that on the last line (so money
 * received is never dropped: a line paid more than it costs shows a refund due). Idempotent on
 * the charge id.
 */
export function recordPlatformPayment(
  tx: Tx,
  deal: Deal,
  lines: Order[],
  cents: number,
  chargeId: string,
  now: Date,
): PlatformPayOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  if (lines.length === 0 || lines.some((o) => tx.get('payments', `charge:${chargeId}|${o.id}`)))
    return { kind: 'duplicate' };
  let left = cents;
  const orders: Order[] = [];
  lines.forEach((line, i) => {
    const current = tx.get('orders', line.id) ?? line;
    const part = i === lines.length - 1 ? left : Math.min(left, moneyState(current, deal).owedCents);
    left -= part;
    if (part > 0) orders.push(payLine(tx, current, part, 'telegram', 'platform', now, chargeId));
  });
  rewardIfFirst(tx, deal, orders, now);
  return { kind: 'paid', orders, cents };
}

export type RefundOutcome =
  | { kind: 'refunded'; orders: Order[]; cents: number; stillDueCents: number }
  | { kind: 'too_much'; maxCents: number }
  | { kind: 'nothing_paid' }
  | { kind: 'no_order' };

/**
 * Records a refund the admin made to a member for their lines in a deal (`/refund #3 @alice
 * [amount] [reason]`). Without an amount: everything owed back, else (nothing owed back) all that
 * was paid. Never more than was paid and not yet refunded. The amount settles what is owed back
 * first; the rest lowers what the lines cost (goods short, bad fruit), so they do not owe it again.
 * A line whose cost falls to nothing gets its points back; an inviter's reward for this member's
 * first order is taken back when nothing paid in the deal remains.
 */
export function recordRefund(
  tx: Tx,
  deal: Deal,
  userId: string,
  cents: number | undefined,
  reason: string | undefined,
  by: Actor,
  now: Date,
  /**
   * orderId: refund that line only (an after-sales ticket's); note: names it on any points taken
   * back; allowanceOnly: an allowance on top of anything already owed back (a ticket on a line
   * owed money for a shortage leaves that owed), never more than the line holds beyond it;
   * keepReward: the inviter's first-order reward stays (the goods were received).
   */
  only: { orderId?: string; note?: string; allowanceOnly?: boolean; keepReward?: boolean } = {},
): RefundOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const lines = memberLines(tx.tables, deal.id, userId).filter(
    (o) => only.orderId === undefined || o.id === only.orderId,
  );
  if (lines.length === 0) return { kind: 'no_order' };
  const states = lines.map((o) => ({ order: o, money: moneyState(o, deal) }));
  const due = states.reduce((sum, s) => sum + s.money.refundDueCents, 0);
  const paidIn = states.reduce((sum, s) => sum + s.money.paidCents - s.money.refundedCents, 0);
  const held = only.allowanceOnly ? paidIn - due : paidIn;
  if (held <= 0) return { kind: 'nothing_paid' };
  const amount = cents ?? (due > 0 && !only.allowanceOnly ? due : held);
  if (amount > held) return { kind: 'too_much', maxCents: held };
  // First what each line is owed back, then what each still holds, in roster order.
  const parts = new Map<string, { owedBack: number; allowance: number }>();
  let left = amount;
  for (const s of states) {
    const take = only.allowanceOnly ? 0 : Math.min(left, s.money.refundDueCents);
    left -= take;
    parts.set(s.order.id, { owedBack: take, allowance: 0 });
  }
  for (const s of states) {
    const part = parts.get(s.order.id)!;
    const room = s.money.paidCents - s.money.refundedCents - s.money.refundDueCents;
    const take = Math.min(left, room);
    left -= take;
    part.allowance = take;
  }
  const at = now.toISOString();
  const orders: Order[] = [];
  for (const { order } of states) {
    const part = parts.get(order.id)!;
    const total = part.owedBack + part.allowance;
    if (total === 0) continue;
    // The allowance part is what /report deducts from GMV (see PaymentSchema).
    entry(tx, order, 'refund', total, 'recorded', by, now, { reason, allowanceCents: part.allowance });
    audit(tx, order, 'refunded', by, now, reason ? { cents: total, reason } : { cents: total });
    const refunded = tx.put('orders', {
      ...order,
      refundedCents: (order.refundedCents ?? 0) + total,
      refundedAt: at,
      allowanceCents: (order.allowanceCents ?? 0) + part.allowance,
      updatedAt: at,
    });
    if (moneyState(refunded, deal).dueCents === 0) refundPoints(tx, refunded, now);
    orders.push(refunded);
  }
  const after = memberLines(tx.tables, deal.id, userId).map((o) => moneyState(o, deal));
  if (!only.keepReward && after.every((m) => m.paidCents - m.refundedCents <= 0)) {
    const community = tx.get('communities', deal.communityId);
    if (community) reverseFirstOrderReward(tx, community, orders, now);
  }
  takeBackOrderPoints(tx, deal, userId, now, only.note);
  return {
    kind: 'refunded',
    orders,
    cents: amount,
    stillDueCents: after.reduce((sum, m) => sum + m.refundDueCents, 0),
  };
}

/** Lines of a deal by money state, in roster order (withdrawn lines too: they may be owed a refund). */
export function linesInState(tables: Tables, deal: Deal, states: readonly string[]): Order[] {
  return tables.orders
    .by('deal', deal.id)
    .filter((o) => states.includes(moneyState(o, deal).state))
    .sort((a, b) => a.line - b.line);
}
