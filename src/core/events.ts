/** The platform-neutral event model: every adapter turns its SDK's events into these. */

/** A member's standing in a chat as the platform reports it. */
export type Role = 'member' | 'admin' | 'owner';

/** A chat on a platform: a group (one community) or a direct conversation with the bot. */
export interface ChatRef {
  platform: string;
  chatId: string;
  kind: 'group' | 'direct';
  title?: string;
}

/**
 * Someone posting for a chat rather than as themselves (Telegram's `sender_chat`): an admin of this
 * group posting anonymously, under the group's name (`signature`: the custom title Telegram shows
 * under the post, if any), or a post made as a channel. Neither is a member: no member record,
 * orders or points (see src/core/persona.ts).
 */
export type Persona = { kind: 'anonymous_admin'; signature?: string } | { kind: 'channel' };

/** A person (or bot) as the platform identifies them. */
export interface UserRef {
  id: string;
  name: string;
  isBot?: boolean;
  /** Set when the sender posts as the group (anonymous admin) or as a channel, not as a person. */
  persona?: Persona;
  /** The platform's view of this user's rights in the chat the event came from. */
  role?: Role;
  /** Account creation time where the platform tells it (Discord); used by referral fraud rules. */
  accountCreatedAt?: string;
}

/**
 * A picture attached to a message, or a file sent in a picture's place (a Telegram document, a
 * Discord attachment): what the adapter's readImage fetches. Whether it really is a picture (jpeg,
 * png or webp) is checked on its bytes when saved (src/core/images.ts), not trusted from here.
 */
export interface ImageRef {
  /** The platform's handle on it: a Telegram file_id, a Discord attachment URL, a WeChat message id, a console path. */
  ref: string;
  /** The media type the platform declares (`image/png`), where it does. */
  mime?: string;
  /** The size in bytes the platform declares, where it does: a file too big is refused before it is fetched. */
  bytes?: number;
  /** The file's name, where it has one. */
  name?: string;
}

export interface MessageEvent {
  type: 'message';
  /** Platform message id; events with an id already processed are ignored (redelivery). */
  id: string;
  chat: ChatRef;
  sender: UserRef;
  text: string;
  /** The platform message id this message replies to, if any. */
  replyTo?: string;
  /** The forum topic or thread the message was posted in (Telegram message_thread_id, a Discord thread). */
  threadId?: string;
  /** The interaction it came as (a Discord slash command or button, a Telegram callback query id): answered through it. */
  interactionId?: string;
  /**
   * Set when this is a new version of message `id` that its author edited (Telegram
   * `edited_message`, Discord message update): ISO time of the edit. Dedupe keys on id + editedAt,
   * so each edit is read once and the 接龙 reader makes the member's lines follow the new text.
   */
  editedAt?: string;
  /** Pictures (or files) attached to it; `text` is then their caption, possibly empty. */
  images?: ImageRef[];
  at?: string;
}

export interface MemberJoinedEvent {
  type: 'member_joined';
  id?: string;
  chat: ChatRef;
  member: UserRef;
  /** Who added or invited the member, where the platform tells it (WeChat, Discord invite owner). */
  inviter?: UserRef;
  /** The invite link or code used, where the platform tells it (Telegram chat_member). */
  invite?: string;
  at?: string;
}

export interface MemberLeftEvent {
  type: 'member_left';
  id?: string;
  chat: ChatRef;
  member: UserRef;
  /** Set when an admin (or the bot) removed the member rather than the member leaving. */
  removedBy?: UserRef;
  at?: string;
}

/**
 * A member tapped a button under one of the bot's messages (Telegram callback_query, a Discord
 * component interaction). Answered privately through the adapter's `answer`, never in the chat.
 */
export interface ButtonEvent {
  type: 'button';
  /** The tap's platform id; a redelivered tap is ignored. */
  id: string;
  chat: ChatRef;
  sender: UserRef;
  /** The message the button is under. */
  messageId: string;
  /** The button's action, as the bot gave it (see Button). */
  action: string;
  /** What the adapter answers the tap through (callback query id, interaction id); defaults to id. */
  interactionId?: string;
  at?: string;
}

/**
 * What a platform payment is for and how much it is, as the platform hands it back: the invoice's
 * `payload` (what the bot put in it: see Invoice), its `currency` (ISO 4217, or `XTR` for Telegram
 * Stars) and `total` in that currency's smallest unit (cents, fen; whole Stars).
 */
export interface PaymentFacts {
  payload: string;
  currency: string;
  total: number;
}

/**
 * A member is about to pay an invoice the bot sent (Telegram `pre_checkout_query`): the bot says
 * yes, or no with a reason the payer sees, within seconds (Telegram: 10 s), through the adapter's
 * answerPaymentCheck. `chat` is the payer's private chat (the platform names none).
 */
export interface PaymentCheckEvent extends PaymentFacts {
  type: 'payment_check';
  /** The query's platform id; a redelivered query is ignored (it was answered). */
  id: string;
  chat: ChatRef;
  sender: UserRef;
  at?: string;
}

/**
 * A payment went through (Telegram `successful_payment`): money moved, so it is recorded whatever
 * changed since the check. `chargeId` is the platform's id of the payment: a repeated update
 * carries the same one, and the payment is recorded once.
 */
export interface PaymentDoneEvent extends PaymentFacts {
  type: 'payment_done';
  /** The message that reported it (the chat where the invoice was paid). */
  id: string;
  chat: ChatRef;
  sender: UserRef;
  chargeId: string;
  /** The payment provider's own id of the charge, where there is a provider (not for Stars). */
  providerChargeId?: string;
  at?: string;
}

export type BotEvent =
  | MessageEvent
  | MemberJoinedEvent
  | MemberLeftEvent
  | ButtonEvent
  | PaymentCheckEvent
  | PaymentDoneEvent;

/*
 * Changes of a group chat itself, not of anyone in it: no sender, no member, no command. Adapters
 * hand them to BotHandle.chatChanged; every platform may report them (the bot removed from a Discord
 * guild or a WeChat room is a bot_removed as much as a Telegram kick).
 */

/**
 * A group got a new chat id (Telegram: a group upgraded to a supergroup). `chat` is the old chat,
 * `to` the new one; the community moves once, whichever of the platform's signals comes first.
 */
export interface ChatMovedEvent {
  type: 'chat_moved';
  chat: ChatRef;
  to: ChatRef;
  at?: string;
}

/** The bot was removed from a group (kicked, or it left): nothing is sent there until it is back. */
export interface BotRemovedEvent {
  type: 'bot_removed';
  chat: ChatRef;
  /** Who removed it, where the platform says. */
  by?: UserRef;
  at?: string;
}

/** The bot was added to a group again (or for the first time): a paused community resumes. */
export interface BotAddedEvent {
  type: 'bot_added';
  chat: ChatRef;
  by?: UserRef;
  at?: string;
}

export type ChatChange = ChatMovedEvent | BotRemovedEvent | BotAddedEvent;
