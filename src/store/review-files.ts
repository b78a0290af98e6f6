import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hash, unique } from './payment-files.js';

/**
 * Where photos of reviews live in the data dir, owner-only (src/core/images.ts writes them): one
 * folder per member and community under `reviews/`, named by a hash (no id or name in a path).
 * The review record keeps the path relative to the data dir (payment-files.ts dataPath): /mydata
 * lists it with the review, and /forget deletes the member's whole folder (a picture saved but never
 * kept with a review too).
 */

export const REVIEWS_DIR = 'reviews';

/** The folder of one member's review photos in a community. */
export function reviewPhotoDir(dataDir: string, communityId: string, userId: string): string {
  return join(dataDir, REVIEWS_DIR, hash(communityId, userId));
}

/** Deletes a member's review photos in a community: their whole folder. */
export async function removeReviewPhotos(
  dataDir: string,
  communityId: string,
  userId: string,
): Promise<void> {
  await rm(reviewPhotoDir(dataDir, communityId, userId), { recursive: true, force: true });
}

/** The path (without extension) of a member's photo for their review of deal number `dealNo`; unique. */
export function reviewPhotoBase(
  dataDir: string,
  communityId: string,
  userId: string,
  dealNo: number,
  at: Date,
): string {
  return join(reviewPhotoDir(dataDir, communityId, userId), `${dealNo}-${at.getTime()}-${unique()}`);
}
