import type { OutboxMessage } from '../store/outbox-record.js';
import type { Store } from '../store/store.js';
import {
  type Adapter,
  DeliveryError,
  type Origin,
  type Outgoing,
  RateLimitedError,
  UnreachableError,
} from './adapter.js';
import type { Clock } from './clock.js';
import type { ChatRef } from './events.js';
import type { Logger } from './logger.js';
import type { DeliveryHandler, LiveRenderer, Priority, SendOptions } from './outbox/delivery.js';
import { OutboxLedger } from './outbox/ledger.js';
import {
  CARD_MAX_WAIT_MS,
  cardInterval,
  chatWait,
  NOTICE_MAX_WAIT_MS,
  rankOf,
  windowWait,
} from './outbox/pacing.js';
import { liveRecordId, type Request, type Staged } from './outbox/records.js';

export type {
  DeliveryContext,
  DeliveryHandler,
  DmOptions,
  HandlerRef,
  LiveRenderer,
  Priority,
  SendOptions,
} from './outbox/delivery.js';

/**
 * A live message's content: text, or a function that renders it. A function is called only when
 * the update actually goes out, so a burst of changes renders once per edit, not once per change.
 */
export type LiveText = string | (() => string);

/** Options of a live message: one message kept up to date (a deal's roster) instead of new posts. */
export interface LiveOptions {
  /** At most one edit per this many ms where the platform can edit. */
  minIntervalMs?: number;
  /** Where it cannot edit, a fresh post at most this often. */
  repostIntervalMs?: number;
  /** The message already showing this content (kept across restarts by the caller). */
  messageId?: string;
  /** Told the id of the message that now shows the content. */
  onSent?: (messageId: string) => void;
}

interface Line {
  text: string;
  recordId?: string;
}

type Item = { at: number; origin?: Origin } & (
  | { kind: 'send'; out: Outgoing; priority: Priority; record?: OutboxMessage }
  | { kind: 'live'; key: string; priority: 'card' }
  | { kind: 'batch'; key: string; header: string; lines: Line[]; priority: 'notice' }
);

interface LiveState {
  /** Undefined from a renderer: nothing to show any more. */
  render: () => { text: string; messageId?: string } | undefined;
  /** What render was given last (a new one while an update is in flight schedules another). */
  version: number;
  messageId?: string;
  lastSentAt: number;
  queued: boolean;
  cancelTimer?: () => void;
  opts: LiveOptions;
  origin?: Origin;
}

interface ChatQueue {
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
}

/** Tries of an unexpected error (a bug, not the platform saying "later") before the message is dropped. */
const MAX_UNEXPECTED_ATTEMPTS = 6;
/** Longest wait between two tries while a platform is down. */
const MAX_BACKOFF_MS = 60_000;
/** How long shutdown waits for the queue to drain. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * One outbox per chat: every outgoing message passes here. It spaces messages by the adapter's
 * minimum gap and per-minute budget, keeps part of the budget for replies (replies, then cards,
 * then batched notices), coalesces live-message edits and notice lines, and on a rate-limit reply
 * waits as told and retries. Given a store it is transactional: each message is a record written
 * with the change that caused it (see EventContext) and deleted once the platform accepted it, so
 * a restart (resume) sends what is still owed. A crash between the platform accepting a message
 * and the store deleting its record sends that one message again at the next start.
 */
export class Outbox {
  private readonly queues = new Map<string, ChatQueue>();
  private readonly globalSentAt = new Map<Adapter, number[]>();
  private readonly pausedUntil = new Map<Adapter, number>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly ledger: OutboxLedger | undefined;
  private closed = false;
  /** Every send or edit made, for tests and the benchmark's message count. */
  readonly stats = { sent: 0, edited: 0, retried: 0, dropped: 0, unreachable: 0, held: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    store?: Store,
  ) {
    if (store)
      this.ledger = new OutboxLedger(store, clock, log, {
        enqueue: (adapter, staged) => this.enqueue(adapter, staged),
        busy: () => this.notifyIdle(),
      });
  }

  /** Delivery handlers and live renderers of a feature (see Feature.delivery). */
  register(handlers: Record<string, DeliveryHandler> = {}, renderers: LiveRenderer[] = []): void {
    this.ledger?.register(handlers, renderers);
  }

  /** A message, written to the store in its own transaction first (jobs, problems) when there is one. */
  send(adapter: Adapter, chat: ChatRef, out: Outgoing, opts: SendOptions = {}): void {
    this.submit(adapter, { kind: 'send', chat, out, priority: opts.priority ?? 'reply', ...opts });
  }

  /**
   * Adds a line to the chat's pending batch `key` (a low-priority notice). A batch still waiting
   * for its turn takes every line that arrives meanwhile, so a burst becomes a few messages, each
   * as long as the platform allows.
   */
  append(adapter: Adapter, chat: ChatRef, key: string, header: string, line: string): void {
    this.submit(adapter, { kind: 'line', chat, key, header, line });
  }

  /** Shows text in the chat's live message `key`, editing it in place at a bounded rate. */
  live(adapter: Adapter, chat: ChatRef, key: string, text: LiveText, opts: LiveOptions = {}): void {
    this.submit(adapter, { kind: 'live', chat, key, text, opts });
  }

  /** Writes the records of requests in tx (the caller's transaction): hand the result to enqueue once durable. */
  stage(tx: Parameters<OutboxLedger['stage']>[0], requests: readonly Request[]): Staged[] {
    return this.ledger ? this.ledger.stage(tx, requests) : requests.map((request) => ({ request }) as Staged);
  }

  /** Queues messages whose records are durable (or that have none). */
  enqueue(adapter: Adapter, staged: readonly (Staged | { request: Request; record?: undefined })[]): void {
    for (const { request, record } of staged) {
      const queue = this.queue(adapter, request.chat);
      const at = this.now();
      if (request.kind === 'send') {
        queue.items.push({
          kind: 'send',
          out: request.out,
          priority: request.priority,
          at,
          ...(request.origin ? { origin: request.origin } : {}),
          ...(record ? { record } : {}),
        });
      } else if (request.kind === 'line') {
        const line = { text: request.line, ...(record ? { recordId: record.id } : {}) };
        const pending = queue.items.find(
          (item): item is Extract<Item, { kind: 'batch' }> =>
            item.kind === 'batch' && item.key === request.key,
        );
        if (pending) pending.lines.push(line);
        else
          queue.items.push({
            kind: 'batch',
            key: request.key,
            header: request.header,
            lines: [line],
            priority: 'notice',
            at,
            ...(request.origin ? { origin: request.origin } : {}),
          });
      } else {
        const { text } = request;
        this.updateLive(queue, request.key, () => ({ text: typeof text === 'function' ? text() : text }), {
          ...request.opts,
          ...(request.origin ? { origin: request.origin } : {}),
        });
        continue;
      }
      this.pump(queue);
    }
  }

  /**
   * At start: queues every message still owed from before (a restart, a crash). Live messages
   * are re-rendered from the state now, not replayed; stale notices are dropped with a log line.
   */
  resume(adapters: readonly Adapter[]): void {
    this.ledger?.resume(adapters, (adapter, key, chat, record, renderer) => {
      const queue = this.queue(adapter, chat);
      this.updateLive(queue, key, renderer, {
        ...(record.messageId ? { messageId: record.messageId } : {}),
        ...(record.origin ? { origin: record.origin } : {}),
        onSent: (messageId) => this.ledger?.liveSent(adapter, key, messageId),
      });
    });
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
    for (const queue of this.queues.values()) {
      for (const [key, state] of queue.live) {
        if (state.cancelTimer) {
          state.cancelTimer();
          state.cancelTimer = undefined;
          this.enqueueLive(queue, key, state);
        }
      }
    }
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

  private updateLive(
    queue: ChatQueue,
    key: string,
    render: LiveState['render'],
    opts: LiveOptions & { origin?: Origin },
  ): void {
    let state = queue.live.get(key);
    if (!state) {
      state = { render, version: 0, lastSentAt: Number.NEGATIVE_INFINITY, queued: false, opts };
      if (opts.messageId) state.messageId = opts.messageId;
      queue.live.set(key, state);
    }
    state.render = render;
    state.version++;
    if (opts.origin) state.origin = opts.origin;
    state.opts = { ...state.opts, ...opts, messageId: state.messageId ?? opts.messageId };
    if (state.queued || state.cancelTimer) return; // the pending update will carry the newest text
    const wait = state.lastSentAt + this.liveInterval(queue.adapter, state) - this.now();
    if (wait <= 0) this.enqueueLive(queue, key, state);
    else {
      const held = state;
      held.cancelTimer = this.clock.setTimer(() => {
        held.cancelTimer = undefined;
        this.enqueueLive(queue, key, held);
      }, wait);
    }
  }

  private liveInterval(adapter: Adapter, state: LiveState): number {
    const { pacing } = adapter.capabilities;
    const interval =
      adapter.capabilities.editMessages && adapter.edit
        ? (state.opts.minIntervalMs ?? pacing.liveEditMs ?? 3_000)
        : (state.opts.repostIntervalMs ?? pacing.liveRepostMs ?? 60_000);
    // A card updated more often than the budget left after the reply reserve would spend the
    // reserve (or wait in line anyway): Telegram's 20 a minute less 5 is one edit every 4 s.
    return Math.max(interval, cardInterval(pacing));
  }

  private enqueueLive(queue: ChatQueue, key: string, state: LiveState): void {
    if (this.closed) return;
    state.queued = true;
    queue.items.push({ kind: 'live', key, priority: 'card', at: this.now() });
    this.pump(queue);
  }

  private queue(adapter: Adapter, chat: ChatRef): ChatQueue {
    const id = `${adapter.platform}|${chat.chatId}`;
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
    if (this.closed) return;
    queue.running = true;
    void this.drain(queue)
      .catch((error: unknown) => this.log.error({ err: error, chat: queue.chat.chatId }, 'outbox failed'))
      .finally(() => {
        queue.running = false;
        if (queue.items.length > 0 && !this.closed) this.pump(queue);
        else this.notifyIdle();
      });
  }

  /** How long until some item of the queue is raised a rank by waiting. */
  private untilPromotion(queue: ChatQueue, now: number): number {
    let soonest = Number.POSITIVE_INFINITY;
    for (const item of queue.items) {
      const waited = now - item.at;
      const at =
        item.priority === 'card' ? CARD_MAX_WAIT_MS : item.priority === 'notice' ? NOTICE_MAX_WAIT_MS : 0;
      if (waited < at) soonest = Math.min(soonest, at - waited);
    }
    return soonest;
  }

  /** The next item: the best rank (waiting raises a rank), then the oldest. */
  private pick(queue: ChatQueue, now: number): { item: Item; rank: number } | undefined {
    let best: { item: Item; rank: number } | undefined;
    for (const item of queue.items) {
      const rank = rankOf(item.priority, now - item.at);
      if (!best || rank < best.rank) best = { item, rank };
    }
    return best;
  }

  private async drain(queue: ChatQueue): Promise<void> {
    while (!this.closed) {
      const now = this.now();
      const next = this.pick(queue, now);
      if (!next) return;
      const wait = this.slotWait(queue, next.rank, now);
      if (wait > 0) {
        // Wake up too when an item waiting that long goes up a rank (a card never starves).
        await this.sleep(Math.min(wait, this.untilPromotion(queue, now)), queue);
        continue;
      }
      queue.items.splice(queue.items.indexOf(next.item), 1);
      queue.current = next.item;
      try {
        await this.attempt(queue, next.item, next.rank);
      } finally {
        queue.current = undefined;
      }
    }
  }

  /** Delivers one item, retrying as the platform says; settles its records whatever the outcome. */
  private async attempt(queue: ChatQueue, item: Item, rank: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      for (let wait = this.slotWait(queue, rank, this.now()); wait > 0; ) {
        await this.sleep(wait);
        wait = this.slotWait(queue, rank, this.now());
      }
      if (this.closed) return; // its record stays: it goes out at the next start
      try {
        await this.deliver(queue, item);
        // A long batch goes out in several messages, each waiting for its own slot.
        if (item.kind === 'batch' && item.lines.length > 0) {
          attempt = 0;
          continue;
        }
        return;
      } catch (error) {
        if (error instanceof UnreachableError) {
          // Final for this message: the platform will not open this private chat. Not retried.
          this.stats.unreachable++;
          if (item.kind === 'live') this.unqueueLive(queue, item.key);
          if (item.kind === 'send') this.ledger?.unreachable(queue.adapter, item.record, this.stats);
          return;
        }
        if (error instanceof RateLimitedError) {
          this.stats.retried++;
          if (error.global) this.pausedUntil.set(queue.adapter, this.now() + error.retryAfterMs);
          await this.sleep(error.retryAfterMs);
          attempt--; // waiting as told is not a failed attempt
          continue;
        }
        // A platform outage (5xx, timeouts, dropped connections) is waited out however long it
        // lasts, backing off up to a minute, while other chats go on; a refusal that will not
        // change (no rights, chat gone) or a repeated unexpected error drops the message.
        const retryable =
          error instanceof DeliveryError ? error.retryable : attempt < MAX_UNEXPECTED_ATTEMPTS;
        if (!retryable) {
          this.stats.dropped++;
          if (item.kind === 'live') this.unqueueLive(queue, item.key);
          this.log.error({ err: error, chat: queue.chat.chatId }, 'outgoing message dropped');
          this.ledger?.settle(queue.adapter, recordIdsOf(queue, item), undefined);
          return;
        }
        if (attempt === MAX_UNEXPECTED_ATTEMPTS)
          this.log.warn({ err: error, chat: queue.chat.chatId }, 'platform still failing; retrying');
        this.stats.retried++;
        await this.sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt - 1, 10)));
      }
    }
  }

  private async deliver(queue: ChatQueue, item: Item): Promise<void> {
    const { adapter, chat } = queue;
    if (item.kind === 'send') {
      await adapter.send(chat, item.out, item.origin);
      this.stats.sent++;
      this.ledger?.settle(adapter, item.record ? [item.record.id] : [], item.record?.onDelivered);
    } else if (item.kind === 'batch') {
      const max = adapter.capabilities.maxMessageLength;
      let text = item.header;
      let taken = 0;
      for (const line of item.lines) {
        if (taken > 0 && text.length + 1 + line.text.length > max) break;
        text = `${text}\n${line.text}`.slice(0, max);
        taken++;
      }
      await adapter.send(chat, { kind: 'text', text }, item.origin);
      const sent = item.lines.splice(0, taken);
      this.stats.sent++;
      this.ledger?.settle(adapter, idsOf(sent), undefined);
    } else if (!(await this.deliverLive(queue, item.key))) return;
    this.recordSent(queue);
  }

  /** Sends or edits a live message with its newest text; false when there was nothing to show. */
  private async deliverLive(queue: ChatQueue, key: string): Promise<boolean> {
    const { adapter, chat } = queue;
    const state = queue.live.get(key)!;
    const version = state.version;
    const record = this.ledger?.record(liveRecordId(chat, key));
    const rendered = state.render();
    if (!rendered) {
      state.queued = false;
      this.log.info({ chat: chat.chatId, key }, 'live message has nothing to show any more; dropped');
      queue.live.delete(key);
      this.ledger?.settleLive(adapter, chat, key, record);
      return false;
    }
    state.messageId ??= rendered.messageId;
    if (state.messageId && adapter.capabilities.editMessages && adapter.edit) {
      await adapter.edit(chat, state.messageId, rendered.text);
      this.stats.edited++;
    } else {
      const { messageId } = await adapter.send(chat, { kind: 'text', text: rendered.text }, state.origin);
      this.stats.sent++;
      state.messageId = messageId;
      state.opts.onSent?.(messageId);
    }
    state.queued = false;
    state.lastSentAt = this.now();
    // Changed while this update was in flight: schedule the next one (its record stays owed).
    if (state.version !== version) this.updateLive(queue, key, state.render, {});
    else this.ledger?.settleLive(adapter, chat, key, record);
    return true;
  }

  /** A live update that will not go out: the next change queues a fresh one. */
  private unqueueLive(queue: ChatQueue, key: string): void {
    const state = queue.live.get(key);
    if (state) state.queued = false;
  }

  /** Timestamps are kept only where a limit needs them. */
  private recordSent(queue: ChatQueue): void {
    const now = this.now();
    const { perChatPerMinute, globalPerSecond, minGapMs } = queue.adapter.capabilities.pacing;
    if (perChatPerMinute > 0 || (minGapMs ?? 0) > 0) queue.sentAt.push(now);
    if (globalPerSecond > 0) {
      const global = this.globalSentAt.get(queue.adapter) ?? [];
      global.push(now);
      this.globalSentAt.set(queue.adapter, global);
    }
  }

  /** How long until one more message of this rank stays within the chat's and the adapter's limits. */
  private slotWait(queue: ChatQueue, rank: number, now: number): number {
    const { pacing } = queue.adapter.capabilities;
    const paused = (this.pausedUntil.get(queue.adapter) ?? 0) - now;
    const global = this.globalSentAt.get(queue.adapter) ?? [];
    const globalWait = windowWait(global, pacing.globalPerSecond, 1_000, now);
    return Math.max(paused, chatWait(queue.sentAt, pacing, rank, now), globalWait);
  }

  /** Waits ms of the clock's time; with a queue, a new item for it ends the wait early. */
  private sleep(ms: number, queue?: ChatQueue): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.clock.setTimer(done, ms);
      function done() {
        cancel();
        if (queue) queue.wake = undefined;
        resolve();
      }
      if (queue) queue.wake = done;
    });
  }
}

function idsOf(lines: Line[]): string[] {
  return lines.flatMap((l) => (l.recordId ? [l.recordId] : []));
}

/** The records an item stands for (all of them: it is being dropped). */
function recordIdsOf(queue: ChatQueue, item: Item): string[] {
  if (item.kind === 'send') return item.record ? [item.record.id] : [];
  if (item.kind === 'batch') return idsOf(item.lines.splice(0));
  return [liveRecordId(queue.chat, item.key)];
}
