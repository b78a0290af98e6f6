import { isoTime } from '../core/clock.js';
import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen } from './deal-status.js';
import { activeLines, findOption, personOf, uncountLine } from './order-lines.js';
import { refundPoints } from './redemption.js';
import { settleCounted } from './shared-deals.js';

/**
 * Withdrawing order lines: a member's own (`不要了`, `/cancel`), an admin's, the unpaid sweep's
 * and a waitlist grant left unpaid. Points spent come back, the deal's counters follow, and the
 * deal (with a shared deal, every group's) takes the status they give.
 */

/** Which of a member's lines a withdrawal or change means. */
export interface LineChoice {
  option?: string;
  for?: string;
  /** Every line that matches, instead of asking when several do. */
  all?: boolean;
}

export type CancelOutcome =
  | { kind: 'cancelled'; deal: Deal; orders: Order[] }
  | { kind: 'no_order'; deal: Deal }
  | { kind: 'which'; deal: Deal; lines: Order[] }
  | { kind: 'closed'; deal: Deal };

/** A member's active lines a choice names; the option matched as the reader does (case-insensitively). */
export function chooseLines(tables: Tables, deal: Deal, userId: string, choice: LineChoice): Order[] {
  return chooseAmong(activeLines(tables, deal.id, userId), deal, choice);
}

/** The lines among a member's active ones that a choice names. */
function chooseAmong(active: Order[], deal: Deal, choice: LineChoice): Order[] {
  const option = choice.option === undefined ? undefined : (findOption(deal, choice.option) ?? choice.option);
  return active.filter(
    (o) =>
      (option === undefined || o.option === option) && (choice.for === undefined || o.for === choice.for),
  );
}

/** A member withdraws lines while the deal still takes orders; several matching lines are asked about. */
export function cancelOrder(
  tx: Tx,
  deal: Deal,
  userId: string,
  now: Date,
  choice: LineChoice = {},
): CancelOutcome {
  deal = tx.get('deals', deal.id) ?? deal; // the current counters (see placeOrder)
  if (!isOpen(deal)) return { kind: 'closed', deal };
  // The member's lines are read once: a person stops counting as a buyer with their last line.
  const active = activeLines(tx.tables, deal.id, userId);
  const lines = chooseAmong(active, deal, choice);
  if (lines.length === 0) return { kind: 'no_order', deal };
  if (lines.length > 1 && !choice.all) return { kind: 'which', deal, lines };
  return { kind: 'cancelled', ...withdrawLines(tx, deal, lines, now, active) };
}

/**
 * Withdraws some active lines of ONE member, whatever the deal's state (also after its deadline:
 * units given from the waitlist and left unpaid, src/services/waitlist.ts). Points spent come back
 * and the deal's counters follow. `reason`: who withdrew them (OrderSchema.cancelReason);
 * `active`: all of the member's active lines in the deal, if the caller already read them.
 */
export function withdrawLines(
  tx: Tx,
  deal: Deal,
  lines: readonly Order[],
  now: Date,
  active: readonly Order[] = lines[0] ? activeLines(tx.tables, deal.id, lines[0].userId) : [],
  reason?: Order['cancelReason'],
): { deal: Deal; orders: Order[] } {
  // A person stops counting as a buyer with their last line.
  const left = new Map<string, number>();
  for (const o of active) left.set(personOf(o), (left.get(personOf(o)) ?? 0) + 1);
  const at = isoTime(now);
  let current = deal;
  const cancelled: Order[] = [];
  for (const order of lines) {
    refundPoints(tx, order, now);
    const withdrawn: Order = { ...order, status: 'cancelled', cancelledAt: at, updatedAt: at };
    if (reason) withdrawn.cancelReason = reason;
    cancelled.push(tx.put('orders', withdrawn));
    const person = personOf(order);
    const remaining = left.get(person)! - 1;
    left.set(person, remaining);
    current = uncountLine(current, order, remaining === 0);
  }
  return { deal: settleCounted(tx, current, now).deal, orders: cancelled };
}
