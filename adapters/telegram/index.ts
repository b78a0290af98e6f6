import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import type { TelegramEmoji, Update, UserFromGetMe } from 'telegraf/types';
import type {
  Adapter,
  BotHandle,
  ButtonRows,
  Capabilities,
  EditOptions,
  Invoice,
  MemberStanding,
  Origin,
  Outgoing,
  PaymentVerdict,
} from '../../src/core/adapter.js';
import { DeliveryError } from '../../src/core/adapter.js';
import type { ChatRef, ImageRef, PaymentCheckEvent } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { clipText } from '../../src/core/split-text.js';
import { AdminCache } from './admins.js';
import { inlineKeyboard, toastText } from './buttons.js';
import { isMissingRights, isNotModified, toDeliveryError } from './errors.js';
import { readTelegramFile } from './files.js';
import { TelegramInbound } from './inbound.js';
import { menuCommands } from './menu.js';
import { PLATFORM, roleOf } from './normalize.js';
import { TELEGRAM_CAPABILITIES, type TelegramAdapterOptions } from './options.js';
import { answerPaymentCheck, paymentCapability, sendInvoice } from './payments.js';
import { UpdatePoller } from './polling.js';
import { placement, rawMessageId, type SendProgress, sendText, textParts } from './send.js';
import { StandingLookup } from './standing.js';
import { startWebhook, stopWebhook } from './webhook.js';

/** Telegram's limit on a caption. */
const MAX_CAPTION = 1024;

/** Telegram through telegraf: long polling or a webhook in, Bot API calls out. */
export class TelegramAdapter implements Adapter {
  readonly platform = PLATFORM;
  readonly capabilities: Capabilities;
  /** Set where the operator turned payments on (options.payments): see Adapter.invoice. */
  readonly invoice?: (chat: ChatRef, invoice: Invoice, origin?: Origin) => Promise<{ messageId: string }>;
  private readonly telegraf: Telegraf;
  private readonly admins: AdminCache;
  /** Members' rights and presence as getChatMember tells them, for pruning (standing.ts). */
  private readonly standings: StandingLookup;
  private readonly log: Logger;
  private bot: BotHandle | undefined;
  private me: UserFromGetMe | undefined;
  private poller: UpdatePoller | undefined;
  private webhookServer: Server | undefined;
  /** Long texts sent in parts: how far a send got, so a retry does not post the first parts twice. */
  private readonly progress = new WeakMap<Outgoing, SendProgress>();
  /** Updates in: turned into core events and handed over in order per chat (inbound.ts). */
  private readonly inbound: TelegramInbound;

  constructor(private readonly options: TelegramAdapterOptions) {
    if (!options.token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
    this.log = options.log;
    this.telegraf = new Telegraf(options.token, {
      telegram: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    const { payments } = options;
    this.capabilities = payments
      ? { ...TELEGRAM_CAPABILITIES, payments: paymentCapability(payments) }
      : TELEGRAM_CAPABILITIES;
    if (payments)
      this.invoice = async (chat, invoice, origin) => {
        try {
          return await sendInvoice(this.telegraf.telegram, payments, chat, invoice, origin);
        } catch (error) {
          this.inbound.refused(error, chat);
          const direct = chat.kind === 'direct' ? chat.chatId : undefined;
          throw toDeliveryError(error, `send an invoice to ${chat.chatId}`, direct);
        }
      };
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
    this.inbound = new TelegramInbound({
      adapter: this,
      telegram: this.telegraf.telegram,
      admins: this.admins,
      standings: this.standings,
      log: this.log,
      bot: () => this.bot,
      me: () => this.me,
    });
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
    this.telegraf.use((ctx) => this.inbound.onUpdate(ctx.update));
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
        onUpdate: (update) => this.inbound.onUpdate(update),
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

  /** An update a standby's webhook received (see forwarding.ts), handled as one of ours. */
  takeForwarded(payload: unknown): Promise<void> {
    const update = payload as Update;
    if (typeof update?.update_id !== 'number') return Promise.reject(new Error('not a Telegram update'));
    return this.inbound.onUpdate(update);
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
      if (out.kind === 'text')
        return await sendText(telegram, chat.chatId, out, this.progress, origin, {
          clock: this.options.clock,
          gapMs: this.capabilities.pacing.minGapMs ?? 0,
        });
      const extra = {
        ...placement(origin, undefined),
        ...(out.caption ? { caption: clipText(out.caption, MAX_CAPTION) } : {}),
        ...(out.kind === 'image' && out.buttons?.length ? { reply_markup: inlineKeyboard(out.buttons) } : {}),
      };
      const sent =
        out.kind === 'image'
          ? await telegram.sendPhoto(chat.chatId, { source: out.path }, extra)
          : await telegram.sendDocument(chat.chatId, { source: out.path }, extra);
      return { messageId: String(sent.message_id) };
    } catch (error) {
      this.inbound.refused(error, chat);
      throw toDeliveryError(
        error,
        `send ${out.kind} to ${chat.chatId}`,
        chat.kind === 'direct' ? chat.chatId : undefined,
      );
    }
  }

  /** Telegram messages `out` takes: a long text's parts (each counts against the chat's pacing). */
  cost(out: Outgoing): number {
    return out.kind === 'text' ? textParts(out.text) : 1;
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
      this.inbound.refused(error, chat);
      throw toDeliveryError(error, `react to ${messageId} in ${chat.chatId}`);
    }
  }

  /**
   * An edit without buttons takes the message's keyboard away (Telegram drops an unsent reply_markup).
   * A photo's caption is edited with editMessageCaption (editMessageText on it is a 400).
   */
  async edit(
    chat: ChatRef,
    messageId: string,
    text: string,
    buttons?: ButtonRows,
    opts?: EditOptions,
  ): Promise<void> {
    const telegram = this.telegraf.telegram;
    const id = Number(rawMessageId(messageId));
    const markup = buttons?.length ? { reply_markup: inlineKeyboard(buttons) } : undefined;
    try {
      if (opts?.caption)
        await telegram.editMessageCaption(chat.chatId, id, undefined, clipText(text, MAX_CAPTION), markup);
      else
        await telegram.editMessageText(
          chat.chatId,
          id,
          undefined,
          clipText(text, this.capabilities.maxMessageLength),
          markup,
        );
    } catch (error) {
      if (isNotModified(error)) return;
      this.inbound.refused(error, chat);
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

  /**
   * Answers a pre-checkout query. Always there, payments on or off: a check can come for an invoice
   * sent before the operator turned them off, and an unanswered one keeps the payer waiting 10 s.
   */
  answerPaymentCheck(event: PaymentCheckEvent, verdict: PaymentVerdict): Promise<void> {
    return answerPaymentCheck(this.telegraf.telegram, event, verdict);
  }

  /** A picture a member sent: getFile, then its file URL, at most maxBytes (files.ts). */
  readImage(image: ImageRef, maxBytes: number): Promise<Uint8Array> {
    return readTelegramFile(this.telegraf.telegram, image.ref, maxBytes);
  }

  /** A kick, not a ban: banned, then unbanned at once so the member may come back by a new invite. */
  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    const telegram = this.telegraf.telegram;
    try {
      await telegram.banChatMember(chat.chatId, Number(userId));
      await telegram.unbanChatMember(chat.chatId, Number(userId), { only_if_banned: true });
    } catch (error) {
      this.inbound.refused(error, chat);
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
      this.inbound.refused(error, chat);
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
}
