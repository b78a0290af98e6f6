import { orderText } from '../../commands/order-text.js';
import { stateWord } from '../../commands/payment-text.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { cleanName } from '../../src/core/names.js';
import type { MoneyStateName } from '../../src/services/money-state.js';
import type { OrderQuery, OrderRow, PickupStateName } from '../../src/services/order-table.js';
import type { Tables } from '../../src/store/tables.js';
import { type OrdersText, ordersText } from '../text/orders.js';

/**
 * How the orders table's values read, the same on the page, in the CSV and in the PDF: state
 * words, a line's number, its point, what the filters keep.
 */

/** A pickup state in the community's language. */
export function pickupWord(locale: Locale, state: PickupStateName): string {
  const t = ordersText(locale);
  const words: Record<PickupStateName, string> = {
    ordering: t.pickupOrdering,
    not_arrived: t.pickupNotArrived,
    shipped: t.pickupShipped,
    waiting: t.pickupWaiting,
    picked_up: t.pickupPickedUp,
    none: t.pickupNone,
  };
  return words[state];
}

/** A money state in the community's language (as /orders says it). */
export function moneyWord(locale: Locale, state: MoneyStateName): string {
  return stateWord(locale, state);
}

/** The line's number on the card, or the word for a withdrawn line (it has none). */
export function lineWord(t: OrdersText, row: OrderRow): string {
  return row.lineNo === undefined ? t.withdrawn : String(row.lineNo);
}

/**
 * Who holds the line, as the chat's card and roster word it: the orderer, or for a proxy line (代订)
 * the person it is for with the orderer after (`王阿姨（bob 代订）`, `王阿姨 (ordered by bob)`).
 */
export function whoWord(locale: Locale, row: Pick<OrderRow, 'name' | 'for'>): string {
  const name = cleanName(row.name);
  return row.for ? orderText(locale).proxyOf(cleanName(row.for), name) : name;
}

/** The line's point by name, or the words for none. */
export function pointWord(t: OrdersText, row: OrderRow): string {
  return row.point ? cleanName(row.point.name) : t.noPoint;
}

/**
 * What a query keeps, in words (`deal #1 · payment: owing`), or "all orders". Point numbers are
 * named by the community's points (tables); the query has been read, so every number is one.
 */
export function filterSummary(
  locale: Locale,
  tables: Tables,
  communityId: string,
  query: OrderQuery,
): string {
  const t = ordersText(locale);
  const parts: string[] = [];
  if (query.deal !== undefined) parts.push(t.filterDeal(query.deal));
  if (query.option !== undefined) parts.push(t.filterOption(cleanName(query.option)));
  if (query.point === 'none') parts.push(t.filterPoint(t.noPoint));
  else if (query.point !== undefined) {
    const no = query.point;
    const point = tables.pickupPoints.by('community', communityId).find((p) => p.no === no);
    parts.push(t.filterPoint(point ? cleanName(point.name) : String(no)));
  }
  if (query.money !== undefined) parts.push(t.filterMoney(moneyWord(locale, query.money)));
  if (query.pickup !== undefined) parts.push(t.filterPickup(pickupWord(locale, query.pickup)));
  if (query.member !== undefined) parts.push(t.filterMember(cleanName(query.member)));
  return parts.length > 0 ? parts.join(' · ') : t.allOrders;
}
