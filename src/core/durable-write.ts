import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
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
