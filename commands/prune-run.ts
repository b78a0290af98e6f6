import { type Adapter, ChatMovedError, DeliveryError, RateLimitedError } from '../src/core/adapter.js';
import type { StateChanges } from '../src/core/context.js';
import type { ChatRef } from '../src/core/events.js';
import { recordRemoval } from '../src/services/prune.js';
import type { Community, Member } from '../src/store/schema.js';

/** What a removal run did: removed, where it stopped and why, and who is left. */
export type RemovalReport =
  | { kind: 'unsupported'; members: Member[] }
  | {
      kind: 'ran';
      removed: Member[];
      /** The first adapter error, which stopped the run. */
      error?: { member: Member; message: string; permanent: boolean };
      /** Not tried: after the error, or over the batch cap. */
      left: Member[];
      capped: boolean;
    };

/**
 * Removes members through the platform, one at a time, at most `max`, stopping at the first
 * error: a permission the bot lacks fails the same way for everyone, and a rate limit means wait.
 * Each removal is recorded (and audited) as soon as the platform confirmed it, and nothing more is
 * asked of the platform until what came before is on disk (a failed write stops the run).
 */
export async function removeMembers(
  adapter: Adapter,
  chat: ChatRef,
  changes: StateChanges,
  community: Community,
  members: Member[],
  by: string,
  now: () => Date,
  max: number,
): Promise<RemovalReport> {
  if (!adapter.removeMember || !adapter.capabilities.removeMembers) return { kind: 'unsupported', members };
  const batch = members.slice(0, max);
  const removed: Member[] = [];
  for (const [i, member] of batch.entries()) {
    await changes.durable();
    try {
      await adapter.removeMember(chat, member.userId);
    } catch (error) {
      // A group that just got a new id (ChatMovedError) is tried again at the next sweep, there.
      const permanent =
        !(error instanceof RateLimitedError) &&
        !(error instanceof DeliveryError && error.retryable) &&
        !(error instanceof ChatMovedError);
      return {
        kind: 'ran',
        removed,
        error: { member, message: (error as Error).message, permanent },
        left: members.slice(i),
        capped: false,
      };
    }
    changes.mutate((tx) => recordRemoval(tx, community, member, by, now()));
    removed.push(member);
  }
  await changes.durable();
  return { kind: 'ran', removed, left: members.slice(batch.length), capped: members.length > max };
}
