import 'dotenv/config';
import { resolve } from 'node:path';
import { databaseName } from '../src/store/open-store.js';
import { databaseUrlProblem, withoutPassword } from '../src/store/postgres/database-url.js';
import { readDatabase, UnsupportedDatabaseError } from '../src/store/postgres/pg-load.js';
import { readState, StoreLoadError } from '../src/store/store.js';
import type { Tables } from '../src/store/tables.js';

/** DATA_DIR as the bot resolves it. */
export function dataDir(): string {
  return resolve(process.env.DATA_DIR || './data');
}

/** DATABASE_URL as the bot reads it: set and not empty means the records are in PostgreSQL. */
export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** Where the records are read from, for messages: the data dir, or host:port/database. */
export function storeName(): string {
  const url = databaseUrl();
  return url ? databaseName(url) : dataDir();
}

/**
 * The store's state as committed, without the lock or lease and without writing: safe beside a
 * running bot. PostgreSQL when DATABASE_URL is set (readDatabase), otherwise the data dir as it is
 * on disk. Undefined after printing why it cannot be read (never the database's password).
 */
export async function readDataDir(): Promise<Tables | undefined> {
  const url = databaseUrl();
  const problem = url && databaseUrlProblem(url);
  if (problem) {
    process.stderr.write(`tuanbot: DATABASE_URL=${withoutPassword(url)}: ${problem}\n`);
    return undefined;
  }
  try {
    return url ? await readDatabase(url) : await readState(dataDir());
  } catch (error) {
    if (error instanceof StoreLoadError || error instanceof UnsupportedDatabaseError) {
      process.stderr.write(`tuanbot: ${error.message}\n`);
      return undefined;
    }
    const code = (error as { code?: string }).code;
    if (url && code === '42P01') {
      process.stderr.write(`tuanbot: the database ${databaseName(url)} holds no tuanbot records yet\n`);
      return undefined;
    }
    if (url && typeof code === 'string') {
      process.stderr.write(
        `tuanbot: cannot read the database ${databaseName(url)}: ${(error as Error).message} (${code})\n`,
      );
      return undefined;
    }
    throw error;
  }
}
