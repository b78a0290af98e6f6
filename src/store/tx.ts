import type { CollectionName, Records } from './schema.js';
import type { Tables } from './tables.js';

export type Change = [collection: CollectionName, id: string, record: Records[CollectionName] | null];

/**
 * A transaction: reads see the current state, writes apply at once (commands run one at a time
 * on the event loop, so nothing interleaves) and are recorded for the journal. Records are frozen:
 * a change that bypasses put() throws instead of silently skipping the journal.
 */
export class Tx {
  readonly changes: Change[] = [];
  /** What each change replaced (undefined: nothing), index for index with `changes`. */
  private readonly replaced: unknown[] = [];
  /** Set by erasesPersonalData(): the store then rewrites its files soon after this commit. */
  erases = false;

  constructor(readonly tables: Tables) {}

  get<K extends CollectionName>(collection: K, id: string): Records[K] | undefined {
    return this.tables[collection].get(id) as Records[K] | undefined;
  }

  put<K extends CollectionName>(collection: K, record: Records[K]): Records[K] {
    const frozen = Object.freeze(record) as Records[K];
    const table = this.tables[collection] as unknown as { put(r: Records[K]): Records[K] | undefined };
    this.replaced.push(table.put(frozen));
    this.changes.push([collection, record.id, frozen]);
    return frozen;
  }

  delete<K extends CollectionName>(collection: K, id: string): void {
    const previous = this.tables[collection].delete(id);
    if (!previous) return;
    this.replaced.push(previous);
    this.changes.push([collection, id, null]);
  }

  /**
   * Says that this transaction erases personal data (a /forget): the records it replaces must
   * leave the disk too, not wait in the journal for the next compaction. The store folds the
   * journal into a fresh snapshot right after this commit is durable (Store.transact).
   */
  erasesPersonalData(): void {
    this.erases = true;
  }

  /** Undoes this transaction's changes in memory (the function threw before committing). */
  rollback(): void {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const [collection, id] = this.changes[i]!;
      const previous = this.replaced[i];
      const table = this.tables[collection] as unknown as {
        put(r: unknown): void;
        delete(id: string): void;
      };
      if (previous === undefined) table.delete(id);
      else table.put(previous);
    }
    this.replaced.length = 0;
    this.changes.length = 0;
  }
}

/**
 * Runs fn as one transaction against tables: its value and the Tx holding its changes (applied in
 * memory, not yet durable). If fn throws, its changes are undone and the error rethrown. Both
 * stores' transact() start here, then hand the changes to their own group commit.
 */
export function runTx<T>(tables: Tables, fn: (tx: Tx) => T): { value: T; tx: Tx } {
  const tx = new Tx(tables);
  try {
    return { value: fn(tx), tx };
  } catch (error) {
    tx.rollback();
    throw error;
  }
}
