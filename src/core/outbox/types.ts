import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Adapter, ButtonRows, Origin, Outgoing } from '../adapter.js';
import type { ChatRef } from '../events.js';
import type { Priority } from './delivery.js';

/** What a live message shows: its text, and the buttons under it (a deal card's order buttons). */
export interface LiveContent {
  text: string;
  buttons?: ButtonRows;
  /**
   * A picture (absolute path) the message shows with the text as its caption (a deal's photo), where
   * the platform shows pictures: its first post is the picture, its edits caption edits. When the
   * picture changes (added, replaced, removed), the message cannot follow on any platform: the
   * content is posted anew (WeChat: the picture goes with a post only when it changed).
   */
  image?: string;
  /** What the message that showed it says once the content was posted anew (`moved`, above), where it can be edited. */
  moved?: string;
  /**
   * What the message already showing it (its messageId, kept by the caller) shows, where the caller
   * keeps that: its picture (absolute path), or none (a text). Without it, a message posted before
   * this process is taken to show the picture its content has now.
   */
  shown?: { image?: string };
}

/**
 * A live message's content: text (or text with buttons), or a function that renders it. A function
 * is called only when the update actually goes out, so a burst of changes renders once per edit,
 * not once per change; it may return buttons so they follow the state (none once a deal closed).
 */
export type LiveText = string | LiveContent | (() => string | LiveContent);

/** The content a LiveText stands for now. */
export function liveContent(text: LiveText): LiveContent {
  const value = typeof text === 'function' ? text() : text;
  return typeof value === 'string' ? { text: value } : value;
}

/** Options of a live message: one message kept up to date (a deal's roster) instead of new posts. */
export interface LiveOptions {
  /** At most one edit per this many ms where the platform can edit. */
  minIntervalMs?: number;
  /** Where it cannot edit, a fresh post at most this often. */
  repostIntervalMs?: number;
  /** The message already showing this content (kept across restarts by the caller). */
  messageId?: string;
  /** Told the id of the message that now shows the content, and the picture it shows (none: a text). */
  onSent?: (messageId: string, image: string | undefined) => void;
  /**
   * The forum topic or thread the message lives in (a deal's card: where the deal was opened); wins
   * over the thread of the event that updates it, so an order from another topic never moves it.
   */
  threadId?: string;
  /**
   * The chat the message lives in, where it is not the event's own (a card updated by a payment
   * or a command in a private chat lives in its group); not kept in the record (its chat is).
   */
  chat?: ChatRef;
}

export interface Line {
  text: string;
  recordId?: string;
}

export type Item = { at: number; origin?: Origin } & (
  | {
      kind: 'send';
      out: Outgoing;
      priority: Priority;
      record?: OutboxMessage;
      /** Platform posts it takes (Adapter.cost), once asked. */
      posts?: number;
    }
  | { kind: 'live'; key: string; priority: 'card' | 'reply' }
  | { kind: 'batch'; key: string; header: string; lines: Line[]; priority: 'notice' }
);

export interface LiveState {
  /** Undefined from a renderer: nothing to show any more. */
  render: () => (LiveContent & { messageId?: string }) | undefined;
  /** What render was given last (a new one while an update is in flight schedules another). */
  version: number;
  messageId?: string;
  lastSentAt: number;
  /**
   * The picture the posted message shows (undefined: none), once known: a message posted before
   * this process is taken to show the picture its content has.
   */
  image?: { path: string | undefined };
  queued: boolean;
  cancelTimer?: () => void;
  opts: LiveOptions;
  origin?: Origin;
}

export interface ChatQueue {
  adapter: Adapter;
  chat: ChatRef;
  items: Item[];
  /** The item being delivered now; new lines never join it. */
  current: Item | undefined;
  running: boolean;
  /** Times (ms) of this chat's recent messages, sends and edits alike. */
  sentAt: number[];
  live: Map<string, LiveState>;
  /** Ends the wait for a slot early: a reply arrived that may go before what was waiting. */
  wake?: () => void;
  /**
   * While the mark that the platform accepted this chat's last message (its record's deletion) is
   * not on disk yet: resolves once it is. The chat's next message waits for it (Courier.attempt).
   */
  marking?: Promise<void>;
  /**
   * The chat was found moved (its id refused, or the platform said so): nothing more goes out here;
   * what is queued waits for the move and then goes to the new chat (Outbox.moveChat).
   */
  held?: boolean;
  /** The chat this one moved to: a message that was in flight here when the move came goes there. */
  movedTo?: ChatRef;
}
