import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { BotStore } from './contract.js';
import { exists } from './load.js';
import { DataDirLockedError } from './lock.js';
import { LeaseHeldError } from './postgres/lease.js';
import { UnsupportedDatabaseError } from './postgres/pg-load.js';
import { PgStore } from './postgres/pg-store.js';
import { SchemaSetupError, UpgradeBlockedError } from './postgres/schema-upgrade.js';
import {
  DataDirUnwritableError,
  journalFile,
  readState,
  Store,
  StoreLoadError,
  snapshotFile,
} from './store.js';

/** Where the state lives, as configured (DATA_DIR, DATABASE_URL, STORE_STANDBY, BACKUP_KEEP_DAYS). */
export interface StorePlace {
  dataDir: string;
  databaseUrl?: string | undefined;
  standby?: boolean;
  backupKeepDays?: number;
  /** With PostgreSQL: serve only these platforms' shard (the adapters this process runs). */
  platforms?: readonly string[];
  /** A tool (import), not a serving bot: its session is never ended by a standby. */
  tool?: boolean;
}

/** The store cannot be opened for a reason the operator can fix; the message says which. */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** The database's host, port and name, never its password, for messages. */
export function databaseName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the database';
  }
}

/**
 * Opens the store the configuration names: PostgreSQL when databaseUrl is set, otherwise the
 * JSON store under dataDir. Rejects with StoreOpenError for what the operator must fix (the data
 * dir locked or unreadable, the database unreachable or served by another process), and with
 * anything else as it came.
 */
export async function openStore(
  place: StorePlace,
  clock: Clock,
  log: Logger,
  hooks: { onLost?: (error: Error) => void; signal?: AbortSignal; onStandby?: () => void } = {},
): Promise<BotStore> {
  const keep = place.backupKeepDays !== undefined ? { backupKeepDays: place.backupKeepDays } : {};
  if (!place.databaseUrl) {
    try {
      return await Store.open({ dir: place.dataDir, clock, log, ...keep });
    } catch (error) {
      if (
        error instanceof StoreLoadError ||
        error instanceof DataDirLockedError ||
        error instanceof DataDirUnwritableError
      )
        throw new StoreOpenError(error.message, { cause: error });
      throw error;
    }
  }
  let store: PgStore;
  try {
    store = await PgStore.open({
      url: place.databaseUrl,
      dir: place.dataDir,
      clock,
      log,
      standby: place.standby === true,
      ...(place.platforms ? { platforms: place.platforms } : {}),
      ...(place.tool ? { applicationName: 'tuanbot-tool' } : {}),
      ...keep,
      ...hooks,
    });
  } catch (error) {
    if (
      error instanceof LeaseHeldError ||
      error instanceof UnsupportedDatabaseError ||
      error instanceof SchemaSetupError ||
      error instanceof UpgradeBlockedError
    )
      throw new StoreOpenError(error.message, { cause: error });
    // pg's errors carry a code: ECONNREFUSED, 28P01 (password), 3D000 (no such database) …
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && !hooks.signal?.aborted)
      throw new StoreOpenError(
        `cannot open the database ${databaseName(place.databaseUrl)}: ${(error as Error).message} (${code})`,
        { cause: error },
      );
    throw error;
  }
  const left = await jsonStoreLeftBehind(store, place.dataDir);
  if (left !== undefined) {
    await store.close();
    throw new StoreOpenError(
      `the database ${databaseName(place.databaseUrl)} is empty, but DATA_DIR ${place.dataDir} holds ${left === 'unreadable' ? 'a JSON store that cannot be read' : `the JSON store of ${left} group${left === 1 ? '' : 's'}`}, which is not in the database. Copy it first (npm run store:copy -- --from ${place.dataDir} --to "$DATABASE_URL"), or move its state.json and journal.jsonl away to start afresh. No record was written.`,
    );
  }
  log.info(
    { database: databaseName(place.databaseUrl), platforms: place.platforms ?? 'all' },
    'store: PostgreSQL',
  );
  return store;
}

/**
 * A new DATABASE_URL over a data dir the JSON store used: the bot would start on an empty database
 * and the group would see its deals and orders gone. The number of communities the JSON store
 * holds (or 'unreadable'), when the database holds no record at all; undefined otherwise.
 */
async function jsonStoreLeftBehind(
  store: PgStore,
  dataDir: string,
): Promise<number | 'unreadable' | undefined> {
  if (!(await exists(snapshotFile(dataDir))) && !(await exists(journalFile(dataDir)))) return undefined;
  // The whole database, not this process's shard: another platform's groups may be there already.
  if (await store.holdsRecords()) return undefined;
  // A JSON store that cannot be read (corrupt, newer) may hold groups all the same.
  const tables = await readState(dataDir).catch(() => undefined);
  if (!tables) return 'unreadable';
  return tables.communities.size > 0 ? tables.communities.size : undefined;
}
