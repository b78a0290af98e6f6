import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF file opened again with PDF.js, as a reader's viewer would: the text of each page (its text
 * runs joined by spaces, so a word drawn in one run stays whole) and its attachments by name.
 * Chinese comes back as Chinese only if the file maps its glyphs to Unicode.
 */
export async function readPdf(
  path: string,
): Promise<{ pages: string[]; attachments: Map<string, string>; info: Record<string, unknown> }> {
  const data = new Uint8Array(await readFile(path));
  const pdf = await getDocument({ data, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .filter((s) => s.trim() !== '')
        .join(' '),
    );
  }
  const attachments = new Map<string, string>();
  const found = ((await pdf.getAttachments()) ?? {}) as Record<string, { content: Uint8Array }>;
  for (const [name, file] of Object.entries(found))
    attachments.set(name, new TextDecoder().decode(file.content));
  // PDF.js types the document info as a bare Object: its keys are the PDF's Info entries.
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { pages, attachments, info };
}
