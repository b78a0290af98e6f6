import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { ImageRef } from '../src/core/events.js';
import type { Feature, ImageHandler } from '../src/core/feature.js';
import { ticketPictureWait } from './aftersale.js';
import { dealPhotoWait, dealPhotoWorkDone, hintDealPhoto } from './deal-photos.js';
import { setupPictureWait } from './pay.js';
import { claimPictureWait } from './payment-proofs.js';
import { pictureWaitText } from './picture-wait-text.js';
import { reviewPictureWait } from './reviews.js';

/**
 * Which request a member's next picture (sent alone) answers when several wait for one: an
 * after-sales ticket (its photos), a payment claim (its screenshot), a review (its photo), an
 * admin's deal photos (`/deal edit #3 photo`, the rest of an album after `/deal new`) and payment
 * code (`/pay setup`). One picture handler looks each kind's wait up once (each with its own
 * window) and gives the picture to the most recent request: an admin who buys in their own deal
 * and sends `已付 #1` after `改团 #1 图片` has their screenshot kept as the claim's, not posted as
 * the deal's photo. The earlier requests still wait; when more than one did, the answer says what
 * the picture was taken as.
 */

/** The kinds of request that wait for a member's picture. */
export type PictureKind = 'ticket' | 'proof' | 'review' | 'deal' | 'setup';

/** A request waiting for the sender's picture: when it was made (ms) and how the picture is kept. */
export interface PictureWait {
  kind: PictureKind;
  at: number;
  /** Keeps the pictures (or answers why not); `text`: their caption. */
  keep(images: readonly ImageRef[], text: string): Promise<void>;
  /** Whether a captioned picture is its own before the caption is read (`/pay setup`'s: the caption is its text). */
  takesCaption?: boolean;
}

/** Each kind's lookup: the sender's request of that kind still waiting, if any. */
type WaitLookup = (ctx: GroupContext) => PictureWait | undefined;
const LOOKUPS: readonly WaitLookup[] = [
  ticketPictureWait,
  claimPictureWait,
  reviewPictureWait,
  dealPhotoWait,
  setupPictureWait,
];

/** A picture sent alone: the newest request waiting for the sender's picture takes it. */
export const pictureHandler: ImageHandler = async (ctx, images, text, stage) => {
  if (!inCommunity(ctx)) return false;
  // After the admin's photo work under way: the first picture of an album may be opening a deal.
  await dealPhotoWorkDone(ctx);
  const waits = LOOKUPS.map((find) => find(ctx)).filter((w): w is PictureWait => w !== undefined);
  const newest = waits.reduce<PictureWait | undefined>((a, b) => (a && a.at >= b.at ? a : b), undefined);
  // None: an admin who just opened a deal without photos is told how to give it some (WeChat).
  if (!newest) return text === '' && hintDealPhoto(ctx);
  // A captioned picture waits until its caption was read: it may be a command of its own (`已付#4`).
  if (stage === 'before' && text !== '' && !newest.takesCaption) return false;
  await newest.keep(images, text);
  if (waits.length > 1) ctx.reply(pictureWaitText(ctx.locale)[newest.kind]);
  return true;
};

export const picturesFeature: Feature = {
  name: 'pictures',
  messages: [pictureWaitText],
  onImage: [pictureHandler],
};
