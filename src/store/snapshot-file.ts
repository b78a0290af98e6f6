import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { ZodTypeAny } from 'zod';
import { parseJsonFile, writeFileDurably } from './durable-file.js';
import { recordSchemas, SCHEMA_VERSION } from './schema.js';

/**
 * The snapshot's text: `{"version","seq","savedAt","sha256","collections":…}`, where sha256 covers
 * the collections' text and the record schemas' shape. A snapshot whose checksum matches was
 * written by this very tuanbot from records it had validated, so loading it can skip per-record
 * validation (a quarter of cold start on a big data dir). Anything else — an edited or damaged
 * file, an older schema, a file without a checksum — is validated record by record as before.
 */

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

function checksum(collectionsText: string | Buffer): string {
  return createHash('sha256')
    .update(schemaFingerprint())
    .update('\u0000')
    .update(collectionsText)
    .digest('hex');
}

export interface SnapshotHeader {
  version: number;
  seq: number;
  savedAt: string;
}

export function snapshotText(header: SnapshotHeader, collections: Record<string, unknown[]>): string {
  const body = JSON.stringify(collections);
  const head = JSON.stringify({ ...header, sha256: checksum(body) });
  return `${head.slice(0, -1)}${MARK}${body}}`;
}

/**
 * True when a snapshot file's content is one this tuanbot wrote, unchanged since (see above). The
 * store passes the file's bytes: the checksum covers a slice of them, and slicing a buffer copies
 * nothing, while slicing the 100 MB decoded text made V8 copy it (another 100 MB of heap while
 * loading). The bytes are the UTF-8 the checksum was computed over, so both answer alike.
 */
export function isTrusted(content: string | Buffer): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
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
    const read = await readSnapshotText(this.file);
    return read ? { trusted: read.trusted, raw: parseJsonFile(read.text) } : null;
  }

  async write(document: SnapshotDocument): Promise<void> {
    if (!document.header || !document.collections)
      throw new Error('a snapshot needs a header and collections');
    await writeFileDurably(this.file, snapshotText(document.header, document.collections));
  }
}
