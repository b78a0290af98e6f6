import type { Community } from '../store/schema.js';
import type { Tx } from '../store/tx.js';

/**
 * Whether the bot is in a community's group. Removed (kicked, or it left), it can send nothing
 * there: jobs pause for the community (no reminders, deadline notices, prompts, pruning or
 * digests: what falls due meanwhile is done when the bot is back, as after downtime), and the
 * outbox drops what was owed there. Nothing of the community is deleted.
 */

/** The bot is not in this community's group now. */
export function botAbsent(community: Community): boolean {
  return community.removedAt !== undefined;
}

/** Marks the community paused; undefined when there is no such community or it was marked already. */
export function markBotRemoved(tx: Tx, communityId: string, now: Date): Community | undefined {
  const community = tx.get('communities', communityId);
  if (!community || botAbsent(community)) return undefined;
  return tx.put('communities', { ...community, removedAt: now.toISOString() });
}

/** The bot is back: the community resumes. Undefined when there was nothing to resume. */
export function markBotBack(tx: Tx, communityId: string): Community | undefined {
  const community = tx.get('communities', communityId);
  if (!community || !botAbsent(community)) return undefined;
  const { removedAt: _gone, ...rest } = community;
  return tx.put('communities', rest);
}
