import { createHash } from 'node:crypto';
import type { ZodTypeAny } from 'zod';
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
