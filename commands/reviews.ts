import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Outgoing } from '../src/core/adapter.js';
import { defineCommand, roleAllows } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { ImageRef } from '../src/core/events.js';
import type { Feature } from '../src/core/feature.js';
import { removeImage, takeImages } from '../src/core/images.js';
import { showName } from '../src/core/names.js';
import { dealCode } from '../src/services/deals.js';
import { attachReviewPhoto, isShown, reviewAwaitingPhoto, writeReview } from '../src/services/reviews.js';
import { dataPath, resolveDataPath } from '../src/store/payment-files.js';
import { reviewPhotoBase } from '../src/store/review-files.js';
import type { Deal, Review } from '../src/store/schema.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { CLAIM_NOTED } from './payment-claim.js';
import type { PictureWait } from './picture-waits.js';
import { receivePicture } from './pictures.js';
import { reviewAdminCommands } from './review-admin.js';
import { reviewList, reviewPhotos } from './review-list.js';
import { reviewText, starsOf } from './review-text.js';

/**
 * Reviews from members who got their goods (评价): `/review #3 5 很甜` writes one, once, with a
 * photo attached or sent within 10 minutes; `/reviews #3` lists them (`photos` sends the photos);
 * admins reply and hide (commands/review-admin.ts). The rules are src/services/reviews.ts.
 */

/** Reads stars as members write them: `5`, `５`, `5星`, `五星`, `★★★★★`, `⭐⭐⭐`; undefined otherwise. */
export function parseStars(word: string): number | undefined {
  const text = word
    .trim()
    .replace(/\uFE0F/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const digit = /^([1-5])\s*(?:星|颗星|分|stars?)?$/i.exec(text);
  if (digit) return Number(digit[1]);
  const zh = /^([一二三四五])\s*(?:星|颗星)$/.exec(text);
  if (zh) return '一二三四五'.indexOf(zh[1]!) + 1;
  const drawn = /^[★⭐]{1,5}$/u.exec(text);
  return drawn ? [...text].length : undefined;
}

/** A line of the deal's batched reviews notice: where the platform has no reactions, one message for many. */
function acknowledgeReview(ctx: GroupContext, deal: Deal, line: string): void {
  ctx.acknowledge(`reviews:${deal.id}`, dealText(ctx.locale).ackHeader(deal.no, deal.title), line);
}

/**
 * Keeps `image` as the photo of `review`, or says why not. Kept: said quietly (a 👌, in private a
 * line), unless `acknowledged` (the review it came with was just acknowledged in the group).
 */
async function keepPhoto(
  ctx: GroupContext,
  deal: Deal,
  review: Review,
  image: ImageRef,
  acknowledged: boolean,
): Promise<void> {
  const t = reviewText(ctx.locale);
  const now = ctx.clock.now();
  const base = reviewPhotoBase(ctx.dataDir, ctx.community.id, ctx.sender.id, deal.no, now);
  const saved = await receivePicture(ctx, image, base, { unchanged: t.photoNotKept });
  if (!saved) return;
  const kept = ctx.mutate((tx) => attachReviewPhoto(tx, review, dataPath(ctx.dataDir, saved.path)));
  // Written over or gone while the picture was fetched: nothing to keep it with.
  if (!kept) return removeImage(saved.path);
  if (ctx.chat.kind !== 'group') ctx.reply(t.photoKept(deal.no));
  else if (!acknowledged && !ctx.react(CLAIM_NOTED)) {
    // A writer who keeps their reviews private is not named in the group's notice (see below).
    if (isShown(ctx.tables, kept)) acknowledgeReview(ctx, deal, t.photoLine(showName(review.name)));
    else ctx.dm({ kind: 'text', text: t.photoKept(deal.no) }, { onUnreachable: 'hold' });
  }
}

export const reviewCommand = defineCommand({
  name: 'review',
  keywords: ['评价'],
  role: 'member',
  personal: true,
  scope: 'group',
  args: z.object({
    deal: dealCode,
    stars: z.string().max(40),
    // Longer than the limit, so a long text is told its length rather than refused as an argument.
    text: z.string().max(4000).optional(),
  }),
  positional: ['deal', 'stars', 'text'],
  rest: 'text',
  help: {
    en: {
      summary: 'rate a deal you picked up: 1–5 stars and a few words, once',
      usage: '/review #3 STARS [TEXT]',
      examples: ['/review #3 5 very sweet, will buy again', '/review #3 ★★★★ tasty'],
    },
    zh: {
      summary: '评价已提货的团购：1–5 星加几句话，每人一次',
      usage: '评价 #3 星级 [内容]',
      examples: ['评价 #3 5星 很甜，下次还买', '评价 #3 ★★★★ 好吃'],
    },
  },
  async run(ctx, args) {
    const t = reviewText(ctx.locale);
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    // `/review #3 @bob 1`: a review is the writer's own, nobody reviews for (or about) a member.
    if (/^[@＠]/.test(args.stars)) return ctx.reply(t.notYours(deal.no));
    // Stars not read are 0: who may not review is told that first, the stars after.
    const stars = parseStars(args.stars) ?? 0;
    const [image] = takeImages(ctx.event);
    const name = ctx.member?.name ?? ctx.sender.name;
    const text = args.text ?? '';
    const outcome = ctx.mutate((tx) =>
      writeReview(tx, deal, { userId: ctx.sender.id, name }, { stars, text }, ctx.clock.now()),
    );
    switch (outcome.kind) {
      case 'no_order':
        return ctx.reply(t.noOrder(deal.no));
      case 'not_picked_up':
        return ctx.reply(t.notPickedUp(deal.no));
      case 'already':
        return ctx.reply(t.already(deal.no, starsOf(outcome.review.stars)));
      case 'bad_stars':
        return ctx.reply(t.badStars(deal.no));
      case 'too_long':
        return ctx.reply(t.tooLong(outcome.max, text.trim().length));
    }
    // Shown to the group under the writer's name only with the `reviews` purpose on (/privacy,
    // read now); otherwise kept for the organiser, and the writer is told so privately, with how
    // to make it public: the bot never repeats it in the group under their name.
    const shown = isShown(ctx.tables, outcome.review);
    const written = shown ? t.written(deal.no, starsOf(stars)) : t.writtenPrivate(deal.no, starsOf(stars));
    // Quiet in the group: a 👌 on the message, or one batched notice where there are no reactions.
    if (ctx.chat.kind !== 'group') ctx.reply(written);
    else if (!shown) {
      ctx.react(CLAIM_NOTED);
      ctx.dm({ kind: 'text', text: written }, { onUnreachable: 'hold' });
    } else if (!ctx.react(CLAIM_NOTED))
      acknowledgeReview(ctx, deal, t.ackLine(showName(name), starsOf(stars)));
    if (image) await keepPhoto(ctx, deal, outcome.review, image, true);
  },
});

/** A member's review within 10 minutes that has no photo: their next picture is its photo (picture-waits.ts). */
export function reviewPictureWait(ctx: GroupContext): PictureWait | undefined {
  if (ctx.sender.persona) return undefined;
  const review = reviewAwaitingPhoto(ctx.tables, ctx.community.id, ctx.sender.id, ctx.clock.now());
  const deal = review && ctx.tables.deals.get(review.dealId);
  if (!review || !deal) return undefined;
  return {
    kind: 'review',
    at: Date.parse(review.createdAt),
    keep: (images) => keepPhoto(ctx, deal, review, images[0]!, false),
  };
}

export const reviewsCommand = defineCommand({
  name: 'reviews',
  keywords: ['查看评价'],
  role: 'member',
  scope: 'group',
  args: z.object({ deal: dealCode, view: z.enum(['photos', '照片', '图片']).optional() }),
  positional: ['deal', 'view'],
  help: {
    en: {
      summary: "a deal's reviews and average stars",
      usage: '/reviews #3 [photos]',
      examples: ['/reviews #3', '/reviews #3 photos'],
    },
    zh: {
      summary: '团购的评价和平均星级',
      usage: '查看评价 #3 [照片]',
      examples: ['查看评价 #3', '查看评价 #3 照片'],
    },
  },
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const admin = roleAllows(ctx.role, 'admin');
    if (!args.view) return ctx.reply(reviewList(ctx, deal, admin));
    const t = reviewText(ctx.locale);
    const shown = reviewPhotos(ctx.tables, deal);
    if (shown.length === 0) return ctx.reply(t.noPhotos(deal.no));
    // The pictures go to whoever asked, privately: asking in the group posts one short line there.
    const dm = (out: Outgoing) => ctx.dm(out, { onUnreachable: 'hold' });
    for (const review of shown) {
      const path = resolveDataPath(ctx.dataDir, review.photo!);
      const name = showName(review.name);
      const caption = t.photoCaption(name, starsOf(review.stars), review.text);
      if (!path || !existsSync(path)) dm({ kind: 'text', text: t.photoGone(name) });
      else if (ctx.adapter.capabilities.images) dm({ kind: 'image', path, caption });
      else dm({ kind: 'text', text: caption });
    }
    if (ctx.chat.kind === 'group' && ctx.adapter.directChat) ctx.reply(t.photosSent(shown.length, deal.no));
  },
});

export const reviewsFeature: Feature = {
  name: 'reviews',
  commands: [reviewCommand, reviewsCommand, ...reviewAdminCommands],
  messages: [reviewText],
};
