import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * Where the pictures of payments live in the data dir, owner-only (src/core/images.ts writes them):
 * the leader's payment code under `payment/`, members' payment screenshots under `proofs/`, one
 * folder per member and community, named by a hash (no id or name in a path), so /mydata lists
 * and /forget deletes a member's screenshots by their folder even where no record names a file
 * any more (a rejected claim). Records keep paths relative to the data dir: a data dir moved or
 * restored elsewhere still finds them. Backups hold the store only, never these files.
 */

export const PAYMENT_DIR = 'payment';
export const PROOFS_DIR = 'proofs';

/** A short hash of the parts: folder and file names that carry no id or name. */
export function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/** A few random hex digits: two pictures kept in the same millisecond never share a name. */
export function unique(): string {
  return randomBytes(3).toString('hex');
}

/** The path (without extension) a community's new payment code is written to; unique per setup. */
export function paymentImageBase(dataDir: string, communityId: string, at: Date): string {
  return join(dataDir, PAYMENT_DIR, `${hash(communityId)}-${at.getTime()}-${unique()}`);
}

/** The folder of one member's payment screenshots in a community. */
export function proofDir(dataDir: string, communityId: string, userId: string): string {
  return join(dataDir, PROOFS_DIR, hash(communityId, userId));
}

/** The path (without extension) of a member's screenshot for deal number `dealNo`, sent at `at`; unique. */
export function proofBase(
  dataDir: string,
  communityId: string,
  userId: string,
  dealNo: number,
  at: Date,
): string {
  return join(proofDir(dataDir, communityId, userId), `${dealNo}-${at.getTime()}-${unique()}`);
}

/** A kept file's path as records keep it: relative to the data dir. */
export function dataPath(dataDir: string, path: string): string {
  return relative(dataDir, path).split(sep).join('/');
}

/**
 * A path a record keeps, as a file to open: under the data dir, or undefined for one that would
 * lead out of it (a record edited by hand must not make the bot send another file).
 */
export function resolveDataPath(dataDir: string, kept: string): string | undefined {
  if (isAbsolute(kept)) return undefined;
  const path = join(dataDir, kept);
  const back = relative(dataDir, path);
  return back.startsWith('..') || isAbsolute(back) ? undefined : path;
}

/** A member's screenshot files in a community, as records keep paths (none: empty). */
export async function listProofs(dataDir: string, communityId: string, userId: string): Promise<string[]> {
  return listKept(dataDir, proofDir(dataDir, communityId, userId));
}

/** The files kept in a folder, as records keep paths (none: empty). */
export async function listKept(dataDir: string, dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((n) => dataPath(dataDir, join(dir, n)));
}

/** Deletes a member's screenshots in a community (their whole folder); returns how many there were. */
export async function removeProofs(dataDir: string, communityId: string, userId: string): Promise<number> {
  const found = await listProofs(dataDir, communityId, userId);
  await rm(proofDir(dataDir, communityId, userId), { recursive: true, force: true });
  return found.length;
}
