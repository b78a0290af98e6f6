/**
 * When each member could first see that the bot took their order, read from the fake Bot API's
 * call log: a reaction on their message, a group message or card edit that shows their name (the
 * card's roster line, or a line of a batched notice), or a private message to them. Only calls
 * Telegram accepted count: a refused call showed nobody anything.
 */
import type { ApiCall } from '../tests/adapters/telegram/fake-bot-api.js';
import type { Said } from './telegram-bot.js';

/** How a member first saw their order. */
export type SeenVia = 'reaction' | 'card' | 'notice' | 'private';

/** Per member, when each kind of sign first reached them (Date.now ms). */
export interface Sighting {
  said: Said;
  via: Partial<Record<SeenVia, number>>;
}

export class VisibilityTracker {
  private readonly byMessage = new Map<string, Sighting>();
  private readonly byUser = new Map<string, Sighting>();
  private read = 0;
  /** Accepted sendMessage calls to the group (replies to `excludeReplyTo` left out), and edits. */
  groupSends = 0;
  groupEdits = 0;

  constructor(
    private readonly calls: readonly ApiCall[],
    private readonly groupId: string,
    /** Only calls from this index on (what the bot did before the scenario is not part of it). */
    from = calls.length,
    /** Messages whose answers are not group messages "per order" (the admin's command). */
    private readonly excludeReplyTo = new Set<number>(),
  ) {
    this.read = from;
  }

  watch(said: Said): void {
    const sighting: Sighting = { said, via: {} };
    this.byMessage.set(`${this.groupId}:${said.messageId}`, sighting);
    this.byUser.set(String(said.userId), sighting);
  }

  get sightings(): Sighting[] {
    return [...this.byUser.values()];
  }

  /** Reads the calls made since the last scan. */
  scan(): void {
    for (; this.read < this.calls.length; this.read++) {
      const call = this.calls[this.read]!;
      if (call.refused !== undefined) continue;
      const chatId = String(call.params.chat_id ?? '');
      if (call.method === 'setMessageReaction') {
        this.mark(this.byMessage.get(`${chatId}:${call.params.message_id}`), 'reaction', call.at);
        continue;
      }
      if (call.method !== 'sendMessage' && call.method !== 'editMessageText') continue;
      if (chatId !== this.groupId) {
        this.mark(this.byUser.get(chatId), 'private', call.at);
        continue;
      }
      const replyTo = (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id;
      if (call.method === 'editMessageText') this.groupEdits++;
      // The admin's /orders lists every buyer: it shows the admin the roster, not members their order.
      else if (replyTo !== undefined && this.excludeReplyTo.has(replyTo)) continue;
      else this.groupSends++;
      const text = String(call.params.text ?? '');
      // The card is edited in place; a new message with the deal's header is a (re)posted card.
      const via: SeenVia = call.method === 'editMessageText' || text.startsWith('🛒') ? 'card' : 'notice';
      for (const sighting of this.byUser.values())
        if (sighting.via[via] === undefined && text.includes(sighting.said.name))
          this.mark(sighting, via, call.at);
    }
  }

  /** The first reply (in the group or privately) to a message, as a Date.now time. */
  answerTo(messageId: number, userId: number): number | undefined {
    for (const call of this.calls) {
      if (call.refused !== undefined || call.method !== 'sendMessage') continue;
      const replyTo = (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id;
      const chatId = String(call.params.chat_id ?? '');
      if ((chatId === this.groupId && replyTo === messageId) || chatId === String(userId)) return call.at;
    }
    return undefined;
  }

  private mark(sighting: Sighting | undefined, via: SeenVia, at: number): void {
    if (sighting && sighting.via[via] === undefined) sighting.via[via] = at;
  }
}

/** When the member first saw any of these signs (undefined: never). */
export function seenAt(sighting: Sighting, kinds: readonly SeenVia[]): number | undefined {
  const times = kinds.map((k) => sighting.via[k]).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

export const ANY_SIGN: readonly SeenVia[] = ['reaction', 'card', 'notice', 'private'];
