import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Adapter, Outgoing, PaymentVerdict } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommandSpec } from './command.js';
import type { Context, GroupContext, StateChanges } from './context.js';
import type {
  ButtonEvent,
  ChatRef,
  ImageRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  MessageEvent,
  PaymentCheckEvent,
  PaymentDoneEvent,
} from './events.js';
import type { Catalogue, Messages } from './i18n/index.js';
import type { Logger } from './logger.js';
import type { DeliveryHandler, LiveOptions, LiveRenderer, LiveText, SendOptions } from './outbox.js';

/** Free text that is not a command (`+1`, `接龙 2`); returns true when it handled the message. */
export type TextHandler = (ctx: Context, text: string) => boolean | Promise<boolean>;

/**
 * Pictures a message carries that no command took (a payment code after `/pay setup`, a screenshot
 * after a claim), with their caption as `text` (possibly empty); returns true when it took them
 * (kept them, or answered why not). Offered at two stages: `before` the caption is read by the text
 * handlers (so a picture a feature waits for is not read as an order), and `after` a command or
 * the text handlers read it (a screenshot captioned `已付 #3` joins the claim its caption just made).
 * A command that uses them itself calls takeImages, and they are offered no more.
 */
export type ImageHandler = (
  ctx: Context & { event: MessageEvent },
  images: readonly ImageRef[],
  text: string,
  stage: 'before' | 'after',
) => boolean | Promise<boolean>;

/**
 * A tap on a button (its action, e.g. `o:<deal>:1`); returns true when it handled it. The context's
 * `answer` is the tap's private answer; every handled tap should get one.
 */
export type ButtonHandler = (
  ctx: Context & { event: ButtonEvent },
  action: string,
) => boolean | Promise<boolean>;

/**
 * Platform payments for invoices a feature sent (see Invoice.payload). `check` answers a member
 * about to pay (undefined: the payload is not this feature's), at once and without awaiting: the
 * platform waits seconds at most. `done` records a payment (false: not this feature's); money
 * moved, so it records what came even when it no longer matches what is owed.
 */
export interface PaymentHandlers {
  check(ctx: Context & { event: PaymentCheckEvent }): PaymentVerdict | undefined;
  done(ctx: Context & { event: PaymentDoneEvent }): boolean | Promise<boolean>;
}

/** A member joined a group (its community exists: the hooks run only for groups). */
export type JoinHandler = (
  ctx: GroupContext & { event: MemberJoinedEvent },
  /** member is absent when a bot account joined (bots are never members). */
  joined: { member: Member | undefined; rejoin: boolean },
) => void | Promise<void>;

/** A member left a group or was removed from it (as JoinHandler, its community exists). */
export type LeaveHandler = (
  ctx: GroupContext & { event: MemberLeftEvent },
  left: { member: Member },
) => void | Promise<void>;

/**
 * Messages timed work decides to send, on behalf of a community. Said while the context's mutate
 * runs, they are written in the change's own transaction (a crash never keeps the change and
 * loses what it announces) and go out once it is on disk; said otherwise, in a transaction of
 * their own (for what no change causes, e.g. a chart rendered after its report was recorded).
 * A message for a community whose platform is not running in this process waits in the store.
 */
export interface JobMessages {
  /** A message in the community's group chat. */
  post(community: Community, out: Outgoing, opts?: SendOptions): void;
  /** A message to another chat on the community's platform (a member's private chat: give opts.userId). */
  sendTo(community: Community, chat: ChatRef, out: Outgoing, opts?: SendOptions): void;
  /** The community chat's live message `key` (a deal's card), as Context.live. */
  live(community: Community, key: string, text: LiveText, opts?: LiveOptions): void;
}

/**
 * What timed work may touch: state, durable changes (mutate, as in commands), and messages to a
 * community's chat. The scheduler waits until a job's changes are on disk before the next job.
 */
export interface JobContext extends JobMessages, StateChanges {
  readonly clock: Clock;
  readonly tables: Tables;
  readonly log: Logger;
  readonly dataDir: string;
  /** The adapter serving a community, if it is running in this process. */
  adapterFor(community: Community): Adapter | undefined;
  /** Files that messages still owed will send, by this process or another serving the store (BotStore.filesOwed). */
  filesOwed(): Promise<ReadonlySet<string>>;
}

/** Timed work, run by the scheduler whenever it ticks (every minute, and after the console moves the clock). */
export interface Job {
  name: string;
  run(ctx: JobContext): void | Promise<void>;
}

/** A feature (Koishi's plugin): its commands, text handlers, member hooks, jobs and wording. */
export interface Feature {
  name: string;
  commands?: CommandSpec[];
  /** Its message catalogues (defineMessages), for the checks that every text exists in both languages. */
  messages?: readonly Messages<Catalogue>[];
  onText?: TextHandler[];
  /**
   * Whether text would place an order here (`+1`), read without acting on it. Text handlers never
   * run for a sender who cannot order (an anonymous admin, a channel): such text gets a hint instead.
   */
  isOrder?: (ctx: Context, text: string) => boolean;
  /** Pictures sent without a command (see ImageHandler). */
  onImage?: ImageHandler[];
  /** Taps on buttons the feature put under its messages (a deal card's order buttons). */
  onButton?: ButtonHandler[];
  /** Checks and records payments of the invoices the feature sent (see PaymentHandlers). */
  payments?: PaymentHandlers;
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
