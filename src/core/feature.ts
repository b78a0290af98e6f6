import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { Adapter, Outgoing } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommandSpec } from './command.js';
import type { Context } from './context.js';
import type { ChatRef, MemberJoinedEvent, MemberLeftEvent } from './events.js';
import type { Logger } from './logger.js';
import type { DeliveryHandler, LiveOptions, LiveRenderer, SendOptions } from './outbox.js';

/** Free text that is not a command (`+1`, `接龙 2`); returns true when it handled the message. */
export type TextHandler = (ctx: Context, text: string) => boolean | Promise<boolean>;

export type JoinHandler = (
  ctx: Context & { event: MemberJoinedEvent },
  /** member is absent when a bot account joined (bots are never members). */
  joined: { member: Member | undefined; rejoin: boolean },
) => void | Promise<void>;

export type LeaveHandler = (
  ctx: Context & { event: MemberLeftEvent },
  left: { member: Member },
) => void | Promise<void>;

/** What timed work may touch: state, durable changes, and messages to a community's chat. */
export interface JobContext {
  readonly clock: Clock;
  readonly tables: Tables;
  readonly log: Logger;
  readonly dataDir: string;
  /** Applies a change and resolves once it is on disk. */
  mutate<T>(fn: (tx: Tx) => T): Promise<T>;
  /** The adapter serving a community, if it is running in this process. */
  adapterFor(community: Community): Adapter | undefined;
  post(community: Community, out: Outgoing): void;
  /** A message to another chat on the community's platform (a member's private chat); handlers as Context.sendTo. */
  sendTo(community: Community, chat: ChatRef, out: Outgoing, opts?: SendOptions): void;
  live(community: Community, key: string, text: string, opts?: LiveOptions): void;
}

/** Timed work, run by the scheduler whenever it ticks (every minute, and after the console moves the clock). */
export interface Job {
  name: string;
  run(ctx: JobContext): void | Promise<void>;
}

/** A feature (Koishi's plugin): its commands, text handlers, member hooks and jobs. */
export interface Feature {
  name: string;
  commands?: CommandSpec[];
  onText?: TextHandler[];
  onJoin?: JoinHandler[];
  onLeave?: LeaveHandler[];
  jobs?: Job[];
  /**
   * Named delivery handlers (see Context.dm's onUnreachable / onDelivered): what to do once the
   * platform accepted a message or refused a private chat, even after a restart.
   */
  delivery?: Record<string, DeliveryHandler>;
  /** Renderers of this feature's live messages by key prefix (`deal:`): after a restart a card is re-rendered. */
  liveRenderers?: LiveRenderer[];
  /** Called once when the bot starts, before adapters (e.g. to resume state). */
  start?(ctx: JobContext): void | Promise<void>;
}
