import { createHash } from 'node:crypto';
import { type CollectionName, recordSchemas } from './schema.js';
import type { Tables } from './tables.js';

/**
 * What `store:copy` compares between the source and the target: per collection, the number of
 * records and a SHA-256 over their canonical JSON in table order. Canonical because PostgreSQL's
 * jsonb does not keep a record's key order (it sorts keys by length, then bytes), while the JSON
 * store keeps the order the record was built in; the same record must give the same bytes on both.
 * Table order counts: rosters and queues list rows in it, so a copy that reorders rows differs.
 */

/** One collection's count and checksum (64 hex digits). */
export interface CollectionDigest {
  collection: CollectionName;
  records: number;
  checksum: string;
}

/**
 * JSON with every object's keys sorted (by UTF-16 code units) and no whitespace; undefined
 * properties left out, as JSON.stringify and both stores do. Records are plain JSON values.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Every collection's digest, in recordSchemas order (empty collections included). */
export function digestTables(tables: Tables): CollectionDigest[] {
  return (Object.keys(recordSchemas) as CollectionName[]).map((collection) => {
    const hash = createHash('sha256');
    let records = 0;
    for (const record of tables[collection].values() as IterableIterator<unknown>) {
      // One line per record: no two different sequences of records hash the same bytes.
      hash.update(canonicalJson(record)).update('\n');
      records++;
    }
    return { collection, records, checksum: hash.digest('hex') };
  });
}

/** How many records the tables hold in all. */
export function recordCount(tables: Tables): number {
  let total = 0;
  for (const name of Object.keys(recordSchemas) as CollectionName[]) total += tables[name].size;
  return total;
}
