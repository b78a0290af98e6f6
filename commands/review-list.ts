import type { Context } from '../src/core/context.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import {
  dealReviews,
  isShown,
  mayReview,
  reviewId,
  summarize,
  templateReviews,
} from '../src/services/reviews.js';
import type { Deal, Review } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { reviewText, starsOf } from './review-text.js';

/** The mark of a review with a photo, in both languages. */
const PHOTO_MARK = '📷';
/** Photos `/reviews #3 photos` sends at most (each is a message in the chat). */
const MAX_PHOTOS = 5;

/**
 * `★ 4.6（23 条评价）` for a deal made from a template whose product has reviews the group may see
 * (isShown: not hidden, made public by their writers): the card's line. Undefined for a deal of no
 * template, or one whose product has none yet.
 */
export function ratingLine(locale: Locale, tables: Tables, deal: Deal): string | undefined {
  if (deal.templateId === undefined) return undefined;
  const { count, average } = summarize(
    templateReviews(tables, deal.communityId, deal.templateId).filter((r) => isShown(tables, r)),
  );
  return count === 0 ? undefined : reviewText(locale).summary(average.toFixed(1), count);
}

/** One review as the list shows it: stars, name, date, words, 📷, and the shop's reply under it. */
function reviewLines(ctx: Context, review: Review, admin: boolean): string {
  const t = reviewText(ctx.locale);
  const day = review.createdAt.slice(0, 10);
  // Only an admin's private list holds reviews the group does not see: marked why.
  const hidden = !admin
    ? ''
    : review.hidden
      ? `${t.hiddenMark(review.hidden.reason)} `
      : isShown(ctx.tables, review)
        ? ''
        : `${t.privateMark} `;
  const sep = ctx.locale === 'zh' ? '：' : ': ';
  const words = review.text ? `${sep}${review.text}` : '';
  const photo = review.photo ? ` ${PHOTO_MARK}` : '';
  const head = `${hidden}${starsOf(review.stars)} ${showName(review.name)} · ${day}${words}${photo}`;
  return review.reply ? `${head}\n${t.replyLine(review.reply.text)}` : head;
}

/**
 * `/reviews #3`: the deal's average and count, the product's across its deals (a deal of a
 * template), then the reviews newest first, cut to fit one message. Only reviews the group may
 * see are listed and averaged (isShown): not hidden, and made public by their writers (the
 * `reviews` purpose, read now). An admin sees the others, marked, in a private chat only (a hidden
 * review may hold a phone number; a private one is its writer's choice): in the group, everyone is
 * told how many are not shown.
 */
export function reviewList(ctx: Context, deal: Deal, admin: boolean): string {
  const t = reviewText(ctx.locale);
  const all = dealReviews(ctx.tables, deal.id);
  const withHidden = admin && ctx.chat.kind !== 'group';
  const shown = all.filter((r) => withHidden || isShown(ctx.tables, r));
  const hiddenCount = admin && !withHidden ? all.filter((r) => r.hidden).length : 0;
  const privateCount = withHidden ? 0 : all.filter((r) => !r.hidden && !isShown(ctx.tables, r)).length;
  const hiddenLine = [
    ...(hiddenCount > 0 ? [t.hiddenCount(hiddenCount, deal.no)] : []),
    ...(privateCount > 0 ? [t.privateCount(privateCount)] : []),
  ];
  const { count, average } = summarize(all.filter((r) => isShown(ctx.tables, r)));
  if (shown.length === 0)
    return [privateCount > 0 ? t.noneShown(deal.no) : t.none(deal.no), ...hiddenLine].join('\n');
  // An admin's private list may hold only reviews the group does not see: no average of none.
  const summary =
    count > 0 ? `${ctx.locale === 'zh' ? '：' : ': '}${t.summary(average.toFixed(1), count)}` : '';
  const head = [`${t.header(deal.no, deal.title)}${summary}`];
  if (deal.templateId !== undefined) {
    const product = summarize(
      templateReviews(ctx.tables, deal.communityId, deal.templateId).filter((r) => isShown(ctx.tables, r)),
    );
    if (product.count > count) head.push(t.productSummary(product.average.toFixed(1), product.count));
  }
  if (shown.some((r) => r.photo && isShown(ctx.tables, r))) head.push(t.photosHint(deal.no));
  head.push(...hiddenLine);
  const max = ctx.adapter.capabilities.maxMessageLength;
  const lines: string[] = [];
  let size = head.join('\n').length;
  for (const [i, review] of shown.entries()) {
    const line = reviewLines(ctx, review, admin);
    const more = t.more(shown.length - i);
    // Room for this line, and for the "more" line should the next not fit.
    if (size + 1 + line.length + (i + 1 < shown.length ? 1 + more.length : 0) > max) {
      lines.push(more);
      break;
    }
    lines.push(line);
    size += 1 + line.length;
  }
  return [...head, ...lines].join('\n');
}

/** The reviews of a deal with a photo that `/reviews #3 photos` sends: shown ones (isShown), newest first. */
export function reviewPhotos(tables: Tables, deal: Deal): Review[] {
  return dealReviews(tables, deal.id)
    .filter((r) => r.photo && isShown(tables, r))
    .slice(0, MAX_PHOTOS);
}

/**
 * The line a member's private pickup receipt ends with: how to review the deal, while they may and
 * have not yet. Undefined otherwise (not their own line, or reviewed already).
 */
export function reviewInvite(locale: Locale, tables: Tables, deal: Deal, userId: string): string | undefined {
  if (mayReview(tables, deal, userId) !== 'yes' || tables.reviews.get(reviewId(deal.id, userId)))
    return undefined;
  return reviewText(locale).invite(deal.no);
}
