import type { Deal, Ticket } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { moneyState, paidOn } from './money-state.js';
import { memberLines } from './payments.js';
import { credit } from './points.js';

/**
 * Taking back order points (`points.per_order`, paid when a deal closes) when the money behind
 * them goes back: all of them once a member holds nothing in the deal any more, or an after-sales
 * ticket's refund's share of them. Both write ledger entries under orderBackKey, so neither takes
 * back what the other already did. Separate from the money transitions (payments.ts) because it
 * is points bookkeeping, called by refunds, tickets, cancellations and the unpaid/shortage sweeps.
 */

/**
 * Takes back the points a member earned for ordering in a deal that formed (`points.per_order`,
 * paid at close) once they hold nothing in it any more: every line withdrawn, cancelled unpaid,
 * refunded in full, or the deal cancelled after it closed. Never below a zero balance (what was
 * already spent stays spent); once per member and deal (the ledger key).
 */
export function takeBackOrderPoints(tx: Tx, deal: Deal, userId: string, now: Date, note?: string): void {
  const ref = `${deal.id}/${userId}`;
  const earned = tx.get('ledger', `order:${ref}`);
  if (!earned || earned.delta <= 0 || tx.get('ledger', orderBackKey(ref))) return;
  const current = tx.get('deals', deal.id) ?? deal;
  if (memberLines(tx.tables, deal.id, userId).some((o) => moneyState(o, current).dueCents > 0)) return;
  const balance = tx.get('members', `${deal.communityId}/${userId}`)?.points ?? 0;
  const back = Math.min(earned.delta - ticketsTookBack(tx, deal, userId), balance);
  if (back > 0)
    credit(tx, deal.communityId, userId, -back, 'reversal', orderBackKey(ref), now, {
      ref,
      ...(note ? { note } : {}),
    });
}

/**
 * The ledger key of order points taken back: for a member's whole deal (`of`: `dealId/userId`,
 * takeBackOrderPoints) or for one after-sales ticket's share (`of`: the ticket id).
 */
function orderBackKey(of: string): string {
  return `order_back:${of}`;
}

/**
 * The order points an after-sales ticket's refund takes back: floor(earned × refund ÷ what the
 * member paid in the deal), less what was taken back already, never below a zero balance; once per
 * ticket. Called after recordRefund, whose full take-back (takeBackOrderPoints: the member holds
 * nothing in the deal any more) runs first: it is counted in `before`, so nothing is taken twice.
 */
export function takeBackTicketShare(
  tx: Tx,
  deal: Deal,
  ticket: Ticket,
  cents: number,
  label: string,
  now: Date,
): void {
  const ref = `${deal.id}/${ticket.userId}`;
  const earned = tx.get('ledger', `order:${ref}`);
  if (!earned || earned.delta <= 0) return;
  const paid = memberLines(tx.tables, deal.id, ticket.userId).reduce((sum, o) => sum + paidOn(o), 0);
  if (paid <= 0) return;
  const before =
    -(tx.get('ledger', orderBackKey(ref))?.delta ?? 0) + ticketsTookBack(tx, deal, ticket.userId);
  const balance = tx.get('members', `${deal.communityId}/${ticket.userId}`)?.points ?? 0;
  const back = Math.min(Math.floor((earned.delta * cents) / paid), earned.delta - before, balance);
  if (back > 0)
    credit(tx, deal.communityId, ticket.userId, -back, 'reversal', orderBackKey(ticket.id), now, {
      ref,
      note: label,
    });
}

/** Order points the member's after-sales tickets in the deal took back (orderBackKey(ticket id)). */
function ticketsTookBack(tx: Tx, deal: Deal, userId: string): number {
  let took = 0;
  for (const order of memberLines(tx.tables, deal.id, userId))
    for (const ticket of tx.tables.tickets.by('order', order.id))
      took -= tx.get('ledger', orderBackKey(ticket.id))?.delta ?? 0;
  return took;
}
