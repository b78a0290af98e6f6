import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { newestGoodBackup } from './backups.js';
import { CorruptFileError } from './durable-file.js';
import { readJournal } from './journal.js';
import { migrate, UnsupportedVersionError } from './migrations.js';
import { type CollectionName, recordSchemas, type Snapshot, SnapshotSchema } from './schema.js';
import { type SnapshotDocument, SnapshotFile } from './snapshot-file.js';
import { createTables, type Tables } from './tables.js';

/** Reading a data dir: the snapshot, then the journal since it, validated; errors name the file. */

/** A data file that cannot be loaded; the file is left as it was. */
export class StoreLoadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly backup: string | undefined,
  ) {
    super(
      `cannot load ${file}: ${reason}. The file was left untouched. ${
        backup
          ? `Newest good backup: ${backup} — restore it with: npm run restore -- ${basename(backup)}`
          : 'No good backup was found.'
      }`,
    );
    this.name = 'StoreLoadError';
  }
}

/**
 * The state of a data dir as it is on disk, without taking the lock or writing anything: for the
 * report and export commands, which may run beside a live bot (they see what is durable).
 */
export async function readState(dir: string): Promise<Tables> {
  // If the bot folds its journal into a new snapshot between our reads of the two files, the old
  // snapshot plus the emptied journal would miss changes: read again when the snapshot changed.
  const identity = async () => {
    const s = await stat(snapshotFile(dir)).catch(() => undefined);
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'none';
  };
  for (let attempt = 0; ; attempt++) {
    const before = await identity();
    const { tables } = await loadState(dir);
    if ((await identity()) === before || attempt >= 2) return tables;
  }
}

export function snapshotFile(dir: string): string {
  return join(dir, 'state.json');
}

export function journalFile(dir: string): string {
  return join(dir, 'journal.jsonl');
}

export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * JSON.parse gives every record its own copy of its community's id and of its deal's id (only
 * strings of up to 10 characters are shared): on a big community that is hundreds of thousands
 * of identical strings held for good. Loading points them at one copy each (~20 MB on 100,000
 * members and 200,000 orders). Only these two fields: they repeat on most records, few others do.
 */
function shareIds<T extends object>(record: T, shared: Map<string, string>): T {
  const fields = record as Record<string, unknown>;
  for (const field of ['communityId', 'dealId']) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const one = shared.get(value);
    if (one === undefined) shared.set(value, value);
    else fields[field] = one;
  }
  return record;
}

interface Loaded {
  tables: Tables;
  seq: number;
  replayed: number;
  journalBytes: number;
}

/** The snapshot read through lowdb, or undefined when there is none yet. */
async function readSnapshot(file: string): Promise<{ raw: unknown; trusted: boolean } | undefined> {
  const db = new Low<SnapshotDocument>(new SnapshotFile(file), {});
  await db.read();
  const document = db.data;
  db.data = {}; // the parsed file is not kept once its records are in the tables
  return 'raw' in document ? { raw: document.raw, trusted: document.trusted === true } : undefined;
}

export async function loadState(dir: string): Promise<Loaded> {
  const fail = async (file: string, reason: string): Promise<never> => {
    throw new StoreLoadError(file, reason, await newestGoodBackup(dir));
  };
  const tables = createTables();
  let seq = 0;
  let read: Awaited<ReturnType<typeof readSnapshot>>;
  try {
    read = await readSnapshot(snapshotFile(dir));
  } catch (error) {
    if (error instanceof CorruptFileError) return fail(snapshotFile(dir), error.reason);
    throw error;
  }
  if (read !== undefined) {
    let snapshot: Snapshot;
    try {
      // Our own unchanged snapshot of the current schema: its records were validated before writing.
      const result = read.trusted
        ? { success: true as const, data: read.raw as Snapshot }
        : SnapshotSchema.safeParse(migrate(read.raw as Record<string, unknown>));
      if (!result.success) {
        const issue = result.error.issues[0];
        return fail(
          snapshotFile(dir),
          `does not match the schema at ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      snapshot = result.data;
    } catch (error) {
      if (error instanceof UnsupportedVersionError) return fail(snapshotFile(dir), error.message);
      return fail(snapshotFile(dir), 'it is not a tuanbot snapshot');
    }
    seq = snapshot.seq;
    const shared = new Map<string, string>();
    for (const name of Object.keys(recordSchemas) as CollectionName[]) {
      const table = tables[name] as unknown as { put(r: unknown): void };
      for (const record of snapshot.collections[name]) table.put(Object.freeze(shareIds(record, shared)));
    }
  }
  let journal: Awaited<ReturnType<typeof readJournal>>;
  try {
    journal = await readJournal(journalFile(dir));
  } catch (error) {
    if (error instanceof CorruptFileError) return fail(journalFile(dir), error.reason);
    throw error;
  }
  let replayed = 0;
  for (const entry of journal.entries) {
    if (entry.s <= seq) continue;
    for (const [collection, id, record] of entry.c) {
      const schema = recordSchemas[collection as CollectionName];
      if (!schema)
        return fail(journalFile(dir), `entry ${entry.s} names an unknown collection ${collection}`);
      const table = tables[collection as CollectionName] as unknown as {
        put(r: unknown): void;
        delete(id: string): void;
      };
      if (record === null) {
        table.delete(id);
        continue;
      }
      const parsed = schema.safeParse(record);
      if (!parsed.success)
        return fail(journalFile(dir), `entry ${entry.s} has an invalid ${collection} record`);
      table.put(Object.freeze(parsed.data));
    }
    seq = entry.s;
    replayed++;
  }
  return { tables, seq, replayed, journalBytes: journal.goodBytes };
}
