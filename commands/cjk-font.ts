import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Path of the bundled CJK font (Noto Sans SC, OTF, from the `@embedpdf/fonts-sc` package): the
 * report chart (report-chart.ts) and the sheet PDF (sheet-pdf.ts) draw Chinese with it. Its own
 * module so that neither drawing library is loaded to find it: both are loaded on first use.
 */
export function fontFile(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
}
