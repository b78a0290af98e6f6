import type { Tables } from './tables.js';
import type { Tx } from './tx.js';
import type { FailedWrite } from './write-errors.js';

/** Which implementation holds the state: the JSON files under DATA_DIR, or a PostgreSQL database. */
export type StoreEngine = 'json' | 'postgres';

/** Commits and the durable writes that carried them (group commit makes the second much smaller). */
export interface StoreStats {
  commits: number;
  /** Journal appends (JSON) or database transactions (PostgreSQL) that made commits durable. */
  writes: number;
  /** Snapshots folded from the journal (JSON only; PostgreSQL keeps 0). */
  compactions: number;
  compactionFailures: number;
}

/**
 * What services, commands, jobs and the core see of the store, whichever engine holds it
 * (store.ts: JSON files; postgres/pg-store.ts: PostgreSQL). The state is read from `tables` in
 * memory, synchronously; changes go through transact(), and a change is acknowledged (its
 * `committed` resolves) only once it is durable: the journal line fsynced, or the database
 * transaction committed with synchronous_commit=on. Commits made in one turn of the event loop
 * share one durable write (group commit). If the write fails, `committed` rejects with
 * StoreWriteError and memory goes back to the durable state.
 */
export interface BotStore {
  readonly engine: StoreEngine;
  /** The state now, including commits not yet durable (see transact). */
  readonly tables: Tables;
  /**
   * DATA_DIR: the files both engines keep beside the records (pictures, the points archive,
   * exports). With PostgreSQL every process serving the database needs the same folder.
   */
  readonly dir: string;
  /** Days a daily backup is kept (BACKUP_KEEP_DAYS), as /privacy tells members. */
  readonly backupKeepDays: number;
  readonly stats: StoreStats;
  /** When a write last reached durable storage, for the health check. */
  readonly lastWriteAt: Date | undefined;
  /** The last write that failed, kept until a later one succeeds (the health check reports it). */
  readonly lastWriteError: FailedWrite | undefined;
  /**
   * Runs fn against the state now and commits its changes. `value` is fn's result; `committed`
   * resolves once the changes are durable and rejects (with the changes undone) if they cannot be.
   * fn must not await: it runs in one synchronous step, so no other commit interleaves with it.
   */
  transact<T>(fn: (tx: Tx) => T): { value: T; committed: Promise<void> };
  /** transact() and wait until durable. */
  mutate<T>(fn: (tx: Tx) => T): Promise<T>;
  /** Resolves when everything committed so far is durable. */
  flushed(): Promise<void>;
  /** Resolves when no write (or compaction, or backup) is under way. */
  idle(): Promise<void>;
  /** Makes everything durable and lets go of the data (the data dir lock, the database lease). */
  close(): Promise<void>;
  /**
   * The paths of files (exports, pictures) that messages still owed will send, on every shard of
   * the store: with PostgreSQL, also those that processes serving other platforms owe, which this
   * process's tables do not hold. A file on this list must not be deleted yet.
   */
  filesOwed(): Promise<ReadonlySet<string>>;
}
