import type { Telegram } from 'telegraf';
import type {
  CallbackQuery,
  ChatMemberUpdated,
  Message,
  PreCheckoutQuery,
  Update,
  UserFromGetMe,
} from 'telegraf/types';
import type { Adapter, BotHandle } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { ChatOrder } from '../chat-order.js';
import type { AdminCache } from './admins.js';
import { normalizeCallback } from './buttons.js';
import { botStanding, changeOfRefusal, migrationOf } from './chat-changes.js';
import {
  changesAdminRole,
  chatRef,
  isMemberServiceMessage,
  normalizeChatMember,
  normalizeMessage,
  serviceMemberEvents,
} from './normalize.js';
import { normalizePaymentCheck, normalizePaymentDone } from './payments.js';
import { updateChatKey } from './polling.js';
import type { StandingLookup } from './standing.js';

/** What the inbound side needs of the adapter: its identity for the core, and its shared state. */
export interface InboundHost {
  readonly adapter: Adapter;
  readonly telegram: Telegram;
  readonly admins: AdminCache;
  readonly standings: StandingLookup;
  readonly log: Logger;
  /** The core, while started. */
  bot(): BotHandle | undefined;
  /** The bot's own account (getMe), once signed in. */
  me(): UserFromGetMe | undefined;
}

/**
 * Telegram's updates in (polling or webhook): messages, edits, taps, member changes and the bot's
 * own standing, turned into core events and handed over in order per chat, concurrently across
 * chats. The adapter (index.ts) is the way out.
 */
export class TelegramInbound {
  /** Per group: is the bot an admin there (known from getChatMember or my_chat_member). */
  private readonly botIsAdmin = new Map<string, Promise<boolean | undefined>>();
  /** Groups that deliver chat_member updates; their join/leave service messages are duplicates. */
  private readonly memberUpdatesSeen = new Set<string>();
  /** Updates reach the core in order within a chat, concurrently across chats (polling and webhook). */
  private readonly order = new ChatOrder();

  constructor(private readonly host: InboundHost) {}

  /**
   * One update from polling or the webhook: queued behind the earlier updates of its chat and
   * handed to the core as soon as they have been; resolves once handled and durable.
   */
  onUpdate(update: Update): Promise<void> {
    return this.order.add(updateChatKey(update), () => this.handOver(update));
  }

  /**
   * What a refused call says about the chat itself, told to the core as if the platform had sent
   * it: 400 with migrate_to_chat_id (the group is a supergroup now, under a new id), or 403 "bot
   * was kicked" (the bot is out of the group). The refusal itself is the caller's to handle.
   */
  refused(error: unknown, chat: ChatRef): void {
    const change = changeOfRefusal(error, chat);
    const bot = this.host.bot();
    if (!change || !bot?.chatChanged) return;
    // In line with the chat's updates, like one of them.
    void this.order
      .add(chat.chatId, async () => [bot.chatChanged!(this.host.adapter, change)])
      .catch((err: unknown) =>
        this.host.log.error({ err, chat: chat.chatId }, 'telegram: chat change failed'),
      );
  }

  /** Looks up what the update needs (rights, roles) and hands its events to the core, unawaited. */
  private async handOver(update: Update): Promise<Promise<void>[]> {
    const bot = this.host.bot();
    const me = this.host.me();
    if (!bot || !me) return [];
    if ('message' in update) return this.onMessage(bot, me, update.message);
    // Listed in ALLOWED_UPDATES: members edit `+1` into `+3`, and the order must follow.
    if ('edited_message' in update) return this.onMessage(bot, me, update.edited_message);
    if ('chat_member' in update) return this.onChatMember(bot, update.chat_member);
    if ('my_chat_member' in update) return this.onMyChatMember(bot, update.my_chat_member);
    if ('callback_query' in update) return this.onTap(bot, update.callback_query);
    if ('pre_checkout_query' in update) return this.onPaymentCheck(bot, update.pre_checkout_query);
    return [];
  }

  /**
   * A member is about to pay one of the bot's invoices. Handed over at once, never behind a rights
   * lookup: Telegram gives the bot 10 s to answer.
   */
  private onPaymentCheck(bot: BotHandle, query: PreCheckoutQuery): Promise<void>[] {
    return [bot.handle(this.host.adapter, normalizePaymentCheck(query))];
  }

  private async onMessage(bot: BotHandle, me: UserFromGetMe, message: Message): Promise<Promise<void>[]> {
    const adapter = this.host.adapter;
    const chat = chatRef(message.chat);
    if (!chat) return [];
    // The group became a supergroup: told in both chats; the first of the two moves the community.
    const moved = migrationOf(message);
    if (moved) return bot.chatChanged ? [bot.chatChanged(adapter, moved)] : [];
    if (chat.kind === 'group') await this.checkBotRights(bot, me, chat);
    // Money moved (a service message, not a member's words): recorded whatever the chat.
    const paid = normalizePaymentDone(message);
    if (paid) return [bot.handle(adapter, paid)];
    if (isMemberServiceMessage(message)) {
      // Fallback only: where chat_member updates arrive they carry the invite link as well.
      if (this.memberUpdatesSeen.has(chat.chatId) || (await this.botIsAdmin.get(chat.chatId))) return [];
      return serviceMemberEvents(message).map((event) => bot.handle(adapter, event));
    }
    const from = 'from' in message ? message.from : undefined;
    const role =
      chat.kind === 'group' && from && !from.is_bot
        ? await this.host.admins.roleOf(chat.chatId, String(from.id))
        : undefined;
    const event = normalizeMessage(message, me.username, role);
    return event ? [bot.handle(adapter, event)] : [];
  }

  /** A tap on a button; one that is not ours to handle is answered at once, or the spinner stays. */
  private onTap(bot: BotHandle, query: CallbackQuery): Promise<void>[] {
    const event = normalizeCallback(query);
    if (event) return [bot.handle(this.host.adapter, event)];
    void this.host.telegram
      .answerCbQuery(query.id)
      .catch((error: unknown) => this.host.log.warn({ err: error }, 'telegram: could not answer a tap'));
    return [];
  }

  private async onChatMember(bot: BotHandle, update: ChatMemberUpdated): Promise<Promise<void>[]> {
    const chatId = String(update.chat.id);
    this.memberUpdatesSeen.add(chatId);
    if (changesAdminRole(update)) this.host.admins.invalidate(chatId);
    this.host.standings.forget(chatId, String(update.new_chat_member.user.id));
    const event = normalizeChatMember(update);
    return event ? [bot.handle(this.host.adapter, event)] : [];
  }

  /**
   * The bot's own standing changed: added to a group, promoted, demoted or removed. Removed, the
   * core stops sending there at once (every call would be a 403); added back, it resumes.
   */
  private onMyChatMember(bot: BotHandle, update: ChatMemberUpdated): Promise<void>[] {
    const adapter = this.host.adapter;
    const chat = chatRef(update.chat);
    if (chat?.kind !== 'group') return []; // in private this only means blocked or unblocked
    this.host.admins.invalidate(chat.chatId);
    const change = botStanding(update);
    const told = change && bot.chatChanged ? [bot.chatChanged(adapter, change)] : [];
    const status = update.new_chat_member.status;
    if (status === 'left' || status === 'kicked') {
      this.botIsAdmin.delete(chat.chatId);
      return told;
    }
    const admin = status === 'administrator' || status === 'creator';
    this.botIsAdmin.set(chat.chatId, Promise.resolve(admin));
    // After the core heard the bot is back: a notice to a group still marked removed would be dropped.
    if (!admin) void Promise.allSettled(told).then(() => bot.problem(adapter, chat, { code: 'not_admin' }));
    return told;
  }

  /** Once per group and run: without admin rights the bot misses joins and leaves, so say so. */
  private async checkBotRights(bot: BotHandle, me: UserFromGetMe, chat: ChatRef): Promise<void> {
    let known = this.botIsAdmin.get(chat.chatId);
    if (!known) {
      known = this.host.telegram.getChatMember(chat.chatId, me.id).then(
        (member) => member.status === 'administrator' || member.status === 'creator',
        (error: unknown) => {
          this.refused(error, chat);
          this.host.log.warn({ err: error, chat: chat.chatId }, 'telegram: could not check my rights');
          this.botIsAdmin.delete(chat.chatId); // ask again next time
          return undefined;
        },
      );
      this.botIsAdmin.set(chat.chatId, known);
      if ((await known) === false) bot.problem(this.host.adapter, chat, { code: 'not_admin' });
    }
    await known;
  }
}
