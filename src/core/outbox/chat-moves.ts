import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Adapter } from '../adapter.js';
import type { ChatRef } from '../events.js';
import type { Logger } from '../logger.js';
import type { OutboxLedger } from './ledger.js';
import type { ChatQueue, Item, LiveState } from './types.js';

/** What ChatMoves needs of the outbox's queues. */
interface Queues {
  /** The queue of a chat (created if needed; a moved chat's is its new chat's). */
  queue(adapter: Adapter, chat: ChatRef): ChatQueue;
  /** The queue kept under this very chat id, if any. */
  existing(adapter: Adapter, chatId: string): ChatQueue | undefined;
  pump(queue: ChatQueue): void;
  restoreLive(
    adapter: Adapter,
    key: string,
    chat: ChatRef,
    record: OutboxMessage,
    render: LiveState['render'],
  ): void;
  notifyIdle(): void;
}

/**
 * The outbox's side of a group chat that changed: it moved to a new id (a Telegram group upgraded
 * to a supergroup), or the bot was removed from it. A moved chat's messages are neither sent to
 * the old id nor lost: they wait (held) until the community's move is durable, then go to the new
 * chat, and so does everything said for the old id afterwards. A removed chat's messages can never
 * be delivered: they are dropped, and nothing more is queued there (Outbox.enqueue asks the ledger).
 */
export class ChatMoves {
  /** `platform|old chat id` → the chat it moved to. */
  private readonly moved = new Map<string, ChatRef>();

  constructor(
    private readonly ledger: OutboxLedger | undefined,
    private readonly log: Logger,
    private readonly queues: Queues,
  ) {}

  /** The chat that queue id `platform|chatId` moved to, if it did. */
  movedTo(id: string): ChatRef | undefined {
    return this.moved.size > 0 ? this.moved.get(id) : undefined;
  }

  /** Nothing more goes to this chat until move(); safe to call more than once. */
  hold(adapter: Adapter, chat: ChatRef): void {
    if (this.moved.has(`${adapter.platform}|${chat.chatId}`)) return;
    this.queues.queue(adapter, chat).held = true;
  }

  /**
   * The community moved from chat `from` to `to` and its records are re-addressed, durably: what
   * was queued for `from` goes to `to`, every later message for `from` too, and `live` (the moved
   * live records: cards) is shown in `to` afresh, as a new message (a message id of the old chat
   * means nothing in the new one). A second call for the same chat only shows `live`.
   */
  move(adapter: Adapter, from: ChatRef, to: ChatRef, live: readonly OutboxMessage[]): void {
    const id = `${adapter.platform}|${from.chatId}`;
    if (!this.moved.has(id)) {
      const old = this.queues.queue(adapter, from);
      this.moved.set(id, to);
      // Kept, held and empty: an item in flight there still counts as busy, and goes to `to` if refused.
      old.held = true;
      old.movedTo = to;
      for (const state of old.live.values()) state.cancelTimer?.();
      old.live.clear();
      // Live items come back from their records below, under their moved keys.
      const items = old.items.splice(0).filter((item) => item.kind !== 'live');
      this.queues.queue(adapter, to).items.push(...items);
      old.wake?.();
    }
    for (const record of live) {
      const render = this.ledger?.liveRender(record, adapter);
      if (render) this.queues.restoreLive(adapter, record.key!, to, record, render);
    }
    const target = this.queues.queue(adapter, to);
    if (target.items.length > 0) this.queues.pump(target);
    this.queues.notifyIdle();
  }

  /** An item its chat refused as moved (Courier): back in line until the move, or on to the new chat. */
  refused(queue: ChatQueue, item: Item): void {
    // A live item is shown again from its record after the move.
    if (item.kind === 'live') return;
    if (!queue.movedTo) {
      queue.items.unshift(item);
      return;
    }
    const target = this.queues.queue(queue.adapter, queue.movedTo);
    target.items.push(item);
    this.queues.pump(target);
  }

  /**
   * The bot was removed from this group: what is queued there and every record owed there is
   * dropped (it can never be delivered), with a log line.
   */
  drop(adapter: Adapter, chat: ChatRef): void {
    const queue = this.queues.existing(adapter, chat.chatId);
    let dropped = 0;
    if (queue) {
      for (const state of queue.live.values()) state.cancelTimer?.();
      dropped = queue.items.length + queue.live.size;
      queue.live.clear();
      queue.items.length = 0;
      queue.wake?.();
    }
    dropped = Math.max(dropped, this.ledger?.dropChat(adapter, chat) ?? 0);
    if (dropped > 0)
      this.log.info(
        { chat: chat.chatId, dropped },
        'the bot was removed from this group: messages owed there dropped (they can never be delivered)',
      );
    this.queues.notifyIdle();
  }
}
