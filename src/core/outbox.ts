import { type Adapter, DeliveryError, type Outgoing, RateLimitedError } from './adapter.js';
import type { Clock } from './clock.js';
import type { ChatRef } from './events.js';
import type { Logger } from './logger.js';

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

type Item =
  | { kind: 'send'; out: Outgoing }
  | { kind: 'live'; key: string }
  | { kind: 'batch'; key: string; header: string; lines: string[] };

interface LiveState {
  text: LiveText;
  messageId?: string;
  lastSentAt: number;
  queued: boolean;
  cancelTimer?: () => void;
  opts: LiveOptions;
}

interface ChatQueue {
  adapter: Adapter;
  chat: ChatRef;
  items: Item[];
  /** The item being delivered now; new lines never join it. */
  current: Item | undefined;
  running: boolean;
  sentAt: number[];
  live: Map<string, LiveState>;
}

/** Tries of an unexpected error (a bug, not the platform saying "later") before the message is dropped. */
const MAX_UNEXPECTED_ATTEMPTS = 6;
/** Longest wait between two tries while a platform is down. */
const MAX_BACKOFF_MS = 60_000;
/** How long shutdown waits for the queue to drain. */
const FLUSH_TIMEOUT_MS = 10_000;

/**
 * One outbox per chat: every outgoing message passes here. It paces to the adapter's declared
 * limits (per chat per minute, per adapter per second), coalesces live-message edits, and on a
 * rate-limit reply waits as told and retries, so nothing is lost.
 */
export class Outbox {
  private readonly queues = new Map<string, ChatQueue>();
  private readonly globalSentAt = new Map<Adapter, number[]>();
  private readonly pausedUntil = new Map<Adapter, number>();
  private readonly idleWaiters: (() => void)[] = [];
  /** Every send or edit made, for tests and the benchmark's message count. */
  readonly stats = { sent: 0, edited: 0, retried: 0, dropped: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  send(adapter: Adapter, chat: ChatRef, out: Outgoing): void {
    const queue = this.queue(adapter, chat);
    queue.items.push({ kind: 'send', out });
    this.pump(queue);
  }

  /**
   * Adds a line to the chat's pending batch `key` (acknowledgements: "✓ Alice ×2"). A batch still
   * waiting for its turn takes every line that arrives meanwhile, so a burst of orders becomes a
   * few messages, each one as long as the platform allows.
   */
  append(adapter: Adapter, chat: ChatRef, key: string, header: string, line: string): void {
    const queue = this.queue(adapter, chat);
    const pending = queue.items.find(
      (item): item is Extract<Item, { kind: 'batch' }> =>
        item.kind === 'batch' && item.key === key && item !== queue.current,
    );
    if (pending) pending.lines.push(line);
    else queue.items.push({ kind: 'batch', key, header, lines: [line] });
    this.pump(queue);
  }

  /** Shows text in the chat's live message `key`, editing it in place at a bounded rate. */
  live(adapter: Adapter, chat: ChatRef, key: string, text: LiveText, opts: LiveOptions = {}): void {
    const queue = this.queue(adapter, chat);
    let state = queue.live.get(key);
    if (!state) {
      state = { text, lastSentAt: Number.NEGATIVE_INFINITY, queued: false, opts };
      if (opts.messageId) state.messageId = opts.messageId;
      queue.live.set(key, state);
    }
    state.text = text;
    state.opts = { ...state.opts, ...opts, messageId: state.messageId ?? opts.messageId };
    if (state.queued || state.cancelTimer) return; // the pending update will carry the newest text
    const wait = state.lastSentAt + this.liveInterval(adapter, state) - this.clock.now().getTime();
    if (wait <= 0) this.enqueueLive(queue, key, state);
    else
      state.cancelTimer = this.clock.setTimer(() => {
        state.cancelTimer = undefined;
        this.enqueueLive(queue, key, state);
      }, wait);
  }

  /** Resolves when nothing is waiting to go out now (live updates held back by their interval excepted). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Sends held-back live updates now and waits until everything is out (shutdown), but not longer
   * than timeoutMs: a platform that is down must not keep the process from stopping.
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
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) =>
        this.clock.setTimer(() => {
          timedOut = true;
          resolve();
        }, timeoutMs),
      ),
    ]);
    if (timedOut) {
      const pending = [...this.queues.values()].reduce((n, q) => n + q.items.length, 0);
      this.log.warn({ pending }, 'stopping with messages the platform did not take');
    }
  }

  private liveInterval(adapter: Adapter, state: LiveState): number {
    const { liveEditMs, liveRepostMs } = adapter.capabilities.pacing;
    return adapter.capabilities.editMessages && adapter.edit
      ? (state.opts.minIntervalMs ?? liveEditMs ?? 3_000)
      : (state.opts.repostIntervalMs ?? liveRepostMs ?? 60_000);
  }

  private enqueueLive(queue: ChatQueue, key: string, state: LiveState): void {
    state.queued = true;
    queue.items.push({ kind: 'live', key });
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

  private isIdle(): boolean {
    for (const q of this.queues.values()) if (q.running || q.items.length > 0) return false;
    return true;
  }

  private pump(queue: ChatQueue): void {
    if (queue.running) return;
    queue.running = true;
    void this.drain(queue).finally(() => {
      queue.running = false;
      if (queue.items.length > 0) this.pump(queue);
      else if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  private async drain(queue: ChatQueue): Promise<void> {
    while (queue.items.length > 0) {
      const item = queue.items[0]!;
      queue.current = item;
      for (let attempt = 1; ; attempt++) {
        await this.waitForSlot(queue);
        try {
          await this.deliver(queue, item);
          // A long batch goes out in several messages, each waiting for its own slot.
          if (item.kind === 'batch' && item.lines.length > 0) {
            attempt = 0;
            continue;
          }
          break;
        } catch (error) {
          if (error instanceof RateLimitedError) {
            this.stats.retried++;
            if (error.global)
              this.pausedUntil.set(queue.adapter, this.clock.now().getTime() + error.retryAfterMs);
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
            this.log.error({ err: error, chat: queue.chat.chatId }, 'outgoing message dropped');
            break;
          }
          if (attempt === MAX_UNEXPECTED_ATTEMPTS)
            this.log.warn({ err: error, chat: queue.chat.chatId }, 'platform still failing; retrying');
          this.stats.retried++;
          await this.sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempt - 1, 10)));
        }
      }
      queue.items.shift();
      queue.current = undefined;
    }
  }

  private async deliver(queue: ChatQueue, item: Item): Promise<void> {
    const { adapter, chat } = queue;
    const now = () => this.clock.now().getTime();
    if (item.kind === 'send') {
      await adapter.send(chat, item.out);
      this.stats.sent++;
    } else if (item.kind === 'batch') {
      const max = adapter.capabilities.maxMessageLength;
      let text = item.header;
      let taken = 0;
      for (const line of item.lines) {
        if (taken > 0 && text.length + 1 + line.length > max) break;
        text = `${text}\n${line}`.slice(0, max);
        taken++;
      }
      await adapter.send(chat, { kind: 'text', text });
      item.lines.splice(0, taken);
      this.stats.sent++;
    } else {
      const state = queue.live.get(item.key)!;
      const text = state.text;
      const rendered = typeof text === 'function' ? text() : text;
      if (state.messageId && adapter.capabilities.editMessages && adapter.edit) {
        await adapter.edit(chat, state.messageId, rendered);
        this.stats.edited++;
      } else {
        const { messageId } = await adapter.send(chat, { kind: 'text', text: rendered });
        this.stats.sent++;
        state.messageId = messageId;
        state.opts.onSent?.(messageId);
      }
      state.queued = false;
      state.lastSentAt = now();
      // Text changed while this update was in flight: schedule the next one.
      if (state.text !== text) this.live(adapter, chat, item.key, state.text);
    }
    // Timestamps are kept only where a limit needs them.
    const { perChatPerMinute, globalPerSecond } = adapter.capabilities.pacing;
    if (perChatPerMinute > 0) queue.sentAt.push(now());
    if (globalPerSecond > 0) {
      const global = this.globalSentAt.get(adapter) ?? [];
      global.push(now());
      this.globalSentAt.set(adapter, global);
    }
  }

  /** Waits until sending one more message stays within the chat's and the adapter's limits. */
  private async waitForSlot(queue: ChatQueue): Promise<void> {
    const { perChatPerMinute, globalPerSecond } = queue.adapter.capabilities.pacing;
    for (;;) {
      const now = this.clock.now().getTime();
      const paused = (this.pausedUntil.get(queue.adapter) ?? 0) - now;
      const chatWait = windowWait(queue.sentAt, perChatPerMinute, 60_000, now);
      const global = this.globalSentAt.get(queue.adapter) ?? [];
      const globalWait = windowWait(global, globalPerSecond, 1_000, now);
      const wait = Math.max(paused, chatWait, globalWait);
      if (wait <= 0) return;
      await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimer(resolve, ms));
  }
}

/** How long until one more event fits in a sliding window of `limit` events per `windowMs`. */
function windowWait(times: number[], limit: number, windowMs: number, now: number): number {
  if (limit <= 0) return 0;
  while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
  if (times.length < limit) return 0;
  return times[times.length - limit]! + windowMs - now;
}
