import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Adapter, Origin } from '../adapter.js';
import type { Clock } from '../clock.js';
import type { ChatRef } from '../events.js';
import type { OutboxLedger } from './ledger.js';
import { cardInterval } from './pacing.js';
import type { ChatQueue, LiveOptions, LiveState } from './types.js';

/** What LiveMessages needs of the outbox. */
interface Host {
  /** The queue of a chat (created if needed; a moved chat's is its new chat's). */
  queue(adapter: Adapter, chat: ChatRef): ChatQueue;
  pump(queue: ChatQueue): void;
  /** True once the outbox stopped delivering (shutdown). */
  closed(): boolean;
}

/**
 * The outbox's live messages (a deal's card): one message per key and chat kept up to date. Updates
 * coalesce: one waiting or held back by its interval carries the newest render when it goes out.
 */
export class LiveMessages {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: OutboxLedger | undefined,
    private readonly host: Host,
  ) {}

  /** A stored live message queued again, shown as it is now (at start, or after its chat moved). */
  restore(
    adapter: Adapter,
    key: string,
    chat: ChatRef,
    record: OutboxMessage,
    render: LiveState['render'],
  ): void {
    if (this.ledger?.chatClosed(chat)) {
      this.ledger.settle(adapter, [record.id], undefined);
      return;
    }
    const queue = this.host.queue(adapter, chat);
    this.update(queue, key, render, {
      ...(record.messageId ? { messageId: record.messageId } : {}),
      ...(record.origin ? { origin: record.origin } : {}),
      onSent: (messageId, image) => this.ledger?.liveSent(adapter, key, messageId, image),
    });
  }

  /** Queues live messages whose records are durable (oweShown), rendered from the state as they go out. */
  show(adapter: Adapter, records: readonly OutboxMessage[]): void {
    for (const record of records) {
      const render = this.ledger?.liveRender(record, adapter);
      if (render && record.key !== undefined) this.restore(adapter, record.key, record.chat, record, render);
    }
  }

  /** A new render of live message `key`: queued now, or when its interval since the last update is over. */
  update(
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
    // Object.assign, not `{ ...state.opts, ...opts }`: V8 merges by spread many times slower, and
    // every order of a flash sale updates its deal's card.
    state.opts = Object.assign({}, state.opts, opts);
    state.opts.messageId = state.messageId ?? opts.messageId;
    if (state.queued || state.cancelTimer) return; // the pending update will carry the newest text
    const wait = state.lastSentAt + this.interval(queue.adapter, state) - this.now();
    if (wait <= 0) this.enqueue(queue, key, state);
    else {
      const held = state;
      held.cancelTimer = this.clock.setTimer(() => {
        held.cancelTimer = undefined;
        this.enqueue(queue, key, held);
      }, wait);
    }
  }

  /** Queues the chat's updates held back by their interval now (shutdown). */
  sendHeldNow(queue: ChatQueue): void {
    for (const [key, state] of queue.live) {
      if (state.cancelTimer) {
        state.cancelTimer();
        state.cancelTimer = undefined;
        this.enqueue(queue, key, state);
      }
    }
  }

  private interval(adapter: Adapter, state: LiveState): number {
    const { pacing } = adapter.capabilities;
    const interval =
      adapter.capabilities.editMessages && adapter.edit
        ? (state.opts.minIntervalMs ?? pacing.liveEditMs ?? 3_000)
        : (state.opts.repostIntervalMs ?? pacing.liveRepostMs ?? 60_000);
    // A card updated more often than the budget left after the reply reserve would spend the
    // reserve (or wait in line anyway): Telegram's 20 a minute less 5 is one edit every 4 s.
    return Math.max(interval, cardInterval(pacing));
  }

  private enqueue(queue: ChatQueue, key: string, state: LiveState): void {
    if (this.host.closed()) return;
    state.queued = true;
    // A card's first post announces the deal: it goes with the replies; its edits are card updates.
    const priority = state.messageId === undefined ? 'reply' : 'card';
    queue.items.push({ kind: 'live', key, priority, at: this.now() });
    this.host.pump(queue);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
