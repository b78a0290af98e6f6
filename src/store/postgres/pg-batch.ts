import type pg from 'pg';
import type { Batch } from '../batch.js';
import type { CollectionName } from '../schema.js';
import { communityOf, tableOf } from './pg-schema.js';
import { timed } from './session.js';

/** One collection's part of a batch. Its three id sets are disjoint. */
interface TableChanges {
  /** Rows whose last change in the batch deletes them. */
  deletes: Set<string>;
  /** [id, community_id, record] in replay order: rows inserted or updated. */
  upserts: [string, string | null, unknown][];
  /** Upserted ids that the batch deleted first: inserted anew, so they go last in their table. */
  reinserted: string[];
}

/**
 * A group-commit batch as per-table changes. A batch keeps each record's last state in replay
 * order (batch.ts), where a delete followed by a put of the same id keeps both: the row was
 * removed and inserted anew, so it must go last in its table, as it does in memory.
 */
function byTable(batch: Batch): Map<CollectionName, TableChanges> {
  const tables = new Map<CollectionName, TableChanges>();
  for (const [collection, id, record] of batch.changes) {
    let changes = tables.get(collection);
    if (!changes) {
      changes = { deletes: new Set(), upserts: [], reinserted: [] };
      tables.set(collection, changes);
    }
    if (record === null) {
      changes.deletes.add(id);
      continue;
    }
    // A put after a delete of the same id (batch.ts keeps both, the put later).
    if (changes.deletes.delete(id)) changes.reinserted.push(id);
    changes.upserts.push([id, communityOf(collection, record), record]);
  }
  return tables;
}

/**
 * JSON that jsonb takes: it refuses the NUL character (\u0000) and a lone surrogate (\ud800, half
 * an emoji cut by a slice), which JSON.stringify writes as such escapes (a well-formed pair is
 * written as itself). The first is dropped, the second becomes U+FFFD, so one odd string cannot
 * refuse the whole turn's commits. An escaped backslash before `u` is not an escape: the look-behind
 * counts backslashes.
 */
function storable(json: string): string {
  if (!json.includes('\\u')) return json;
  return json
    .replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1')
    .replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/gi, '$1\\ufffd');
}

/**
 * The batch as ONE statement (one round trip, one implicit transaction): per changed table a
 * DELETE and an INSERT … ON CONFLICT as data-modifying CTEs. Their id sets are disjoint, so the
 * sub-statements never touch the same row (they run on one snapshot, in no set order). Rows arrive
 * as one JSON array per table, expanded in order; `pos` is drawn from the table's sequence after
 * the ORDER BY (PostgreSQL evaluates volatile functions after sorting), so new rows keep the
 * batch's order; an update keeps its row's `pos` unless the batch deleted the row first.
 */
function statement(tables: Map<CollectionName, TableChanges>): { text: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  for (const [collection, { deletes, upserts, reinserted }] of tables) {
    const table = tableOf(collection);
    if (deletes.size > 0)
      parts.push(`${table}_deleted AS (DELETE FROM ${table} WHERE id = ANY(${param([...deletes])}::text[]))`);
    if (upserts.length === 0) continue;
    const rows = param(storable(JSON.stringify(upserts)));
    const anew = param(reinserted);
    parts.push(`${table}_written AS (
      INSERT INTO ${table} AS t (id, community_id, record, pos)
      SELECT row->>0, row->>1, row->2, nextval('${table}_pos_seq')
        FROM jsonb_array_elements(${rows}::jsonb) WITH ORDINALITY AS rows(row, n)
       ORDER BY n
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, record = EXCLUDED.record,
        pos = CASE WHEN EXCLUDED.id = ANY(${anew}::text[]) THEN EXCLUDED.pos ELSE t.pos END)`);
  }
  return { text: `WITH ${parts.join(',\n')}\nSELECT 1`, values };
}

/**
 * Writes a batch and returns once it is committed: one statement outside any explicit transaction
 * is its own transaction, and the session runs with synchronous_commit=on, so it returns after the
 * WAL is flushed. On any error nothing of the batch is in the database and the error is thrown,
 * except after `timeoutMs` without an answer (pg: "Query read timeout"), when the outcome is not
 * known: the caller must give the connection up.
 */
export async function writeBatch(client: pg.ClientBase, batch: Batch, timeoutMs: number): Promise<void> {
  const tables = byTable(batch);
  if (tables.size === 0) return;
  await client.query(timed(statement(tables), timeoutMs));
}
