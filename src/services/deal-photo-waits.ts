import type { Deal } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/**
 * An admin waiting to send a deal's photos (Deal.photoWait: `/deal edit #3 photo`, the rest of an
 * album after `/deal new` with a picture), kept with the deal so a restart keeps it. An admin waits
 * on one deal of a community at a time: asking for another's photos ends the wait on the first.
 */

/** Admin `by` waits to send the deal's photos from `at` until `until`; `taken` of them came with the command. */
export function askDealPhotos(tx: Tx, deal: Deal, by: string, at: Date, until: Date, taken = 0): Deal {
  endDealPhotoWaitsOf(tx, deal.communityId, by);
  const current = tx.get('deals', deal.id) ?? deal;
  const photoWait = { by, at: at.toISOString(), until: until.toISOString(), taken };
  return tx.put('deals', { ...current, photoWait });
}

/** The deal whose photos admin `userId` is waiting to send at `at` (ms), if any: the newest wait. */
export function dealAwaitingPhotos(
  tables: Tables,
  communityId: string,
  userId: string,
  at: number,
): Deal | undefined {
  let newest: Deal | undefined;
  for (const deal of tables.deals.by('community', communityId)) {
    const wait = deal.photoWait;
    if (wait?.by !== userId || Date.parse(wait.until) <= at) continue;
    if (!newest || wait.at > newest.photoWait!.at) newest = deal;
  }
  return newest;
}

/** `count` more of the waiting admin's pictures were kept as the deal's photos. */
export function photosTaken(tx: Tx, dealId: string, count: number): Deal | undefined {
  const deal = tx.get('deals', dealId);
  if (!deal?.photoWait) return deal;
  return tx.put('deals', { ...deal, photoWait: { ...deal.photoWait, taken: deal.photoWait.taken + count } });
}

/** The wait is used up (the deal is full, or closed): the admin's next pictures are theirs. */
export function endDealPhotoWait(tx: Tx, dealId: string): void {
  const deal = tx.get('deals', dealId);
  if (deal?.photoWait) tx.put('deals', { ...deal, photoWait: undefined });
}

/** Admin `userId` waits for no deal's photos in the community any more (`/forget`). */
export function endDealPhotoWaitsOf(tx: Tx, communityId: string, userId: string): void {
  for (const deal of tx.tables.deals.by('community', communityId))
    if (deal.photoWait?.by === userId) endDealPhotoWait(tx, deal.id);
}
