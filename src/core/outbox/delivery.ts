import type { Tables } from '../../store/tables.js';
import type { Tx } from '../../store/tx.js';
import type { Adapter, Origin, Outgoing } from '../adapter.js';
import type { Clock } from '../clock.js';
import type { ChatRef } from '../events.js';
import type { Logger } from '../logger.js';
import type { LiveContent } from './types.js';

/**
 * Who goes first in a chat when the platform's budget is short: replies (answers to commands,
 * announcements), then live cards (coalesced, never starved), then batched notices.
 */
export type Priority = 'reply' | 'card' | 'notice';

/**
 * A delivery handler by name, with string arguments. Pending messages survive restarts as
 * records, so what should happen once a message is delivered (or cannot be) must be a name a
 * feature registered, not a closure.
 */
export interface HandlerRef {
  name: string;
  args?: Record<string, string>;
}

/** What a delivery handler may do: change state and send, both in the transaction that records the outcome. */
export interface DeliveryContext {
  readonly tables: Tables;
  readonly clock: Clock;
  readonly log: Logger;
  /** The adapter that delivered (or could not deliver) the message. */
  readonly adapter: Adapter;
  /** Applies a change in the same transaction that removes the delivered message's record. */
  mutate<T>(fn: (tx: Tx) => T): T;
  /** A message sent on the same adapter, written in that same transaction. */
  send(chat: ChatRef, out: Outgoing, opts?: SendOptions): void;
}

/** Runs after the platform accepted a message (onDelivered) or refused a private chat for good (onUnreachable). */
export type DeliveryHandler = (ctx: DeliveryContext, args: Record<string, string>) => void;

/** Options of one outgoing message. */
export interface SendOptions {
  /** Default: reply. */
  priority?: Priority;
  origin?: Origin;
  /** Told once the platform accepted the message. */
  onDelivered?: HandlerRef;
  /** Told when the platform refuses the private chat (UnreachableError); the message is not retried. */
  onUnreachable?: HandlerRef;
  /**
   * The member (platform user id) a private message is for, when the chat is not the event's own:
   * it is their personal data, so /forget deletes it while it waits.
   */
  userId?: string;
}

/** Options of Context.dm: a handler for an unreachable member, or `hold` to keep the message for them. */
export interface DmOptions {
  onDelivered?: HandlerRef;
  /**
   * `hold`: tell the member in the group to open a private chat with the bot (with its link where
   * the adapter has one) and keep the message until they write to the bot privately (file exports).
   */
  onUnreachable?: HandlerRef | 'hold';
}

/**
 * Renders a live message (a deal's card) from the state, by key prefix (`deal:`): after a restart
 * the outbox knows only that key K is owed an update, and shows the newest state rather than
 * replaying an old one.
 */
export interface LiveRenderer {
  prefix: string;
  /**
   * The content (text, buttons, picture) for `key` now, and the message already showing it;
   * undefined: nothing to show any more. `dataDir`: where kept pictures are (a deal's photos);
   * `now`: the clock's time as it goes out (a deal's countdown).
   */
  render(
    tables: Tables,
    key: string,
    adapter: Adapter,
    dataDir?: string,
    now?: Date,
  ): (LiveContent & { messageId?: string }) | undefined;
  /**
   * Records that message `messageId` now shows `key`, with picture `image` (absolute; none: a text;
   * `dataDir` is where kept pictures are).
   */
  sent?(tx: Tx, key: string, messageId: string, image?: string, dataDir?: string): void;
  /**
   * The live messages community `communityId` shows now (a deal's card while it takes orders), each
   * with the thread it lives in: a community whose group moved posts them in the new chat at once,
   * and one whose bot is back brings them up to date.
   */
  shown?(tables: Tables, communityId: string): { key: string; origin?: Origin }[];
}
