import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dueForArchive, removeArchived } from './archiving.js';
import { BackupTimer, backupDue, pruneBackups, takeBackup } from './backups.js';
import type { BotStore } from './contract.js';
import { removeLeftoverTempFiles } from './durable-file.js';
import { GroupCommit } from './group-commit.js';
import { JournalWriter } from './journal.js';
import { ARCHIVE_DIR, appendArchive } from './ledger-archive.js';
import { exists, journalFile, loadState, snapshotFile } from './load.js';
import { acquireLock } from './lock.js';
import { filesOf } from './outbox-record.js';
import { forgetOldSeen } from './seen.js';
import { type StoreOptions, withDefaults } from './store-options.js';
import type { Tables } from './tables.js';
import { asUnwritable } from './write-errors.js';

export { journalFile, readState, StoreLoadError, snapshotFile } from './load.js';
export type { StoreOptions } from './store-options.js';
export { DataDirUnwritableError, type FailedWrite, StoreWriteError } from './write-errors.js';

/**
 * The store: all state in memory, a snapshot file (written durably, with a checksum: snapshot-file.ts)
 * and a journal of committed transactions since that snapshot. A commit costs one append of its
 * own changes (not a rewrite of the whole history); commits arriving together share one fsync
 * (group commit). `committed` resolves only when the change is on disk. The write path (transact,
 * the group commit loop, compaction) is group-commit.ts; here: open, daily backups, archiving, close.
 */
export class Store extends GroupCommit implements BotStore {
  readonly engine = 'json' as const;
  /** The daily backup while the store is open (backups.ts). */
  private readonly backups: BackupTimer;

  private constructor(
    opts: Required<StoreOptions>,
    tables: Tables,
    journal: JournalWriter,
    private readonly releaseLock: () => Promise<void>,
  ) {
    super(opts, tables, journal);
    this.backups = new BackupTimer(
      opts.clock,
      () => this.backup(),
      (error) =>
        opts.log.warn({ err: error }, 'could not take the daily backup; trying again within the hour'),
    );
  }

  /** One process serves a data dir: the messages owed are all in its tables. */
  async filesOwed(): Promise<ReadonlySet<string>> {
    return filesOf(this.tables.outbox.values());
  }

  /** Days a daily backup is kept (BACKUP_KEEP_DAYS), as /privacy tells members. */
  get backupKeepDays(): number {
    return this.opts.backupKeepDays;
  }

  get dir(): string {
    return this.opts.dir;
  }

  static async open(options: StoreOptions): Promise<Store> {
    const opts = withDefaults(options);
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
      forgetOldSeen(store, opts.clock.now(), opts.seenTtlMs);
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

  /** Resolves when no write or compaction is under way (flushed() waits only for durability). */
  async idle(): Promise<void> {
    while (this.flushing || this.backups.running) {
      await this.flushing;
      await this.backups.running;
    }
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
   * Moves points entries older than the archive age out of memory: appended and fsynced to the
   * archive first, then removed by a transaction (see ledger-archive.ts for why a crash between
   * the two counts nothing twice). Returns that transaction's commit, if there was anything to move.
   */
  protected override async archiveOld(minEntries = 1): Promise<{ committed: Promise<void> } | undefined> {
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
