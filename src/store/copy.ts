import { rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Clock } from '../core/clock.js';
import { backupDir, backupName, takeBackup } from './backups.js';
import type { BotStore } from './contract.js';
import { type CollectionDigest, digestTables, recordCount } from './copy-digest.js';
import { clashingFiles, copyDataFiles, listDataFiles } from './copy-files.js';
import {
  CopyRefusedError,
  checkTargetEmpty,
  type OpenSource,
  openSource,
  placeName,
  readPlace,
  type StorePlace,
  samePlace,
} from './copy-places.js';
import { DataDirLockedError } from './lock.js';
import { LeaseHeldError } from './postgres/lease.js';
import { PgStore } from './postgres/pg-store.js';
import { SchemaSetupError, UpgradeBlockedError } from './postgres/schema-upgrade.js';
import { type CollectionName, recordSchemas } from './schema.js';
import { DataDirUnwritableError, Store, snapshotFile } from './store.js';

export { CopyRefusedError, parsePlace, placeName, type StorePlace } from './copy-places.js';

/**
 * `npm run store:copy`: every record of one store written into another, empty one (JSON data dir
 * or PostgreSQL, either way), through the target store itself, then read back and compared.
 */

/** What to copy, and where the files beside the records are. */
export interface CopyOptions {
  from: StorePlace;
  to: StorePlace;
  /** Copy even though a running bot uses the source: its committed state now. */
  live?: boolean;
  /**
   * DATA_DIR of a PostgreSQL side (its pictures and points archive); a data dir side keeps its
   * files in itself.
   */
  dataDir: string;
  clock: Clock;
  /** Records per target transaction (2,000): small enough for one journal line or statement. */
  chunk?: number;
}

/** One collection compared: the source's count and checksum, and whether the target's matched. */
export interface CollectionCheck extends CollectionDigest {
  ok: boolean;
}

/** How the files beside the records were handled. */
export type FilesOutcome =
  | { kind: 'none' }
  /** Source and target use the same folder: nothing to move. */
  | { kind: 'shared'; dir: string; files: number }
  | { kind: 'copied'; from: string; to: string; files: number; copied: number };

export interface CopyReport {
  checks: CollectionCheck[];
  records: number;
  /** Collections holding at least one record. */
  collections: number;
  /** The first collection whose count or checksum differs at the target (undefined: all match). */
  mismatch: CollectionName | undefined;
  live: boolean;
  files: FilesOutcome;
}

/** Whether `child` is a folder somewhere under `parent`. */
function inside(child: string, parent: string): boolean {
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/** Where a side's files live: the data dir itself, or the PostgreSQL side's DATA_DIR. */
function filesDir(place: StorePlace, dataDir: string): string {
  return place.kind === 'dir' ? place.dir : dataDir;
}

/**
 * The target opened as the bot opens it. A JSON target archives no points entries (the bot does
 * at its next compaction): the copy writes exactly the source's records, and archiving at close
 * would move old entries out of the ledger and fail the comparison. The offset reaches the
 * earliest time a Date holds, so the cutoff stays a valid date that every entry is after.
 */
async function openTarget(place: StorePlace, dataDir: string, clock: Clock): Promise<BotStore> {
  const name = placeName(place);
  try {
    if (place.kind === 'dir')
      return await Store.open({ dir: place.dir, clock, archiveAfterMs: clock.now().getTime() + 8.64e15 });
    return await PgStore.open({ url: place.url, dir: dataDir, clock, applicationName: 'tuanbot-copy' });
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new CopyRefusedError(`the target ${name} is in use: ${error.message}`);
    if (error instanceof LeaseHeldError)
      throw new CopyRefusedError(
        `the target ${name} is in use: a running tuanbot${error.holderPid === undefined ? '' : ` (database session ${error.holderPid})`} serves it; stop it first`,
      );
    if (
      error instanceof DataDirUnwritableError ||
      error instanceof SchemaSetupError ||
      error instanceof UpgradeBlockedError
    )
      throw new CopyRefusedError(error.message);
    throw error;
  }
}

/**
 * The JSON target took today's backup when it opened, empty; a restore from it would bring back
 * an empty store, and the bot takes no other backup today. Replaces it by the copy's snapshot.
 */
async function backUpCopy(dir: string, now: Date): Promise<void> {
  await rm(join(backupDir(dir), backupName(now)), { force: true });
  await takeBackup(dir, snapshotFile(dir), now);
}

/**
 * Writes every record in table order, `chunk` records per transaction, each awaited. A write that
 * fails (disk full, the server gone) rejects with CopyRefusedError saying how far it got: the
 * target then holds part of the records and must be emptied before another copy.
 */
async function writeAll(target: BotStore, source: OpenSource, chunk: number, name: string): Promise<void> {
  const all: [CollectionName, { id: string }][] = [];
  for (const collection of Object.keys(recordSchemas) as CollectionName[])
    for (const record of source.tables[collection].values() as IterableIterator<{ id: string }>)
      all.push([collection, record]);
  for (let at = 0; at < all.length; at += chunk) {
    const part = all.slice(at, at + chunk);
    try {
      await target.mutate((tx) => {
        // Records go in as the source holds them: they were validated when the source stored them.
        for (const [collection, record] of part) tx.put(collection, record as never);
      });
    } catch (error) {
      const cause = (error as Error).cause ?? error;
      throw new CopyRefusedError(
        `writing ${name} failed after ${at} of ${all.length} records (${(cause as Error).message}); it holds part of them: empty it before copying again`,
      );
    }
  }
}

/**
 * Copies every record from `from` to `to`, then reads the target back and compares each
 * collection's count and checksum with the source's. Files beside the records are copied when the
 * two sides keep them in different folders (never overwriting a different file).
 * Rejects with CopyRefusedError, before writing anything, when: both name the same store; the
 * source is missing, unreadable, empty or in use by a bot (unless `live`); the target holds
 * records, is in use, or a database is unreachable; a file would overwrite a different one.
 * A mismatch after writing is reported in `mismatch`, not thrown.
 */
export async function copyStore(options: CopyOptions): Promise<CopyReport> {
  const { from, to, clock } = options;
  if (samePlace(from, to))
    throw new CopyRefusedError(`the source and the target are the same store (${placeName(from)})`);
  const source = await openSource(from, options.live === true);
  try {
    await checkTargetEmpty(to);
    const fromFiles = filesDir(from, options.dataDir);
    const toFiles = filesDir(to, options.dataDir);
    const files = await listDataFiles(fromFiles);
    const shared = fromFiles === toFiles;
    if (!shared && (inside(fromFiles, toFiles) || inside(toFiles, fromFiles)))
      throw new CopyRefusedError(
        `one folder is inside the other (${fromFiles}, ${toFiles}): the copy's files would mix with the source's; use separate folders`,
      );
    if (!shared) {
      const clashes = await clashingFiles(fromFiles, toFiles, files);
      if (clashes.length > 0)
        throw new CopyRefusedError(
          `${toFiles} already has ${clashes.length} file(s) that differ from the source's, e.g. ${clashes[0]}; copy into an empty DATA_DIR`,
        );
    }
    const target = await openTarget(to, toFiles, clock);
    try {
      await writeAll(target, source, options.chunk ?? 2000, placeName(to));
    } catch (error) {
      // After a failed write the store may not close cleanly either; the write's error is the news.
      await target.close().catch(() => {});
      throw error;
    }
    await target.close();
    if (to.kind === 'dir') await backUpCopy(to.dir, clock.now());
    const copied = shared ? 0 : await copyDataFiles(fromFiles, toFiles, files);
    const expected = digestTables(source.tables);
    const found = digestTables(await readPlace(to));
    const checks = expected.map((e, i) => ({
      ...e,
      ok: found[i]?.records === e.records && found[i]?.checksum === e.checksum,
    }));
    return {
      checks,
      records: recordCount(source.tables),
      collections: expected.filter((e) => e.records > 0).length,
      mismatch: checks.find((c) => !c.ok)?.collection,
      live: source.live,
      files:
        files.length === 0
          ? { kind: 'none' }
          : shared
            ? { kind: 'shared', dir: fromFiles, files: files.length }
            : { kind: 'copied', from: fromFiles, to: toFiles, files: files.length, copied },
    };
  } finally {
    await source.release();
  }
}
