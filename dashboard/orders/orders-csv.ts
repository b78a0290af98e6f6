import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../../src/core/format.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { cleanName } from '../../src/core/names.js';
import type { OrderRow } from '../../src/services/order-table.js';
import { type OrdersText, ordersText } from '../text/orders.js';
import { lineWord, moneyWord, pickupWord, pointWord } from './order-words.js';

/**
 * The orders table as CSV, exactly the rows given (the page passes every page of what is
 * filtered): one row per order line, headers in the community's language, money as decimals of
 * the currency's unit (`45.00`), times in the community's timezone — as commands/sheet-csv.ts.
 */

/** Column order (headers from ordersText). */
const COLUMNS = [
  'colDeal',
  'colTitle',
  'colLine',
  'colMember',
  'colMemberId',
  'colFor',
  'colOption',
  'colQty',
  'colPoint',
  'colAmount',
  'colMoney',
  'colOwed',
  'colPickup',
  'colOrderedAt',
] as const satisfies readonly (keyof OrdersText)[];

const decimal = (cents: number) => (cents / 100).toFixed(2);

/** The CSV text (with a byte-order mark, so spreadsheets read Chinese as UTF-8). */
export function ordersCsv(locale: Locale, timezone: string, rows: readonly OrderRow[]): string {
  const t = ordersText(locale);
  const table: (string | number)[][] = [COLUMNS.map((c) => t[c])];
  for (const row of rows)
    table.push([
      `#${row.dealNo}`,
      cleanName(row.dealTitle),
      lineWord(t, row),
      cleanName(row.name),
      row.userId,
      cleanName(row.for ?? ''),
      row.option ?? '',
      row.qty,
      pointWord(t, row),
      decimal(row.amountCents),
      moneyWord(locale, row.money),
      decimal(row.owedCents),
      pickupWord(locale, row.pickup),
      formatTime(row.orderedAt, timezone),
    ]);
  // A cell starting with = + - @ gets a quote mark first, so a member named `=HYPERLINK(…)` stays
  // text in a spreadsheet (as /orders csv and /sheet csv).
  return stringify(table, { bom: true, escape_formulas: true });
}
