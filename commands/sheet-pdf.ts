import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import type { OptionTotal, Sheet, SheetGroup } from '../src/services/pickup-sheet.js';
import { unitsOf } from '../src/services/pickup-sheet.js';
import { memberId } from '../src/store/ids.js';
import type { Tables } from '../src/store/tables.js';
import { holderNames, orderText } from './order-text.js';
import { moneyWords } from './payment-text.js';
import { clip, GREY, type PdfTable, pdfTable, printable, type TableStyle } from './pdf-table.js';
import { groupName } from './sheet-csv.js';
import { type SheetText, sheetText } from './sheet-text.js';

/**
 * The sheet as a printable A4 PDF (pdfkit, with the bundled Noto Sans SC so Chinese renders on
 * any server): each point on its own pages for its keeper — the point's totals per option, then
 * a tick box, line, member, option, quantity, note, payment, pickup and code per line — and a
 * last page for the supplier with units per option and point and no member's name on it.
 */

/** What the PDF needs besides the sheet: who reads it and how money and times are shown. */
export interface SheetPdfInput {
  locale: Locale;
  tables: Tables;
  timezone: string;
  money: (cents: number) => string;
  /** The time printed on it. */
  at: Date;
  /** Whether the community has pickup points (names the group of lines without one). */
  havePoints: boolean;
  /** How the goods stand at a group's point (`arrived 2026-11-26 09:00`), '' before any step. */
  goods: (group: SheetGroup) => string;
  /** The same sheet as CSV: attached to the PDF (pdf-table.ts, PdfTable.attachCsv). */
  csv: string;
}

/** A point's table: its columns fill A4's width less the margins (523 points). */
const STYLE: TableStyle = {
  font: 'sheet',
  body: 8.5,
  pad: 3,
  margin: 36,
  widths: [16, 24, 96, 56, 40, 92, 80, 67, 52],
};

/** The PDF's bytes. */
export async function sheetPdf(sheet: Sheet, input: SheetPdfInput): Promise<Uint8Array> {
  const t = sheetText(input.locale);
  const deal = sheet.deal;
  const pdf = pdfTable(STYLE, { locale: input.locale, title: t.title(deal.no, deal.title), at: input.at });
  const names = holderNames(
    input.tables,
    sheet.groups.flatMap((g) => g.lines.map((l) => l.order)),
  );
  for (const group of sheet.groups) pointPages(pdf, t, sheet, group, names, input);
  if (sheet.filter === 'all' && sheet.groups.length > 0) supplierPage(pdf, t, sheet);
  pdf.footers((n, of) => `#${deal.no} ${deal.title} · ${t.page(n, of)}`);
  pdf.attachCsv(`sheet-${deal.no}.csv`, input.csv);
  return pdf.end();
}

/** One point's lines, as many pages as they take, and its totals. */
function pointPages(
  pdf: PdfTable,
  t: SheetText,
  sheet: Sheet,
  group: SheetGroup,
  names: ReadonlyMap<string, string>,
  input: SheetPdfInput,
): void {
  const name = groupName(t, group, input.havePoints);
  const proxyOf = orderText(input.locale).proxyOf;
  pdf.doc.addPage();
  pdf.heading(t.title(sheet.deal.no, sheet.deal.title), 10, '#555555');
  pdf.heading(name, 15);
  const about = [group.point?.times, keeperOf(t, input, group), input.goods(group)]
    .filter(Boolean)
    .join(' · ');
  pdf.heading(
    [about, t.printed(formatTime(input.at, input.timezone), t.lines(group.lines.length))]
      .filter(Boolean)
      .join('\n'),
    9,
    '#333333',
  );
  // The point's units per option first: what the keeper counts the delivery against.
  pdf.doc.moveDown(0.3);
  totalsTable(pdf, t, group.totals, input.money);
  pdf.doc.moveDown(0.8);
  const header = [
    '',
    t.colLine,
    t.colMember,
    t.colOption,
    t.colQty,
    t.colNote,
    t.colPayment,
    t.colPickedUp,
    t.colCode,
  ];
  pdf.row(header, { fill: GREY });
  for (const { order, money, no } of group.lines) {
    const holder = printable(names.get(order.userId) ?? order.name);
    const who = order.for ? proxyOf(printable(order.for), holder) : holder;
    const qty = order.shortQty ? `${order.qty}\n${t.colShort} ${order.shortQty}` : String(order.qty);
    const cells = [
      '',
      String(no),
      clip(who, 60),
      order.option ?? '',
      qty,
      clip(printable(order.note ?? ''), 120),
      moneyWords(input.locale, money, input.money),
      order.deliveredAt ? `✓ ${formatTime(order.deliveredAt, input.timezone).slice(5)}` : '',
      order.pickupCode ?? '',
    ];
    const height = pdf.rowHeight(cells);
    if (!pdf.fits(height)) {
      pdf.doc.addPage();
      pdf.heading(t.continued(name), 12);
      pdf.row(header, { fill: GREY });
    }
    pdf.row(cells, { box: !order.deliveredAt, height });
  }
}

/** `keeper: alice` for a point with a keeper, by the name the group knows them by. */
function keeperOf(t: SheetText, input: SheetPdfInput, group: SheetGroup): string | undefined {
  const keeper = group.point?.keeper;
  if (!keeper) return undefined;
  const member = input.tables.members.get(memberId(group.point!.communityId, keeper));
  return t.keeper(printable(member?.name ?? keeper));
}

/** A point's totals per option: units, lines, units picked up, money still to collect. */
function totalsTable(
  pdf: PdfTable,
  t: SheetText,
  totals: readonly OptionTotal[],
  money: (cents: number) => string,
): void {
  const widths = [150, 60, 60, 70, 90];
  const header = [t.colOption, t.colQty, t.colLines, t.colPickedUp, t.colOwed];
  const cells = (label: string, x: Omit<OptionTotal, 'option' | 'amountCents'>) => [
    label,
    String(x.qty),
    String(x.lines),
    String(x.pickedUp),
    money(x.owedCents),
  ];
  const add = (key: 'qty' | 'lines' | 'pickedUp' | 'owedCents') => totals.reduce((n, x) => n + x[key], 0);
  pdf.row(header, { fill: GREY, widths });
  for (const total of totals) pdf.row(cells(total.option || t.noOption, total), { widths });
  if (totals.length > 1) {
    const sum = {
      qty: add('qty'),
      lines: add('lines'),
      pickedUp: add('pickedUp'),
      owedCents: add('owedCents'),
    };
    pdf.row(cells(t.subtotal, sum), { widths, fill: GREY });
  }
}

/** The supplier's page: units per option at each point and in all; no member is named on it. */
function supplierPage(pdf: PdfTable, t: SheetText, sheet: Sheet): void {
  pdf.doc.addPage();
  pdf.heading(t.title(sheet.deal.no, sheet.deal.title), 10, '#555555');
  pdf.heading(t.supplier, 15);
  pdf.heading(t.supplierTotal(t.units(unitsOf(sheet.totals))), 11);
  pdf.doc.moveDown(0.3);
  const groups = sheet.groups;
  const width = pdf.doc.page.width - 2 * STYLE.margin;
  const first = Math.min(150, width / (groups.length + 2));
  const rest = (width - first) / (groups.length + 1);
  const widths = [first, ...groups.map(() => rest), rest];
  // The group names again here, so the supplier knows what goes where.
  const header = [t.colOption, ...groups.map((g) => groupName(t, g, true)), t.colTotal];
  pdf.row(header, { fill: GREY, widths });
  const qtyAt = (g: SheetGroup, option: string) =>
    String(g.totals.find((x) => x.option === option)?.qty ?? 0);
  for (const total of sheet.totals)
    pdf.row([total.option || t.noOption, ...groups.map((g) => qtyAt(g, total.option)), String(total.qty)], {
      widths,
    });
  if (sheet.totals.length > 1)
    pdf.row([t.total, ...groups.map((g) => String(unitsOf(g.totals))), String(unitsOf(sheet.totals))], {
      widths,
      fill: GREY,
    });
}
