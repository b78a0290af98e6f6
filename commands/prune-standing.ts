import type { Adapter } from '../src/core/adapter.js';
import type { ChatRef } from '../src/core/events.js';
import type { PlatformStanding } from '../src/services/prune.js';
import type { Member } from '../src/store/schema.js';

/**
 * What the platform says of members now, for pruning: `known` with its word (undefined where the
 * platform cannot tell, so the store's record of each member's rights counts), or `failed` when it
 * could not be asked — then nobody is listed, warned or removed on a guess.
 */
export type StandingAnswer =
  | { kind: 'known'; standing: PlatformStanding | undefined }
  | { kind: 'failed'; error: unknown };

/**
 * Asks the platform where these members stand in the group now (Adapter.memberStanding): an admin
 * promoted since their last message is an admin here, and a member who left without the bot
 * hearing of it is `gone`.
 */
export async function askStanding(
  adapter: Adapter,
  chat: ChatRef,
  members: Member[],
): Promise<StandingAnswer> {
  if (!adapter.memberStanding || members.length === 0) return { kind: 'known', standing: undefined };
  try {
    const standing = await adapter.memberStanding(
      chat,
      members.map((m) => m.userId),
    );
    return { kind: 'known', standing };
  } catch (error) {
    return { kind: 'failed', error };
  }
}
