import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import type {
  CallbackQuery,
  ChatMemberUpdated,
  Message,
  TelegramEmoji,
  Update,
  UserFromGetMe,
} from 'telegraf/types';
import type {
  Adapter,
  BotHandle,
  ButtonRows,
  Capabilities,
  MemberStanding,
  Origin,
  Outgoing,
} from '../../src/core/adapter.js';
import { DeliveryError } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { clipText } from '../../src/core/split-text.js';
import { ChatOrder } from '../chat-order.js';
import { AdminCache } from './admins.js';
import { inlineKeyboard, normalizeCallback, toastText } from './buttons.js';
import { botStanding, changeOfRefusal, migrationOf } from './chat-changes.js';
import { isMissingRights, isNotModified, toDeliveryError } from './errors.js';
import { menuCommands } from './menu.js';
import {
  changesAdminRole,
  chatRef,
  isMemberServiceMessage,
  normalizeChatMember,
  normalizeMessage,
  PLATFORM,
  roleOf,
  serviceMemberEvents,
} from './normalize.js';
import { UpdatePoller, updateChatKey } from './polling.js';
import { placement, rawMessageId, type SendProgress, sendText } from './send.js';
import { StandingLookup } from './standing.js';
import { startWebhook, stopWebhook } from './webhook.js';

export const TELEGRAM_CAPABILITIES: Capabilities = {
  editMessages: true,
  removeMembers: true,
  inviteLinks: true,
  images: true,
  files: true,
  nativeCommands: true,
  maxMessageLength: 4096,
  defaultLocale: 'en',
  reactions: true,
  // Inline keyboards under the deal card; a tap is answered with a toast (answerCallbackQuery).
  buttons: true,
  // Telegram's documented limits: about 20 messages a minute in one group, 30 a second overall.
  // About one message a second in a chat, edits included.
  pacing: { perChatPerMinute: 20, globalPerSecond: 30, minGapMs: 1_000 },
};

export interface TelegramAdapterOptions {
  /** TELEGRAM_BOT_TOKEN from @BotFather. */
  token: string;
  /** TELEGRAM_API_ROOT: a local Bot API server, or a fake one in tests. */
  apiRoot?: string;
  /** TELEGRAM_WEBHOOK_URL: receive updates by webhook at this public URL instead of long polling. */
  webhookUrl?: string;
  /** TELEGRAM_WEBHOOK_PORT: where the webhook server listens (0: any free port). */
  webhookPort?: number;
  /** Offered each request to the webhook server first (HEALTH_PORT's GET /healthz); true if it answered. */
  health?: (req: IncomingMessage, res: ServerResponse) => boolean;
  log: Logger;
  /** Long-poll timeout in seconds (tests shorten it). */
  pollTimeoutSeconds?: number;
  now?: () => number;
}

/** Telegram through telegraf: long polling or a webhook in, Bot API calls out. */
export class TelegramAdapter implements Adapter {
  readonly platform = PLATFORM;
  readonly capabilities = TELEGRAM_CAPABILITIES;
  private readonly telegraf: Telegraf;
  private readonly admins: AdminCache;
  /** Members' rights and presence as getChatMember tells them, for pruning (standing.ts). */
  private readonly standings: StandingLookup;
  private readonly log: Logger;
  private bot: BotHandle | undefined;
  private me: UserFromGetMe | undefined;
  private poller: UpdatePoller | undefined;
  private webhookServer: Server | undefined;
  /** Per group: is the bot an admin there (known from getChatMember or my_chat_member). */
  private readonly botIsAdmin = new Map<string, Promise<boolean | undefined>>();
  /** Groups that deliver chat_member updates; their join/leave service messages are duplicates. */
  private readonly memberUpdatesSeen = new Set<string>();
  /** Long texts sent in parts: how far a send got, so a retry does not post the first parts twice. */
  private readonly progress = new WeakMap<Outgoing, SendProgress>();
  /** Updates reach the core in order within a chat, concurrently across chats (polling and webhook). */
  private readonly order = new ChatOrder();

  constructor(private readonly options: TelegramAdapterOptions) {
    if (!options.token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
    this.log = options.log;
    this.telegraf = new Telegraf(options.token, {
      telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    this.admins = new AdminCache(
      async (chatId) =>
        (await this.telegraf.telegram.getChatAdministrators(chatId)).map((m) => ({
          userId: String(m.user.id),
          role: roleOf(m),
        })),
      this.log,
      options.now,
    );
    this.standings = new StandingLookup(
      (chatId, userId) => this.telegraf.telegram.getChatMember(chatId, userId),
      options.now,
    );
  }

  /** The webhook server's port, once listening (the configured one, or the one picked for port 0). */
  get webhookPort(): number | undefined {
    return (this.webhookServer?.address() as AddressInfo | null)?.port;
  }

  async start(bot: BotHandle): Promise<void> {
    const telegram = this.telegraf.telegram;
    this.bot = bot;
    try {
      this.me = await telegram.getMe();
    } catch (error) {
      // telegraf redacts the token from its messages; say which setting to look at.
      throw new Error(
        `telegram: cannot sign in to the Bot API (${(error as Error).message}); check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT`,
      );
    }
    // telegraf would otherwise call getMe again before the first update.
    this.telegraf.botInfo = this.me;
    this.telegraf.use((ctx) => this.onUpdate(ctx.update));
    this.telegraf.catch((error, ctx) =>
      this.log.error({ err: error, update: ctx.update.update_id }, 'telegram: update failed'),
    );
    await this.publishMenu(bot);

    const { webhookUrl, webhookPort, token } = this.options;
    if (webhookUrl)
      this.webhookServer = await startWebhook(
        this.telegraf,
        token,
        webhookUrl,
        webhookPort ?? 8443,
        this.options.health,
      );
    else {
      await telegram.deleteWebhook({ drop_pending_updates: false });
      this.poller = new UpdatePoller({
        telegram,
        log: this.log,
        timeoutSeconds: this.options.pollTimeoutSeconds,
        // Straight to the adapter, not through telegraf: each update is queued in its chat the
        // moment it is read, so a batch reaches the core in order without waiting for fsyncs.
        onUpdate: (update) => this.onUpdate(update),
      });
      this.poller.start();
    }
    this.log.info(
      {
        platform: PLATFORM,
        username: this.me.username,
        id: this.me.id,
        mode: this.options.webhookUrl ? 'webhook' : 'polling',
        readsAllGroupMessages: this.me.can_read_all_group_messages,
        capabilities: this.capabilities,
      },
      `telegram: connected as @${this.me.username}`,
    );
    if (!this.me.can_read_all_group_messages)
      this.log.warn(
        'telegram: privacy mode is on, so in groups where the bot is not admin it sees only commands and replies (activity counts and "+1" orders miss the rest); turn it off with @BotFather /setprivacy',
      );
  }

  /** Webhook: its server listens. Polling: the last getUpdates was answered. */
  connected(): boolean {
    return this.webhookServer?.listening ?? this.poller?.connected ?? false;
  }

  async stop(): Promise<void> {
    // The poller first: it lets the batch being handed over finish and confirms only what was
    // handled. Dropping the bot before it would make the batch's last updates vanish unhandled,
    // and the confirmed offset would keep Telegram from sending them again.
    await this.poller?.stop();
    this.poller = undefined;
    const server = this.webhookServer;
    this.webhookServer = undefined;
    if (server) await stopWebhook(server);
    this.bot = undefined;
  }

  /** Answers in place: in the origin's forum topic, as a reply to the message it answers (see placement). */
  async send(chat: ChatRef, out: Outgoing, origin?: Origin): Promise<{ messageId: string }> {
    const telegram = this.telegraf.telegram;
    try {
      if (out.kind === 'text') return await sendText(telegram, chat.chatId, out, this.progress, origin);
      const extra = {
        ...placement(origin, undefined),
        ...(out.caption ? { caption: out.caption.slice(0, 1024) } : {}),
      };
      const sent =
        out.kind === 'image'
          ? await telegram.sendPhoto(chat.chatId, { source: out.path }, extra)
          : await telegram.sendDocument(chat.chatId, { source: out.path }, extra);
      return { messageId: String(sent.message_id) };
    } catch (error) {
      this.refused(error, chat);
      throw toDeliveryError(
        error,
        `send ${out.kind} to ${chat.chatId}`,
        chat.kind === 'direct' ? chat.chatId : undefined,
      );
    }
  }

  /**
   * Puts a reaction on a member's message (setMessageReaction): an acknowledgement without a group
   * message. Telegram takes only emoji from its own list (👌, 👍, ✍, 🔥, 🎉, …); others are a 400.
   */
  async react(chat: ChatRef, messageId: string, emoji: string): Promise<void> {
    try {
      await this.telegraf.telegram.setMessageReaction(chat.chatId, Number(rawMessageId(messageId)), [
        // Checked by Telegram: an emoji outside its list comes back as REACTION_INVALID.
        { type: 'emoji', emoji: emoji as TelegramEmoji },
      ]);
    } catch (error) {
      this.refused(error, chat);
      throw toDeliveryError(error, `react to ${messageId} in ${chat.chatId}`);
    }
  }

  /** An edit without buttons takes the message's keyboard away (Telegram drops an unsent reply_markup). */
  async edit(chat: ChatRef, messageId: string, text: string, buttons?: ButtonRows): Promise<void> {
    const shown = clipText(text, this.capabilities.maxMessageLength);
    try {
      await this.telegraf.telegram.editMessageText(
        chat.chatId,
        Number(rawMessageId(messageId)),
        undefined,
        shown,
        buttons?.length ? { reply_markup: inlineKeyboard(buttons) } : undefined,
      );
    } catch (error) {
      if (isNotModified(error)) return;
      this.refused(error, chat);
      throw toDeliveryError(error, `edit ${messageId} in ${chat.chatId}`);
    }
  }

  /** The private answer to a tap: a toast only the member who tapped sees (answerCallbackQuery). */
  async answer(chat: ChatRef, interactionId: string, text: string): Promise<void> {
    try {
      await this.telegraf.telegram.answerCbQuery(interactionId, toastText(text));
    } catch (error) {
      throw toDeliveryError(error, `answer a tap in ${chat.chatId}`);
    }
  }

  /** A kick, not a ban: banned, then unbanned at once so the member may come back by a new invite. */
  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    const telegram = this.telegraf.telegram;
    try {
      await telegram.banChatMember(chat.chatId, Number(userId));
      await telegram.unbanChatMember(chat.chatId, Number(userId), { only_if_banned: true });
    } catch (error) {
      this.refused(error, chat);
      if (isMissingRights(error)) {
        this.bot?.problem(this, chat, { code: 'cannot_remove', detail: 'can_restrict_members' });
        throw new DeliveryError(`cannot remove ${userId} from ${chat.chatId}: not enough rights`, false);
      }
      throw toDeliveryError(error, `remove ${userId} from ${chat.chatId}`);
    }
  }

  /** Each member's status from getChatMember: creator, administrator, member; left or kicked is gone. */
  memberStanding(chat: ChatRef, userIds: readonly string[]): Promise<ReadonlyMap<string, MemberStanding>> {
    return this.standings.standing(chat.chatId, userIds);
  }

  async createInviteLink(chat: ChatRef, name: string): Promise<string> {
    try {
      const link = await this.telegraf.telegram.createChatInviteLink(chat.chatId, {
        name: name.slice(0, 32),
      });
      return link.invite_link;
    } catch (error) {
      this.refused(error, chat);
      if (isMissingRights(error)) {
        this.bot?.problem(this, chat, { code: 'cannot_invite', detail: 'can_invite_users' });
        throw new DeliveryError(`cannot create an invite link in ${chat.chatId}: not enough rights`, false);
      }
      throw toDeliveryError(error, `invite link in ${chat.chatId}`);
    }
  }

  /** Where a member opens a private chat with the bot (so it may write to them afterwards). */
  botLink(): string | undefined {
    return this.me ? `https://t.me/${this.me.username}` : undefined;
  }

  /** A private chat's id is the user's id; it works once the user has started the bot. */
  directChat(userId: string): ChatRef {
    return { platform: PLATFORM, chatId: userId, kind: 'direct' };
  }

  private async publishMenu(bot: BotHandle): Promise<void> {
    const telegram = this.telegraf.telegram;
    try {
      await telegram.setMyCommands(menuCommands(bot.commands(), 'en'));
      await telegram.setMyCommands(menuCommands(bot.commands(), 'zh'), { language_code: 'zh' });
    } catch (error) {
      // The menu is a convenience; commands typed by hand still work.
      this.log.warn({ err: error }, 'telegram: could not set the command menu');
    }
  }

  /**
   * One update from polling or the webhook: queued behind the earlier updates of its chat and
   * handed to the core as soon as they have been; resolves once handled and durable.
   */
  private onUpdate(update: Update): Promise<void> {
    return this.order.add(updateChatKey(update), () => this.handOver(update));
  }

  /** Looks up what the update needs (rights, roles) and hands its events to the core, unawaited. */
  private async handOver(update: Update): Promise<Promise<void>[]> {
    const bot = this.bot;
    if (!bot || !this.me) return [];
    if ('message' in update) return this.onMessage(bot, update.message);
    // Listed in ALLOWED_UPDATES: members edit `+1` into `+3`, and the order must follow.
    if ('edited_message' in update) return this.onMessage(bot, update.edited_message);
    if ('chat_member' in update) return this.onChatMember(bot, update.chat_member);
    if ('my_chat_member' in update) return this.onMyChatMember(bot, update.my_chat_member);
    if ('callback_query' in update) return this.onTap(bot, update.callback_query);
    return [];
  }

  private async onMessage(bot: BotHandle, message: Message): Promise<Promise<void>[]> {
    const chat = chatRef(message.chat);
    if (!chat) return [];
    // The group became a supergroup: told in both chats; the first of the two moves the community.
    const moved = migrationOf(message);
    if (moved) return bot.chatChanged ? [bot.chatChanged(this, moved)] : [];
    if (chat.kind === 'group') await this.checkBotRights(bot, chat);
    if (isMemberServiceMessage(message)) {
      // Fallback only: where chat_member updates arrive they carry the invite link as well.
      if (this.memberUpdatesSeen.has(chat.chatId) || (await this.botIsAdmin.get(chat.chatId))) return [];
      return serviceMemberEvents(message).map((event) => bot.handle(this, event));
    }
    const from = 'from' in message ? message.from : undefined;
    const role =
      chat.kind === 'group' && from && !from.is_bot
        ? await this.admins.roleOf(chat.chatId, String(from.id))
        : undefined;
    const event = normalizeMessage(message, this.me!.username, role);
    return event ? [bot.handle(this, event)] : [];
  }

  /** A tap on a button; one that is not ours to handle is answered at once, or the spinner stays. */
  private onTap(bot: BotHandle, query: CallbackQuery): Promise<void>[] {
    const event = normalizeCallback(query);
    if (event) return [bot.handle(this, event)];
    void this.telegraf.telegram
      .answerCbQuery(query.id)
      .catch((error: unknown) => this.log.warn({ err: error }, 'telegram: could not answer a tap'));
    return [];
  }

  private async onChatMember(bot: BotHandle, update: ChatMemberUpdated): Promise<Promise<void>[]> {
    const chatId = String(update.chat.id);
    this.memberUpdatesSeen.add(chatId);
    if (changesAdminRole(update)) this.admins.invalidate(chatId);
    this.standings.forget(chatId, String(update.new_chat_member.user.id));
    const event = normalizeChatMember(update);
    return event ? [bot.handle(this, event)] : [];
  }

  /**
   * The bot's own standing changed: added to a group, promoted, demoted or removed. Removed, the
   * core stops sending there at once (every call would be a 403); added back, it resumes.
   */
  private onMyChatMember(bot: BotHandle, update: ChatMemberUpdated): Promise<void>[] {
    const chat = chatRef(update.chat);
    if (chat?.kind !== 'group') return []; // in private this only means blocked or unblocked
    this.admins.invalidate(chat.chatId);
    const change = botStanding(update);
    const told = change && bot.chatChanged ? [bot.chatChanged(this, change)] : [];
    const status = update.new_chat_member.status;
    if (status === 'left' || status === 'kicked') {
      this.botIsAdmin.delete(chat.chatId);
      return told;
    }
    const admin = status === 'administrator' || status === 'creator';
    this.botIsAdmin.set(chat.chatId, Promise.resolve(admin));
    // After the core heard the bot is back: a notice to a group still marked removed would be dropped.
    if (!admin) void Promise.allSettled(told).then(() => bot.problem(this, chat, { code: 'not_admin' }));
    return told;
  }

  /**
   * What a refused call says about the chat itself, told to the core as if the platform had sent
   * it: 400 with migrate_to_chat_id (the group is a supergroup now, under a new id), or 403 "bot
   * was kicked" (the bot is out of the group). The refusal itself is the caller's to handle.
   */
  private refused(error: unknown, chat: ChatRef): void {
    const change = changeOfRefusal(error, chat);
    const bot = this.bot;
    if (!change || !bot?.chatChanged) return;
    // In line with the chat's updates, like one of them.
    void this.order
      .add(chat.chatId, async () => [bot.chatChanged!(this, change)])
      .catch((err: unknown) => this.log.error({ err, chat: chat.chatId }, 'telegram: chat change failed'));
  }

  /** Once per group and run: without admin rights the bot misses joins and leaves, so say so. */
  private async checkBotRights(bot: BotHandle, chat: ChatRef): Promise<void> {
    let known = this.botIsAdmin.get(chat.chatId);
    if (!known) {
      known = this.telegraf.telegram.getChatMember(chat.chatId, this.me!.id).then(
        (member) => member.status === 'administrator' || member.status === 'creator',
        (error: unknown) => {
          this.refused(error, chat);
          this.log.warn({ err: error, chat: chat.chatId }, 'telegram: could not check my rights');
          this.botIsAdmin.delete(chat.chatId); // ask again next time
          return undefined;
        },
      );
      this.botIsAdmin.set(chat.chatId, known);
      if ((await known) === false) bot.problem(this, chat, { code: 'not_admin' });
    }
    await known;
  }
}
