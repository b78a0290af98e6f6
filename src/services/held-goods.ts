import type { Deal, Fulfilment, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { fulfilmentId } from './fulfilment.js';
import { giveCode, linesAtPoint } from './pickup-codes.js';

/**
 * Goods held back under `pickup.shortage=manual`: when an option arrives short at a point, nothing
 * is taken off its lines and the organiser decides who is shorted (`/short`). Until then its
 * buyers are not told to come and collect goods that may not be theirs: the option is recorded as
 * held on the point's Fulfilment and its lines get no pickup code. Once the units its lines hold
 * fit what arrived, the option is settled and its lines get their codes.
 */

/** Options ('' for a deal without options) held back at a point: see Fulfilment.held. */
export function heldOptions(fulfilment: Fulfilment | undefined): readonly string[] {
  return fulfilment?.held ?? [];
}

/**
 * Whether a line waits for the organiser's shortage decision: active, not handed over, and of an
 * option held back at its point.
 */
export function isHeld(tables: Tables, order: Order): boolean {
  if (order.status !== 'active' || order.deliveredAt) return false;
  const goods = tables.fulfilments.get(fulfilmentId(order.dealId, order.pointId ?? ''));
  return heldOptions(goods).includes(order.option ?? '');
}

/**
 * The options of `arrived` (units per option) whose lines at the point hold more units than came:
 * what the manual rule holds back. `lines`: the point's active lines (handed-over ones count,
 * their units came out of what arrived).
 */
export function shortOptions(lines: readonly Order[], arrived: ReadonlyMap<string, number>): string[] {
  const held = new Map<string, number>();
  for (const o of lines) held.set(o.option ?? '', (held.get(o.option ?? '') ?? 0) + o.qty);
  return [...arrived].filter(([option, units]) => (held.get(option) ?? 0) > units).map(([option]) => option);
}

/** Options settled at a point and the lines that got their pickup codes with them (roster order). */
export interface Settlement {
  options: string[];
  lines: Order[];
}

/**
 * Settles the options held back at a deal's point whose active lines now hold no more units than
 * arrived (after /short): they are no longer held, and their lines not handed over get a pickup
 * code. Nothing when none fits yet.
 */
export function settleHeld(tx: Tx, deal: Deal, pointId: string): Settlement {
  const goods = tx.get('fulfilments', fulfilmentId(deal.id, pointId));
  const held = heldOptions(goods);
  if (!goods || held.length === 0) return { options: [], lines: [] };
  const active = linesAtPoint(tx.tables, deal, pointId).filter((o) => o.status === 'active');
  const arrived = new Map(held.map((option) => [option, goods.arrived?.[option] ?? 0]));
  const still = shortOptions(active, arrived);
  const options = held.filter((option) => !still.includes(option));
  if (options.length === 0) return { options, lines: [] };
  const { held: _held, ...rest } = goods;
  tx.put('fulfilments', still.length > 0 ? { ...rest, held: still } : rest);
  const lines = active
    .filter((o) => !o.deliveredAt && options.includes(o.option ?? ''))
    .map((o) => giveCode(tx, o));
  return { options, lines };
}
