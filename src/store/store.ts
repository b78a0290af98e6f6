import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Clock } from '../core/clock.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { dueForArchive, removeArchived } from './archiving.js';
import { BackupTimer, backupDue, DEFAULT_BACKUP_KEEP_DAYS, pruneBackups, takeBackup } from './backups.js';
import { Batch } from './batch.js';
import { removeLeftoverTempFiles } from './durable-file.js';
import { JournalWriter } from './journal.js';
import { ARCHIVE_DIR, appendArchive } from './ledger-archive.js';
import { exists, journalFile, loadState, snapshotFile } from './load.js';
import { acquireLock } from './lock.js';
import { type CollectionName, recordSchemas, SCHEMA_VERSION } from './schema.js';
import { type SnapshotDocument, SnapshotFile } from './snapshot-file.js';
import type { Tables } from './tables.js';
import { Tx } from './tx.js';

export { journalFile, readState, StoreLoadError, snapshotFile } from './load.js';

/** The write that held a command's effect failed (disk full, read-only); the effect was undone. */
export class StoreWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(`could not save: ${(cause as Error)?.message ?? cause}`);
    this.name = 'StoreWriteError';
  }
}

/** A write to the data dir that failed: when, and the file system's error code (ENOSPC…) or message. */
export interface FailedWrite {
  at: Date;
  code: string;
}

function failedWrite(cause: unknown, at: Date): FailedWrite {
  const error = cause as NodeJS.ErrnoException | undefined;
  return { at, code: error?.code ?? error?.message ?? String(cause) };
}

const UNWRITABLE: Record<string, string> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** The data dir cannot be written (read-only, no permission, disk full): the store does not open. */
export class DataDirUnwritableError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(
      `cannot write to the data dir ${dir}: ${UNWRITABLE[code]} (${code}). The data there is as it was; make it writable${code === 'ENOSPC' || code === 'EDQUOT' ? ' or free some space' : ''} and start again.`,
    );
    this.name = 'DataDirUnwritableError';
  }
}

function asUnwritable(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code && code in UNWRITABLE ? new DataDirUnwritableError(dir, code) : error;
}

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
 * The store: all state in memory, a snapshot file (written durably, with a checksum: snapshot-file.ts)
 * and a journal of committed transactions since that snapshot. A commit costs one append of its
 * own changes (not a rewrite of the whole history); commits arriving together share one fsync
 * (group commit). `committed` resolves only when the change is on disk.
 */
export class Store {
  private seq = 0;
  /** Commits not yet handed to the journal. */
  private pending = new Batch();
  /** A batch whose write failed, while the store goes back to the disk's state (failWrite). */
  private failing: Batch | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** The daily backup while the store is open (backups.ts). */
  private readonly backups: BackupTimer;
  /** When a write last reached the disk (journal or snapshot), for the health check. */
  lastWriteAt: Date | undefined;
  /**
   * The last write that failed (a journal append: its commits were refused; or a snapshot), kept
   * until a later write succeeds: the health check reports it, since a small probe file may still
   * fit on a disk that refuses the journal's next line.
   */
  lastWriteError: FailedWrite | undefined;
  /** An erasing commit is durable but no snapshot since holds it: the next write compacts. */
  private eraseOwed = false;
  /** Commits and the fsynced writes that carried them (group commit makes the second much smaller). */
  readonly stats = { commits: 0, writes: 0, compactions: 0, compactionFailures: 0 };

  private constructor(
    private readonly opts: Required<StoreOptions>,
    public tables: Tables,
    private journal: JournalWriter,
    private readonly releaseLock: () => Promise<void>,
  ) {
    this.backups = new BackupTimer(
      opts.clock,
      () => this.backup(),
      (error) =>
        opts.log.warn({ err: error }, 'could not take the daily backup; trying again within the hour'),
    );
  }

  /** Days a daily backup is kept (BACKUP_KEEP_DAYS), as /privacy tells members. */
  get backupKeepDays(): number {
    return this.opts.backupKeepDays;
  }

  get dir(): string {
    return this.opts.dir;
  }

  static async open(options: StoreOptions): Promise<Store> {
    const opts: Required<StoreOptions> = {
      compactBytes: 64 * 1024 * 1024,
      backupKeepDays: DEFAULT_BACKUP_KEEP_DAYS,
      seenTtlMs: 7 * 86_400_000,
      archiveAfterMs: 60 * 86_400_000,
      log: silentLogger,
      ...options,
    };
    const unwritable = (error: unknown) => {
      throw asUnwritable(opts.dir, error);
    };
    await mkdir(opts.dir, { recursive: true, mode: 0o700 }).catch(unwritable);
    const release = await acquireLock(opts.dir).catch(unwritable);
    let journal: JournalWriter | undefined;
    try {
      // A snapshot or archive rewrite cut short by a crash: its temp file may hold erased data.
      await removeLeftoverTempFiles(opts.dir);
      await removeLeftoverTempFiles(join(opts.dir, ARCHIVE_DIR));
      const loaded = await loadState(opts.dir);
      journal = await JournalWriter.open(journalFile(opts.dir), loaded.journalBytes);
      const store = new Store(opts, loaded.tables, journal, release);
      store.seq = loaded.seq;
      store.forgetOldSeen();
      const compacting = loaded.replayed > 0 || !(await exists(snapshotFile(opts.dir)));
      // Archiving means writing a new snapshot: at open only when one is written anyway, or when
      // much of the ledger is due (a data dir from before the archive), not for a few entries that
      // just turned 60 days old (those move at the next compaction).
      const archived = await store.archiveOld(compacting ? 1 : Math.max(1, loaded.tables.ledger.size / 4));
      // Nothing else runs yet: wait for the removal to be durable before the snapshot.
      await archived?.committed;
      if (archived || compacting) await store.compact();
      // The snapshot holds the whole state now (a replayed journal was folded in above).
      await takeBackup(opts.dir, snapshotFile(opts.dir), opts.clock.now());
      await pruneBackups(opts.dir, opts.clock.now(), opts.backupKeepDays);
      store.backups.start();
      return store;
    } catch (error) {
      // A snapshot or backup that cannot be written (disk full): close the journal, not leak it.
      await journal?.close().catch(() => {});
      await release();
      throw asUnwritable(opts.dir, error);
    }
  }

  /**
   * Runs fn against the state now and commits its changes. `value` is fn's result; `committed`
   * resolves once the changes are durable and rejects (with the changes undone) if they cannot be.
   */
  transact<T>(fn: (tx: Tx) => T): { value: T; committed: Promise<void> } {
    if (this.closed) throw new StoreWriteError(new Error('the store is closed'));
    const tx = new Tx(this.tables);
    let value: T;
    try {
      value = fn(tx);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    if (tx.changes.length === 0) return { value, committed: this.flushed() };
    this.seq++;
    this.stats.commits++;
    // Serialised when the batch is written, not here: the line's text is then garbage at once
    // instead of living through collections while it waits for its write.
    this.pending.add(tx.changes, this.seq);
    if (tx.erases) this.pending.erases = true;
    this.flushing ??= this.flushLoop();
    return { value, committed: this.pending.done };
  }

  /** transact() and wait until durable. */
  async mutate<T>(fn: (tx: Tx) => T): Promise<T> {
    const { value, committed } = this.transact(fn);
    await committed;
    return value;
  }

  /** Resolves when everything committed so far is on disk. */
  flushed(): Promise<void> {
    if (!this.pending.empty) return this.pending.done;
    return this.failing?.done ?? Promise.resolve();
  }

  /** Resolves when no write or compaction is under way (flushed() waits only for durability). */
  async idle(): Promise<void> {
    while (this.flushing || this.backups.running) {
      await this.flushing;
      await this.backups.running;
    }
  }

  /**
   * Group commit: the commits of one turn of the event loop (every event that arrived together,
   * e.g. one poll's hundred updates) are written as one line at the end of that turn, and the
   * write blocks until it is on disk. Blocking, as SQLite does, is the better trade here: the
   * write takes well under a millisecond on an SSD, and an order is acknowledged in the same turn
   * instead of two turns later (an asynchronous write is only seen to finish after the next
   * turn's events have been handled). A slow disk makes the turns longer and the batches bigger.
   */
  private async flushLoop(): Promise<void> {
    // Let the commands of this turn of the loop, and those they await, join the same write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.pending.empty) {
      const failed = this.writePending();
      if (failed) {
        await this.failWrite(failed);
        continue;
      }
      // These commits are durable in the journal already; a snapshot that cannot be written
      // (disk full) is retried at the next threshold and does not fail them. A commit that erased
      // personal data compacts at once, so the records it replaced leave the journal and the
      // snapshot now (see Tx.erasesPersonalData), not at the next 64 MiB or restart.
      if (this.eraseOwed || this.journal.size > this.opts.compactBytes) {
        try {
          // Not awaiting the removal's commit: only this loop could write it. foldJournal does.
          await this.archiveOld();
          await this.foldJournal();
        } catch (error) {
          this.stats.compactionFailures++;
          this.lastWriteError = failedWrite(error, this.opts.clock.now());
          this.opts.log.warn({ err: error }, 'could not write a snapshot; the journal keeps every change');
        }
      }
    }
    this.flushing = undefined;
  }

  /**
   * Appends the commits waiting in `pending` to the journal as one line and acknowledges them.
   * Synchronous (the journal write blocks: see flushLoop), so nothing commits between it and the
   * caller's next step. On failure returns what failWrite needs; nothing is acknowledged then.
   */
  private writePending(): { batch: Batch; cause: unknown } | undefined {
    const batch = this.pending;
    if (batch.empty) return undefined;
    this.pending = new Batch();
    try {
      this.journal.append(batch.line());
    } catch (cause) {
      this.failing = batch;
      this.lastWriteError = failedWrite(cause, this.opts.clock.now());
      return { batch, cause };
    }
    this.stats.writes++;
    this.lastWriteAt = this.opts.clock.now();
    this.lastWriteError = undefined;
    if (batch.erases) this.eraseOwed = true;
    batch.resolve();
    return undefined;
  }

  /**
   * A journal write failed: memory holds changes that are not on disk. Goes back to what the disk
   * has and fails the batch, and with it every commit made while reloading: those ran against the
   * state being thrown away (a deal's counters that counted the failed order), so writing them
   * would bring the failed change back.
   */
  private async failWrite({ batch, cause }: { batch: Batch; cause: unknown }): Promise<void> {
    const during = await this.reloadFromDisk().catch(() => {
      const made = this.pending;
      this.pending = new Batch();
      return made;
    });
    this.failing = undefined;
    batch.reject(new StoreWriteError(cause));
    during.reject(new StoreWriteError(cause));
  }

  /** Loads the disk's state into memory; returns the commits made meanwhile (not in it). */
  private async reloadFromDisk(): Promise<Batch> {
    const loaded = await loadState(this.opts.dir);
    await this.journal.close().catch(() => {});
    this.journal = await JournalWriter.open(journalFile(this.opts.dir), loaded.journalBytes);
    // In one synchronous step: a commit from here on runs against the loaded tables.
    this.tables = loaded.tables;
    this.seq = loaded.seq;
    const during = this.pending;
    this.pending = new Batch();
    return during;
  }

  /**
   * Folds the journal into a fresh snapshot (temp file, fsync, rename) and empties the journal.
   * Waits for the write or compaction under way; commits made meanwhile are written after it.
   */
  async compact(): Promise<void> {
    await this.exclusive(() => this.foldJournal());
  }

  /**
   * The snapshot holds exactly what is durable. Memory may be ahead of the disk: commits made
   * since the last journal write wait in `pending`, and their write may still fail (and then be
   * reported as failed). A snapshot of them would outlive that failure: the reload after it, and
   * any restart, read this snapshot. So the commits waiting are written to the journal first, and
   * the records are taken in the same synchronous step, when memory and journal agree. Commits
   * made while the snapshot is written wait for it in `pending` (the caller is the flush loop
   * itself, or holds it off through exclusive()), which also keeps appends off the journal that
   * is emptied below. Nothing is copied per commit: only the collections, once per compaction.
   */
  private async foldJournal(): Promise<void> {
    while (!this.pending.empty) {
      const failed = this.writePending();
      if (failed) await this.failWrite(failed);
    }
    const collections = Object.fromEntries(
      (Object.keys(recordSchemas) as CollectionName[]).map((name) => [name, [...this.tables[name].values()]]),
    );
    const db = new Low<SnapshotDocument>(new SnapshotFile(snapshotFile(this.opts.dir)), {});
    db.data = {
      header: { version: SCHEMA_VERSION, seq: this.seq, savedAt: this.opts.clock.now().toISOString() },
      collections,
    };
    await db.write();
    this.eraseOwed = false;
    this.stats.compactions++;
    this.lastWriteAt = this.opts.clock.now();
    this.lastWriteError = undefined;
    // Entries up to seq are in the snapshot now; replay would skip them anyway, so a crash
    // between the rename and this truncation loses nothing.
    await this.journal.close();
    this.journal = await JournalWriter.open(journalFile(this.opts.dir), 0);
  }

  /**
   * The daily backup, run at open and by the timer: today's (UTC) if there is none yet, from a
   * fresh snapshot (the journal folded in first), then deletes the backups backupKeepDays old.
   * Rejects with the file system's error (disk full); the timer tries again within the hour.
   */
  async backup(): Promise<void> {
    const dir = this.opts.dir;
    await this.exclusive(async () => {
      if (this.closed || !(await backupDue(dir, this.opts.clock.now()))) return;
      if (this.journal.size > 0 || !this.pending.empty) await this.foldJournal();
      await takeBackup(dir, snapshotFile(dir), this.opts.clock.now());
    });
    await pruneBackups(dir, this.opts.clock.now(), this.opts.backupKeepDays);
  }

  /**
   * Runs fn with no journal write or compaction under way, and none starting until it ends: a
   * compaction truncates the journal, so an append in between would be lost.
   */
  private async exclusive(fn: () => Promise<void>): Promise<void> {
    while (this.flushing) await this.flushing;
    let done = () => {};
    this.flushing = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await fn();
    } finally {
      // Commits made meanwhile waited in `pending`: write them now.
      this.flushing = this.pending.empty ? undefined : this.flushLoop();
      done();
    }
  }

  /**
   * Moves points entries older than the archive age out of memory: appended and fsynced to the
   * archive first, then removed by a transaction (see ledger-archive.ts for why a crash between
   * the two counts nothing twice). Returns that transaction's commit, if there was anything to move.
   */
  private async archiveOld(minEntries = 1): Promise<{ committed: Promise<void> } | undefined> {
    const cutoff = new Date(this.opts.clock.now().getTime() - this.opts.archiveAfterMs).toISOString();
    const due = dueForArchive(this.tables, cutoff);
    let count = 0;
    for (const entries of due.values()) count += entries.length;
    if (count === 0 || count < minEntries) return undefined;
    // Queued at once, in the same tick as the scan: a /forget rewrite queued later sees them all.
    await Promise.all(
      [...due].map(([communityId, entries]) => appendArchive(this.opts.dir, communityId, entries)),
    );
    const { committed } = this.transact((tx) => {
      for (const [communityId, entries] of due) removeArchived(tx, communityId, entries);
    });
    return { committed };
  }

  private forgetOldSeen(): void {
    const cutoff = this.opts.clock.now().getTime() - this.opts.seenTtlMs;
    const old = [...this.tables.seen.values()].filter((s) => Date.parse(s.at) < cutoff);
    if (old.length === 0) return;
    // Not awaited: a lost deletion only means remembering an id a little longer.
    this.transact((tx) => {
      for (const s of old) tx.delete('seen', s.id);
    }).committed.catch(() => {});
  }

  /** Flushes, writes a final snapshot and releases the data dir. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.backups.stop();
    // Not only durable: a compaction under way must finish before the final one starts.
    await this.idle();
    try {
      const archived = await this.archiveOld();
      await archived?.committed;
    } catch {
      // Not archived now: the entries stay live and move at the next compaction.
    }
    this.closed = true;
    try {
      // After any write or compaction still under way (a commit made while archiving above).
      await this.exclusive(async () => {
        if (this.journal.size > 0 || !this.pending.empty) await this.foldJournal();
      });
    } finally {
      await this.journal.close().catch(() => {});
      await this.releaseLock();
    }
  }
}
