import type { ChatMemberUpdated, Message } from 'telegraf/types';
import type {
  BotAddedEvent,
  BotRemovedEvent,
  ChatChange,
  ChatMovedEvent,
  ChatRef,
} from '../../src/core/events.js';
import { isRemovedFromGroup, migratedTo } from './errors.js';
import { chatRef, PLATFORM, userRef } from './normalize.js';

/**
 * Pure translation of what Telegram says about a group chat itself into core chat changes: the
 * group was upgraded to a supergroup (a new chat id), or the bot was removed from it or added back.
 */

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/**
 * The upgrade of a group to a supergroup, from either of its two service messages: in the old chat
 * `migrate_to_chat_id`, in the new one `migrate_from_chat_id`. Both give the same move.
 */
export function migrationOf(message: Message): ChatMovedEvent | undefined {
  // Asked of every message: the date is formatted only for the rare one that is a migration.
  if (!('migrate_to_chat_id' in message) && !('migrate_from_chat_id' in message)) return undefined;
  const chat = chatRef(message.chat);
  if (chat?.kind !== 'group') return undefined;
  const at = isoDate(message.date);
  if ('migrate_to_chat_id' in message) {
    const to: ChatRef = { ...chat, chatId: String(message.migrate_to_chat_id) };
    return { type: 'chat_moved', chat, to, at };
  }
  const from: ChatRef = { ...chat, chatId: String(message.migrate_from_chat_id) };
  return { type: 'chat_moved', chat: from, to: chat, at };
}

const OUT = new Set(['left', 'kicked']);

/**
 * The bot's own standing changed (my_chat_member): removed (kicked, or it left), or added back.
 * A promotion or demotion while it stays is neither: undefined. Private chats (blocked/unblocked)
 * are no groups: undefined.
 */
export function botStanding(update: ChatMemberUpdated): BotRemovedEvent | BotAddedEvent | undefined {
  const chat = chatRef(update.chat);
  if (chat?.kind !== 'group' || chat.platform !== PLATFORM) return undefined;
  const wasOut = OUT.has(update.old_chat_member.status);
  const isOut = OUT.has(update.new_chat_member.status);
  if (wasOut === isOut) return undefined;
  // Who did it, unless the bot itself (it left).
  const by = update.from.id !== update.new_chat_member.user.id ? { by: userRef(update.from) } : {};
  return { type: isOut ? 'bot_removed' : 'bot_added', chat, ...by, at: isoDate(update.date) };
}

/**
 * What a refused call says about the group itself, as if Telegram had sent it as an update: 400
 * with migrate_to_chat_id (a supergroup now, under a new id), or 403 "bot was kicked" (the bot is
 * out of the group). Undefined for any other refusal, and for private chats.
 */
export function changeOfRefusal(error: unknown, chat: ChatRef): ChatChange | undefined {
  if (chat.kind !== 'group') return undefined;
  const to = migratedTo(error);
  if (to !== undefined) return { type: 'chat_moved', chat, to: { ...chat, chatId: to } };
  return isRemovedFromGroup(error) ? { type: 'bot_removed', chat } : undefined;
}
