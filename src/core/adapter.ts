import type { BotEvent, ChatRef } from './events.js';

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
  /** Default language for new communities on this platform. */
  defaultLocale: 'en' | 'zh';
  /** Outgoing pacing the platform tolerates; 0 means unlimited. */
  pacing: { perChatPerMinute: number; globalPerSecond: number };
}

/** One outgoing message. Images and files are paths on the local disk. */
export type Outgoing =
  | { kind: 'text'; text: string; replyTo?: string }
  | { kind: 'image'; path: string; caption?: string }
  | { kind: 'file'; path: string; caption?: string };

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

/** What the core hands an adapter at start: where to send the events it receives. */
export interface BotHandle {
  handle(adapter: Adapter, event: BotEvent): Promise<void>;
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
  send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }>;
  edit?(chat: ChatRef, messageId: string, text: string): Promise<void>;
  removeMember?(chat: ChatRef, userId: string): Promise<void>;
  createInviteLink?(chat: ChatRef, name: string): Promise<string>;
  /** A direct chat with a user, where the platform allows the bot to start one. */
  directChat?(platformUserId: string): ChatRef | undefined;
}
