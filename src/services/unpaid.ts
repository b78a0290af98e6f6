import type { Deal, Order } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { moneyState } from './money-state.js';
import { withdrawLines } from './orders.js';
import { owingMembers } from './pay-reminders.js';
import { audit } from './payments.js';
import { type Grant, grantFreedUnits } from './waitlist.js';

/**
 * The unpaid sweep (`orders.unpaid_cancel`): lines of a closed deal still owing that long after it
 * closed are cancelled, their units freed for the waitlist. Plain functions, typed outcomes.
 */

/** One member's lines cancelled as unpaid: the cancelled lines, what they owed (cents), points given back. */
export interface UnpaidCancel {
  userId: string;
  lines: Order[];
  cents: number;
  points: number;
}

export interface UnpaidSweep {
  deal: Deal;
  members: UnpaidCancel[];
  /** Units the freed stock gave to members on the waitlist (they must be told). */
  grants: readonly Grant[];
}

/**
 * Cancels the lines of a closed deal that are still `owing` (cancelReason `unpaid`, an audit line
 * `unpaid_cancelled` by `auto`, points spent given back, the deal's counters lowered), then gives
 * the freed units to the waitlist. Left alone: claimed lines (the member says they paid: an admin
 * decides), lines partly paid (cancelling would owe them money back: an admin decides), and units
 * given from the waitlist (they have their own deadline, Order.payBy: src/services/waitlist.ts).
 */
export function cancelUnpaidLines(tx: Tx, deal: Deal, now: Date): UnpaidSweep {
  let current = tx.get('deals', deal.id) ?? deal;
  if (current.status !== 'closed') return { deal: current, members: [], grants: [] };
  const members: UnpaidCancel[] = [];
  for (const owing of owingMembers(tx.tables, current)) {
    const lines = owing.lines.filter((o) => {
      const money = moneyState(o, current);
      return o.payBy === undefined && money.paidCents === money.refundedCents;
    });
    if (lines.length === 0) continue;
    let cents = 0;
    for (const line of lines) {
      const owed = moneyState(line, current).owedCents;
      cents += owed;
      audit(tx, line, 'unpaid_cancelled', 'auto', now, { cents: owed });
    }
    const withdrawn = withdrawLines(tx, current, lines, now, undefined, 'unpaid');
    current = withdrawn.deal;
    const points = lines.reduce((sum, o) => sum + o.pointsUsed, 0);
    members.push({ userId: owing.userId, lines: withdrawn.orders, cents, points });
  }
  const grants = members.length > 0 ? grantFreedUnits(tx, current, now) : [];
  return { deal: tx.get('deals', current.id) ?? current, members, grants };
}
