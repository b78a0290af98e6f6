import { copyFile, link, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from './durable-file.js';
import { migrate } from './migrations.js';
import { SnapshotSchema } from './schema.js';
import { SnapshotFile } from './snapshot-file.js';

export const KEEP_BACKUPS = 7;
const NAME = /^state-(\d{4}-\d{2}-\d{2})\.json$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, 'backups');
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

/**
 * Keeps one snapshot per day (UTC) and the last KEEP_BACKUPS days. A snapshot is never modified in
 * place (compaction writes a new file and renames it over), so the backup is a hard link to it:
 * no copy of a big file at start-up. Where linking fails (another file system), it is copied.
 */
export async function backupDaily(dataDir: string, snapshotFile: string, today: Date): Promise<void> {
  const dir = backupDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `state-${today.toISOString().slice(0, 10)}.json`;
  const existing = await listBackups(dataDir);
  if (!existing.includes(name)) {
    await link(snapshotFile, join(dir, name)).catch(() => copyFile(snapshotFile, join(dir, name)));
    await fsyncDir(dir);
  }
  for (const old of (await listBackups(dataDir)).slice(KEEP_BACKUPS)) await unlink(join(dir, old));
}
