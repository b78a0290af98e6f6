import type { BotStore } from '../store/contract.js';
import type { OutboxMessage } from '../store/outbox-record.js';
import type { Tx } from '../store/tx.js';
import type { Adapter, Origin, Outgoing } from './adapter.js';
import type { Clock } from './clock.js';
import type { ChatRef } from './events.js';
import type { Logger } from './logger.js';
import { ChatMoves } from './outbox/chat-moves.js';
import { Courier, type OutboxStats } from './outbox/courier.js';
import type { DeliveryHandler, LiveRenderer, SendOptions } from './outbox/delivery.js';
import { queueRequest } from './outbox/intake.js';
import { OutboxLedger } from './outbox/ledger.js';
import { LiveMessages } from './outbox/live.js';
import { ReactionQueue } from './outbox/reactions.js';
import type { Request, Staged } from './outbox/records.js';
import { type ChatQueue, type LiveOptions, liveContent } from './outbox/types.js';

export type {
  DeliveryContext,
  DeliveryHandler,
  DmOptions,
  LiveRenderer,
  SendOptions,
} from './outbox/delivery.js';
export type { LiveContent, LiveOptions, LiveText } from './outbox/types.js';

/** How long shutdown waits for the queue to drain. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * One outbox per chat: every outgoing message passes here. It spaces messages by the adapter's
 * minimum gap and per-minute budget, keeps part of the budget for replies (replies, then cards,
 * then batched notices), coalesces live-message edits and notice lines, and on a rate-limit reply
 * waits as told and retries. Given a store it is transactional: each message is a record written
 * with the change that caused it (see EventContext) and deleted once the platform accepted it, so
 * a restart (resume) sends what is still owed. A crash between the platform accepting a message
 * and its record's deletion reaching the disk sends that one message again at the next start; a
 * chat's next message waits for that deletion, so at most one message per chat repeats.
 */
export class Outbox {
  private readonly queues = new Map<string, ChatQueue>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly ledger: OutboxLedger | undefined;
  private closed = false;
  /** Every send or edit made, for tests and the benchmark's message count. */
  readonly stats: OutboxStats = { sent: 0, edited: 0, retried: 0, dropped: 0, unreachable: 0, held: 0 };
  private readonly courier: Courier;
  private readonly reactions: ReactionQueue;
  private readonly moves: ChatMoves;
  private readonly live: LiveMessages;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    store?: BotStore,
  ) {
    if (store)
      this.ledger = new OutboxLedger(store, clock, log, {
        enqueue: (adapter, staged) => this.enqueue(adapter, staged),
        busy: () => this.notifyIdle(),
      });
    this.live = new LiveMessages(clock, this.ledger, {
      queue: (adapter, chat) => this.queue(adapter, chat),
      pump: (queue) => this.pump(queue),
      closed: () => this.closed,
    });
    // A group the bot was removed from refuses reactions too (403): they are not tried.
    this.reactions = new ReactionQueue(clock, log, (chat) => this.ledger?.chatClosed(chat) ?? false);
    this.moves = new ChatMoves(this.ledger, log, {
      queue: (adapter, chat) => this.queue(adapter, chat),
      existing: (adapter, chatId) => this.queues.get(`${adapter.platform}|${chatId}`),
      pump: (queue) => this.pump(queue),
      restoreLive: (adapter, key, chat, record, render) =>
        this.live.restore(adapter, key, chat, record, render),
      notifyIdle: () => this.notifyIdle(),
    });
    // A store with communities had a process before this one, which may have written to their
    // chats just before it stopped: every chat keeps the platform's gap from this start.
    const restarted = (store?.tables.communities.size ?? 0) > 0;
    this.courier = new Courier(
      clock,
      log,
      this.stats,
      this.ledger,
      {
        closed: () => this.closed,
        relive: (queue, key, render) => this.live.update(queue, key, render, {}),
        durable: () => store?.flushed() ?? Promise.resolve(),
        moved: (queue, item) => this.moves.refused(queue, item),
      },
      restarted ? clock.now().getTime() : undefined,
    );
  }

  /** Puts a reaction on a member's message, paced; never stored (see ReactionQueue). */
  react(adapter: Adapter, chat: ChatRef, messageId: string, emoji: string): void {
    this.reactions.add(adapter, chat, messageId, emoji);
  }

  /** Delivery handlers and live renderers of a feature (see Feature.delivery). */
  register(handlers: Record<string, DeliveryHandler> = {}, renderers: LiveRenderer[] = []): void {
    this.ledger?.register(handlers, renderers);
  }

  /** A message, written to the store in its own transaction first (jobs, problems) when there is one. */
  send(adapter: Adapter, chat: ChatRef, out: Outgoing, opts: SendOptions = {}): void {
    this.submit(adapter, { kind: 'send', chat, out, ...opts, priority: opts.priority ?? 'reply' });
  }

  /**
   * Adds a line to the chat's pending batch `key` (a low-priority notice). A batch still waiting
   * for its turn takes every line that arrives meanwhile, so a burst becomes a few messages, each
   * as long as the platform allows.
   */
  append(adapter: Adapter, chat: ChatRef, key: string, header: string, line: string): void {
    this.submit(adapter, { kind: 'line', chat, key, header, line });
  }

  /**
   * Writes the records of requests in tx (the caller's transaction): hand the result to enqueue
   * once durable. `communityId`: who they are owed for, where a request does not say.
   */
  stage(
    tx: Parameters<OutboxLedger['stage']>[0],
    requests: readonly Request[],
    communityId?: string,
  ): Staged[] {
    return this.ledger
      ? this.ledger.stage(tx, requests, communityId)
      : requests.map((request) => ({ request }) as Staged);
  }

  /** Queues messages whose records are durable (or that have none). */
  enqueue(adapter: Adapter, staged: readonly (Staged | { request: Request; record?: undefined })[]): void {
    for (const { request, record } of staged) {
      if (this.ledger?.chatClosed(request.chat)) {
        this.log.info({ chat: request.chat.chatId }, 'the bot was removed from this group: message dropped');
        if (record) this.ledger.settle(adapter, [record.id], undefined);
        continue;
      }
      const queue = this.queue(adapter, request.chat);
      if (request.kind === 'live') {
        const { text } = request;
        const opts: LiveOptions & { origin?: Origin } = Object.assign({}, request.opts);
        if (request.origin) opts.origin = request.origin;
        this.live.update(queue, request.key, () => liveContent(text), opts);
        continue;
      }
      queueRequest(queue, request, record, this.now());
      this.pump(queue);
    }
  }

  /**
   * At start: queues every message still owed from before (a restart, a crash). Live messages
   * are re-rendered from the state now, not replayed; stale notices are dropped with a log line.
   */
  resume(adapters: readonly Adapter[]): void {
    this.ledger?.resume(adapters, (adapter, key, chat, record, renderer) =>
      this.live.restore(adapter, key, chat, record, renderer),
    );
  }

  /** The chat is found moved (a signal of the platform): nothing more goes there (see ChatMoves.hold). */
  holdChat(adapter: Adapter, chat: ChatRef): void {
    this.moves.hold(adapter, chat);
  }

  /** The community moved from chat `from` to `to`, durably: its queue and cards follow (see ChatMoves.move). */
  moveChat(adapter: Adapter, from: ChatRef, to: ChatRef, live: readonly OutboxMessage[]): void {
    this.moves.move(adapter, from, to, live);
  }

  /**
   * Writes in tx that every live message community `communityId` shows (LiveRenderer.shown: open
   * deals' cards) is owed an update in `chat`. Hand the records to showLive once tx is durable.
   */
  oweShown(tx: Tx, adapter: Adapter, chat: ChatRef, communityId: string): OutboxMessage[] {
    return this.ledger?.oweShown(tx, adapter, chat, communityId) ?? [];
  }

  /** Queues live messages whose records are durable (oweShown), rendered from the state as they go out. */
  showLive(adapter: Adapter, records: readonly OutboxMessage[]): void {
    this.live.show(adapter, records);
  }

  /** The bot was removed from this group: what is owed there is dropped (see ChatMoves.drop). */
  dropChat(adapter: Adapter, chat: ChatRef): void {
    this.moves.drop(adapter, chat);
  }

  /** The member wrote to the bot privately: private messages kept for them go out now. */
  releaseHeld(adapter: Adapter, userId: string): void {
    this.ledger?.releaseHeld(adapter, userId);
  }

  /** Resolves when nothing is waiting to go out now (live updates held back by their interval excepted). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Sends held-back live updates now and waits until everything is out (shutdown), but not longer
   * than timeoutMs: a platform that is down must not keep the process from stopping. What is not
   * out by then stays in the store and goes out at the next start.
   */
  async flush(timeoutMs = FLUSH_TIMEOUT_MS): Promise<void> {
    for (const queue of this.queues.values()) this.live.sendHeldNow(queue);
    let timedOut = false;
    let cancel = () => {};
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => {
        cancel = this.clock.setTimer(() => {
          timedOut = true;
          resolve();
        }, timeoutMs);
      }),
    ]);
    cancel();
    if (timedOut) {
      const pending = [...this.queues.values()].reduce((n, q) => n + q.items.length, 0);
      this.log.warn(
        { pending, persisted: this.ledger !== undefined },
        this.ledger
          ? 'stopping with messages the platform did not take; they go out at the next start'
          : 'stopping with messages the platform did not take',
      );
    }
  }

  /** Stops delivering (shutdown, after flush): what is not out stays in the store for the next start. */
  close(): void {
    this.closed = true;
    for (const queue of this.queues.values()) {
      for (const state of queue.live.values()) state.cancelTimer?.();
      queue.wake?.();
    }
  }

  /**
   * Requests written in their own transaction and queued at once (their cause is on disk, or
   * failed: an error reply). Without a store, or once closed, they are queued unrecorded.
   */
  submit(adapter: Adapter, ...requests: Request[]): void {
    if (this.ledger && !this.closed) this.ledger.persist(adapter, requests);
    else
      this.enqueue(
        adapter,
        requests.map((request) => ({ request })),
      );
  }

  private queue(adapter: Adapter, chat: ChatRef): ChatQueue {
    const id = `${adapter.platform}|${chat.chatId}`;
    const moved = this.moves.movedTo(id);
    if (moved) return this.queue(adapter, moved);
    let queue = this.queues.get(id);
    if (!queue) {
      queue = { adapter, chat, items: [], current: undefined, running: false, sentAt: [], live: new Map() };
      this.queues.set(id, queue);
    }
    return queue;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private isIdle(): boolean {
    if (this.ledger?.busy) return false;
    for (const q of this.queues.values()) if (q.running || (q.items.length > 0 && !this.closed)) return false;
    return true;
  }

  private notifyIdle(): void {
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pump(queue: ChatQueue): void {
    if (queue.running) {
      queue.wake?.(); // a new item may go before the one waiting for its slot
      return;
    }
    if (this.closed || queue.held) return;
    queue.running = true;
    void this.courier
      .drain(queue)
      .catch((error: unknown) => this.log.error({ err: error, chat: queue.chat.chatId }, 'outbox failed'))
      .finally(() => {
        queue.running = false;
        if (queue.items.length > 0 && !this.closed) this.pump(queue);
        else this.notifyIdle();
      });
  }
}
