import type { Context } from '../src/core/context.js';
import type { ImageRef } from '../src/core/events.js';
import { type ImageSave, saveImage } from '../src/core/images.js';
import { payText } from './pay-text.js';

const MB = 1024 * 1024;

/**
 * Keeps a picture a member sent at `base` (+ its extension), owner-only; or answers, in the group's
 * language, why not (not a picture, too big, not fetchable) and what stays as it was, and returns
 * undefined, having written nothing. The one place pictures from chat are taken in: `/pay setup` and payment screenshots.
 */
export async function receivePicture(
  ctx: Context,
  image: ImageRef,
  base: string,
  /**
   * What the picture was for: the refusal says what stays as it was (`unchanged`: another feature's
   * own words for it, e.g. a review kept without its photo).
   */
  purpose: 'setup' | 'proof' | { unchanged: string },
): Promise<Extract<ImageSave, { kind: 'saved' }> | undefined> {
  const saved = await saveImage(ctx.adapter, image, base);
  if (saved.kind === 'saved') return saved;
  const t = payText(ctx.locale);
  const why =
    saved.kind === 'not_image'
      ? t.notImage
      : saved.kind === 'too_large'
        ? t.tooLarge(Math.round(saved.limitBytes / MB))
        : t.unavailable;
  const unchanged =
    typeof purpose === 'object' ? purpose.unchanged : purpose === 'setup' ? t.setupUnchanged : t.proofNotKept;
  ctx.reply(`${why}\n${unchanged}`);
  return undefined;
}
