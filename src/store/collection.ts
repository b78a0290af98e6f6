interface Index<T> {
  key: (row: T) => string | undefined;
  map: Map<string, Map<string, T>>;
}

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
    return bucket ? [...bucket.values()] : [];
  }

  countBy(index: string, key: string): number {
    return this.indexes.get(index)?.map.get(key)?.size ?? 0;
  }

  defineIndex(name: string, key: (row: T) => string | undefined): void {
    const map = new Map<string, Map<string, T>>();
    this.indexes.set(name, { key, map });
    this.indexList.push({ key, map });
    for (const row of this.rows.values()) this.addToIndex(map, key(row), row);
  }

  /** Replaces (or adds) a row; returns the previous one. Only the store calls this. */
  put(row: T): T | undefined {
    const previous = this.rows.get(row.id);
    this.rows.set(row.id, row);
    for (let i = 0; i < this.indexList.length; i++) {
      const { key, map } = this.indexList[i]!;
      const k = key(row);
      const old = previous && key(previous);
      // Most updates keep their index keys (a member's community, an order's deal): replace the
      // row in its bucket, keeping its place, instead of removing and re-adding it.
      if (previous && old !== k && old !== undefined) this.removeFromIndex(map, old, row.id);
      this.addToIndex(map, k, row);
    }
    return previous;
  }

  /** Removes a row; returns it. Only the store calls this. */
  delete(id: string): T | undefined {
    const previous = this.rows.get(id);
    if (!previous) return undefined;
    this.unindex(previous);
    this.rows.delete(id);
    return previous;
  }

  private addToIndex(map: Map<string, Map<string, T>>, key: string | undefined, row: T): void {
    if (key === undefined) return;
    let bucket = map.get(key);
    if (!bucket) {
      bucket = new Map();
      map.set(key, bucket);
    }
    bucket.set(row.id, row);
  }

  private unindex(row: T): void {
    for (const { key, map } of this.indexList) {
      const k = key(row);
      if (k !== undefined) this.removeFromIndex(map, k, row.id);
    }
  }

  private removeFromIndex(map: Map<string, Map<string, T>>, key: string, id: string): void {
    const bucket = map.get(key);
    bucket?.delete(id);
    if (bucket?.size === 0) map.delete(key);
  }
}
