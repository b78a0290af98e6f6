import type { CommandSpec } from './command.js';
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
  /**
   * Outgoing pacing the platform tolerates; 0 means unlimited. liveEditMs / liveRepostMs: least
   * time between two updates of one live message (a deal's roster) by edit or, where the platform
   * cannot edit, by a fresh post (defaults 3 s and 60 s).
   */
  pacing: { perChatPerMinute: number; globalPerSecond: number; liveEditMs?: number; liveRepostMs?: number };
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
  send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }>;
  edit?(chat: ChatRef, messageId: string, text: string): Promise<void>;
  removeMember?(chat: ChatRef, userId: string): Promise<void>;
  createInviteLink?(chat: ChatRef, name: string): Promise<string>;
  /** A direct chat with a user, where the platform allows the bot to start one. */
  directChat?(platformUserId: string): ChatRef | undefined;
}
