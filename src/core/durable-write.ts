import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The one durable file write of the project: the store's snapshots and the console's own state
 * both go through it (core, so that adapters may use it too).
 */

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
export async function writeFileDurably(
  file: string,
  content: string | Uint8Array | ((handle: FileHandle) => Promise<void>),
): Promise<void> {
  // A unique temp name: two writers (or a crashed earlier one) never share a temp file.
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w', FILE_MODE);
  try {
    if (typeof content === 'function') await content(handle);
    else await handle.writeFile(content);
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

/** writeFileDurably's temp names: `.<file name>.<pid>.<8 hex digits>.tmp`. */
const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Deletes the temp files that durable writes into `dir` left when their process died mid-write
 * (a kill, a crash, power loss): nothing else removes them, and one may hold what a later write
 * erased (a snapshot written before a /forget). Only while no durable write into `dir` can be
 * under way (the store calls it holding the data dir's lock, before it writes anything). Returns
 * the names deleted; a missing `dir` has none. Rejects with the file system's error (EACCES).
 */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const leftovers = names.filter((name) => TEMP_NAME.test(name));
  for (const name of leftovers)
    await unlink(join(dir, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  return leftovers;
}
