import pg from 'pg';
import { type CollectionName, recordSchemas, SCHEMA_VERSION } from '../schema.js';
import { createTables, type Tables } from '../tables.js';
import { tableOf } from './pg-schema.js';
import { timed } from './session.js';

/** The database holds records of a schema version this tuanbot cannot read. */
export class UnsupportedDatabaseError extends Error {
  constructor(readonly found: unknown) {
    super(
      `the database holds tuanbot records of schema version ${String(found)}; this tuanbot reads version ${SCHEMA_VERSION}`,
    );
    this.name = 'UnsupportedDatabaseError';
  }
}

/**
 * The platform a row belongs to: its community's (community ids are `platform:chat`), else, for
 * bot-wide rows, the chat's of a private message owed, or the id's prefix (processed event ids are
 * `platform:chat:…`).
 */
const PLATFORM_OF_ROW = `coalesce(split_part(community_id, ':', 1), record->'chat'->>'platform', split_part(id, ':', 1))`;

/**
 * Reads every collection into fresh in-memory tables, each in the order its rows were first
 * inserted (`pos`), as the JSON store's tables keep them. Records are trusted as written: they
 * were put by this store from the same schema version (checked here), as the JSON store trusts
 * its own snapshot. Read in one REPEATABLE READ transaction, so the tables are one consistent
 * state even if another session writes meanwhile (a copy or export beside a running bot).
 * `timeoutMs`: each query's read timeout (pg: "Query read timeout"), none when unset.
 * `platforms`: only the rows of these platforms (a shard: see lease.ts), else every row.
 */
export async function loadTables(
  client: pg.ClientBase,
  timeoutMs?: number,
  platforms?: readonly string[],
): Promise<Tables> {
  const query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    client.query<R>(timed({ text, ...(values ? { values } : {}) }, timeoutMs ?? 0));
  await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // A big state may take longer to read than the store's statement timeout allows a write.
    await query('SET LOCAL statement_timeout = 0');
    const meta = await query<{ value: unknown }>(`SELECT value FROM store_meta WHERE key = 'schema_version'`);
    const version = meta.rows[0]?.value;
    if (version !== SCHEMA_VERSION) throw new UnsupportedDatabaseError(version);
    const tables = createTables();
    for (const name of Object.keys(recordSchemas) as CollectionName[]) {
      const table = tables[name] as unknown as { put(r: unknown): void };
      const rows = platforms
        ? await query<{ record: unknown }>(
            `SELECT record FROM ${tableOf(name)} WHERE ${PLATFORM_OF_ROW} = ANY($1::text[]) ORDER BY pos`,
            [platforms],
          )
        : await query<{ record: unknown }>(`SELECT record FROM ${tableOf(name)} ORDER BY pos`);
      for (const { record } of rows.rows) table.put(Object.freeze(record));
    }
    await query('COMMIT');
    return tables;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/**
 * The state in the database as committed, without the lease and without writing anything: for the
 * report, export and copy commands, which may run beside a live bot. Rejects with
 * UnsupportedDatabaseError, or pg's error (42P01 when the database holds no tuanbot tables yet).
 */
export async function readDatabase(url: string): Promise<Tables> {
  const client = new pg.Client({ connectionString: url, application_name: 'tuanbot-read' });
  await client.connect();
  try {
    return await loadTables(client);
  } finally {
    await client.end().catch(() => {});
  }
}
