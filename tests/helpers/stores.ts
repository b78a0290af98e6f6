import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { vi } from 'vitest';
import { type Clock, ManualClock } from '../../src/core/clock.js';
import type { BotStore, StoreEngine } from '../../src/store/contract.js';
import { JournalWriter } from '../../src/store/journal.js';
import { tableOf } from '../../src/store/postgres/pg-schema.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import type { CollectionName } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { type ThrowawayDatabase, throwawayDatabase } from './pg.js';

/** The engines every store contract test runs against (tests/store/contract-*.test.ts). */
export const ENGINES: readonly StoreEngine[] = ['json', 'postgres'];

/** Where one engine keeps a store: its data dir, and for PostgreSQL its database. */
export interface EngineTarget {
  dir: string;
  /** The database's URL (postgres only). */
  url?: string;
  clock: Clock;
  /** BACKUP_KEEP_DAYS (default 7). */
  backupKeepDays?: number;
}

/**
 * Opens the store of `engine` on `target`: the JSON store on target.dir, or PgStore on target.url
 * (with target.dir as its DATA_DIR for pictures and exports). Throws when postgres has no url.
 */
export async function openEngine(engine: StoreEngine, target: EngineTarget): Promise<BotStore> {
  const { url, ...options } = target;
  if (engine === 'json') return Store.open(options);
  if (!url) throw new Error('openEngine: the postgres engine needs a database url');
  return PgStore.open({ url, ...options });
}

/** A fresh target for one test: a temp data dir, and a throwaway database for postgres. */
export interface FreshTarget extends EngineTarget {
  /** Removes the data dir and drops the database (close the stores on it first). */
  dispose(): Promise<void>;
}

/** The schema-only database this process copies (migratedDatabase); reset if making it failed. */
let template: Promise<string> | undefined;

/**
 * A throwaway database with the store's schema in place, as PgStore.open leaves an empty one: a
 * copy of a database migrated once per process (CREATE DATABASE … TEMPLATE), since copying takes
 * ~0.1 s and migrating ~0.4 s of every test. The template is dropped by the next run's sweep
 * (pg.ts: databases of processes that ended).
 */
export async function migratedDatabase(label: string): Promise<ThrowawayDatabase> {
  template ??= migratedTemplate().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return throwawayDatabase(label, { template: await template });
}

async function migratedTemplate(): Promise<string> {
  const database = await throwawayDatabase('template');
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-template-'));
  try {
    // Opening migrates; closing ends the only connection, as a template must have none.
    const store = await PgStore.open({ url: database.url, dir, clock: new ManualClock() });
    await store.close();
    return database.name;
  } catch (error) {
    await database.drop().catch(() => {});
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Makes a fresh target for `engine`; `label` names the temp dir and database (for a stray one). */
export async function freshTarget(engine: StoreEngine, label: string, clock: Clock): Promise<FreshTarget> {
  const dir = await mkdtemp(join(tmpdir(), `tuanbot-${label}-`));
  const database = engine === 'postgres' ? await migratedDatabase(label) : undefined;
  return {
    dir,
    clock,
    ...(database ? { url: database.url } : {}),
    async dispose() {
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes every durable write of `collection` records whose JSON contains `marker` fail for real
 * reasons of the engine, until the returned function is called:
 * - JSON: the journal append throws ENOSPC, as a full disk does (tests/store/compaction.test.ts);
 * - PostgreSQL: a trigger on the collection's table raises on such a row, so the database refuses
 *   the whole transaction, as it does on a constraint violation or a full tablespace.
 * Resolves once the fault is in place; the returned function removes it.
 */
export async function refuseWrites(
  engine: StoreEngine,
  target: EngineTarget,
  collection: CollectionName,
  marker: string,
): Promise<() => Promise<void>> {
  if (engine === 'json') {
    const append = JournalWriter.prototype.append;
    const spy = vi.spyOn(JournalWriter.prototype, 'append').mockImplementation(function (
      this: JournalWriter,
      line: string,
    ) {
      if (line.includes(`"${collection}"`) && line.includes(marker))
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      append.call(this, line);
    });
    return async () => spy.mockRestore();
  }
  // Trigger arguments are literals in the DDL: keep the marker to characters that need no quoting.
  if (!/^[\w/:#.-]+$/.test(marker)) throw new Error(`refuseWrites: marker ${marker} must be [\\w/:#.-]`);
  const table = tableOf(collection);
  await sql(target, [
    `CREATE OR REPLACE FUNCTION tuanbot_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.record::text LIKE '%' || TG_ARGV[0] || '%' THEN
         RAISE EXCEPTION 'refused by the test: a % row holding %', TG_TABLE_NAME, TG_ARGV[0]
           USING ERRCODE = 'check_violation';
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER tuanbot_test_refuse BEFORE INSERT OR UPDATE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION tuanbot_test_refuse('${marker}')`,
  ]);
  return async () => {
    await sql(target, [`DROP TRIGGER tuanbot_test_refuse ON ${table}`]);
  };
}

/**
 * The ids of a collection's rows as the database holds them, in row order (postgres only): what a
 * process opening the database would load, read without the store under test.
 */
export async function databaseIds(target: EngineTarget, collection: CollectionName): Promise<string[]> {
  const rows = await sql(target, [`SELECT id FROM ${tableOf(collection)} ORDER BY pos`]);
  return rows.map((row) => String(row.id));
}

/**
 * Ends the store's database session from another one (pg_terminate_backend), as a server restart
 * or a cut network does (postgres only). Resolves with the number of sessions ended.
 */
export async function cutStoreConnection(target: EngineTarget): Promise<number> {
  const rows = await sql(target, [
    `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS ended FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'tuanbot' AND pid <> pg_backend_pid()`,
  ]);
  return Number(rows[0]?.ended);
}

/** Runs statements on a connection of its own to target.url; returns the last one's rows. */
async function sql(target: EngineTarget, statements: string[]): Promise<Record<string, unknown>[]> {
  if (!target.url) throw new Error('no database url');
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows;
    return rows;
  } finally {
    await client.end();
  }
}
