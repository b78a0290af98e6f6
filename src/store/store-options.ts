import type { Clock } from '../core/clock.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { DEFAULT_BACKUP_KEEP_DAYS } from './backups.js';

/** How a store is opened: its data dir and clock, and limits that default (withDefaults). */
export interface StoreOptions {
  dir: string;
  clock: Clock;
  /** Journal size that triggers folding it into a fresh snapshot. */
  compactBytes?: number;
  /** BACKUP_KEEP_DAYS: a daily backup is deleted this many days after its day (UTC). */
  backupKeepDays?: number;
  /** How long processed event ids are remembered for redelivery checks. */
  seenTtlMs?: number;
  /** Points entries older than this move to the ledger archive at compaction. */
  archiveAfterMs?: number;
  /** Told about failures no caller waits for (a snapshot that could not be written). */
  log?: Pick<Logger, 'warn'>;
}

/**
 * The options with every default filled in: compaction at a 64 MiB journal, backups kept the
 * default BACKUP_KEEP_DAYS, seen ids 7 days, points entries archived after 60 days, no log.
 */
export function withDefaults(options: StoreOptions): Required<StoreOptions> {
  return {
    compactBytes: 64 * 1024 * 1024,
    backupKeepDays: DEFAULT_BACKUP_KEEP_DAYS,
    seenTtlMs: 7 * 86_400_000,
    archiveAfterMs: 60 * 86_400_000,
    log: silentLogger,
    ...options,
  };
}
