import type { Deal, Order } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { moneyState } from './money-state.js';
import { takeBackOrderPoints } from './order-points-back.js';
import { withdrawLines } from './orders.js';
import { owingMembers } from './pay-reminders.js';
import { audit } from './payments.js';
import { type Grant, grantFreedUnits, lowerLine, pendingGrant } from './waitlist.js';

/**
 * The unpaid sweep (`orders.unpaid_cancel`): lines of a closed deal still owing that long after it
 * closed are cancelled, their units freed for the waitlist. Plain functions, typed outcomes.
 */

/**
 * One member's lines cancelled as unpaid: the cancelled lines (a line lowered to the units given
 * from the waitlist appears with the units cancelled as its qty), what they owed (cents), points
 * given back.
 */
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
 * decides), lines partly paid (cancelling would owe them money back: an admin decides), lines
 * already handed over (picked up unpaid: the goods are gone, the member still owes), and units
 * given from the waitlist and not yet settled (they have their own deadline, src/services/
 * waitlist.ts): a line holding more than those is lowered to them.
 */
export function cancelUnpaidLines(tx: Tx, deal: Deal, now: Date): UnpaidSweep {
  let current = tx.get('deals', deal.id) ?? deal;
  if (current.status !== 'closed') return { deal: current, members: [], grants: [] };
  const members: UnpaidCancel[] = [];
  for (const owing of owingMembers(tx.tables, current)) {
    const whole: Order[] = [];
    // What each line touched shows: withdrawn, or the units taken off it.
    const shown = new Map<string, Order>();
    let cents = 0;
    let points = 0;
    for (const line of owing.lines) {
      // Handed over unpaid (the checker's decision at the point): the goods are gone, the debt stays.
      if (line.deliveredAt) continue;
      const money = moneyState(line, current);
      if (money.paidCents !== money.refundedCents) continue;
      const keep = Math.min(pendingGrant(tx.tables, line)?.qty ?? 0, line.qty);
      if (keep === line.qty) continue;
      if (keep === 0) {
        whole.push(line);
        cents += money.owedCents;
        points += line.pointsUsed;
        audit(tx, line, 'unpaid_cancelled', 'auto', now, { cents: money.owedCents });
        continue;
      }
      const lowered = lowerLine(tx, current, line, keep, now);
      if (!lowered) continue;
      current = lowered.deal;
      const back = money.owedCents - moneyState(lowered.order, current).owedCents;
      audit(tx, line, 'unpaid_cancelled', 'auto', now, { cents: back });
      cents += back;
      points += line.pointsUsed - lowered.order.pointsUsed;
      shown.set(line.id, { ...line, qty: line.qty - keep });
    }
    if (whole.length > 0) {
      const withdrawn = withdrawLines(tx, current, whole, now, undefined, 'unpaid');
      current = withdrawn.deal;
      for (const o of withdrawn.orders) shown.set(o.id, o);
    }
    if (shown.size === 0) continue;
    takeBackOrderPoints(tx, current, owing.userId, now);
    const lines = owing.lines.flatMap((o) => shown.get(o.id) ?? []);
    members.push({ userId: owing.userId, lines, cents, points });
  }
  const grants = members.length > 0 ? grantFreedUnits(tx, current, now) : [];
  return { deal: tx.get('deals', current.id) ?? current, members, grants };
}
