import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { ZodTypeAny } from 'zod';
import { CorruptFileError, parseJsonFile, writeFileDurably } from './durable-file.js';
import { recordSchemas, SCHEMA_VERSION } from './schema.js';

/**
 * The snapshot file, in lines: a header `{"version","seq","savedAt","format":"lines"}`, then each
 * collection's name (a JSON string) followed by its records one per line, then an end line
 * `{"end":true,"records","sha256"}` where sha256 covers every line between header and end and the
 * record schemas' shape. Lines, so that neither writing nor loading a big community ever holds
 * the whole file as one string (that text was 118 MB of a 480 MB start-up peak on the
 * benchmark's large data dir), and a missing end line says the file was cut short.
 *
 * A snapshot whose checksum matches was written by this very tuanbot from records it had
 * validated, so loading it can skip per-record validation (a quarter of cold start on a big data
 * dir). Anything else — an edited or damaged file, an older schema — is validated record by
 * record. Snapshots of the earlier single-document format (`{…,"collections":{…}}`) still load.
 */

const FORMAT = 'lines';
/** Bytes of lines gathered before each write while writing a snapshot. */
const WRITE_CHUNK = 1 << 20;

/** Where the collections start in the earlier single-document format (read, no longer written). */
const MARK = ',"collections":';

/** Field names and kinds of every record schema: a schema change (a new defaulted field) changes it. */
function shapeOf(schema: ZodTypeAny): string {
  // zod 4 names a schema's kind `type`; zod 3 called it `typeName`.
  const def = schema._def as {
    type?: string;
    typeName?: string;
    innerType?: ZodTypeAny;
    schema?: ZodTypeAny;
  };
  const kind = def.type ?? def.typeName;
  const shape = (schema as unknown as { shape?: Record<string, ZodTypeAny> }).shape;
  if (shape)
    return `{${Object.entries(shape)
      .map(([k, v]) => `${k}:${shapeOf(v)}`)
      .join(',')}}`;
  if (def.innerType) return `${kind}(${shapeOf(def.innerType)})`;
  return String(kind);
}

let fingerprint: string | undefined;
function schemaFingerprint(): string {
  fingerprint ??= `${SCHEMA_VERSION}|${Object.entries(recordSchemas)
    .map(([name, schema]) => `${name}=${shapeOf(schema)}`)
    .join(';')}`;
  return fingerprint;
}

/** The fingerprint, for the test that pins what it covers. */
export const schemaFingerprintForTest = (): string => schemaFingerprint();

function startChecksum(): Hash {
  return createHash('sha256').update(schemaFingerprint()).update('\u0000');
}

function checksum(collectionsText: string | Buffer): string {
  return startChecksum().update(collectionsText).digest('hex');
}

export interface SnapshotHeader {
  version: number;
  seq: number;
  savedAt: string;
}

/** Writes a snapshot in the lines format (see above) through an open file. */
async function writeSnapshotLines(
  handle: FileHandle,
  header: SnapshotHeader,
  collections: Record<string, unknown[]>,
): Promise<void> {
  const hash = startChecksum();
  let chunk = '';
  const flush = async () => {
    hash.update(chunk);
    await handle.write(chunk);
    chunk = '';
  };
  await handle.write(`${JSON.stringify({ ...header, format: FORMAT })}\n`);
  let records = 0;
  for (const [name, rows] of Object.entries(collections)) {
    chunk += `${JSON.stringify(name)}\n`;
    for (const row of rows) {
      chunk += `${JSON.stringify(row)}\n`;
      records++;
      if (chunk.length > WRITE_CHUNK) await flush();
    }
  }
  await flush();
  await handle.write(`${JSON.stringify({ end: true, records, sha256: hash.digest('hex') })}\n`);
}

const truncated = (detail: string) => new CorruptFileError(`not valid JSON, probably truncated (${detail})`);

/**
 * Reads a lines-format snapshot from the end of its header line on, a chunk at a time: each line
 * is parsed on its own, and the checksum is taken over the chunks' bytes (not per line).
 */
async function readSnapshotLines(
  file: string,
  header: SnapshotHeader,
  headerBytes: number,
): Promise<SnapshotDocument> {
  const hash = startChecksum();
  const collections: Record<string, unknown[]> = {};
  let current: unknown[] | undefined;
  type EndLine = { records?: unknown; sha256?: unknown };
  let end: EndLine | undefined;
  let records = 0;
  let lineNo = 1;
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(file, { start: headerBytes, highWaterMark: 1 << 18 })) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    let hashedTo = 0;
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      lineNo++;
      if (end) throw new CorruptFileError(`line ${lineNo} follows the end line`);
      let value: unknown;
      try {
        value = JSON.parse(buf.toString('utf8', start, nl));
      } catch (error) {
        throw truncated(`line ${lineNo}: ${(error as Error).message}`);
      }
      if (typeof value === 'string') {
        current = [];
        collections[value] = current;
      } else if (typeof value === 'object' && value !== null && (value as { end?: unknown }).end === true) {
        end = value as EndLine;
        hash.update(buf.subarray(hashedTo, start)); // the end line itself is not covered
        hashedTo = nl + 1;
      } else if (current) {
        current.push(value);
        records++;
      } else {
        throw new CorruptFileError(`line ${lineNo} is a record before any collection name`);
      }
      start = nl + 1;
    }
    if (!end) hash.update(buf.subarray(hashedTo, start));
    rest = start < buf.length ? buf.subarray(start) : undefined;
  }
  if (rest) throw truncated('the last line is incomplete');
  if (!end) throw truncated('the end line is missing');
  if (end.records !== records) throw truncated(`${records} records of ${String(end.records)}`);
  const trusted = header.version === SCHEMA_VERSION && end.sha256 === hash.digest('hex');
  return { trusted, raw: { version: header.version, seq: header.seq, savedAt: header.savedAt, collections } };
}

/** The header line, if the file is in the lines format (its first line says so). */
async function linesHeader(file: string): Promise<{ header: SnapshotHeader; bytes: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const nl = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (nl < 0) return undefined;
    const header = JSON.parse(buffer.toString('utf8', 0, nl)) as SnapshotHeader & { format?: unknown };
    return header?.format === FORMAT ? { header, bytes: nl + 1 } : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // not ours: the single-document reader says why
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * True when a single-document snapshot's bytes are what this tuanbot wrote, unchanged since: its
 * checksum covers the bytes after MARK (a slice of the buffer, which copies nothing).
 */
function isTrusted(bytes: Buffer): boolean {
  const at = bytes.indexOf(MARK);
  if (at < 0 || bytes.at(-1) !== 0x7d /* } */) return false;
  let head: Partial<SnapshotHeader & { sha256: string }>;
  try {
    head = JSON.parse(`${bytes.toString('utf8', 0, at)}}`) as typeof head;
  } catch {
    return false;
  }
  if (head.version !== SCHEMA_VERSION || typeof head.sha256 !== 'string') return false;
  return checksum(bytes.subarray(at + MARK.length, -1)) === head.sha256;
}

/**
 * The snapshot as lowdb sees it. Written from a header and the collections; read back as the
 * parsed file with whether its checksum matches (the loader validates, migrates and reports).
 */
export interface SnapshotDocument {
  header?: SnapshotHeader;
  collections?: Record<string, unknown[]>;
  raw?: unknown;
  trusted?: boolean;
}

/**
 * The snapshot's text, and whether its checksum matches (taken over the bytes: see isTrusted).
 * A function of its own so the file's buffer is unreachable once the text is decoded: the
 * collections of a big snapshot are parsed while it can be freed.
 */
async function readSnapshotText(file: string): Promise<{ text: string; trusted: boolean } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { trusted: isTrusted(bytes), text: bytes.toString('utf8') };
}

/**
 * lowdb adapter for the snapshot: durability lives here, as lowdb intends (unique temp file,
 * fsync, rename, fsync of the directory; lowdb's own JSONFile uses a fixed temp name and never
 * fsyncs), and so does the checksum that lets an unchanged snapshot skip re-validation.
 */
export class SnapshotFile implements Adapter<SnapshotDocument> {
  constructor(readonly file: string) {}

  async read(): Promise<SnapshotDocument | null> {
    let lines: Awaited<ReturnType<typeof linesHeader>>;
    try {
      lines = await linesHeader(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (lines) return readSnapshotLines(this.file, lines.header, lines.bytes);
    // The earlier single-document format (or not a snapshot at all: parseJsonFile says why).
    const read = await readSnapshotText(this.file);
    return read ? { trusted: read.trusted, raw: parseJsonFile(read.text) } : null;
  }

  async write(document: SnapshotDocument): Promise<void> {
    const { header, collections } = document;
    if (!header || !collections) throw new Error('a snapshot needs a header and collections');
    await writeFileDurably(this.file, (handle) => writeSnapshotLines(handle, header, collections));
  }
}
