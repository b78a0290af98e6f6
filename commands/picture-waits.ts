import { openedAt, ticketAwaitingPhoto } from '../src/services/aftersales.js';
import { claimAwaitingProof } from '../src/services/payment-info.js';
import { REVIEW_PHOTO_WINDOW_MS, reviewAwaitingPhoto } from '../src/services/reviews.js';
import type { Tables } from '../src/store/tables.js';

/**
 * Which request a member's next picture (sent alone) answers when several wait for one: an
 * after-sales ticket (its photos), a payment claim (its screenshot), a review (its photo). The
 * most recent request gets it, whatever order the features' picture handlers run in: each handler
 * declines when `newerWait` says another kind was asked for later.
 */

/** The kinds of request that wait for a member's picture. */
export type PictureWait = 'ticket' | 'proof' | 'review';

/** How long each waits: 10 minutes (PHOTO_WINDOW_MS, PROOF_WINDOW_MS, REVIEW_PHOTO_WINDOW_MS). */
const WAIT_MS = REVIEW_PHOTO_WINDOW_MS;

/** When each kind of request of the member still waiting for a picture was made (ms), if any. */
function waitsSince(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
): Record<PictureWait, number> {
  const ticket = ticketAwaitingPhoto(tables, communityId, userId, now, WAIT_MS);
  const claim = claimAwaitingProof(tables, communityId, userId, now, WAIT_MS);
  const review = reviewAwaitingPhoto(tables, communityId, userId, now);
  const claimedAt = claim?.orders[0]?.claimedAt;
  return {
    ticket: ticket ? Date.parse(openedAt(ticket)) : -1,
    proof: claimedAt ? Date.parse(claimedAt) : -1,
    review: review ? Date.parse(review.createdAt) : -1,
  };
}

/** True when a request of another kind than `mine` waits for the member's picture and is newer. */
export function newerWait(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
  mine: PictureWait,
): boolean {
  const since = waitsSince(tables, communityId, userId, now);
  return Object.entries(since).some(([kind, at]) => kind !== mine && at > since[mine]);
}
