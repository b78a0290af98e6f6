import type { CommandSpec } from './command.js';
import type { BotEvent, ChatChange, ChatRef, ImageRef, PaymentCheckEvent, Role } from './events.js';

/** What a platform lets the bot do; core and commands ask these, never the platform's name. */
export interface Capabilities {
  editMessages: boolean;
  removeMembers: boolean;
  inviteLinks: boolean;
  images: boolean;
  files: boolean;
  /** Commands appear in the platform's own menu (Telegram setMyCommands, Discord slash commands). */
  nativeCommands: boolean;
  maxMessageLength: number;
  /**
   * The longest caption a picture takes, where it is shorter than a message (Telegram 1,024; Discord
   * an embed's description, 4,096). Absent: maxMessageLength. A deal card with a photo is its caption.
   */
  maxCaptionLength?: number;
  /** Default language for new communities on this platform. */
  defaultLocale: 'en' | 'zh';
  /**
   * The bot can put a reaction (an emoji) on a member's message: an acknowledgement that costs no
   * group message (Telegram setMessageReaction, Discord reactions). True only where `react` exists.
   */
  reactions: boolean;
  /**
   * Messages can carry buttons a member taps (Telegram inline keyboards, Discord components); a
   * tap comes back as a ButtonEvent and is answered privately through `answer`. True only where
   * `answer` exists; where false, buttons given to send or edit are left out and text keeps working.
   */
  buttons: boolean;
  /**
   * In-chat payment, where the operator turned it on (Telegram Payments, or Telegram Stars): set
   * only where `invoice` and `answerPaymentCheck` exist. Absent: no Pay button anywhere.
   */
  payments?: PaymentCapability;
  /**
   * Outgoing pacing the platform tolerates; 0 means unlimited. liveEditMs / liveRepostMs: least
   * time between two updates of one live message (a deal's roster) by edit or, where the platform
   * cannot edit, by a fresh post (defaults 3 s and 60 s).
   */
  pacing: {
    perChatPerMinute: number;
    globalPerSecond: number;
    liveEditMs?: number;
    liveRepostMs?: number;
    /**
     * Least time between two messages (sends or edits) in one chat, in ms: Telegram ~1000, WeChat
     * at least 1000, Discord 1000 (5 per 5 s); absent or 0 means no gap (memory, console).
     */
    minGapMs?: number;
    /**
     * Of perChatPerMinute, how many only replies (answers to commands, announcements) may use, so an
     * admin is answered within seconds mid-burst. Default: a quarter of the budget, at most 5.
     */
    replyReserve?: number;
  };
}

/**
 * How the platform's payments count in the community's money (integer cents): invoices are in
 * `currency` (ISO 4217, or `XTR` for Telegram Stars), and one unit of it (its smallest: a cent,
 * a fen, one Star) counts as `centsPerUnit` cents. 1 for a currency with two decimals (a unit is a
 * cent); for Stars, the rate the operator set (TELEGRAM_PAYMENT_STARS). The platform may keep
 * amounts within limits of its own: an invoice it refuses rejects with a DeliveryError.
 */
export interface PaymentCapability {
  currency: string;
  centsPerUnit: number;
}

/**
 * An invoice for a platform payment (Telegram sendInvoice): one price line of `amount` units of
 * capabilities.payments.currency (an integer > 0). `payload` comes back with the check and the
 * payment (PaymentFacts): at most 128 bytes of UTF-8, never shown to the payer. The adapter cuts
 * `title` to what the platform shows (Telegram: 32 characters) and `description` likewise (255).
 */
export interface Invoice {
  title: string;
  description: string;
  /** The price line's label. */
  label: string;
  amount: number;
  payload: string;
}

/** The answer to a PaymentCheckEvent: go ahead, or refused with a reason the payer is shown. */
export type PaymentVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Where a member stands in a group now, as the platform says: their rights there, or `gone` when
 * the platform no longer has them in the group (they left, or were removed, without the bot hearing).
 */
export type MemberStanding = Role | 'gone';

/**
 * A button under a message. `action` is opaque to the adapter and comes back in the ButtonEvent of a
 * tap; at most 64 bytes of UTF-8 (Telegram's callback_data limit; Discord's custom_id takes 100).
 */
export interface Button {
  label: string;
  action: string;
}

/**
 * Rows of buttons, top to bottom. Keep them small: Telegram shows at most 8 a row, Discord takes
 * at most 5 a row and 5 rows; an adapter drops what its platform cannot show.
 */
export type ButtonRows = Button[][];

/**
 * One outgoing message. Images and files are paths on the local disk. An image's buttons go under
 * it (a deal card with a photo), where the platform shows buttons.
 */
export type Outgoing =
  | { kind: 'text'; text: string; replyTo?: string; buttons?: ButtonRows }
  | { kind: 'image'; path: string; caption?: string; buttons?: ButtonRows }
  | { kind: 'file'; path: string; caption?: string };

/** How Adapter.edit treats the message: `caption` for a picture's caption (see Adapter.edit). */
export interface EditOptions {
  caption?: boolean;
}

/** The platform told us to slow down; the outbox waits retryAfterMs and tries the same call again. */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly global = false,
  ) {
    super(`rate limited, retry after ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}

/**
 * This member cannot be reached privately: the platform refuses a direct message (Telegram 403 "bot
 * can't initiate conversation" for a user who never opened the bot or blocked it; Discord 50007
 * for closed DMs). Final for this message: the outbox does not retry it and tells the caller.
 */
export class UnreachableError extends Error {
  constructor(
    message: string,
    /** The platform user id that cannot be reached, where the adapter knows it. */
    readonly userId?: string,
  ) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** A delivery failure; retryable ones (5xx, timeouts, dropped connections) are retried with backoff. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * An edit the message cannot take: it is not the kind the edit is for (Telegram 400: a caption edit
 * of a text message, or a text edit of a picture's caption). The outbox posts the content anew.
 */
export class WrongEditError extends DeliveryError {
  constructor(message: string) {
    super(message, false);
    this.name = 'WrongEditError';
  }
}

/**
 * A picture a member sent is bigger than the bot takes (`limitBytes`), or than the platform hands
 * a bot (Telegram's getFile stops at 20 MB): refused before (or while) it is fetched, never kept.
 */
export class ImageTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    /** Its size, where known. */
    readonly bytes?: number,
  ) {
    super(`image too large: ${bytes ?? 'over'} bytes, limit ${limitBytes}`);
    this.name = 'ImageTooLargeError';
  }
}

/**
 * The chat has a new id (Telegram: 400 with `parameters.migrate_to_chat_id` once a group became a
 * supergroup). Not a failure of the message: the outbox holds it, and sends it to `chatId` once the
 * community moved there (the adapter reports the move as a ChatMovedEvent).
 */
export class ChatMovedError extends Error {
  constructor(
    message: string,
    /** The chat's new id. */
    readonly chatId: string,
  ) {
    super(message);
    this.name = 'ChatMovedError';
  }
}

/**
 * What an outgoing message answers, so the adapter answers in place and never guesses: the
 * message replied to, the forum topic or thread it was in (Telegram message_thread_id, a Discord
 * thread), the interaction to answer (a Discord slash command or button, a Telegram callback query).
 */
export interface Origin {
  messageId?: string;
  threadId?: string;
  interactionId?: string;
}

/** Something the platform will not let the bot do, reported once to the log and the group's admins. */
export interface AdapterProblem {
  code: 'not_admin' | 'missing_intent' | 'cannot_remove' | 'cannot_invite' | 'cannot_send';
  /** The missing permission or intent in the platform's own words, e.g. `GuildMembers`. */
  detail?: string;
}

/** What the core hands an adapter at start. */
export interface BotHandle {
  /** Where the adapter sends every event it receives; resolves once handled and durable. */
  handle(adapter: Adapter, event: BotEvent): Promise<void>;
  /** Every command declaration, for native menus (Telegram setMyCommands, Discord slash commands). */
  commands(): readonly CommandSpec[];
  /**
   * A change of a group chat itself: it moved to a new id, or the bot was removed from it or added
   * back (see ChatChange). Resolves once handled and durable. Optional only so a stand-in core in a
   * test need not implement it; the Bot does.
   */
  chatChanged?(adapter: Adapter, change: ChatChange): Promise<void>;
  /**
   * Who is in a group now, as the platform lists them (platform user ids), from an adapter whose
   * platform may not report every join (WeChat). The first list of a group is kept as who was there
   * when the bot arrived: anyone first seen there later is a new member (joined at first sight).
   * Applied when called, so it stays in order with the events handed over around it; resolves
   * once durable. Optional only so a stand-in core in a test need not implement it.
   */
  membersListed?(adapter: Adapter, chat: ChatRef, userIds: readonly string[]): Promise<void>;
  /** Reports a missing permission: logged once, and told to the group in plain words when chat is given. */
  problem(adapter: Adapter, chat: ChatRef | undefined, problem: AdapterProblem): void;
}

/**
 * The adapter contract. Required methods exist on every platform; optional ones are the
 * platform's extra powers and must match the capability flags.
 */
export interface Adapter {
  readonly platform: string;
  readonly capabilities: Capabilities;
  start(bot: BotHandle): Promise<void>;
  stop(): Promise<void>;
  /**
   * Whether the platform connection works now (signed in, receiving updates), for the health
   * check. Absent: connected from start to stop (the console, in-memory adapters).
   */
  connected?(): boolean;
  /**
   * Sends one message. `origin`, when given, is what it answers (see Origin): reply to that message,
   * in that thread, or as that interaction's answer. Rejects with RateLimitedError, DeliveryError,
   * UnreachableError (a private chat the platform refuses) or ChatMovedError (the group has a new id).
   */
  send(chat: ChatRef, out: Outgoing, origin?: Origin): Promise<{ messageId: string }>;
  /**
   * How many platform posts `out` takes, where that can be more than one (WeChat posts a long text
   * in parts, a file's caption after it): the outbox counts each against the chat's gap and
   * per-minute budget. Absent: one post a message.
   */
  cost?(out: Outgoing): number;
  /**
   * Replaces a message's text, and its buttons with `buttons` (none given: the message shows none,
   * so an edit of a card whose deal closed takes its buttons away). `opts.caption`: the message is a
   * picture (sent as an `image`), whose caption is replaced and whose picture stays (Telegram
   * editMessageCaption; Discord keeps the attachment and edits the embed's text); a text message
   * and a picture cannot stand in for each other (Telegram refuses either edit with a 400).
   */
  edit?(
    chat: ChatRef,
    messageId: string,
    text: string,
    buttons?: ButtonRows,
    opts?: EditOptions,
  ): Promise<void>;
  /**
   * Answers a button tap privately, to the member who tapped only (Telegram answerCallbackQuery
   * toast, at most 200 characters; Discord ephemeral reply). `interactionId` is the ButtonEvent's;
   * exists where capabilities.buttons is true. Not retried: a tap's answer is worth nothing late.
   */
  answer?(chat: ChatRef, interactionId: string, text: string): Promise<void>;
  removeMember?(chat: ChatRef, userId: string): Promise<void>;
  /**
   * Where these members (platform user ids) stand in group `chat` now, as the platform says: for
   * pruning, which must not go by the rights the store last saw (updated only when a member
   * speaks). An answer may be up to a minute old. A user the platform says nothing about is left
   * out of the map (the caller keeps what it knows). Rejects (DeliveryError, RateLimitedError)
   * when the platform cannot be asked: the caller must then not act on a guess. Absent where the
   * platform cannot tell at all.
   */
  memberStanding?(chat: ChatRef, userIds: readonly string[]): Promise<ReadonlyMap<string, MemberStanding>>;
  createInviteLink?(chat: ChatRef, name: string): Promise<string>;
  /** A direct chat with a user, where the platform allows the bot to start one. */
  directChat?(platformUserId: string): ChatRef | undefined;
  /** A link that opens a private chat with the bot (Telegram `https://t.me/<bot username>`), where one exists. */
  botLink?(): string | undefined;
  /**
   * Puts `emoji` on message `messageId` (an id from a MessageEvent, or one send returned) in `chat`;
   * exists where capabilities.reactions is true. The emoji must be one the platform allows (Telegram
   * takes only its own list, e.g. 👌 👍 ✍ 🔥 🎉); rejects with DeliveryError or RateLimitedError.
   */
  react?(chat: ChatRef, messageId: string, emoji: string): Promise<void>;
  /**
   * The bytes of a picture a member sent (a MessageEvent's `images`), at most `maxBytes` of them:
   * a larger one rejects with ImageTooLargeError without being read whole. Rejects with
   * DeliveryError when the platform cannot hand it over (gone, network). The adapter only fetches;
   * checking it is a picture and writing it owner-only is the core's (src/core/images.ts), the same
   * for every platform. Exists where the platform's messages can carry pictures.
   */
  readImage?(image: ImageRef, maxBytes: number): Promise<Uint8Array>;
  /**
   * Sends `invoice` to `chat` (a member's private chat, or a group where the platform allows
   * invoices there); exists where capabilities.payments is set. Called by a handler, not through
   * the outbox: an invoice answers a tap, changes nothing, and is asked for again by a second tap.
   * Rejects as send does: UnreachableError for a private chat the platform refuses, RateLimitedError,
   * DeliveryError (not retryable) for an invoice the platform will not take (an amount below its
   * minimum for the currency, a payment provider it does not know).
   */
  invoice?(chat: ChatRef, invoice: Invoice, origin?: Origin): Promise<{ messageId: string }>;
  /**
   * Answers a PaymentCheckEvent, once (the platform takes one answer, within its time limit:
   * Telegram 10 s). Exists on a platform with payments even while they are off (a check may come
   * for an invoice sent before). The bot calls it once the check's handler is done; a failure is
   * only logged (the payer's app shows the payment failed).
   */
  answerPaymentCheck?(event: PaymentCheckEvent, verdict: PaymentVerdict): Promise<void>;
  /**
   * Takes an update in the platform's own shape that reached another process (a standby's webhook
   * server, through the database's inbox) as if it had arrived here. Resolves once it was handled,
   * as the adapter's own intake does; rejects if it cannot be read.
   */
  takeForwarded?(payload: unknown): Promise<void>;
}
