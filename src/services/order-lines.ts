import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';

/** The small rules of one order line: its id, whose it is, its price, and how it counts in its deal. */

/**
 * A line's id. A member's plain line (no option, for themselves) keeps the id order lines always
 * had, `${dealId}/${userId}`, so data written before lines per option still reads as the same line.
 */
export function lineId(dealId: string, userId: string, option?: string, forName?: string): string {
  const base = `${dealId}/${userId}`;
  return option === undefined && forName === undefined ? base : `${base}|${option ?? ''}|${forName ?? ''}`;
}

/** The person a line is for: `self` for the orderer's own lines, else the proxy's name. */
export function personOf(order: Order): string {
  return order.for === undefined ? 'self' : `for:${order.for}`;
}

/** A member's active lines in a deal, in roster order. */
export function activeLines(tables: Tables, dealId: string, userId: string): Order[] {
  return tables.orders
    .by('dealBuyer', `${dealId}|${userId}`)
    .filter((o) => o.status === 'active')
    .sort((a, b) => a.line - b.line);
}

/** The deal's option named by `name` (case- and width-insensitively), as the admin spelled it. */
export function findOption(deal: Deal, name: string): string | undefined {
  const wanted = name.normalize('NFKC').toLowerCase();
  return deal.options.find((o) => o.normalize('NFKC').toLowerCase() === wanted);
}

/** What one unit of an option costs now, in cents: its own price, else the deal's. */
export function unitPrice(deal: Deal, option: string | undefined): number {
  return (option === undefined ? undefined : deal.optionPrices[option]) ?? deal.priceCents;
}

/** Units of an option still for sale (its own stock, then the deal's), or undefined for unlimited. */
export function optionLeft(deal: Deal, option: string): number | undefined {
  const own = deal.optionStock[option];
  const ownLeft = own === undefined ? undefined : own - (deal.optionSold[option] ?? 0);
  const dealLeft = deal.stock === undefined ? undefined : deal.stock - deal.sold;
  if (ownLeft === undefined) return dealLeft;
  return dealLeft === undefined ? ownLeft : Math.min(ownLeft, dealLeft);
}

function withOptionSold(deal: Deal, option: string | undefined, delta: number): Deal['optionSold'] {
  if (option === undefined || delta === 0) return deal.optionSold;
  return { ...deal.optionSold, [option]: (deal.optionSold[option] ?? 0) + delta };
}

/** The deal's counters after a line was placed or set (previousQty: what the line held before). */
export function countLine(
  deal: Deal,
  order: Order,
  previousQty: number,
  newPerson: boolean,
  newLine: boolean,
): Deal {
  const delta = order.qty - previousQty;
  return {
    ...deal,
    sold: deal.sold + delta,
    optionSold: withOptionSold(deal, order.option, delta),
    buyers: deal.buyers + (newPerson ? 1 : 0),
    lines: newLine ? deal.lines + 1 : deal.lines,
  };
}

/** The deal's counters after a line was withdrawn (lastOfPerson: the person has no other line). */
export function uncountLine(deal: Deal, order: Order, lastOfPerson: boolean): Deal {
  return {
    ...deal,
    sold: deal.sold - order.qty,
    optionSold: withOptionSold(deal, order.option, -order.qty),
    buyers: deal.buyers - (lastOfPerson ? 1 : 0),
  };
}

/** Units and amount per option (in the deal's option order; '' for a deal without options). */
export function optionTotals(
  deal: Deal,
  orders: Order[],
): { option: string; units: number; cents: number }[] {
  const totals = new Map<string, { units: number; cents: number }>();
  for (const name of deal.options) totals.set(name, { units: 0, cents: 0 });
  for (const o of orders) {
    const key = o.option ?? '';
    const t = totals.get(key) ?? { units: 0, cents: 0 };
    t.units += o.qty;
    t.cents += o.qty * o.unitPriceCents - o.discountCents;
    totals.set(key, t);
  }
  return [...totals].map(([option, t]) => ({ option, ...t }));
}
