import type { Capabilities } from '../adapter.js';
import type { Priority } from './delivery.js';

/** A card held back this long is sent as if it were a reply: card updates are never starved. */
export const CARD_MAX_WAIT_MS = 10_000;
/** A notice held back this long competes with cards. */
export const NOTICE_MAX_WAIT_MS = 60_000;

/** 0 = reply, 1 = card, 2 = notice; lower goes first. Waiting long enough raises an item a rank. */
export function rankOf(priority: Priority, waitedMs: number): number {
  if (priority === 'reply') return 0;
  if (priority === 'card') return waitedMs >= CARD_MAX_WAIT_MS ? 0 : 1;
  return waitedMs >= NOTICE_MAX_WAIT_MS ? 1 : 2;
}

/** How many of a chat's per-minute messages only rank-0 items may use. */
export function replyReserve(pacing: Capabilities['pacing']): number {
  const { perChatPerMinute, replyReserve } = pacing;
  if (perChatPerMinute <= 0) return 0;
  const reserve = replyReserve ?? Math.min(5, Math.floor(perChatPerMinute / 4));
  return Math.max(0, Math.min(reserve, perChatPerMinute - 1));
}

/** Least time between two updates of one card so cards alone stay within the budget left after the reserve. */
export function cardInterval(pacing: Capabilities['pacing']): number {
  const budget = pacing.perChatPerMinute - replyReserve(pacing);
  return pacing.perChatPerMinute > 0 && budget > 0 ? Math.ceil(60_000 / budget) : 0;
}

/**
 * How long until a chat may take one more message of this rank: the minimum gap since its last
 * message, and its per-minute budget (less the reply reserve for cards and notices). `sentAt` is
 * the chat's message times (ms, oldest first); entries older than a minute are dropped from it.
 * `posts`: how many platform posts the message takes (Adapter.cost); all must fit the budget.
 * `startedAt` (ms): when this process began sending. A chat it has not written to yet keeps the gap
 * from then, since the process before it may have written there just before it stopped.
 */
export function chatWait(
  sentAt: number[],
  pacing: Capabilities['pacing'],
  rank: number,
  now: number,
  posts = 1,
  startedAt = Number.NEGATIVE_INFINITY,
): number {
  const gap = pacing.minGapMs ?? 0;
  const last = sentAt[sentAt.length - 1] ?? startedAt;
  const gapWait = gap > 0 ? last + gap - now : 0;
  const limit = rank === 0 ? pacing.perChatPerMinute : pacing.perChatPerMinute - replyReserve(pacing);
  // Room for every post at once; a message longer than the whole budget waits for an empty minute.
  const room = limit > 0 ? Math.max(1, limit - posts + 1) : limit;
  return Math.max(gapWait, windowWait(sentAt, room, 60_000, now));
}

/** How long until one more event fits in a sliding window of `limit` events per `windowMs`. */
export function windowWait(times: number[], limit: number, windowMs: number, now: number): number {
  if (limit <= 0) return 0;
  // The last event is kept for the gap check even when the window has moved past it.
  while (times.length > 1 && times[0]! <= now - windowMs) times.shift();
  const inWindow = times.length === 1 && times[0]! <= now - windowMs ? 0 : times.length;
  if (inWindow < limit) return 0;
  return times[times.length - limit]! + windowMs - now;
}
