import type { Deal, Review } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { hasConsent } from './consent.js';

/**
 * Reviews from buyers who got their goods (评价): only the orderer (Order.userId) of a line that was
 * picked up or delivered may review the deal, once, 1–5 stars with words and an optional picture.
 * Nobody writes or edits another member's review, and there is no way to add one for someone (no
 * import, no admin path): every review is a verified purchase. Admins may answer one and hide one
 * with a reason (audited). Plain functions over state with typed outcomes; no chat wording.
 */

/** The most words a review or a reply may have, in characters. */
export const MAX_REVIEW_TEXT = 500;
/** How long after writing a review its author's next picture is taken as its photo. */
export const REVIEW_PHOTO_WINDOW_MS = 10 * 60_000;

/** One member's review of one deal: `${dealId}/${userId}`. */
export function reviewId(dealId: string, userId: string): string {
  return `${dealId}/${userId}`;
}

/** Who writes: the member's platform user id and name as the group knows them. */
export interface Author {
  userId: string;
  name: string;
}

export type WriteOutcome =
  | { kind: 'written'; review: Review }
  /** The member has no line of their own in the deal. */
  | { kind: 'no_order' }
  /** They have lines, none picked up or delivered yet. */
  | { kind: 'not_picked_up' }
  /** They reviewed this deal before: a review is written once and never edited. */
  | { kind: 'already'; review: Review }
  | { kind: 'bad_stars' }
  | { kind: 'too_long'; max: number };

/** Whether the member ordered a line of the deal themselves that was picked up or delivered. */
export function mayReview(tables: Tables, deal: Deal, userId: string): 'yes' | 'no_order' | 'not_picked_up' {
  const lines = tables.orders.by('dealBuyer', `${deal.id}|${userId}`);
  if (lines.length === 0) return 'no_order';
  return lines.some((o) => o.deliveredAt !== undefined) ? 'yes' : 'not_picked_up';
}

/** A member's review of a deal (`/review #3 5 很甜`): the refusals change nothing. */
export function writeReview(
  tx: Tx,
  deal: Deal,
  author: Author,
  input: { stars: number; text: string; photo?: string },
  now: Date,
): WriteOutcome {
  const allowed = mayReview(tx.tables, deal, author.userId);
  if (allowed !== 'yes') return { kind: allowed };
  const existing = tx.get('reviews', reviewId(deal.id, author.userId));
  if (existing) return { kind: 'already', review: existing };
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) return { kind: 'bad_stars' };
  const text = input.text.trim();
  if (text.length > MAX_REVIEW_TEXT) return { kind: 'too_long', max: MAX_REVIEW_TEXT };
  const review: Review = {
    id: reviewId(deal.id, author.userId),
    communityId: deal.communityId,
    dealId: deal.id,
    userId: author.userId,
    name: author.name,
    stars: input.stars,
    text,
    createdAt: now.toISOString(),
  };
  if (deal.templateId !== undefined) review.templateId = deal.templateId;
  if (input.photo !== undefined) review.photo = input.photo;
  return { kind: 'written', review: tx.put('reviews', review) };
}

/**
 * The member's review written within REVIEW_PHOTO_WINDOW_MS and still without a photo, newest
 * first: the one their next picture belongs to.
 */
export function reviewAwaitingPhoto(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
): Review | undefined {
  const since = now.getTime() - REVIEW_PHOTO_WINDOW_MS;
  let found: Review | undefined;
  for (const order of tables.orders.by('buyer', `${communityId}/${userId}`)) {
    const review = tables.reviews.get(reviewId(order.dealId, userId));
    if (!review || review.photo !== undefined || Date.parse(review.createdAt) <= since) continue;
    if (!found || review.createdAt > found.createdAt) found = review;
  }
  return found;
}

/** Keeps `photo` with a review that has none yet; undefined when it has one by now (or is gone). */
export function attachReviewPhoto(tx: Tx, review: Review, photo: string): Review | undefined {
  const current = tx.get('reviews', review.id);
  if (!current || current.photo !== undefined) return undefined;
  return tx.put('reviews', { ...current, photo });
}

export type ReplyOutcome = { kind: 'replied'; review: Review } | { kind: 'too_long'; max: number };

/** The shop's answer under a review (a second one replaces the first). */
export function replyToReview(tx: Tx, review: Review, text: string, by: string, now: Date): ReplyOutcome {
  const words = text.trim();
  if (words.length > MAX_REVIEW_TEXT) return { kind: 'too_long', max: MAX_REVIEW_TEXT };
  return {
    kind: 'replied',
    review: tx.put('reviews', { ...review, reply: { text: words, by, at: now.toISOString() } }),
  };
}

export type HideOutcome =
  | { kind: 'hidden'; review: Review }
  | { kind: 'shown'; review: Review }
  | { kind: 'already_hidden'; review: Review }
  | { kind: 'not_hidden'; review: Review };

/** Hides a review from lists and averages, with the reason, in the audit (`review_hidden`). */
export function hideReview(tx: Tx, review: Review, reason: string, by: string, now: Date): HideOutcome {
  if (review.hidden) return { kind: 'already_hidden', review };
  const at = now.toISOString();
  const hidden = tx.put('reviews', { ...review, hidden: { reason: reason.trim(), by, at } });
  auditReview(tx, hidden, 'review_hidden', by, at, reason.trim());
  return { kind: 'hidden', review: hidden };
}

/** Shows a hidden review again (`review_shown` in the audit). */
export function unhideReview(tx: Tx, review: Review, by: string, now: Date): HideOutcome {
  if (!review.hidden) return { kind: 'not_hidden', review };
  const { hidden: _hidden, ...shown } = review;
  const kept = tx.put('reviews', shown);
  auditReview(tx, kept, 'review_shown', by, now.toISOString());
  return { kind: 'shown', review: kept };
}

function auditReview(
  tx: Tx,
  review: Review,
  action: 'review_hidden' | 'review_shown',
  by: string,
  at: string,
  reason?: string,
): void {
  writeAudit(tx, review.id, {
    communityId: review.communityId,
    at,
    action,
    userId: review.userId,
    name: review.name,
    by,
    ref: review.id,
    ...(reason ? { reason } : {}),
  });
}

/** A deal's reviews, hidden ones too, newest first. */
export function dealReviews(tables: Tables, dealId: string): Review[] {
  return tables.reviews.by('deal', dealId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Average stars (rounded to one decimal) and how many reviews, hidden ones left out. */
export interface ReviewSummary {
  average: number;
  count: number;
}

/** The summary of reviews, hidden ones left out; count 0 (average 0) when none is shown. */
export function summarize(reviews: Iterable<Review>): ReviewSummary {
  let count = 0;
  let stars = 0;
  for (const review of reviews) {
    if (review.hidden) continue;
    count++;
    stars += review.stars;
  }
  return { count, average: count === 0 ? 0 : Math.round((stars / count) * 10) / 10 };
}

/**
 * Whether the group may see a review under its writer's name: not hidden by an admin, and its
 * writer has the `reviews` purpose on now (read at each showing, so a withdrawal hides all of their
 * reviews at once; reviews written before the purpose existed follow the same rule). A review
 * not shown is kept for the organiser, who sees it in a private chat.
 */
export function isShown(tables: Tables, review: Review): boolean {
  return !review.hidden && hasConsent(tables, review.communityId, review.userId, 'reviews');
}

/**
 * Every review of the product a template stands for: of deals made from (or saved as) it, also
 * those written before the deal was saved as the template, and of deals since moved to another.
 */
export function templateReviews(tables: Tables, communityId: string, templateId: string): Review[] {
  const found = new Map<string, Review>();
  for (const review of tables.reviews.by('template', templateId)) found.set(review.id, review);
  for (const deal of tables.deals.by('community', communityId))
    if (deal.templateId === templateId)
      for (const review of tables.reviews.by('deal', deal.id)) found.set(review.id, review);
  return [...found.values()];
}

/**
 * /forget of an admin: their id in the replies and hidings of others' reviews (nested, where the
 * generic rewrite does not look) becomes their pseudonym. Their own reviews are deleted apart.
 */
export function forgetReviewActor(tx: Tx, communityId: string, userId: string, anon: string): void {
  for (const review of [...tx.tables.reviews.values()]) {
    if (review.communityId !== communityId) continue;
    const reply = review.reply?.by === userId ? { ...review.reply, by: anon } : review.reply;
    const hidden = review.hidden?.by === userId ? { ...review.hidden, by: anon } : review.hidden;
    if (reply !== review.reply || hidden !== review.hidden)
      tx.put('reviews', { ...review, ...(reply ? { reply } : {}), ...(hidden ? { hidden } : {}) });
  }
}
