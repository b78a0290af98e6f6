import { type Adapter, RateLimitedError } from '../adapter.js';
import type { Clock } from '../clock.js';
import type { ChatRef } from '../events.js';
import type { Logger } from '../logger.js';
import { windowWait } from './pacing.js';

/** Tries of a reaction the platform said to slow down for, before it is given up. */
const MAX_TRIES = 3;
/** A reaction that waited longer is dropped: by then the card has shown the order. */
const MAX_WAIT_MS = 30_000;

interface Reaction {
  chat: ChatRef;
  messageId: string;
  emoji: string;
  tries: number;
  at: number;
}

interface AdapterQueue {
  items: Reaction[];
  running: boolean;
  sentAt: number[];
}

/**
 * Reactions on members' messages (👌 on an order). A courtesy, not a promise: the card shows the
 * order too, so they are not stored and a reaction refused for good is only logged. But they are
 * API calls like any other: paced per adapter to half its overall per-second limit (the other half
 * stays with messages), and a rate-limit reply is waited out and retried, so a burst of 200 orders
 * does not spend Telegram's budget in a second and come back as 200 refusals.
 */
export class ReactionQueue {
  private readonly queues = new Map<Adapter, AdapterQueue>();

  /** `closed`: a chat nothing can be sent to (the bot was removed from the group): its reactions are dropped. */
  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly closed: (chat: ChatRef) => boolean = () => false,
  ) {}

  add(adapter: Adapter, chat: ChatRef, messageId: string, emoji: string): void {
    if (!adapter.react || this.closed(chat)) return;
    let queue = this.queues.get(adapter);
    if (!queue) {
      queue = { items: [], running: false, sentAt: [] };
      this.queues.set(adapter, queue);
    }
    queue.items.push({ chat, messageId, emoji, tries: 0, at: this.clock.now().getTime() });
    if (!queue.running) void this.drain(adapter, queue);
  }

  private async drain(adapter: Adapter, queue: AdapterQueue): Promise<void> {
    queue.running = true;
    const perSecond = Math.floor(adapter.capabilities.pacing.globalPerSecond / 2);
    try {
      while (queue.items.length > 0) {
        const now = this.clock.now().getTime();
        const wait = perSecond > 0 ? windowWait(queue.sentAt, perSecond, 1_000, now) : 0;
        if (wait > 0) {
          await this.sleep(wait);
          continue;
        }
        const item = queue.items.shift()!;
        // Queued before the bot was found removed from the group: every one would be a 403.
        if (this.closed(item.chat)) continue;
        if (now - item.at > MAX_WAIT_MS) {
          this.log.info(
            { chat: item.chat.chatId },
            'reaction dropped: waited too long, the card shows the order',
          );
          continue;
        }
        if (perSecond > 0) queue.sentAt.push(now);
        try {
          await adapter.react!(item.chat, item.messageId, item.emoji);
        } catch (error) {
          if (error instanceof RateLimitedError && ++item.tries < MAX_TRIES) {
            queue.items.unshift(item);
            await this.sleep(error.retryAfterMs);
          } else {
            this.log.warn(
              { err: error, chat: item.chat.chatId },
              'reaction refused; the card shows the order',
            );
          }
        }
      }
    } finally {
      queue.running = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimer(resolve, ms));
  }
}
