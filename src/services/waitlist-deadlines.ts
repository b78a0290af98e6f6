import type { Deal, Order, WaitEntry } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { moneyState } from './money-state.js';
import { type CancelOutcome, cancelOrder, type LineChoice, withdrawLines } from './orders.js';
import { audit } from './payments.js';
import { type Grant, grantFreedUnits, lowerLine, NONE } from './waitlist-grants.js';
import { leaveWaitlist } from './waitlist-places.js';
import { entryLineId, grantKey, pendingGrant } from './waitlist-queue.js';

/**
 * Deadlines of units given from the waitlist (候补, src/services/waitlist.ts) and withdrawals:
 * settleGrant takes back the units not paid for by `payBy` and passes them on; withdrawOrder
 * cancels a member's lines and places, and passes the freed units on.
 */

/** Units given from the waitlist whose time to pay is up, earliest deadline first. */
export function dueGrants(tables: Tables, now: Date): WaitEntry[] {
  const t = now.getTime();
  return tables.waitlist
    .by('granted', 'granted')
    .filter((e) => e.payBy !== undefined && Date.parse(e.payBy) <= t)
    .sort((a, b) => a.payBy!.localeCompare(b.payBy!));
}

export type Settled =
  /** Paid or claimed in time, withdrawn, or the deal is gone: nothing to take back. */
  | { kind: 'kept'; entry: WaitEntry }
  /** Still owing: the given units were taken back (the line lowered, or withdrawn) and passed on. */
  | {
      kind: 'expired';
      entry: WaitEntry;
      /** The line after the units were taken back, and how many were. */
      order: Order;
      units: number;
      deal: Deal;
      grants: readonly Grant[];
    };

/**
 * Settles a grant whose deadline passed: a line still owing loses the given units it has not paid
 * for (withdrawn if that is all it held, reason `unpaid`, with an audit line by `auto`), and they
 * go to the next in line. A line paid or claimed in time keeps them, and so does a line already
 * handed over at its pickup point (its units are with the member).
 */
export function settleGrant(tx: Tx, entry: WaitEntry, now: Date): Settled {
  tx.delete('waitlist', entry.id);
  const deal = tx.get('deals', entry.dealId);
  const order = tx.get('orders', entryLineId(entry));
  const money = deal && order?.status === 'active' ? moneyState(order, deal) : undefined;
  if (!deal || !order || money?.state !== 'owing') return { kind: 'kept', entry };
  // Handed over unpaid at the point (the checker's decision): the goods are gone, the debt stays.
  if (order.deliveredAt) return { kind: 'kept', entry };
  // Only units not paid for: taking them back never makes money owed back (part paid, part kept).
  // Nothing paid: every unit may go (a points discount makes what is owed less than the units'
  // list price, which must not read as a unit paid for).
  const held = money.paidCents - money.refundedCents;
  const unpaid = held <= 0 ? order.qty : Math.floor(money.owedCents / Math.max(1, order.unitPriceCents));
  const back = Math.min(entry.qty, order.qty, unpaid);
  if (back < 1) return { kind: 'kept', entry };
  if (back === order.qty) {
    // The audit names what the member owed for the units taken back, as the unpaid sweep's does.
    audit(tx, order, 'unpaid_cancelled', 'auto', now, { cents: money.owedCents });
    const withdrawn = withdrawLines(tx, deal, [order], now, undefined, 'unpaid');
    const grants = grantFreedUnits(tx, withdrawn.deal, now);
    return { kind: 'expired', entry, order: withdrawn.orders[0]!, units: back, deal: withdrawn.deal, grants };
  }
  const lowered = lowerLine(tx, deal, order, order.qty - back, now);
  // Fewer units always fit; a deal that stopped meanwhile keeps the line as it is.
  if (!lowered) return { kind: 'kept', entry };
  audit(tx, order, 'unpaid_cancelled', 'auto', now, {
    cents: money.owedCents - moneyState(lowered.order, lowered.deal).owedCents,
  });
  const grants = grantFreedUnits(tx, lowered.deal, now);
  return { kind: 'expired', entry, order: lowered.order, units: back, deal: lowered.deal, grants };
}

/** A withdrawal: what cancelOrder did, the places left on the waitlist, and the units passed on. */
export interface Withdrawal {
  outcome: CancelOutcome;
  left: WaitEntry[];
  grants: readonly Grant[];
}

/**
 * A member withdraws (`/cancel #3`, `不要了`, the card's button): their lines as cancelOrder
 * withdraws them, and their places on the waitlist the same choice names; the freed units go to
 * the next in line. A choice that has to be asked about (`which`) changes nothing.
 */
export function withdrawOrder(
  tx: Tx,
  deal: Deal,
  userId: string,
  now: Date,
  choice: LineChoice = {},
): Withdrawal {
  const outcome = cancelOrder(tx, deal, userId, now, choice);
  if (outcome.kind === 'which') return { outcome, left: [], grants: NONE };
  const left = leaveWaitlist(tx, deal, userId, choice);
  if (outcome.kind !== 'cancelled') return { outcome, left, grants: NONE };
  // Units given from the waitlist and withdrawn before paying: nothing left to expire.
  for (const o of outcome.orders) if (pendingGrant(tx.tables, o)) tx.delete('waitlist', grantKey(o));
  return { outcome, left, grants: grantFreedUnits(tx, outcome.deal, now) };
}
