import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { Adapter, Outgoing } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommandRegistry } from './command.js';
import type { BotEvent, ChatRef, Role, UserRef } from './events.js';
import type { Locale } from './i18n/index.js';
import type { DmOptions, LiveOptions, LiveText, SendOptions } from './outbox.js';

/**
 * Changing state: one name and one signature for commands and jobs (Context, JobContext). The
 * messages a change causes are said on the context (a reply, a post) and leave only once the
 * change is on disk.
 */
export interface StateChanges {
  /**
   * Applies `fn`'s changes in one transaction now and returns its value (a failed write is undone
   * and reported by `durable`, or by the bot for an event). Never awaits: the change is in memory at
   * once, and what the context says next is written in the same journal write.
   */
  mutate<T>(fn: (tx: Tx) => T): T;
  /**
   * Resolves once every change made through this context so far, and what it said, is on disk;
   * rejects with StoreWriteError if a write failed. Needed only before acting outside the bot
   * (removing a member on the platform): the bot and the scheduler wait for it anyway.
   */
  durable(): Promise<void>;
}

/** What a command handler sees and may do. The same on every platform. */
export interface Context extends StateChanges {
  readonly event: BotEvent;
  readonly adapter: Adapter;
  readonly chat: ChatRef;
  readonly sender: UserRef;
  /** The sender's rights: the platform's view, raised to owner by OWNER_IDS. */
  readonly role: Role;
  /** The group this command is about: the chat's own, or in private the one group the sender is in. */
  readonly community: Community | undefined;
  readonly member: Member | undefined;
  readonly locale: Locale;
  readonly clock: Clock;
  readonly registry: CommandRegistry;
  /** Read-only view of the state. */
  readonly tables: Tables;
  /** Where the data lives (for files the bot writes: CSV exports, charts). */
  readonly dataDir: string;
  /** The web dashboard's address when the operator serves it (DASHBOARD_PORT); undefined when off. */
  readonly dashboardUrl: string | undefined;
  /** Days a daily backup is kept (BACKUP_KEEP_DAYS), for what /privacy promises. */
  readonly backupKeepDays: number;
  /** A text reply in the chat the command came from. */
  reply(text: string): void;
  /** Any outgoing message (image, file) in the chat the command came from. */
  send(out: Outgoing): void;
  /**
   * A private message to the sender where the platform allows it; in the chat otherwise. Where the
   * platform refuses the private chat, `opts.onUnreachable` says what happens: a named delivery
   * handler (Feature.delivery) is told, or `hold` keeps the message for the member and tells them
   * in this chat to open a private chat with the bot first.
   */
  dm(out: Outgoing, opts?: DmOptions): void;
  /** A message to a chat of this adapter other than the current one (named handlers as for dm). */
  sendTo(chat: ChatRef, out: Outgoing, opts?: SendOptions): void;
  /** A line in the chat's batched acknowledgement `key` (one message for many orders). */
  acknowledge(key: string, header: string, line: string): void;
  /**
   * Puts a reaction on the message this event is (an order seen, at no cost of a group message),
   * once its changes are on disk; does nothing where the platform has no reactions (returns false).
   */
  react(emoji: string): boolean;
  /**
   * The private answer to a button tap, seen by the member who tapped only (a Telegram toast, a
   * Discord ephemeral reply), once the event's changes are on disk. For any other event, or where
   * the platform cannot answer privately, it is a reply in the chat.
   */
  answer(text: string): void;
  /** A message kept up to date in place (e.g. a deal's roster); a function renders when it goes out. */
  live(key: string, text: LiveText, opts?: LiveOptions): void;
}

/**
 * The context of a group-scoped command or hook: the community it is about exists (the group's
 * own, or in private the one group the sender is in). Handlers never write `ctx.community!`.
 */
export interface GroupContext extends Context {
  readonly community: Community;
}

/** Narrows a context to one about a community, for handlers that also run in private chats. */
export function inCommunity<C extends Context>(ctx: C): ctx is C & GroupContext {
  return ctx.community !== undefined;
}
