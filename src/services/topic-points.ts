import type { Community } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { memberId } from './members.js';

/**
 * Pays a member for taking part in a topic prompt: one ledger entry keyed by prompt and member,
 * so it never pays twice. Kept in one place so it can move onto the points service's credit()
 * in one line once that exists.
 */
export function awardTopicPoints(
  tx: Tx,
  community: Community,
  userId: string,
  points: number,
  postId: string,
  now: Date,
): void {
  const key = `topic:${postId}:${userId}`;
  if (tx.get('ledger', key)) return;
  const member = tx.get('members', memberId(community.id, userId));
  if (!member) return;
  tx.put('ledger', {
    id: key,
    communityId: community.id,
    userId,
    delta: points,
    reason: 'topic',
    ref: postId,
    at: now.toISOString(),
  });
  tx.put('members', { ...member, points: member.points + points });
}
