import { TelegramError } from 'telegraf';
import type { ChatMember } from 'telegraf/types';
import type { MemberStanding } from '../../src/core/adapter.js';
import { toDeliveryError } from './errors.js';
import { isPresent, roleOf } from './normalize.js';

/** How long an answer is reused: pruning asks at the dry run, the warning and the confirmation. */
const TTL_MS = 60_000;

/** Telegram's 400s for a user it does not have in the chat at all (never joined, account gone). */
const NOT_A_MEMBER = /user not found|member not found|PARTICIPANT_ID_INVALID|USER_ID_INVALID/i;

/** A member's standing from what getChatMember says: creator, administrator, member, restricted, left, kicked. */
export function standingOf(member: ChatMember): MemberStanding {
  return isPresent(member) ? roleOf(member) : 'gone';
}

/**
 * Where members stand in a group now, one getChatMember call each (Telegram has no call for many
 * at once), asked one after another so a long list does not burst against the flood limits; an
 * answer is kept for a minute, and dropped at once when a chat_member update says it changed.
 */
export class StandingLookup {
  private readonly known = new Map<string, { standing: MemberStanding; at: number }>();

  constructor(
    private readonly getChatMember: (chatId: string, userId: number) => Promise<ChatMember>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rejects with the core's delivery errors (RateLimitedError on a 429) when Telegram cannot be asked. */
  async standing(chatId: string, userIds: readonly string[]): Promise<Map<string, MemberStanding>> {
    const answer = new Map<string, MemberStanding>();
    for (const userId of userIds) {
      const key = `${chatId}/${userId}`;
      const cached = this.known.get(key);
      if (cached && this.now() - cached.at < TTL_MS) {
        answer.set(userId, cached.standing);
        continue;
      }
      const standing = await this.ask(chatId, userId);
      this.known.set(key, { standing, at: this.now() });
      answer.set(userId, standing);
    }
    return answer;
  }

  /** A chat_member update about this user: their standing changed. */
  forget(chatId: string, userId: string): void {
    this.known.delete(`${chatId}/${userId}`);
  }

  private async ask(chatId: string, userId: string): Promise<MemberStanding> {
    try {
      return standingOf(await this.getChatMember(chatId, Number(userId)));
    } catch (error) {
      if (error instanceof TelegramError && error.code === 400 && NOT_A_MEMBER.test(error.description))
        return 'gone';
      throw toDeliveryError(error, `look up ${userId} in ${chatId}`);
    }
  }
}
