import PDFDocument from 'pdfkit';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { cleanName } from '../src/core/names.js';
import type { OptionTotal, Sheet, SheetGroup } from '../src/services/pickup-sheet.js';
import { unitsOf } from '../src/services/pickup-sheet.js';
import { memberId } from '../src/store/ids.js';
import type { Tables } from '../src/store/tables.js';
import { fontFile } from './cjk-font.js';
import { holderNames, orderText } from './order-text.js';
import { moneyWords } from './payment-text.js';
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
  /** The same sheet as CSV: attached to the PDF (see attachCsv). */
  csv: string;
}

const MARGIN = 36;
const FONT = 'sheet';
/** Columns of a point's table, in points (1/72 in); they fill A4's width less the margins (523). */
const WIDTHS = [16, 24, 96, 56, 40, 92, 80, 67, 52];
const PAD = 3;
const BODY = 8.5;
const GREY = '#eeeeee';

/** The PDF's bytes. */
export async function sheetPdf(sheet: Sheet, input: SheetPdfInput): Promise<Uint8Array> {
  const t = sheetText(input.locale);
  const deal = sheet.deal;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: input.locale === 'zh' ? 'zh-CN' : 'en',
    info: { Title: t.title(deal.no, deal.title), Creator: 'tuanbot', CreationDate: input.at },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(FONT, fontFile());
  const names = holderNames(
    input.tables,
    sheet.groups.flatMap((g) => g.lines.map((l) => l.order)),
  );
  for (const group of sheet.groups) pointPages(doc, t, sheet, group, names, input);
  if (sheet.filter === 'all' && sheet.groups.length > 0) supplierPage(doc, t, sheet);
  footers(doc, t, deal.no, deal.title);
  attachCsv(doc, sheet, input.csv);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Names and notes as printed: cleaned, without the bidi isolates lists put around them (no glyph). */
const printable = (text: string) => cleanName(text).replace(/[\u2066-\u2069]/g, '');

/** At most `max` characters, so one long note cannot take a page. */
const clip = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One point's lines, as many pages as they take, and its totals. */
function pointPages(
  doc: PDFKit.PDFDocument,
  t: SheetText,
  sheet: Sheet,
  group: SheetGroup,
  names: ReadonlyMap<string, string>,
  input: SheetPdfInput,
): void {
  const name = groupName(t, group, input.havePoints);
  const proxyOf = orderText(input.locale).proxyOf;
  doc.addPage();
  heading(doc, t.title(sheet.deal.no, sheet.deal.title), 10, '#555555');
  heading(doc, name, 15);
  const about = [group.point?.times, keeperOf(t, input, group), input.goods(group)]
    .filter(Boolean)
    .join(' · ');
  heading(
    doc,
    [about, t.printed(formatTime(input.at, input.timezone), t.lines(group.lines.length))]
      .filter(Boolean)
      .join('\n'),
    9,
    '#333333',
  );
  // The point's units per option first: what the keeper counts the delivery against.
  doc.moveDown(0.3);
  totalsTable(doc, t, group.totals, input.money);
  doc.moveDown(0.8);
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
  row(doc, header, { fill: GREY, box: false });
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
      clip(printable(order.note ?? '')),
      moneyWords(input.locale, money, input.money),
      order.deliveredAt ? `✓ ${formatTime(order.deliveredAt, input.timezone).slice(5)}` : '',
      order.pickupCode ?? '',
    ];
    const height = rowHeight(doc, cells);
    if (!fits(doc, height)) {
      doc.addPage();
      heading(doc, t.continued(name), 12);
      row(doc, header, { fill: GREY, box: false });
    }
    row(doc, cells, { box: !order.deliveredAt, height });
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
  doc: PDFKit.PDFDocument,
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
  row(doc, header, { fill: GREY, box: false, widths });
  for (const total of totals) row(doc, cells(total.option || t.noOption, total), { box: false, widths });
  if (totals.length > 1) {
    const sum = {
      qty: add('qty'),
      lines: add('lines'),
      pickedUp: add('pickedUp'),
      owedCents: add('owedCents'),
    };
    row(doc, cells(t.subtotal, sum), { box: false, widths, fill: GREY });
  }
}

/** The supplier's page: units per option at each point and in all; no member is named on it. */
function supplierPage(doc: PDFKit.PDFDocument, t: SheetText, sheet: Sheet): void {
  doc.addPage();
  heading(doc, t.title(sheet.deal.no, sheet.deal.title), 10, '#555555');
  heading(doc, t.supplier, 15);
  heading(doc, t.supplierTotal(t.units(unitsOf(sheet.totals))), 11);
  doc.moveDown(0.3);
  const groups = sheet.groups;
  const width = doc.page.width - 2 * MARGIN;
  const first = Math.min(150, width / (groups.length + 2));
  const rest = (width - first) / (groups.length + 1);
  const widths = [first, ...groups.map(() => rest), rest];
  // The group names again here, so the supplier knows what goes where.
  const header = [t.colOption, ...groups.map((g) => groupName(t, g, true)), t.colTotal];
  row(doc, header, { fill: GREY, box: false, widths });
  const qtyAt = (g: SheetGroup, option: string) =>
    String(g.totals.find((x) => x.option === option)?.qty ?? 0);
  for (const total of sheet.totals)
    row(doc, [total.option || t.noOption, ...groups.map((g) => qtyAt(g, total.option)), String(total.qty)], {
      box: false,
      widths,
    });
  if (sheet.totals.length > 1)
    row(doc, [t.total, ...groups.map((g) => String(unitsOf(g.totals))), String(unitsOf(sheet.totals))], {
      box: false,
      widths,
      fill: GREY,
    });
}

/** A line of text across the page at the current position. */
function heading(doc: PDFKit.PDFDocument, text: string, size: number, color = '#000000'): void {
  doc
    .font(FONT)
    .fontSize(size)
    .fillColor(color)
    .text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.fillColor('#000000');
}

/** Height of a table row: its tallest cell. */
function rowHeight(
  doc: PDFKit.PDFDocument,
  cells: readonly string[],
  widths: readonly number[] = WIDTHS,
): number {
  doc.font(FONT).fontSize(BODY);
  const line = doc.currentLineHeight(true);
  const heights = cells.map((cell, i) => {
    const width = widths[i]! - 2 * PAD;
    if (!cell) return 0;
    // Most cells are one short line: measuring the width skips the line-breaking pass (a third of the time).
    if (!cell.includes('\n') && doc.widthOfString(cell) <= width) return line;
    return doc.heightOfString(cell, { width });
  });
  return Math.max(line, ...heights) + 2 * PAD;
}

/** Whether `height` more fits above the bottom margin. */
function fits(doc: PDFKit.PDFDocument, height: number): boolean {
  return doc.y + height <= doc.page.height - MARGIN - 14;
}

/**
 * Draws one table row at the current position and moves below it: a grey band for headers, a
 * rule under it, and (box) an empty tick box in the first cell for the keeper's pen.
 */
function row(
  doc: PDFKit.PDFDocument,
  cells: readonly string[],
  opts: { fill?: string; box: boolean; widths?: readonly number[]; height?: number },
): void {
  const widths = opts.widths ?? WIDTHS;
  const height = opts.height ?? rowHeight(doc, cells, widths);
  const top = doc.y;
  const width = widths.reduce((a, b) => a + b, 0);
  if (opts.fill) doc.rect(MARGIN, top, width, height).fill(opts.fill);
  if (opts.box)
    doc
      .lineWidth(0.7)
      .rect(MARGIN + PAD, top + PAD, 9, 9)
      .stroke('#000000');
  let x = MARGIN;
  doc.fillColor('#000000').font(FONT).fontSize(BODY);
  cells.forEach((cell, i) => {
    if (cell) doc.text(cell, x + PAD, top + PAD, { width: widths[i]! - 2 * PAD });
    x += widths[i]!;
  });
  doc
    .lineWidth(0.4)
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .stroke('#999999');
  doc.x = MARGIN;
  doc.y = top + height;
}

/** `#3 Mangoes · Page 1 of 2` at the foot of every page. */
function footers(doc: PDFKit.PDFDocument, t: SheetText, no: number, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: without lifting it pdfkit would start a new page for the text.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#555555')
      .text(`#${no} ${title} · ${t.page(i - start + 1, count)}`, MARGIN, doc.page.height - MARGIN + 8, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Attaches the sheet's CSV to the PDF, uncompressed. The drawn text of a PDF is glyph numbers of
 * the embedded font, which no search reads; the attached CSV holds every name as a CSV cell, so
 * /forget deletes this file as it deletes an order CSV naming the member (removeExportsNaming in
 * src/store/exports.ts). It also gives whoever gets the PDF the data to paste into a spreadsheet.
 */
function attachCsv(doc: PDFKit.PDFDocument, sheet: Sheet, csv: string): void {
  const compress = doc.compress;
  // pdfkit decides a stream's compression when the stream is made: off for this one only.
  doc.compress = false;
  doc.file(Buffer.from(csv, 'utf8'), {
    name: `sheet-${sheet.deal.no}.csv`,
    type: 'text/csv',
    hidden: false,
  });
  doc.compress = compress;
}
