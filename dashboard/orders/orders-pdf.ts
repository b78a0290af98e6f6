import { clip, GREY, pdfTable, printable, type TableStyle } from '../../commands/pdf-table.js';
import { formatTime } from '../../src/core/format.js';
import type { Locale } from '../../src/core/i18n/index.js';
import type { OrderRow, OrderTotals } from '../../src/services/order-table.js';
import { ordersText } from '../text/orders.js';
import { lineWord, moneyWord, pickupWord, pointWord, whoWord } from './order-words.js';

/**
 * The orders table as a printable PDF (A4 landscape, pdfkit with the bundled Noto Sans SC so
 * Chinese renders on any server, as commands/sheet-pdf.ts): a heading with the group, what is
 * filtered and when it was printed, one table row per order line given, the totals, page
 * numbers; the same rows as CSV attached for a spreadsheet.
 */

/** What the PDF shows besides the rows. */
export interface OrdersPdfInput {
  locale: Locale;
  timezone: string;
  /** Cents in the community's currency (`¥45.00`). */
  money: (cents: number) => string;
  /** The group's name, and what the filters keep in words (order-words.ts filterSummary). */
  group: string;
  filters: string;
  rows: readonly OrderRow[];
  totals: OrderTotals;
  /** The time printed on it. */
  at: Date;
  /** The same rows as CSV (orders-csv.ts), attached as `orders.csv`. */
  csv: string;
}

/** Columns in points; they fill A4 landscape less the margins (770). */
const STYLE: TableStyle = {
  font: 'orders',
  body: 8,
  pad: 3,
  margin: 36,
  widths: [120, 40, 120, 60, 40, 80, 66, 90, 76, 78],
};
/** At most this many characters in a cell, so one long name cannot take a page. */
const CLIP = 80;

/** The PDF's bytes. */
export async function ordersPdf(input: OrdersPdfInput): Promise<Uint8Array> {
  const t = ordersText(input.locale);
  const title = t.pdfTitle(printable(input.group));
  const pdf = pdfTable(STYLE, { locale: input.locale, title, at: input.at, landscape: true });
  pdf.doc.addPage();
  pdf.heading(title, 15);
  pdf.heading(
    `${t.filtered(input.filters)}\n${t.printed(formatTime(input.at, input.timezone))}`,
    9,
    '#333333',
  );
  pdf.doc.moveDown(0.5);
  const header = [
    t.colDeal,
    t.colLine,
    t.colMember,
    t.colOption,
    t.colQty,
    t.colPoint,
    t.colAmount,
    t.colMoney,
    t.colPickup,
    t.colOrderedAt,
  ];
  pdf.row(header, { fill: GREY });
  for (const r of input.rows) {
    const who = printable(whoWord(input.locale, r));
    const cells = [
      clip(`#${r.dealNo} ${printable(r.dealTitle)}`, CLIP),
      lineWord(t, r),
      clip(who, CLIP),
      r.option ?? '',
      String(r.qty),
      clip(pointWord(t, r), CLIP),
      input.money(r.amountCents),
      moneyWord(input.locale, r.money),
      pickupWord(input.locale, r.pickup),
      formatTime(r.orderedAt, input.timezone),
    ];
    const height = pdf.rowHeight(cells);
    if (!pdf.fits(height)) {
      pdf.doc.addPage();
      pdf.row(header, { fill: GREY });
    }
    pdf.row(cells, { height });
  }
  if (input.rows.length === 0) pdf.heading(t.empty, 10);
  pdf.doc.moveDown(0.5);
  const { lines, qty, amountCents, withdrawn } = input.totals;
  pdf.heading(t.totalLine(t.totals(lines, qty, input.money(amountCents), withdrawn)), 11);
  pdf.footers((n, of) => `${title} · ${t.page(n, of)}`);
  pdf.attachCsv('orders.csv', input.csv);
  return pdf.end();
}
