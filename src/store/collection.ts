/** What an index is keyed by: a key function, and optionally the record fields it reads. */
interface Index<T> {
  key: (row: T) => string | undefined;
  /**
   * The fields key() reads, when declared: an update that leaves each of them the same value
   * keeps its key, so put() neither builds the key (a fresh composite string, hashed anew) nor
   * touches the index. Most updates are such: an order's qty, a member's message count, a deal's
   * counters.
   */
  fields: readonly (keyof T)[] | undefined;
  /** Ids per key. Ids, not rows: an update in place leaves its bucket as it is. */
  map: Map<string, Bucket>;
}

/**
 * The ids under one key, in insertion order. A lone id is kept as itself: most buckets hold one
 * row (a buyer's orders in a deal, a member's activity, a name), and a Set for each was an
 * allocation per new member in a flash sale and ~100,000 Sets at the start of a big community.
 */
type Bucket = string | Set<string>;

/** An in-memory table of records by id, with secondary indexes kept up to date on every change. */
export class Collection<T extends { id: string }> {
  private readonly rows = new Map<string, T>();
  private readonly indexes = new Map<string, Index<T>>();
  /** The same indexes as a list: every put walks them, and an array needs no iterator object. */
  private readonly indexList: Index<T>[] = [];

  get size(): number {
    return this.rows.size;
  }

  get(id: string): T | undefined {
    return this.rows.get(id);
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  /** Rows whose index key equals key, in insertion order. */
  by(index: string, key: string): T[] {
    const idx = this.indexes.get(index);
    if (!idx) throw new Error(`no index ${index}`);
    const bucket = idx.map.get(key);
    if (bucket === undefined) return [];
    if (typeof bucket === 'string') return [this.rows.get(bucket)!];
    const rows: T[] = [];
    for (const id of bucket) rows.push(this.rows.get(id)!);
    return rows;
  }

  countBy(index: string, key: string): number {
    const bucket = this.indexes.get(index)?.map.get(key);
    if (bucket === undefined) return 0;
    return typeof bucket === 'string' ? 1 : bucket.size;
  }

  /**
   * Adds an index. `fields`: the record fields key() reads, if it reads nothing else (nested
   * values included by reference: records are never changed in place). Listing them lets an
   * update that keeps them skip the index; leave it out when key() reads anything else.
   */
  defineIndex(name: string, key: (row: T) => string | undefined, fields?: readonly (keyof T)[]): void {
    const index: Index<T> = { key, fields, map: new Map() };
    this.indexes.set(name, index);
    this.indexList.push(index);
    for (const row of this.rows.values()) addToIndex(index.map, key(row), row.id);
  }

  /** Replaces (or adds) a row; returns the previous one. Only the store calls this. */
  put(row: T): T | undefined {
    const id = row.id;
    const previous = this.rows.get(id);
    this.rows.set(id, row);
    for (let i = 0; i < this.indexList.length; i++) {
      const index = this.indexList[i]!;
      if (previous === undefined) {
        addToIndex(index.map, index.key(row), id);
        continue;
      }
      if (index.fields !== undefined && sameFields(index.fields, previous, row)) continue;
      const k = index.key(row);
      const old = index.key(previous);
      // An update that keeps its key keeps the row's place in its bucket.
      if (old === k) continue;
      if (old !== undefined) removeFromIndex(index.map, old, id);
      addToIndex(index.map, k, id);
    }
    return previous;
  }

  /** Removes a row; returns it. Only the store calls this. */
  delete(id: string): T | undefined {
    const previous = this.rows.get(id);
    if (!previous) return undefined;
    for (const { key, map } of this.indexList) {
      const k = key(previous);
      if (k !== undefined) removeFromIndex(map, k, id);
    }
    this.rows.delete(id);
    return previous;
  }
}

function sameFields<T>(fields: readonly (keyof T)[], a: T, b: T): boolean {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (a[field] !== b[field]) return false;
  }
  return true;
}

function addToIndex(map: Map<string, Bucket>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, id);
  else if (typeof bucket !== 'string') bucket.add(id);
  else if (bucket !== id) map.set(key, new Set([bucket, id]));
}

function removeFromIndex(map: Map<string, Bucket>, key: string, id: string): void {
  const bucket = map.get(key);
  if (bucket === undefined) return;
  if (typeof bucket === 'string') {
    if (bucket === id) map.delete(key);
    return;
  }
  bucket.delete(id);
  if (bucket.size === 0) map.delete(key);
}
