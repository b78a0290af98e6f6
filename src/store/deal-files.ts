import { join } from 'node:path';
import { hash, unique } from './payment-files.js';

/**
 * Where deals' product photos live in the data dir, owner-only (src/core/images.ts writes them):
 * one folder per community under `deal-photos/`, named by a hash (no id or name in a path). The
 * deal keeps the paths relative to the data dir (payment-files.ts dataPath), the first its card's.
 * They are the organiser's pictures of goods, no member's personal data.
 */

export const DEAL_PHOTOS_DIR = 'deal-photos';

/** The path (without extension) a new photo of a community's deal is written to; unique. */
export function dealPhotoBase(dataDir: string, communityId: string, at: Date): string {
  return join(dataDir, DEAL_PHOTOS_DIR, hash(communityId), `${at.getTime()}-${unique()}`);
}
