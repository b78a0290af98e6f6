import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hash, listKept, unique } from './payment-files.js';

/**
 * Where the pictures of after-sales tickets live in the data dir, owner-only (src/core/images.ts
 * writes them): under `aftersales/`, one folder per member and community named by a hash (no id
 * or name in a path), so /mydata lists and /forget deletes a member's pictures by their folder.
 * Records keep paths relative to the data dir (payment-files.ts dataPath).
 */

export const AFTERSALES_DIR = 'aftersales';

/** The folder of one member's ticket pictures in a community. */
export function ticketPhotoDir(dataDir: string, communityId: string, userId: string): string {
  return join(dataDir, AFTERSALES_DIR, hash(communityId, userId));
}

/** The path (without extension) of a picture for ticket number `no`, sent at `at`; unique. */
export function ticketPhotoBase(
  dataDir: string,
  communityId: string,
  userId: string,
  no: number,
  at: Date,
): string {
  return join(ticketPhotoDir(dataDir, communityId, userId), `t${no}-${at.getTime()}-${unique()}`);
}

/** A member's ticket pictures in a community, as records keep paths. */
export function listTicketPhotos(dataDir: string, communityId: string, userId: string): Promise<string[]> {
  return listKept(dataDir, ticketPhotoDir(dataDir, communityId, userId));
}

/** Deletes a member's ticket pictures in a community (their folder); returns how many there were. */
export async function removeTicketPhotos(
  dataDir: string,
  communityId: string,
  userId: string,
): Promise<number> {
  const found = await listTicketPhotos(dataDir, communityId, userId);
  await rm(ticketPhotoDir(dataDir, communityId, userId), { recursive: true, force: true });
  return found.length;
}
