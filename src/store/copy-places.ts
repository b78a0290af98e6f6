import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { recordCount } from './copy-digest.js';
import { readState, StoreLoadError } from './load.js';
import { acquireLock, DataDirLockedError } from './lock.js';
import { databaseName } from './open-store.js';
import { databaseUrlProblem, withoutPassword } from './postgres/database-url.js';
import { leaseHolder, releaseLease, tryLease } from './postgres/lease.js';
import { loadTables, UnsupportedDatabaseError } from './postgres/pg-load.js';
import { tableOf } from './postgres/pg-schema.js';
import { type CollectionName, recordSchemas } from './schema.js';
import type { Tables } from './tables.js';

/** Where `store:copy` reads or writes: a JSON data dir, or a PostgreSQL database. */
export type StorePlace = { kind: 'dir'; dir: string } | { kind: 'postgres'; url: string };

/** The copy cannot be made; `message` is the one line the operator reads. Nothing was written. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

/**
 * `postgres://…` or `postgresql://…` is a database (refused when it is not a valid URL); anything
 * else is a data dir path, resolved against the working directory.
 */
export function parsePlace(text: string): StorePlace {
  // Anything with a scheme is meant as a URL: never a folder named after it (mysql://…, a typo).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const problem = databaseUrlProblem(text);
    if (problem) throw new CopyRefusedError(`${withoutPassword(text)}: ${problem}`);
    return { kind: 'postgres', url: text };
  }
  return { kind: 'dir', dir: resolve(text) };
}

/** How messages name a place: the data dir's path, or host:port/database (never the password). */
export function placeName(place: StorePlace): string {
  return place.kind === 'dir' ? place.dir : databaseName(place.url);
}

/** The same store on both sides (the same folder, or the same server and database). */
export function samePlace(a: StorePlace, b: StorePlace): boolean {
  if (a.kind === 'dir' && b.kind === 'dir') return a.dir === b.dir;
  if (a.kind === 'postgres' && b.kind === 'postgres') return databaseName(a.url) === databaseName(b.url);
  return false;
}

/** The source's records, read, and what keeps a bot from starting on it until `release`. */
export interface OpenSource {
  tables: Tables;
  /** The source was in use by a running bot (copied with --live): later commits are not copied. */
  live: boolean;
  release(): Promise<void>;
}

async function isDir(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** A client connected to the database, or a refusal naming host:port/db and pg's reason. */
async function connect(url: string, role: 'source' | 'target'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'tuanbot-copy' });
  // An idle connection's error arrives as an event: without a listener it crashes the process.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    const code = (error as { code?: string }).code;
    throw new CopyRefusedError(
      `cannot reach the ${role} database ${databaseName(url)}: ${(error as Error).message}${code ? ` (${code})` : ''}`,
    );
  }
}

/** Whether the database has tuanbot's tables (a store was opened on it once). */
async function hasStoreTables(client: pg.ClientBase): Promise<boolean> {
  const found = await client.query<{ t: string | null }>(`SELECT to_regclass('store_meta')::text AS t`);
  return found.rows[0]?.t != null;
}

/**
 * Reads the source. A data dir's lock, or a database's lease, is taken and held until release(),
 * so no bot starts on the source mid-copy; if a running bot holds it, the copy is refused unless
 * `live`, and then reads the committed state beside the bot (the data dir as on disk, the database
 * in one REPEATABLE READ transaction). Rejects with CopyRefusedError: missing, unreachable,
 * unreadable, in use, or holding no records.
 */
export async function openSource(place: StorePlace, live: boolean): Promise<OpenSource> {
  return place.kind === 'dir' ? openSourceDir(place.dir, live) : openSourceDatabase(place.url, live);
}

async function openSourceDir(dir: string, live: boolean): Promise<OpenSource> {
  if (!(await isDir(dir))) throw new CopyRefusedError(`the source ${dir} is not a folder`);
  let release = async () => {};
  let inUse = false;
  try {
    release = await acquireLock(dir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    if (!live)
      throw new CopyRefusedError(
        `a running tuanbot${error.pid === undefined ? '' : ` (pid ${error.pid})`} is using the source ${dir}; stop it first, or copy with --live (the copy then misses what the bot commits later)`,
      );
    inUse = true;
  }
  try {
    const tables = await readState(dir);
    if (recordCount(tables) === 0) throw new CopyRefusedError(`the source ${dir} holds no tuanbot records`);
    return { tables, live: inUse, release };
  } catch (error) {
    await release();
    if (error instanceof StoreLoadError)
      throw new CopyRefusedError(`cannot read the source: ${error.message}`);
    throw error;
  }
}

async function openSourceDatabase(url: string, live: boolean): Promise<OpenSource> {
  const client = await connect(url, 'source');
  const name = databaseName(url);
  const end = () => client.end().catch(() => {});
  try {
    if (!(await hasStoreTables(client)))
      throw new CopyRefusedError(`the source ${name} holds no tuanbot records`);
    const held = await tryLease(client);
    if (!held && !live) {
      const pid = await leaseHolder(client);
      throw new CopyRefusedError(
        `a running tuanbot${pid === undefined ? '' : ` (database session ${pid})`} is serving the source ${name}; stop it first, or copy with --live (the copy then misses what the bot commits later)`,
      );
    }
    const tables = await loadTables(client);
    if (recordCount(tables) === 0) throw new CopyRefusedError(`the source ${name} holds no tuanbot records`);
    return {
      tables,
      live: !held,
      async release() {
        if (held) await releaseLease(client).catch(() => {});
        await end();
      },
    };
  } catch (error) {
    await end();
    if (error instanceof UnsupportedDatabaseError)
      throw new CopyRefusedError(`cannot read the source ${name}: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses (CopyRefusedError) unless the target holds no tuanbot records: a data dir that is
 * missing, empty or whose store is empty; a database without tuanbot's tables or with them empty.
 * Also refuses an unreachable database. Writes nothing.
 */
export async function checkTargetEmpty(place: StorePlace): Promise<void> {
  if (place.kind === 'dir') {
    if (!(await isDir(place.dir))) return;
    let held: number;
    try {
      held = recordCount(await readState(place.dir));
    } catch (error) {
      if (error instanceof StoreLoadError)
        throw new CopyRefusedError(`cannot read the target: ${error.message}`);
      throw error;
    }
    if (held > 0)
      throw new CopyRefusedError(
        `the target ${place.dir} already holds ${held} tuanbot records; copy into an empty folder`,
      );
    return;
  }
  const client = await connect(place.url, 'target');
  try {
    if (!(await hasStoreTables(client))) return;
    const counts = await client.query<{ n: string }>(
      (Object.keys(recordSchemas) as CollectionName[])
        .map((name) => `SELECT count(*) AS n FROM ${tableOf(name)}`)
        .join(' UNION ALL '),
    );
    const held = counts.rows.reduce((sum, row) => sum + Number(row.n), 0);
    if (held > 0)
      throw new CopyRefusedError(
        `the target ${databaseName(place.url)} already holds ${held} tuanbot records; copy into an empty database`,
      );
  } finally {
    await client.end().catch(() => {});
  }
}

/** The target's records read back from scratch, as a bot starting on it would (without the lease). */
export async function readPlace(place: StorePlace): Promise<Tables> {
  if (place.kind === 'dir') return readState(place.dir);
  const client = await connect(place.url, 'target');
  try {
    return await loadTables(client);
  } finally {
    await client.end().catch(() => {});
  }
}
