import { Low } from 'lowdb';
import { Batch } from './batch.js';
import { CommitQueue } from './commit-queue.js';
import { JournalWriter } from './journal.js';
import { journalFile, loadState, snapshotFile } from './load.js';
import { type CollectionName, recordSchemas, SCHEMA_VERSION } from './schema.js';
import { type SnapshotDocument, SnapshotFile } from './snapshot-file.js';
import type { StoreOptions } from './store-options.js';
import type { Tables } from './tables.js';
import { failedWrite, StoreWriteError } from './write-errors.js';

/**
 * The write path of the store (Store extends it): transactions against the tables in memory, the
 * group commit loop that appends them to the journal, going back to the disk's state when a write
 * fails, and folding the journal into a snapshot. Opening, backups, archiving and closing are Store's.
 */
export abstract class GroupCommit extends CommitQueue {
  /** A batch whose write failed, while the store goes back to the disk's state (failWrite). */
  private failing: Batch | undefined;
  /** An erasing commit is durable but no snapshot since holds it: the next write compacts. */
  private eraseOwed = false;

  protected constructor(
    protected readonly opts: Required<StoreOptions>,
    public tables: Tables,
    protected journal: JournalWriter,
  ) {
    super();
  }

  protected get writing(): Batch | undefined {
    return this.failing;
  }

  /**
   * Moves points entries past the archive age out of memory before a compaction (Store does it:
   * see Store.archiveOld). Resolves once they are in the archive and their removal is committed.
   */
  protected abstract archiveOld(): Promise<unknown>;

  /**
   * Group commit: the commits of one turn of the event loop (every event that arrived together,
   * e.g. one poll's hundred updates) are written as one line at the end of that turn, and the
   * write blocks until it is on disk. Blocking, as SQLite does, is the better trade here: the
   * write takes well under a millisecond on an SSD, and an order is acknowledged in the same turn
   * instead of two turns later (an asynchronous write is only seen to finish after the next
   * turn's events have been handled). A slow disk makes the turns longer and the batches bigger.
   */
  protected async flushLoop(): Promise<void> {
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
  protected async foldJournal(): Promise<void> {
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
   * Runs fn with no journal write or compaction under way, and none starting until it ends: a
   * compaction truncates the journal, so an append in between would be lost.
   */
  protected async exclusive(fn: () => Promise<void>): Promise<void> {
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
}
