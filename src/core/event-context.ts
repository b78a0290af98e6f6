import type { Community, Member } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { Adapter, Outgoing } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommandRegistry } from './command.js';
import type { Context } from './context.js';
import type { BotEvent, ChatRef, Role, UserRef } from './events.js';
import type { Locale } from './i18n/index.js';
import type { Logger } from './logger.js';
import type { LiveOptions, LiveText, Outbox } from './outbox.js';

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
  store: Store;
  outbox: Outbox;
  log: Logger;
  clock: Clock;
  registry: CommandRegistry;
  dataDir: string;
}

type Message = { chat: ChatRef; out: Outgoing };
type Deferred =
  | { kind: 'live'; key: string; text: LiveText; opts: LiveOptions | undefined }
  | { kind: 'ack'; key: string; header: string; line: string };

/**
 * One event's Context. Replies are only collected here: the bot hands them to the outbox once
 * every change the event made is on disk (`release`), or drops them if a change failed (`discard`).
 * A class rather than an object of closures: a flash sale builds tens of thousands of these a
 * second, and the methods are shared instead of allocated per event.
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
  private readonly messages: Message[] = [];
  private readonly deferred: Deferred[] = [];
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

  // Read when used: a roster rendered later must see the state then (a failed write reloads it).
  get tables(): Tables {
    return this.services.store.tables;
  }

  /** Waits on a commit's journal write, unless the event already waits on that write. */
  waitFor(committed: Promise<void>): void {
    if (this.commits[this.commits.length - 1] !== committed) this.commits.push(committed);
  }

  /** Resolves when every change the event made, and every commit before them, is on disk. */
  durable(): Promise<unknown> {
    // Also what other events committed before: a reply may show state they changed.
    this.waitFor(this.services.store.flushed());
    return this.commits.length === 1 ? this.commits[0]! : Promise.all(this.commits);
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
    this.messages.push({ chat: this.event.chat, out: { kind: 'text', text } });
  }

  send(out: Outgoing): void {
    this.messages.push({ chat: this.event.chat, out });
  }

  dm(out: Outgoing): void {
    this.messages.push({ chat: this.adapter.directChat?.(this.sender.id) ?? this.event.chat, out });
  }

  sendTo(chat: ChatRef, out: Outgoing): void {
    this.messages.push({ chat, out });
  }

  live(key: string, text: LiveText, opts?: LiveOptions): void {
    this.deferred.push({ kind: 'live', key, text, opts });
  }

  acknowledge(key: string, header: string, line: string): void {
    this.deferred.push({ kind: 'ack', key, header, line });
  }

  /** Forgets what the event was going to say (its changes were undone or its handler failed). */
  discard(): void {
    this.messages.length = 0;
    this.deferred.length = 0;
  }

  /** Every change is on disk: hand what the event says to the outbox. */
  release(): void {
    this.answered = true;
    const { outbox } = this.services;
    for (const { chat, out } of this.messages) outbox.send(this.adapter, chat, out);
    for (const item of this.deferred) {
      if (item.kind === 'live') outbox.live(this.adapter, this.event.chat, item.key, item.text, item.opts);
      else outbox.append(this.adapter, this.event.chat, item.key, item.header, item.line);
    }
  }
}
