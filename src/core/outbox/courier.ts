import {
  type Adapter,
  ChatMovedError,
  DeliveryError,
  RateLimitedError,
  UnreachableError,
} from '../adapter.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxLedger } from './ledger.js';
import { deliverLive, type LiveCourier } from './live-delivery.js';
import { CARD_MAX_WAIT_MS, chatWait, NOTICE_MAX_WAIT_MS, rankOf, windowWait } from './pacing.js';
import { liveRecordId } from './records.js';
import type { ChatQueue, Item, Line, LiveState } from './types.js';

/** Tries of an unexpected error (a bug, not the platform saying "later") before the message is dropped. */
const MAX_UNEXPECTED_ATTEMPTS = 6;
/** Longest wait between two tries while a platform is down. */
const MAX_BACKOFF_MS = 60_000;

/** What the outbox counts: every send or edit made, for tests and the benchmark's message count. */
export interface OutboxStats {
  sent: number;
  edited: number;
  retried: number;
  dropped: number;
  unreachable: number;
  held: number;
}

/**
 * Delivers one chat's queue: picks the next item by priority, waits for a slot within the
 * platform's limits (minimum gap, per-minute budget less the reply reserve, per-second global),
 * sends or edits, retries as the platform says, and settles the item's records in the ledger.
 */
export class Courier {
  private readonly globalSentAt = new Map<Adapter, number[]>();
  private readonly pausedUntil = new Map<Adapter, number>();
  /** What live delivery (live-delivery.ts) uses of this courier. */
  private readonly live: LiveCourier;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    readonly stats: OutboxStats,
    private readonly ledger: OutboxLedger | undefined,
    private readonly hooks: {
      closed(): boolean;
      /** A live message changed while its update was in flight: schedule the next one. */
      relive(queue: ChatQueue, key: string, render: LiveState['render']): void;
      /** Resolves once every change applied so far is on disk. */
      durable(): Promise<void>;
      /** The chat has a new id: the item waits for the move, or goes to the new chat if it came already. */
      moved(queue: ChatQueue, item: Item): void;
    },
    /**
     * When this process began sending (ms), if a process before it may have written to the same
     * chats: each chat's gap counts from here too, so the first message after a restart never
     * follows the last one before it closer than the platform allows.
     */
    private readonly startedAt = Number.NEGATIVE_INFINITY,
  ) {
    this.live = {
      stats,
      log,
      ledger,
      now: () => this.now(),
      durable: () => hooks.durable(),
      relive: (queue, key, render) => hooks.relive(queue, key, render),
      recordSent: (queue, posts) => this.recordSent(queue, posts),
      cardWait: (queue) => this.slotWait(queue, rankOf('card', 0), this.now()),
      sleep: (ms) => this.sleep(ms),
      closed: () => hooks.closed(),
    };
  }

  private now(): number {
    return this.clock.now().getTime();
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

  async drain(queue: ChatQueue): Promise<void> {
    while (!this.hooks.closed() && !queue.held) {
      const now = this.now();
      const next = this.pick(queue, now);
      if (!next) return;
      const posts = postsOf(queue.adapter, next.item);
      const wait = this.slotWait(queue, next.rank, now, posts);
      if (wait > 0) {
        // Wake up too when an item waiting that long goes up a rank (a card never starves).
        await this.sleep(Math.min(wait, this.untilPromotion(queue, now)), queue);
        continue;
      }
      queue.items.splice(queue.items.indexOf(next.item), 1);
      queue.current = next.item;
      try {
        await this.attempt(queue, next.item, next.rank, posts);
      } finally {
        queue.current = undefined;
      }
    }
  }

  /**
   * Delivers one item of `posts` platform posts, retrying as the platform says; settles its records
   * whatever the outcome.
   */
  private async attempt(queue: ChatQueue, item: Item, rank: number, posts: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      // Not an await when there is nothing to wait for: it would let other chats' messages of
      // this turn go first, and change nothing else.
      if (queue.marking) await queue.marking;
      for (let wait = this.slotWait(queue, rank, this.now(), posts); wait > 0; ) {
        await this.sleep(wait);
        wait = this.slotWait(queue, rank, this.now(), posts);
      }
      if (this.hooks.closed()) return; // its record stays: it goes out at the next start
      // The chat moved while this waited for its slot: nothing more goes to the old id.
      if (queue.held) return this.movedAway(queue, item);
      // A member's private message deleted while it waited (/forget, an offer withdrawn): its
      // record is gone, and the message with it.
      const ledger = this.ledger;
      if (
        item.kind === 'send' &&
        item.record?.userId !== undefined &&
        ledger &&
        !ledger.record(item.record.id)
      )
        return;
      // Taken now, in the same step as the check above: with many chats sending at once, the
      // window must count sends still on their way, or every chat finds it open (the 2,000-group
      // benchmark: tens of thousands of 429s). A send refused anyway keeps its slot, as the
      // platform counted the call.
      this.takeGlobalSlots(queue, posts);
      try {
        await this.deliver(queue, item, posts);
        // A long batch goes out in several messages, each waiting for its own slot.
        if (item.kind === 'batch' && item.lines.length > 0) {
          attempt = 0;
          continue;
        }
        return;
      } catch (error) {
        if (error instanceof ChatMovedError) {
          queue.held = true;
          return this.movedAway(queue, item);
        }
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

  private async deliver(queue: ChatQueue, item: Item, posts: number): Promise<void> {
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
    } else {
      const delivered = await deliverLive(this.live, queue, item.key);
      if (!delivered) return;
      this.holdUntilMarked(queue);
      this.recordChatSent(queue, posts);
      // The old message of a card posted anew says so once the post is counted (its own slot).
      if (delivered !== true) await delivered();
      return;
    }
    this.holdUntilMarked(queue);
    this.recordChatSent(queue, posts);
  }

  /**
   * The message was just marked delivered (settle: its record deleted in memory), on disk at the
   * next group commit; until then the chat's next message waits, so a crash repeats at most this
   * one in the chat. Without the wait, a platform that answers at once (the console, a fast API, a
   * chat with no gap) took a whole queue within one turn of the event loop, before that turn's
   * journal write: a kill then sent all of it again. Costs nothing where the chat's gap is longer
   * than a journal write (every real platform's pacing).
   */
  private holdUntilMarked(queue: ChatQueue): void {
    if (!this.ledger) return;
    // A failed write is the store's to report (and undo); the message itself did go out.
    const marking = this.hooks.durable().catch(() => {});
    queue.marking = marking;
    void marking.then(() => {
      if (queue.marking === marking) queue.marking = undefined;
    });
  }

  /** An item for a chat that moved: not sent, not dropped; its records stay owed (see Outbox.moveChat). */
  private movedAway(queue: ChatQueue, item: Item): void {
    if (item.kind === 'live') this.unqueueLive(queue, item.key);
    this.hooks.moved(queue, item);
  }

  /** A live update that will not go out: the next change queues a fresh one. */
  private unqueueLive(queue: ChatQueue, key: string): void {
    const state = queue.live.get(key);
    if (state) state.queued = false;
  }

  /**
   * Timestamps are kept only where a limit needs them; a message of several posts counts each.
   * The per-minute budget needs a minute of them (pacing trims older ones); the gap alone, the last.
   * recordSent counts posts made outside an item's own slot (a card's extra post), chat and bot-wide.
   */
  private recordSent(queue: ChatQueue, posts: number): void {
    this.recordChatSent(queue, posts);
    this.takeGlobalSlots(queue, posts);
  }

  /** The chat's own count of an item's posts, once they went out (their bot-wide slots were taken before). */
  private recordChatSent(queue: ChatQueue, posts: number): void {
    const now = this.now();
    const { perChatPerMinute, minGapMs } = queue.adapter.capabilities.pacing;
    if (perChatPerMinute > 0) queue.sentAt.push(...Array.from({ length: posts }, () => now));
    else if ((minGapMs ?? 0) > 0) queue.sentAt.splice(0, queue.sentAt.length, now);
  }

  /** Counts posts against the adapter's bot-wide per-second limit, from now. */
  private takeGlobalSlots(queue: ChatQueue, posts: number): void {
    if (queue.adapter.capabilities.pacing.globalPerSecond <= 0) return;
    const global = this.globalSentAt.get(queue.adapter) ?? [];
    const now = this.now();
    for (let i = 0; i < posts; i++) global.push(now);
    this.globalSentAt.set(queue.adapter, global);
  }

  /**
   * How long until one more message of this rank, `posts` platform posts long, stays within the
   * chat's and the adapter's limits.
   */
  private slotWait(queue: ChatQueue, rank: number, now: number, posts = 1): number {
    const { pacing } = queue.adapter.capabilities;
    const paused = (this.pausedUntil.get(queue.adapter) ?? 0) - now;
    const global = this.globalSentAt.get(queue.adapter) ?? [];
    const globalWait = windowWait(global, pacing.globalPerSecond, 1_000, now);
    return Math.max(paused, chatWait(queue.sentAt, pacing, rank, now, posts, this.startedAt), globalWait);
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

/**
 * Platform posts an item takes (Adapter.cost: WeChat posts a long text in parts), asked of the
 * adapter once per item (cost may render the message). Cards and batches are cut to one message's
 * length, so they are one post.
 */
function postsOf(adapter: Adapter, item: Item): number {
  if (item.kind !== 'send') return 1;
  item.posts ??= Math.max(1, adapter.cost?.(item.out) ?? 1);
  return item.posts;
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
