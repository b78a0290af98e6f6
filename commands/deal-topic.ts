import type { SendOptions } from '../src/core/outbox.js';
import type { Deal } from '../src/store/schema.js';

/**
 * Where a deal's notices go, apart from the deal jobs so that leaf modules (notice-delivery.ts)
 * can use it without importing the jobs and, through them, the payment notices.
 */

/** Where a deal's notices go: the forum topic or thread it was opened in (else the chat itself). */
export function inDealTopic(deal: Deal): SendOptions {
  return deal.threadId !== undefined ? { origin: { threadId: deal.threadId } } : {};
}
