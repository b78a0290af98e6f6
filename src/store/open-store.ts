import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { BotStore } from './contract.js';
import { DataDirLockedError } from './lock.js';
import { LeaseHeldError } from './postgres/lease.js';
import { UnsupportedDatabaseError } from './postgres/pg-load.js';
import { PgStore } from './postgres/pg-store.js';
import { DataDirUnwritableError, Store, StoreLoadError } from './store.js';

/** Where the state lives, as configured (DATA_DIR, DATABASE_URL, STORE_STANDBY, BACKUP_KEEP_DAYS). */
export interface StorePlace {
  dataDir: string;
  databaseUrl?: string | undefined;
  standby?: boolean;
  backupKeepDays?: number;
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
  try {
    return await PgStore.open({
      url: place.databaseUrl,
      dir: place.dataDir,
      clock,
      log,
      standby: place.standby === true,
      ...keep,
      ...hooks,
    });
  } catch (error) {
    if (error instanceof LeaseHeldError || error instanceof UnsupportedDatabaseError)
      throw new StoreOpenError(error.message, { cause: error });
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && !(error instanceof DOMException))
      throw new StoreOpenError(
        `cannot open the database ${databaseName(place.databaseUrl)}: ${(error as Error).message} (${code})`,
        { cause: error },
      );
    throw error;
  }
}
