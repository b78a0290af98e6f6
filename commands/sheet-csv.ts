import { stringify } from 'csv-stringify/sync';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { cleanName } from '../src/core/names.js';
import { lineAmount } from '../src/services/money-state.js';
import type { OptionTotal, Sheet, SheetGroup } from '../src/services/pickup-sheet.js';
import { stateWord } from './payment-text.js';
import { type SheetText, sheetText } from './sheet-text.js';

/**
 * The sheet as one CSV table a spreadsheet sorts and filters: a row per order line, then after each
 * point a `subtotal` row per option, and at the end a `total` row per option over all points (the
 * supplier's quantities). Money as decimals of the currency's unit (`45.00`); times in the
 * community's timezone. The summary rows say what they are in the `line` column, where order rows
 * have their number on the card and /orders, so no member's name can pass for one.
 */

/** Column order of the sheet CSV (headers come from sheetText). */
const COLUMNS = [
  'colPoint',
  'colLine',
  'colMember',
  'colFor',
  'colOption',
  'colQty',
  'colShort',
  'colNote',
  'colAmount',
  'colPayment',
  'colOwed',
  'colPickedUp',
  'colPickedUpAt',
  'colCode',
] as const satisfies readonly (keyof SheetText)[];

const decimal = (cents: number) => (cents / 100).toFixed(2);

/** A point's name as its rows say it ('' group: "No pickup point chosen", or "All orders" without points). */
export function groupName(t: SheetText, group: SheetGroup, havePoints: boolean): string {
  if (group.point) return cleanName(group.point.name);
  return havePoints ? t.noPoint : t.allOrders;
}

/** The CSV text (with a byte-order mark) of a sheet. `havePoints`: whether the community has any. */
export function sheetCsv(locale: Locale, sheet: Sheet, timezone: string, havePoints: boolean): string {
  const t = sheetText(locale);
  const rows: (string | number)[][] = [COLUMNS.map((c) => t[c])];
  const totalRow = (point: string, label: string, total: OptionTotal) => [
    point,
    label,
    '',
    '',
    total.option,
    total.qty,
    '',
    '',
    decimal(total.amountCents),
    '',
    decimal(total.owedCents),
    '',
    '',
    '',
  ];
  for (const group of sheet.groups) {
    const point = groupName(t, group, havePoints);
    for (const { order, money, no } of group.lines)
      rows.push([
        point,
        no,
        cleanName(order.name),
        cleanName(order.for ?? ''),
        order.option ?? '',
        order.qty,
        order.shortQty ?? '',
        cleanName(order.note ?? ''),
        decimal(lineAmount(order)),
        stateWord(locale, money.state),
        decimal(money.owedCents),
        order.deliveredAt ? t.yes : t.no,
        order.deliveredAt ? formatTime(order.deliveredAt, timezone) : '',
        order.pickupCode ?? '',
      ]);
    for (const total of group.totals) rows.push(totalRow(point, t.subtotal, total));
  }
  // One point asked for: its subtotals are the sheet's totals, not the supplier's.
  if (sheet.filter === 'all')
    for (const total of sheet.totals) rows.push(totalRow(t.allPoints, t.total, total));
  // A byte-order mark so spreadsheet programs read Chinese as UTF-8; a cell starting with = + - @
  // gets a quote mark first, so a name like `=HYPERLINK(…)` stays text (as /orders csv).
  return stringify(rows, { bom: true, escape_formulas: true });
}
