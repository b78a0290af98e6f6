import { Batch } from './batch.js';
import type { StoreStats } from './contract.js';
import type { Tables } from './tables.js';
import { runTx, type Tx } from './tx.js';
import { type FailedWrite, StoreWriteError } from './write-errors.js';

/**
 * What both stores do the same way before their writes differ: a transaction runs against the
 * tables in memory, its changes join the batch of this turn of the event loop (group commit), and
 * it is acknowledged when that batch is durable. The JSON store (group-commit.ts) writes a batch
 * as a journal line, PostgreSQL (postgres/pg-store.ts) as one statement: each its own flushLoop.
 */
export abstract class CommitQueue {
  abstract tables: Tables;
  /** The last commit's sequence number (the JSON journal's line numbers). */
  protected seq = 0;
  /** Commits not yet handed to a write. */
  protected pending = new Batch();
  protected flushing: Promise<void> | undefined;
  protected closed = false;
  /** When a write last made commits durable, for the health check. */
  lastWriteAt: Date | undefined;
  /** The last write that failed, kept until a later one succeeds (the health check reports it). */
  lastWriteError: FailedWrite | undefined;
  /** Commits and the durable writes that carried them (group commit makes the second much smaller). */
  readonly stats: StoreStats = { commits: 0, writes: 0, compactions: 0, compactionFailures: 0 };

  /** Writes `pending` until it is empty, then clears `flushing`. */
  protected abstract flushLoop(): Promise<void>;

  /** The batch taken from `pending` and not yet settled (being written, or failing), if any. */
  protected abstract get writing(): Batch | undefined;

  /** Why no commit is taken now (closed; PostgreSQL: the lease lost), or undefined. */
  protected refusal(): Error | undefined {
    return this.closed ? new Error('the store is closed') : undefined;
  }

  /**
   * Runs fn against the state now and commits its changes. `value` is fn's result; `committed`
   * resolves once the changes are durable and rejects (with the changes undone) if they cannot be.
   */
  transact<T>(fn: (tx: Tx) => T): { value: T; committed: Promise<void> } {
    const refused = this.refusal();
    if (refused) throw new StoreWriteError(refused);
    const { value, tx } = runTx(this.tables, fn);
    if (tx.changes.length === 0) return { value, committed: this.flushed() };
    this.seq++;
    this.stats.commits++;
    // Serialised when the batch is written, not here: the text is then garbage at once instead
    // of living through collections while it waits for its write.
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

  /** Resolves when everything committed so far is durable. */
  flushed(): Promise<void> {
    if (!this.pending.empty) return this.pending.done;
    return this.writing?.done ?? Promise.resolve();
  }
}
