import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `another tuanbot (pid ${pid}) is already using the data dir ${dir}; stop it first or set DATA_DIR to another folder`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data dir. The lock file holds the owner's pid; a lock whose pid is no longer
 * alive (the owner was killed) is taken over at once. We check liveness rather than use a
 * package such as proper-lockfile, whose mtime-based staleness would make a restart after a
 * crash wait for the lock to age.
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'tuanbot.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(String(process.pid));
        await handle.sync();
      } catch (error) {
        // Disk full: leave no empty lock file behind.
        await handle.close().catch(() => {});
        await unlink(file).catch(() => {});
        throw error;
      }
      await handle.close();
      return async () => {
        await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isFinite(pid) && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      await unlink(file).catch(() => {});
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

/** The pid holding the data dir, if a live process does. */
export async function lockHolder(dir: string): Promise<number | undefined> {
  const pid = Number.parseInt(await readFile(join(dir, 'tuanbot.lock'), 'utf8').catch(() => ''), 10);
  return Number.isFinite(pid) && isAlive(pid) ? pid : undefined;
}
