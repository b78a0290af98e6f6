import type { Deal, Order } from '../store/schema.js';

/**
 * The one money state of an order line, derived from the line and its deal (never stored, so it
 * cannot drift from them). The bot never holds money: it records what members and admins say
 * moved, and what is therefore owed either way.
 *
 *   owing → claimed (the member says they paid) → paid (an admin confirmed, or a platform payment)
 *   claimed also on a line that since owes nothing (withdrawn, the deal died) until an admin
 *   confirms (then refund due) or rejects (then cancelled) it
 *   cancelled (withdrawn, or the deal failed or was cancelled, before anything was paid)
 *   refund due (paid more than the line now costs: the deal failed or was cancelled, the line was
 *   withdrawn, the price went down, goods were short) → refunded (full or partial)
 */
export type MoneyStateName = 'owing' | 'claimed' | 'paid' | 'cancelled' | 'refund_due' | 'refunded';

/** A line's money, all in cents. */
export interface MoneyState {
  state: MoneyStateName;
  /** What the line costs now: 0 for a withdrawn line or a deal that failed or was cancelled. */
  dueCents: number;
  /** Confirmed paid, in all. */
  paidCents: number;
  /** Refunded, in all. */
  refundedCents: number;
  /** Still to pay: due − (paid − refunded), never below 0. */
  owedCents: number;
  /** Still to give back: (paid − refunded) − due, never below 0. */
  refundDueCents: number;
  /**
   * What the member says they paid and an admin has not yet confirmed or rejected (state
   * `claimed`), else 0: the amount owed when they claimed, which is what confirming records even
   * if the line changed since (raised, lowered, withdrawn, or the deal died).
   */
  claimedCents: number;
}

/** The deal will not go ahead: nothing in it is owed, and what was paid is owed back. */
export function dealIsDead(deal: Deal): boolean {
  return deal.status === 'failed' || deal.status === 'cancelled';
}

/**
 * Whether a line is still owed money (state `owing` or `claimed`): handing its goods over then
 * needs the checker's say-so, and the handover is audited with `owedCents`.
 */
export function isUnpaid(money: MoneyState): boolean {
  return money.state === 'owing' || money.state === 'claimed';
}

/** What the line is priced at: qty × unit price − its points discount, in cents. */
export function lineAmount(order: Order): number {
  return order.qty * order.unitPriceCents - order.discountCents;
}

/** Confirmed paid on the line; a line marked paid before amounts were kept paid its amount. */
export function paidOn(order: Order): number {
  return order.paidCents ?? (order.paidAt ? lineAmount(order) : 0);
}

/** The line's money state (see MoneyStateName). */
export function moneyState(order: Order, deal: Deal): MoneyState {
  const alive = order.status === 'active' && !dealIsDead(deal);
  const dueCents = alive ? Math.max(0, lineAmount(order) - (order.allowanceCents ?? 0)) : 0;
  const paidCents = paidOn(order);
  const refundedCents = order.refundedCents ?? 0;
  const held = paidCents - refundedCents;
  const owedCents = Math.max(0, dueCents - held);
  const refundDueCents = Math.max(0, held - dueCents);
  // A claim stays for the admin also once the line owes nothing (withdrawn, the deal died): the
  // member may have sent the money, and only a confirmation makes it owed back.
  const claim = order.claimedAt ? (order.claimCents ?? owedCents) : 0;
  const state: MoneyStateName =
    refundDueCents > 0
      ? 'refund_due'
      : owedCents > 0
        ? order.claimedAt
          ? 'claimed'
          : 'owing'
        : claim > 0
          ? 'claimed'
          : refundedCents > 0
            ? 'refunded'
            : paidCents > 0 || alive
              ? 'paid' // an alive line that costs nothing (points paid all of it) owes nothing
              : 'cancelled';
  const claimedCents = state === 'claimed' ? claim : 0;
  return { state, dueCents, paidCents, refundedCents, owedCents, refundDueCents, claimedCents };
}

/** How far a deal's collection went: buyers who paid in full, of all its buyers (members, each once). */
export interface PaidBuyers {
  paid: number;
  buyers: number;
}

/**
 * Whether a line holds all it costs: paid (also when points paid all of it), paid more than it now
 * costs (refund due), or paid and partly refunded (an allowance: goods short, bad fruit). A line
 * refunded in full holds nothing: paid no longer.
 */
function paidInFull(money: MoneyState): boolean {
  if (money.state === 'paid' || money.state === 'refund_due') return true;
  return money.state === 'refunded' && money.paidCents > money.refundedCents;
}

/**
 * Of the members with an active line in `deal` (withdrawn and cancelled lines are nobody's order),
 * how many paid in full on every one of their active lines. `lines`: the deal's lines, any status.
 */
export function paidBuyers(deal: Deal, lines: Iterable<Order>): PaidBuyers {
  const byMember = new Map<string, boolean>();
  for (const line of lines) {
    if (line.status !== 'active') continue;
    const paid = paidInFull(moneyState(line, deal));
    byMember.set(line.userId, (byMember.get(line.userId) ?? true) && paid);
  }
  let paid = 0;
  for (const done of byMember.values()) if (done) paid++;
  return { paid, buyers: byMember.size };
}
