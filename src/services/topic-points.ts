import type { Community } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { credit } from './points.js';

/**
 * Pays a member for taking part in a topic prompt: one ledger entry keyed by prompt and member
 * (the points service's idempotency key), so it never pays twice.
 */
export function awardTopicPoints(
  tx: Tx,
  community: Community,
  userId: string,
  points: number,
  postId: string,
  now: Date,
): void {
  credit(tx, community.id, userId, points, 'topic', `topic:${postId}:${userId}`, now, { ref: postId });
}
