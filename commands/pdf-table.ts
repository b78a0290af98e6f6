import PDFDocument from 'pdfkit';
import type { Locale } from '../src/core/i18n/index.js';
import { cleanName } from '../src/core/names.js';
import { fontFile } from './cjk-font.js';

/**
 * What the printable PDFs share (the packing sheet, sheet-pdf.ts, and the dashboard's orders
 * table, dashboard/orders/orders-pdf.ts): an A4 pdfkit document with the bundled Noto Sans SC so
 * Chinese renders on any server, lines of text across the page, table rows (a grey band for
 * headers, a rule under each row, a tick box where asked), `page X of Y` footers and the data
 * attached as CSV. What goes in the rows stays with each PDF.
 */

/** How one document draws its tables. Lengths in points (1/72 in). */
export interface TableStyle {
  /** The name the bundled font is registered under in this document. */
  font: string;
  /** Font size of the table cells. */
  body: number;
  /** Space between a cell's edge and its text, on every side. */
  pad: number;
  /** The page margin on every side; tables and text start at the left one. */
  margin: number;
  /** Column widths, left to right: a row's default (row() takes others for another table). */
  widths: readonly number[];
}

/** How a row is drawn; `height` is rowHeight()'s answer when the caller has it already. */
export interface RowOptions {
  /** A band of this colour behind the row (headers, subtotals). */
  fill?: string;
  /** An empty tick box in the first cell, for the keeper's pen. */
  box?: boolean;
  widths?: readonly number[];
  height?: number;
}

/** The document and what draws on it; `end()` finishes it. */
export interface PdfTable {
  doc: PDFKit.PDFDocument;
  /** Text across the page at the current position, in `size` points, then back to black. */
  heading(text: string, size: number, color?: string): void;
  /** Height of a row of `cells`: its tallest cell, padding included. */
  rowHeight(cells: readonly string[], widths?: readonly number[]): number;
  /** Whether `height` more fits above the bottom margin and the footer. */
  fits(height: number): boolean;
  /** Draws one row at the current position and moves below it. */
  row(cells: readonly string[], opts?: RowOptions): void;
  /** `words(page, pages)` centred at the foot of every page drawn so far (call once, at the end). */
  footers(words: (page: number, pages: number) => string): void;
  /**
   * Attaches `csv` (UTF-8) as `name`, uncompressed. The drawn text of a PDF is glyph numbers of
   * the embedded font, which no search reads; the attached CSV holds every name as a CSV cell, so
   * /forget deletes the file as it deletes a CSV naming the member (removeExportsNaming in
   * src/store/exports.ts). It also gives whoever gets the PDF the data for a spreadsheet.
   */
  attachCsv(name: string, csv: string): void;
  /** Ends the document: its bytes. Rejects if pdfkit fails while writing. */
  end(): Promise<Uint8Array>;
}

/** What the document says about itself. */
export interface PdfTableInput {
  locale: Locale;
  title: string;
  /** The time printed on it (the PDF's creation date). */
  at: Date;
  landscape?: boolean;
}

/** The band behind header and subtotal rows. */
export const GREY = '#eeeeee';

/** Room kept under the last row for the footer, in points. */
const FOOTER_ROOM = 14;

/** Names and notes as printed: cleaned, without the bidi isolates lists put around them (no glyph). */
export const printable = (text: string): string => cleanName(text).replace(/[\u2066-\u2069]/g, '');

/** At most `max` characters (the last one `…`), so one long name or note cannot take a page. */
export const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * A new A4 document (no page yet: the caller adds the first) with the bundled font registered as
 * `style.font`, pages buffered so footers() can number them.
 */
export function pdfTable(style: TableStyle, input: PdfTableInput): PdfTable {
  const { font, body, pad, margin } = style;
  const doc = new PDFDocument({
    size: 'A4',
    ...(input.landscape ? { layout: 'landscape' as const } : {}),
    margin,
    bufferPages: true,
    autoFirstPage: false,
    lang: input.locale === 'zh' ? 'zh-CN' : 'en',
    info: { Title: input.title, Creator: 'tuanbot', CreationDate: input.at },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont(font, fontFile());

  const rowHeight = (cells: readonly string[], widths: readonly number[] = style.widths): number => {
    doc.font(font).fontSize(body);
    const line = doc.currentLineHeight(true);
    const heights = cells.map((cell, i) => {
      const width = widths[i]! - 2 * pad;
      if (!cell) return 0;
      // Most cells are one short line: measuring the width skips the line-breaking pass (a third of the time).
      if (!cell.includes('\n') && doc.widthOfString(cell) <= width) return line;
      return doc.heightOfString(cell, { width });
    });
    return Math.max(line, ...heights) + 2 * pad;
  };

  return {
    doc,
    heading(text, size, color = '#000000') {
      doc
        .font(font)
        .fontSize(size)
        .fillColor(color)
        .text(text, margin, doc.y, { width: doc.page.width - 2 * margin });
      doc.fillColor('#000000');
    },
    rowHeight,
    fits: (height) => doc.y + height <= doc.page.height - margin - FOOTER_ROOM,
    row(cells, opts = {}) {
      const widths = opts.widths ?? style.widths;
      const height = opts.height ?? rowHeight(cells, widths);
      const top = doc.y;
      const width = widths.reduce((a, b) => a + b, 0);
      if (opts.fill) doc.rect(margin, top, width, height).fill(opts.fill);
      if (opts.box)
        doc
          .lineWidth(0.7)
          .rect(margin + pad, top + pad, 9, 9)
          .stroke('#000000');
      let x = margin;
      doc.fillColor('#000000').font(font).fontSize(body);
      cells.forEach((cell, i) => {
        if (cell) doc.text(cell, x + pad, top + pad, { width: widths[i]! - 2 * pad });
        x += widths[i]!;
      });
      doc
        .lineWidth(0.4)
        .moveTo(margin, top + height)
        .lineTo(margin + width, top + height)
        .stroke('#999999');
      doc.x = margin;
      doc.y = top + height;
    },
    footers(words) {
      const { start, count } = doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        doc.switchToPage(i);
        // Below the bottom margin: without lifting it pdfkit would start a new page for the text.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font(font)
          .fontSize(8)
          .fillColor('#555555')
          .text(words(i - start + 1, count), margin, doc.page.height - margin + 8, {
            width: doc.page.width - 2 * margin,
            align: 'center',
            lineBreak: false,
          });
        doc.page.margins.bottom = bottom;
      }
    },
    attachCsv(name, csv) {
      const compress = doc.compress;
      // pdfkit decides a stream's compression when the stream is made: off for this one only.
      doc.compress = false;
      doc.file(Buffer.from(csv, 'utf8'), { name, type: 'text/csv', hidden: false });
      doc.compress = compress;
    },
    async end() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
