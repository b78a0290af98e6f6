import type { Deal, Fulfilment, Order, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { fulfilmentOf } from './fulfilment.js';
import { lineAmount, type MoneyState, moneyState } from './money-state.js';
import { findPoint, pointsOfDeal } from './pickup-points.js';
import { lineNumbers } from './roster-numbers.js';

/**
 * A deal's sheet (清单 / 分拣单): its active lines grouped by pickup point, in packing order, with
 * the units per option at each point and in all (what to order from the supplier). Read-only; the
 * commands turn it into a chat summary, a CSV and a PDF.
 */

/** One order line on the sheet with its money state (src/services/money-state.ts). */
export interface SheetLine {
  order: Order;
  money: MoneyState;
  /** The line's number on the card and /orders (roster-numbers.ts), so the lists compare. */
  no: number;
}

/** Units of one option ('' in a deal without options) over a set of lines; money in cents. */
export interface OptionTotal {
  option: string;
  /** Units to hand out (the lines' quantities, after any shortage). */
  qty: number;
  lines: number;
  /** Units on lines already picked up. */
  pickedUp: number;
  /** What those lines cost, and what is still to collect on them. */
  amountCents: number;
  owedCents: number;
}

/** The lines going to one point, or (point undefined) the lines that name no point. */
export interface SheetGroup {
  point?: PickupPoint;
  /** How the goods stand there (src/services/fulfilment.ts: 'closed' before any step). */
  goods: Fulfilment;
  lines: SheetLine[];
  /** Per option, in the deal's option order. */
  totals: OptionTotal[];
}

export interface Sheet {
  deal: Deal;
  /** Which lines it holds: every point's, or one point's (or those naming none). */
  filter: SheetFilter['kind'];
  /** Points in the deal's order (then points since removed that still have lines), "no point" last. */
  groups: SheetGroup[];
  /** Per option over every group of the sheet: the supplier's quantities. */
  totals: OptionTotal[];
}

/** Which lines a sheet holds: every point, one point, or only the lines that name none. */
export type SheetFilter = { kind: 'all' } | { kind: 'point'; point: PickupPoint } | { kind: 'none' };

/**
 * The sheet of a deal: its active lines (withdrawn lines have no goods to hand out), each point's
 * lines together, a member's lines one after the other (first by the member's first roster
 * line, then by line; each keeps its card number, so a member's second line may show a higher
 * number before a lower one), totals per option. Groups without lines are left out.
 */
export function pickupSheet(tables: Tables, deal: Deal, filter: SheetFilter = { kind: 'all' }): Sheet {
  const active = tables.orders.by('deal', deal.id).filter((o) => o.status === 'active');
  const byPoint = new Map<string, Order[]>();
  for (const order of active) {
    const key = order.pointId && tables.pickupPoints.get(order.pointId) ? order.pointId : '';
    byPoint.set(key, [...(byPoint.get(key) ?? []), order]);
  }
  const keys = [
    ...pointsOfDeal(tables, deal).map((p) => p.id),
    ...[...byPoint.keys()]
      .filter((id) => id !== '')
      .sort((a, b) => tables.pickupPoints.get(a)!.no - tables.pickupPoints.get(b)!.no),
    '',
  ];
  const groups: SheetGroup[] = [];
  const numbers = lineNumbers(tables, deal);
  for (const key of new Set(keys)) {
    const orders = byPoint.get(key);
    if (!orders) continue;
    if (filter.kind === 'point' && key !== filter.point.id) continue;
    if (filter.kind === 'none' && key !== '') continue;
    const lines = packingOrder(orders).map((order) => ({
      order,
      money: moneyState(order, deal),
      no: numbers.get(order.id) ?? 0,
    }));
    const point = key ? tables.pickupPoints.get(key) : undefined;
    const goods = fulfilmentOf(tables, deal, key);
    groups.push({ ...(point ? { point } : {}), goods, lines, totals: optionTotals(deal, lines) });
  }
  return {
    deal,
    filter: filter.kind,
    groups,
    totals: optionTotals(
      deal,
      groups.flatMap((g) => g.lines),
    ),
  };
}

/** A member's lines (and those they placed for someone) together, in the order the member first ordered. */
function packingOrder(orders: Order[]): Order[] {
  const holder = (o: Order) => `${o.userId}|${o.for ?? ''}`;
  const first = new Map<string, number>();
  for (const o of orders) first.set(holder(o), Math.min(first.get(holder(o)) ?? o.line, o.line));
  return [...orders].sort((a, b) => first.get(holder(a))! - first.get(holder(b))! || a.line - b.line);
}

/** Totals per option: the deal's options in their order, then any other option lines carry, '' last. */
export function optionTotals(deal: Deal, lines: readonly SheetLine[]): OptionTotal[] {
  const totals = new Map<string, OptionTotal>();
  for (const option of deal.options) totals.set(option, emptyTotal(option));
  for (const { order, money } of lines) {
    const option = order.option ?? '';
    const total = totals.get(option) ?? emptyTotal(option);
    total.qty += order.qty;
    total.lines += 1;
    if (order.deliveredAt) total.pickedUp += order.qty;
    total.amountCents += lineAmount(order);
    total.owedCents += money.owedCents;
    totals.set(option, total);
  }
  const listed = [...totals.values()].filter((t) => t.lines > 0);
  return [...listed.filter((t) => t.option !== ''), ...listed.filter((t) => t.option === '')];
}

function emptyTotal(option: string): OptionTotal {
  return { option, qty: 0, lines: 0, pickedUp: 0, amountCents: 0, owedCents: 0 };
}

/** Units over totals: the sum of their quantities. */
export function unitsOf(totals: readonly OptionTotal[]): number {
  return totals.reduce((sum, t) => sum + t.qty, 0);
}

/**
 * The points a sheet of the deal can be asked for: the deal's points and any other point (removed
 * since, say) that lines of the deal name, by number.
 */
export function sheetPoints(tables: Tables, deal: Deal): PickupPoint[] {
  const named = new Set(
    tables.orders
      .by('deal', deal.id)
      .filter((o) => o.status === 'active' && o.pointId)
      .map((o) => o.pointId!),
  );
  const points = new Map(pointsOfDeal(tables, deal).map((p) => [p.id, p]));
  for (const id of named) {
    const point = tables.pickupPoints.get(id);
    if (point) points.set(id, point);
  }
  return [...points.values()].sort((a, b) => a.no - b.no);
}

/** The point a word names among the sheet's points (findPoint: number, whole name, or unique start). */
export function sheetPoint(tables: Tables, deal: Deal, word: string): PickupPoint | undefined {
  return findPoint(tables, deal.communityId, word, sheetPoints(tables, deal));
}
