import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { groupByPoint } from '../src/services/roster-numbers.js';
import type { Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { pickupText } from './pickup-text.js';

/**
 * Lists grouped by pickup point (the card's roster, /orders, /myorders): the lines of each point
 * together under its name, points in their numbers' order, lines without a point last under "no
 * pickup point". A list none of whose lines has a point is left as it is, without headings.
 */

export interface ByPoint {
  /** The lines, grouped (the order within a group kept). */
  orders: Order[];
  /** Each line's group heading (`📍 东门驿站 (5 units)`), aligned with orders; absent: no grouping. */
  headings?: string[];
}

/** The lines grouped by point, with their headings; as given (no headings) when no line has a point. */
export function byPoint(locale: Locale, tables: Tables, orders: readonly Order[]): ByPoint {
  if (!orders.some((o) => o.pointId)) return { orders: [...orders] };
  const t = pickupText(locale);
  const grouped: Order[] = [];
  const headings: string[] = [];
  // Points by number (a removed point still names its lines); '' (no point) last.
  for (const [key, lines] of groupByPoint(tables, orders)) {
    const name = key ? showName(tables.pickupPoints.get(key)?.name ?? key) : t.noPoint;
    const units = lines.reduce((n, o) => n + (o.status === 'active' ? o.qty : 0), 0);
    const heading = t.heading(name, units);
    for (const line of lines) {
      grouped.push(line);
      headings.push(heading);
    }
  }
  return { orders: grouped, headings };
}

/** The lines with each group's heading before its first line (`headings` from byPoint). */
export function withHeadings(lines: readonly string[], headings: readonly string[] | undefined): string[] {
  if (!headings) return [...lines];
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || headings[i] !== headings[i - 1]) out.push(headings[i]!);
    out.push(line);
  });
  return out;
}
