import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** Owner-only: the store holds members' names and orders. */
export const FILE_MODE = 0o600;

/** fsync a directory so a rename inside it survives power loss. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes bytes so that after a crash the file holds either the old or the new content, never a mix. */
export async function writeFileDurably(file: string, bytes: string | Uint8Array): Promise<void> {
  // A unique temp name: two writers (or a crashed earlier one) never share a temp file.
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w', FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await fsyncDir(dirname(file));
}

/**
 * lowdb adapter for a JSON file that is written atomically and durably (temp file, fsync, rename,
 * fsync of the directory). lowdb's own JSONFile uses a fixed temp name and never fsyncs.
 * read() returns the raw parsed JSON; the store validates it and reports what is wrong.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseJsonFile(text) as T;
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(data));
  }
}

/** Why a data file cannot be used, in words an operator understands. */
export class CorruptFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CorruptFileError';
  }
}

export function parseJsonFile(text: string): unknown {
  if (text.trim() === '') throw new CorruptFileError('the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptFileError(`not valid JSON, probably truncated (${(error as Error).message})`);
  }
}
