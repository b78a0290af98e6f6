import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { releaseLease, tryLease, WHOLE_STORE, wholeStoreServed } from './lease.js';
import { MIGRATIONS_TABLE, migrationsDir } from './pg-schema.js';

/**
 * The tables could not be created or brought up to date (most often a role without the right to
 * create tables). node-pg-migrate puts the server's message, with a stack, into its own: the
 * message here keeps the server's words only.
 */
export class SchemaSetupError extends Error {
  constructor(cause: unknown) {
    const text = String((cause as Error)?.message ?? cause);
    const reason = /error: ([^\n]+)/.exec(text)?.[1] ?? text.split('\n')[0];
    super(
      `cannot create or update tuanbot's tables: ${reason}${/permission denied/.test(text) ? '; the database role connecting must own the database, or be granted CREATE on its schema (see the README, PostgreSQL)' : ''}`,
      { cause },
    );
    this.name = 'SchemaSetupError';
  }
}

/** A schema upgrade is due while processes of the older tuanbot still serve the database. */
export class UpgradeBlockedError extends Error {
  constructor() {
    super(
      'this tuanbot brings the database tables up to date, but tuanbot processes of the version before still serve it: stop every one of them (standbys too), then start this one (see the README, Upgrading)',
    );
    this.name = 'UpgradeBlockedError';
  }
}

/** The migrations in migrations/ the database has not run yet (all of them on a new database). */
async function pendingMigrations(client: pg.ClientBase): Promise<string[]> {
  const files = (await readdir(migrationsDir())).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4));
  const table = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
    MIGRATIONS_TABLE,
  ]);
  if (!table.rows[0]?.exists) return files;
  const ran = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const done = new Set(ran.rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}

/**
 * Brings the tables up to date, if they are not: only then, and only holding the whole store's
 * lease exclusively, so no process of the older version writes while the tables change under it
 * and two processes starting together never migrate at once (the second finds nothing pending
 * once the first is done). While another process migrates, waits; while processes serve the
 * database (holding shards), waits as a standby (`wait`) or refuses with UpgradeBlockedError.
 * Rejects with SchemaSetupError when the server refuses the change.
 */
export async function upgradeSchema(
  client: pg.ClientBase,
  options: { wait: boolean; pollMs: number; signal?: AbortSignal },
): Promise<void> {
  while ((await pendingMigrations(client)).length > 0) {
    if (await tryLease(client, WHOLE_STORE)) {
      try {
        await runner({
          dbClient: client,
          dir: migrationsDir(),
          migrationsTable: MIGRATIONS_TABLE,
          direction: 'up',
          // Serialised by the lease already; node-pg-migrate's own lock waits rather than fails.
          advisoryLockMode: 'wait',
          log: () => {},
        }).catch((error: unknown) => {
          throw new SchemaSetupError(error);
        });
      } finally {
        await releaseLease(client, WHOLE_STORE).catch(() => {});
      }
      return;
    }
    if ((await wholeStoreServed(client)) && !options.wait) throw new UpgradeBlockedError();
    options.signal?.throwIfAborted();
    await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
  }
}
