import { constants, type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'tuanbot.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    /** The holder's pid as it wrote it (in its own PID namespace); undefined if not written yet. */
    readonly pid: number | undefined,
  ) {
    super(
      `another tuanbot${pid === undefined ? '' : ` (pid ${pid})`} is already using the data dir ${dir}; stop it first or set DATA_DIR to another folder`,
    );
    this.name = 'DataDirLockedError';
  }
}

type TryLock = (fd: number) => boolean;
let loaded: Promise<TryLock> | undefined;

/** fs-native-extensions, loaded once; a platform without its prebuilt addon gets a plain reason. */
function nativeTryLock(): Promise<TryLock> {
  loaded ??= import('fs-native-extensions').then(
    (m) => m.default.tryLock,
    (error: unknown) => {
      loaded = undefined;
      throw new Error(
        `cannot load the data dir lock (fs-native-extensions: ${(error as Error).message}); tuanbot runs on glibc Linux (x64, arm64), macOS and Windows`,
      );
    },
  );
  return loaded;
}

async function holderPid(handle: FileHandle): Promise<number | undefined> {
  const text = await handle.readFile('utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isFinite(pid) ? pid : undefined;
}

/**
 * One process per data dir, by a kernel lock on an open file (Linux: an open file description lock,
 * F_OFD_SETLK; macOS: flock; Windows: LockFileEx) through fs-native-extensions. The kernel drops
 * the lock when the holder's file is closed, and so when it dies in any way (SIGKILL, OOM kill, a
 * crash): a restart takes it at once. A pid file cannot be right here: in a container the bot has
 * the same pid at every start, so a dead holder's pid looks alive (it is our own), and in another
 * PID namespace a live holder's pid looks dead. mtime-based locks (proper-lockfile) would make a
 * restart after SIGKILL wait for the lock to go stale. The pid in the file only names the holder
 * in the refusal.
 *
 * Resolves to the release function; rejects with DataDirLockedError while another process (or
 * another acquireLock in this one) holds the lock, or with the file system's error (EROFS, EACCES…).
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const tryLock = await nativeTryLock();
  // Not truncated at open: the holder's pid stays readable for the refusal.
  const handle = await open(join(dir, LOCK_FILE), constants.O_RDWR | constants.O_CREAT, 0o600);
  try {
    if (!tryLock(handle.fd)) throw new DataDirLockedError(dir, await holderPid(handle));
    await handle.truncate(0);
    await handle.write(String(process.pid), 0);
    await handle.sync();
  } catch (error) {
    // Refused, or the disk is full: closing drops the lock, if we had it.
    await handle.close().catch(() => {});
    throw error;
  }
  return async () => {
    // Emptied but never deleted: a process that opened this file before a deletion would lock an
    // unlinked file while the next one locks a new file of the same name, and both would run.
    await handle.truncate(0).catch(() => {});
    await handle.close().catch(() => {});
  };
}
