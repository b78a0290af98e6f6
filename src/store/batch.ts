import type { CollectionName } from './schema.js';
import type { Change } from './tx.js';

/**
 * The commits waiting for one journal write (group commit). It keeps each record's final state
 * in the order a replay must apply them, not every intermediate version: in a flash sale the
 * deal's counters change with every order, and ~200 orders sharing a write need the deal written
 * once, not 200 times. Nothing in a batch is acknowledged before the whole batch is on disk, so
 * writing it as one journal line loses nothing — a torn line drops only unacknowledged commits.
 *
 * Replaying the kept changes in order gives the same tables, in the same row order, as the
 * commits did: a repeated put replaces the earlier one in its place (an update keeps a row's
 * position), a delete replaces the put before it, and a put after a delete goes last (as the row
 * was re-inserted then).
 */
export class Batch {
  readonly changes: Change[] = [];
  /** The last commit's sequence number: the journal line's. */
  seq = 0;
  /** A commit in it erases personal data (Tx.erasesPersonalData): compact once it is written. */
  erases = false;
  readonly done: Promise<void>;
  resolve!: () => void;
  reject!: (error: Error) => void;
  private readonly positions = new Map<CollectionName, Map<string, number>>();

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Commits nobody awaits (a clean-up, a change after the answer) must not crash the process
    // with an unhandled rejection; whoever awaits `done` still sees the failure.
    this.done.catch(() => {});
  }

  get empty(): boolean {
    return this.changes.length === 0;
  }

  add(changes: readonly Change[], seq: number): void {
    this.seq = seq;
    for (const change of changes) {
      const [collection, id, record] = change;
      let ids = this.positions.get(collection);
      if (!ids) {
        ids = new Map();
        this.positions.set(collection, ids);
      }
      const at = ids.get(id);
      if (at !== undefined && !(record !== null && this.changes[at]![2] === null)) {
        this.changes[at] = change;
        continue;
      }
      ids.set(id, this.changes.length);
      this.changes.push(change);
    }
  }

  /** The journal line: written, and parsed back by readJournal, as one entry. */
  line(): string {
    return `${JSON.stringify({ s: this.seq, c: this.changes })}\n`;
  }
}
