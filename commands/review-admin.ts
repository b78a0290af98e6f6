import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { dealCode } from '../src/services/deals.js';
import { hideReview, replyToReview, reviewId, unhideReview } from '../src/services/reviews.js';
import type { AuditEntry, Community, Deal, Review } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { namedMember } from './member-arg.js';
import { sendPrivately } from './notice-delivery.js';
import { sendVia } from './payment-notices.js';
import { paymentText } from './payment-text.js';
import { reviewText } from './review-text.js';

/**
 * Admins and reviews: a reply under a member's review (the member is told privately), hiding one
 * with a reason (in /audit) and showing it again. No admin command writes or changes a review's
 * stars or words: a review is its author's.
 */

/** The deal and the review of the member an admin command names, or undefined after saying why not. */
function namedReview(
  ctx: GroupContext,
  no: number,
  typed: string,
): { deal: Deal; review: Review; label: string } | undefined {
  const deal = dealOrReply(ctx, no);
  if (!deal) return undefined;
  const named = namedMember(ctx, ctx.community.id, typed, dealText(ctx.locale).noMember);
  if (!named) return undefined;
  const review = ctx.tables.reviews.get(reviewId(deal.id, named.member.userId));
  if (!review) {
    ctx.reply(reviewText(ctx.locale).noReview(named.label, deal.no));
    return undefined;
  }
  return { deal, review, label: named.label };
}

/** The named review and the words the command needs (`ask`: how to give them, when none were). */
function reviewAndWords(
  ctx: GroupContext,
  args: { deal: number; member: string; text?: string | undefined },
  ask: (no: number, label: string) => string,
): { deal: Deal; review: Review; label: string; words: string } | undefined {
  const found = namedReview(ctx, args.deal, args.member);
  if (!found) return undefined;
  const words = args.text?.trim() ?? '';
  if (words) return { ...found, words };
  ctx.reply(ask(found.deal.no, found.label));
  return undefined;
}

/** What the admin commands with words share: `#3 @member TEXT`, in the group. */
const withWords = {
  role: 'admin' as const,
  scope: 'group' as const,
  args: z.object({
    deal: dealCode,
    member: z.string().min(1).max(64),
    text: z.string().max(4000).optional(),
  }),
  positional: ['deal' as const, 'member' as const, 'text' as const],
  rest: 'text' as const,
};

export const reviewReplyCommand = defineCommand({
  name: 'review reply',
  keywords: ['回复评价', '评价 回复'],
  ...withWords,
  help: helpText(
    "answer a member's review (shown under it; the member is told privately)",
    '回复成员的评价（显示在评价下方，并私信告知该成员）',
    '/review reply #3 @member TEXT',
    ['/review reply #3 @alice thanks, see you next week', '回复评价 #3 @alice 谢谢支持'],
    '回复评价 #3 @成员 内容',
  ),
  run(ctx, args) {
    const t = reviewText(ctx.locale);
    const found = reviewAndWords(ctx, args, t.replyNeeded);
    if (!found) return;
    const { deal, review, label, words: text } = found;
    const outcome = ctx.mutate((tx) => replyToReview(tx, review, text, ctx.sender.id, ctx.clock.now()));
    if (outcome.kind === 'too_long') return ctx.reply(t.tooLong(outcome.max, text.length));
    ctx.reply(t.replied(label, deal.no));
    // News for the author only where a private chat exists: the reply is in /reviews for everyone.
    const notice = reviewText(ctx.community.locale).tellReplied(deal.no, deal.title, text);
    sendPrivately(ctx.adapter, [{ userId: review.userId, text: notice }], sendVia(ctx));
  },
});

export const reviewHideCommand = defineCommand({
  name: 'review hide',
  keywords: ['隐藏评价', '评价 隐藏'],
  ...withWords,
  help: helpText(
    'hide a review from the list and the average, with a reason (kept in /audit)',
    '隐藏一条评价（不再显示、不计入平均分），须写原因（记入审计）',
    '/review hide #3 @member REASON',
    ['/review hide #3 @bob phone number in it', '隐藏评价 #3 @bob 含有电话号码'],
    '隐藏评价 #3 @成员 原因',
  ),
  run(ctx, args) {
    const t = reviewText(ctx.locale);
    const found = reviewAndWords(ctx, args, t.reasonNeeded);
    if (!found) return;
    const { deal, review, label, words: reason } = found;
    if (reason.length > 300) return ctx.reply(t.tooLong(300, reason.length));
    const outcome = ctx.mutate((tx) => hideReview(tx, review, reason, ctx.sender.id, ctx.clock.now()));
    ctx.reply(outcome.kind === 'hidden' ? t.hidden(label, deal.no) : t.alreadyHidden(label, deal.no));
  },
});

export const reviewUnhideCommand = defineCommand({
  name: 'review unhide',
  keywords: ['恢复评价', '评价 恢复'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode, member: z.string().min(1).max(64) }),
  positional: ['deal', 'member'],
  help: helpText(
    'show a hidden review again (kept in /audit)',
    '恢复显示被隐藏的评价（记入审计）',
    '/review unhide #3 @member',
    ['/review unhide #3 @bob', '恢复评价 #3 @bob'],
    '恢复评价 #3 @成员',
  ),
  run(ctx, args) {
    const t = reviewText(ctx.locale);
    const found = namedReview(ctx, args.deal, args.member);
    if (!found) return;
    const { deal, review, label } = found;
    const outcome = ctx.mutate((tx) => unhideReview(tx, review, ctx.sender.id, ctx.clock.now()));
    ctx.reply(outcome.kind === 'shown' ? t.shown(label, deal.no) : t.notHidden(label, deal.no));
  },
});

export const reviewAdminCommands = [reviewReplyCommand, reviewHideCommand, reviewUnhideCommand];

/**
 * A review action of `/audit` as one line, worded like money's: `… #3 review hidden (reason) ·
 * bob — by owner`; undefined for other actions. `at`, `by`: as the group reads them.
 */
export function reviewAuditLine(
  locale: Locale,
  tables: Tables,
  _community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (entry.action !== 'review_hidden' && entry.action !== 'review_shown') return undefined;
  const t = reviewText(locale);
  const review = entry.ref === undefined ? undefined : tables.reviews.get(entry.ref);
  const deal = review && tables.deals.get(review.dealId);
  const no = deal ? `#${deal.no}` : '';
  const what = entry.action === 'review_hidden' ? t.auditHidden(no, entry.reason ?? '') : t.auditShown(no);
  return paymentText(locale).audit(at, what.trim(), showName(entry.name), by);
}
