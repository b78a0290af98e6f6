import type { Adapter, Outgoing } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { ChatRef } from '../core/events.js';
import type { JobContext } from '../core/feature.js';
import type { Logger } from '../core/logger.js';
import type { Request, Staged } from '../core/outbox/records.js';
import type { LiveOptions, LiveText, Outbox, SendOptions } from '../core/outbox.js';
import type { BotStore } from '../store/contract.js';
import type { Community } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/** What the bot lends its jobs. */
export interface JobServices {
  store: BotStore;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  dataDir: string;
  /** The adapter serving a platform in this process, if any. */
  adapter(platform: string): Adapter | undefined;
  /** The group chat of a community. */
  chatOf(community: Community): ChatRef;
}

/** A request and the platform whose adapter sends it. */
interface Said {
  platform: string;
  request: Request;
}

/**
 * One job run's context (see JobContext): the EventContext pattern for timed work. A change and
 * the messages said while its mutate runs are written in ONE transaction; they go to the outbox
 * once that write is on disk. A message whose platform is not running here stays in the store: it
 * goes out at the first start with that platform's adapter (Outbox.resume).
 */
class JobRun implements JobContext {
  readonly clock: Clock;
  readonly log: Logger;
  readonly dataDir: string;
  /** Messages said while a mutate runs, written in its transaction. */
  private said: Said[] | undefined;
  /** Each change's write and the hand-over of its messages, for durable(). */
  private readonly written: Promise<void>[] = [];

  filesOwed(): Promise<ReadonlySet<string>> {
    return this.services.store.filesOwed();
  }

  constructor(private readonly services: JobServices) {
    this.clock = services.clock;
    this.log = services.log;
    this.dataDir = services.dataDir;
  }

  // Read when used: a failed write reloads the store from disk into new tables.
  get tables(): Tables {
    return this.services.store.tables;
  }

  mutate<T>(fn: (tx: Tx) => T): T {
    const { store, outbox } = this.services;
    const said: Said[] = [];
    this.said = said;
    let written: ReturnType<typeof store.transact<[T, Staged[]]>>;
    try {
      written = store.transact((tx): [T, Staged[]] => {
        const value = fn(tx);
        return [
          value,
          outbox.stage(
            tx,
            said.map((s) => s.request),
          ),
        ];
      });
    } finally {
      this.said = undefined;
    }
    const [value, staged] = written.value;
    const handedOver = written.committed.then(() => this.enqueue(said, staged));
    // Surfaced by durable(); a change made after the run (a card's onSent) has nobody awaiting it.
    handedOver.catch(() => {});
    this.written.push(handedOver);
    return value;
  }

  async durable(): Promise<void> {
    await Promise.all(this.written);
  }

  post(community: Community, out: Outgoing, opts: SendOptions = {}): void {
    const chat = this.services.chatOf(community);
    this.say(community, { kind: 'send', chat, out, ...opts, priority: opts.priority ?? 'reply' });
  }

  sendTo(community: Community, chat: ChatRef, out: Outgoing, opts: SendOptions = {}): void {
    this.say(community, { kind: 'send', chat, out, ...opts, priority: opts.priority ?? 'reply' });
  }

  live(community: Community, key: string, text: LiveText, opts?: LiveOptions): void {
    const chat = this.services.chatOf(community);
    this.say(community, { kind: 'live', chat, key, text, ...(opts ? { opts } : {}) });
  }

  adapterFor(community: Community): Adapter | undefined {
    return this.services.adapter(community.platform);
  }

  /** Owed for the community: in the running change's transaction, else one of its own, queued at once. */
  private say(community: Community, request: Request): void {
    const item = { platform: community.platform, request: { ...request, communityId: community.id } };
    if (this.said) {
      this.said.push(item);
      return;
    }
    const adapter = this.services.adapter(item.platform);
    if (adapter) this.services.outbox.submit(adapter, item.request);
  }

  /** Hands a durable change's messages to the adapters that send them. */
  private enqueue(said: Said[], staged: Staged[]): void {
    const byPlatform = new Map<string, Staged[]>();
    staged.forEach((item, i) => {
      const platform = said[i]!.platform;
      byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), item]);
    });
    for (const [platform, items] of byPlatform) {
      const adapter = this.services.adapter(platform);
      if (adapter) this.services.outbox.enqueue(adapter, items);
    }
  }
}

/** The context one job run works with (see JobContext). */
export function createJobContext(services: JobServices): JobContext {
  return new JobRun(services);
}
