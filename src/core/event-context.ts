import type { BotStore } from '../store/contract.js';
import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { Adapter, Origin, Outgoing, PaymentVerdict } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommandRegistry } from './command.js';
import type { Context } from './context.js';
import type { BotEvent, ChatRef, Role, UserRef } from './events.js';
import type { Locale } from './i18n/index.js';
import type { Logger } from './logger.js';
import type { Request, Staged } from './outbox/records.js';
import type { DmOptions, LiveOptions, LiveText, Outbox, SendOptions } from './outbox.js';
import { personaText } from './persona.js';

/** Who the event is from and where it stands: decided by the bot before any handler runs. */
export interface EventFacts {
  event: BotEvent;
  adapter: Adapter;
  sender: UserRef;
  role: Role;
  community: Community | undefined;
  member: Member | undefined;
  locale: Locale;
}

/** What the bot core lends every event's context. */
export interface EventServices {
  store: BotStore;
  outbox: Outbox;
  log: Logger;
  clock: Clock;
  registry: CommandRegistry;
  dataDir: string;
  /** DASHBOARD_URL (or the local address) when the web dashboard is served; undefined when off. */
  dashboardUrl?: string | undefined;
}

type Reaction = { messageId: string; emoji: string };

/**
 * One event's Context. What the event says is collected here, then written to the store as
 * outbox records in one transaction at the end of the handler (`durable`): in the same turn of
 * the event loop as the handler's last change, so in the same group-commit journal write (the
 * store writes a turn's commits together), and a crash can never keep the change and lose the
 * message. The bot hands them to the outbox once that write is on disk (`release`), or forgets
 * them if a change failed (`discard`). A class rather than an object of closures: a flash sale
 * builds tens of thousands of these a second, and the methods are shared instead of allocated.
 *
 * That holds while a handler does not await between its change and its end. The handlers that do
 * (each checked) stay best-effort for what they say after the await, by choice: the order path
 * (`+1`, the card, the answers) never awaits, so an acknowledged order's card is always in the
 * order's write (tests/unit/outbox-durable.test.ts). `/prune confirm` records each removal as the
 * platform confirms it and reports after the last: a crash loses only the report (the platform
 * shows each removal; /audit lists them). `/forget` writes the pseudonyms, then rewrites the
 * ledger archive, then confirms: a crash between leaves the member untold and their archived
 * entries unrewritten, until they send /forget again (which rewrites the archive). `/orders csv`, `/mydata`, `/report` (json, chart)
 * change nothing before their file: a crash loses an answer the asker can simply ask for again.
 * `/prune` and `/prune warn` await the platform (who is an admin now) before anything else, then
 * change and say everything without another await: as durable as a handler that never awaits.
 */
// The facts are the context's own fields, declared once (in EventFacts) and assigned by the constructor.
export interface EventContext extends Readonly<EventFacts> {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface only names the facts Object.assign sets.
export class EventContext implements Context {
  readonly clock: Clock;
  readonly registry: CommandRegistry;
  readonly dataDir: string;
  /** The journal writes this event's changes wait on (commits that share a write share one). */
  private readonly commits: Promise<void>[] = [];
  /** Messages decided and not yet written to the store. */
  private readonly requests: Request[] = [];
  /** Messages written to the store, waiting for that write to be durable. */
  private staged: Staged[] = [];
  private readonly reactions: Reaction[] = [];
  /** The tap's private answer (button events), in parts if a handler answered more than once. */
  private readonly answers: string[] = [];
  /** The answer to a payment check (payment_check events), given once released. */
  private checked: PaymentVerdict | undefined;
  private answered = false;

  constructor(
    private readonly services: EventServices,
    facts: EventFacts,
  ) {
    Object.assign(this, facts);
    this.clock = services.clock;
    this.registry = services.registry;
    this.dataDir = services.dataDir;
  }

  get chat(): ChatRef {
    return this.event.chat;
  }

  /**
   * The command came from outside the chat (the dashboard; see RemoteContext). A getter on the
   * prototype, not a field: every event builds a context, and a field is set in each of them.
   */
  protected get remote(): boolean {
    return false;
  }

  get dashboardUrl(): string | undefined {
    return this.services.dashboardUrl;
  }

  get backupKeepDays(): number {
    return this.services.store.backupKeepDays;
  }

  // Read when used: a roster rendered later must see the state then (a failed write reloads it).
  get tables(): Tables {
    return this.services.store.tables;
  }

  /** Waits on a commit's journal write, unless the event already waits on that write. */
  waitFor(committed: Promise<void>): void {
    if (this.commits[this.commits.length - 1] !== committed) this.commits.push(committed);
  }

  /**
   * Writes what the event says (outbox records), then resolves when every change the event made,
   * those records, and every commit before them, are on disk. The bot calls it once the handler
   * is done; a handler calls it before acting outside the bot (see StateChanges.durable).
   */
  durable(): Promise<void> {
    this.stage();
    // Also what other events committed before: a reply may show state they changed.
    this.waitFor(this.services.store.flushed());
    // The values are nothing: no `.then` to map them on this path, taken by every event.
    return this.commits.length === 1
      ? this.commits[0]!
      : (Promise.all(this.commits) as Promise<unknown> as Promise<void>);
  }

  mutate<T>(fn: (tx: Tx) => T): T {
    const { value, committed } = this.services.store.transact(fn);
    // A change made after the event was answered (a deal card's onSent) has nobody awaiting it;
    // a failed write must be logged, not left an unhandled rejection that ends the process.
    if (this.answered)
      committed.catch((error: unknown) =>
        this.services.log.error({ err: error }, 'store write after the answer failed'),
      );
    else this.waitFor(committed);
    return value;
  }

  reply(text: string): void {
    this.say({ kind: 'text', text }, this.event.chat, { origin: this.origin(true) });
  }

  send(out: Outgoing): void {
    this.say(out, this.event.chat, { origin: this.origin(true) });
  }

  dm(out: Outgoing, opts: DmOptions = {}): void {
    // An anonymous admin has no private chat, and what goes there (an order list) is not the group's to see.
    if (this.sender.persona) {
      this.reply(personaText(this.locale).privateOnly);
      return;
    }
    const direct = this.adapter.directChat?.(this.sender.id);
    // Where the platform has no private chat the message goes to this chat: nothing to be unreachable.
    if (!direct) {
      this.say(out, this.event.chat, { origin: this.origin(true) });
      return;
    }
    const { onUnreachable, onDelivered } = opts;
    this.push({
      kind: 'send',
      chat: direct,
      out,
      priority: 'reply',
      userId: this.sender.id,
      ...(onDelivered ? { onDelivered } : {}),
      ...(onUnreachable === 'hold'
        ? {
            hold: {
              userId: this.sender.id,
              name: this.sender.name,
              chat: this.event.chat,
              locale: this.locale,
            },
          }
        : onUnreachable
          ? { onUnreachable }
          : {}),
    });
  }

  sendTo(chat: ChatRef, out: Outgoing, opts: SendOptions = {}): void {
    this.say(out, chat, opts);
  }

  live(key: string, text: LiveText, opts?: LiveOptions): void {
    // In another chat (opts.chat), the event's thread means nothing there.
    const here = opts?.chat === undefined;
    const origin =
      opts?.threadId !== undefined ? { threadId: opts.threadId } : here ? this.origin(false) : undefined;
    // Optional fields set one by one, not spread in (see say): every order refreshes its deal's card.
    const chat = opts?.chat ?? this.event.chat;
    const request: Request & { kind: 'live' } = { kind: 'live', chat, key, text };
    if (opts) request.opts = opts;
    if (origin) request.origin = origin;
    this.push(request);
  }

  react(emoji: string): boolean {
    if (!this.adapter.capabilities.reactions || !this.adapter.react || this.event.type !== 'message')
      return false;
    // Said twice by one message (a payment claim captioned on its screenshot): one reaction.
    const { id } = this.event;
    if (!this.reactions.some((r) => r.messageId === id && r.emoji === emoji))
      this.reactions.push({ messageId: id, emoji });
    return true;
  }

  answer(text: string): void {
    // Only a tap has a private answer; anything else (or a platform without one) hears it in the chat.
    if (this.event.type === 'button' && this.adapter.answer) this.answers.push(text);
    else this.reply(text);
  }

  acknowledge(key: string, header: string, line: string): void {
    const origin = this.origin(false);
    const request: Request & { kind: 'line' } = { kind: 'line', chat: this.event.chat, key, header, line };
    if (origin) request.origin = origin;
    this.push(request);
  }

  /**
   * The answer to the payment check this event is (Adapter.answerPaymentCheck), given on release;
   * the last one given counts. Not on Context: only the bot answers a check, with its handler's verdict.
   */
  verdict(verdict: PaymentVerdict): void {
    this.checked = verdict;
  }

  /** Forgets what the event was going to say (its changes were undone or its handler failed). */
  discard(): void {
    this.checked = undefined;
    this.requests.length = 0;
    this.staged = [];
    this.reactions.length = 0;
    this.answers.length = 0;
  }

  /** Every change is on disk: hand what the event says to the outbox. */
  release(): void {
    this.answered = true;
    const { outbox, log } = this.services;
    // Said after durable(): an error reply after a failure, whose cause is not waited for.
    if (this.requests.length > 0) outbox.submit(this.adapter, ...this.requests.splice(0));
    outbox.enqueue(this.adapter, this.staged);
    this.staged = [];
    // A reaction is a courtesy, paced by the outbox (see ReactionQueue), not stored.
    for (const item of this.reactions)
      outbox.react(this.adapter, this.event.chat, item.messageId, item.emoji);
    // Not through the outbox: a private answer costs no group message, and is worth nothing late
    // (a Telegram callback query expires), so a refused one is only logged, never retried.
    const { event } = this;
    if (event.type === 'button' && this.answers.length > 0)
      void this.adapter
        .answer?.(event.chat, event.interactionId ?? event.id, this.answers.splice(0).join('\n'))
        .catch((error: unknown) => log.warn({ err: error }, 'button answer refused'));
    // Not through the outbox either: the platform takes one answer, within seconds (Telegram 10 s).
    if (event.type === 'payment_check' && this.checked)
      void this.adapter
        .answerPaymentCheck?.(event, this.checked)
        .catch((error: unknown) => log.warn({ err: error }, 'payment check answer refused'));
    // A member who could not be reached privately wrote to the bot: what was kept for them goes out.
    // Not for a command from the dashboard: that says nothing about the platform's private chat.
    if (this.event.type === 'message' && this.event.chat.kind === 'direct' && !this.remote)
      outbox.releaseHeld(this.adapter, this.sender.id);
  }

  /** Writes the collected messages in one transaction, in this turn: the write of the event's last change. */
  private stage(): void {
    if (this.requests.length === 0) return;
    const requests = this.requests.splice(0);
    // Owed for the event's community (a private answer to a member of several: for none).
    const { value, committed } = this.services.store.transact((tx) =>
      this.services.outbox.stage(tx, requests, this.community?.id),
    );
    this.staged.push(...value);
    this.waitFor(committed);
  }

  private push(request: Request): void {
    this.requests.push(request);
  }

  private say(out: Outgoing, chat: ChatRef, opts: SendOptions): void {
    const { priority = 'reply', origin, onDelivered, onUnreachable } = opts;
    // A private message is its member's: an answer in their private chat, or one addressed to them.
    const userId =
      chat.kind !== 'direct' ? undefined : chat === this.event.chat ? this.sender.id : opts.userId;
    // Optional fields set one by one: `...(x ? { x } : {})` inside an object literal takes V8's
    // slow path (a few hundred ns each), and a flash sale says something for most orders.
    const request: Request & { kind: 'send' } = { kind: 'send', chat, out, priority };
    if (userId !== undefined) request.userId = userId;
    if (origin && chat === this.event.chat) request.origin = origin;
    if (onDelivered) request.onDelivered = onDelivered;
    if (onUnreachable) request.onUnreachable = onUnreachable;
    this.push(request);
  }

  /** What a message in this chat answers: the event's message (for replies), thread and interaction. */
  private origin(reply: boolean): Origin | undefined {
    const { event } = this;
    if (event.type !== 'message') return undefined;
    const origin: Origin = {};
    if (reply) origin.messageId = event.id;
    if (event.threadId) origin.threadId = event.threadId;
    if (reply && event.interactionId) origin.interactionId = event.interactionId;
    return origin.messageId || origin.threadId ? origin : undefined;
  }
}
