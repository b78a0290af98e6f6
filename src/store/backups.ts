import { copyFile, link, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { fsyncDir } from './durable-file.js';
import { migrate } from './migrations.js';
import { SnapshotSchema } from './schema.js';
import { SnapshotFile } from './snapshot-file.js';

/** Days a daily backup is kept when BACKUP_KEEP_DAYS is not set. */
export const DEFAULT_BACKUP_KEEP_DAYS = 7;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const NAME = /^state-(\d{4}-\d{2}-\d{2})\.json$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** The name of the backup of `at`'s day (UTC). */
export function backupName(at: Date): string {
  return `state-${at.toISOString().slice(0, 10)}.json`;
}

/** Backup file names, newest first. */
export async function listBackups(dataDir: string): Promise<string[]> {
  const names = await readdir(backupDir(dataDir)).catch(() => [] as string[]);
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse();
}

/** Throws (with the reason) unless the file is a snapshot this tuanbot can load. */
export async function validateSnapshotFile(file: string): Promise<void> {
  const document = await new SnapshotFile(file).read();
  if (!document) throw new Error('the file is missing');
  if (document.trusted) return;
  const result = SnapshotSchema.safeParse(migrate(document.raw as Record<string, unknown>));
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'schema mismatch');
}

/** The newest backup that loads, if any. */
export async function newestGoodBackup(dataDir: string): Promise<string | undefined> {
  for (const name of await listBackups(dataDir)) {
    const file = join(backupDir(dataDir), name);
    try {
      await validateSnapshotFile(file);
      return file;
    } catch {
      // try the next older one
    }
  }
  return undefined;
}

/** Whether `now`'s day (UTC) has no backup yet. */
export async function backupDue(dataDir: string, now: Date): Promise<boolean> {
  return !(await listBackups(dataDir)).includes(backupName(now));
}

/**
 * Makes `snapshotFile` the backup of `now`'s day (UTC), unless that day has one. The caller makes
 * sure the snapshot holds the whole state (the journal folded in). A snapshot is never modified
 * in place (compaction writes a new file and renames it over), so the backup is a hard link to it:
 * no copy of a big file. Where linking fails (another file system), it is copied.
 */
export async function takeBackup(dataDir: string, snapshotFile: string, now: Date): Promise<void> {
  const dir = backupDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!(await backupDue(dataDir, now))) return;
  const file = join(dir, backupName(now));
  await link(snapshotFile, file).catch(() => copyFile(snapshotFile, file));
  await fsyncDir(dir);
}

/**
 * Deletes every backup `keepDays` days old or older: the backup of day D (UTC) is deleted from
 * the start of day D + keepDays, so at most `keepDays` backups exist and nothing written before
 * day D + 1 is in any backup from then on. Returns the names deleted.
 */
export async function pruneBackups(dataDir: string, now: Date, keepDays: number): Promise<string[]> {
  const today = Date.parse(now.toISOString().slice(0, 10));
  const deleted: string[] = [];
  for (const name of await listBackups(dataDir)) {
    const day = Date.parse(NAME.exec(name)?.[1] ?? '');
    if (today - day < keepDays * DAY_MS) continue;
    await unlink(join(backupDir(dataDir), name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    deleted.push(name);
  }
  if (deleted.length) await fsyncDir(backupDir(dataDir));
  return deleted;
}

/**
 * Calls `backup` at the start of every UTC day while the bot runs, and hourly besides (a timer
 * that fired late, a failed backup, a clock that jumped are caught within the hour). One call at
 * a time: a tick during a call makes it run once more after, so the last one sees the clock's
 * latest time.
 */
export class BackupTimer {
  private cancel: (() => void) | undefined;
  private again = false;
  /** The call under way, if any. */
  running: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly backup: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    const now = this.clock.now().getTime();
    const nextDay = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
    this.cancel = this.clock.setTimer(
      () => {
        this.tick();
        this.start();
      },
      Math.min(HOUR_MS, nextDay - now),
    );
  }

  /** No more calls; resolves once the one under way has ended. */
  stop(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    this.again = false;
    return this.running ?? Promise.resolve();
  }

  private tick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.backup().catch(this.onError);
      } while (this.again);
      this.running = undefined;
    })();
  }
}
