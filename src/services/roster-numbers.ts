import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { roster } from './orders.js';

/**
 * How lists group a deal's lines by pickup point, and the number each active line has wherever a
 * leader compares lists (the card, /orders, the sheet): its place on the card, so "line 3" is the
 * same line in all of them.
 */

/**
 * The lines grouped by the point they go to (keys: point ids, '' for no point): points in their
 * numbers' order (a removed point still names its lines), '' last; within a group the lines keep
 * the order given.
 */
export function groupByPoint(tables: Tables, orders: readonly Order[]): [string, Order[]][] {
  const groups = new Map<string, Order[]>();
  for (const order of orders) {
    const key = order.pointId ?? '';
    const group = groups.get(key);
    if (group) group.push(order);
    else groups.set(key, [order]);
  }
  const rank = (key: string) =>
    key ? (tables.pickupPoints.get(key)?.no ?? Number.MAX_SAFE_INTEGER) : Number.POSITIVE_INFINITY;
  return [...groups].sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * The number (1…n) of each active line of a deal by its id, as the card numbers them: the roster
 * grouped by point (groupByPoint). Withdrawn lines have none.
 */
export function lineNumbers(tables: Tables, deal: Deal): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const [, lines] of groupByPoint(tables, roster(tables, deal)))
    for (const order of lines) numbers.set(order.id, numbers.size + 1);
  return numbers;
}
