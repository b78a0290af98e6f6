/** Errors of writes to the data dir, as the store reports them to callers and the health check. */

/** The write that held a command's effect failed (disk full, read-only); the effect was undone. */
export class StoreWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(`could not save: ${(cause as Error)?.message ?? cause}`);
    this.name = 'StoreWriteError';
  }
}

/** A write to the data dir that failed: when, and the file system's error code (ENOSPC…) or message. */
export interface FailedWrite {
  at: Date;
  code: string;
}

/** The failure of a write at `at`, as kept for the health check. */
export function failedWrite(cause: unknown, at: Date): FailedWrite {
  const error = cause as NodeJS.ErrnoException | undefined;
  return { at, code: error?.code ?? error?.message ?? String(cause) };
}

const UNWRITABLE: Record<string, string> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** The data dir cannot be written (read-only, no permission, disk full): the store does not open. */
export class DataDirUnwritableError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(
      `cannot write to the data dir ${dir}: ${UNWRITABLE[code]} (${code}). The data there is as it was; make it writable${code === 'ENOSPC' || code === 'EDQUOT' ? ' or free some space' : ''} and start again.`,
    );
    this.name = 'DataDirUnwritableError';
  }
}

/** error as a DataDirUnwritableError when its code says the data dir cannot be written; otherwise error itself. */
export function asUnwritable(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code && code in UNWRITABLE ? new DataDirUnwritableError(dir, code) : error;
}
