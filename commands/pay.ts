import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defineCommand, helpText, roleAllows } from '../src/core/command.js';
import type { Context, GroupContext } from '../src/core/context.js';
import type { ImageRef } from '../src/core/events.js';
import type { Feature } from '../src/core/feature.js';
import { removeImage, takeImages } from '../src/core/images.js';
import { moneyState } from '../src/services/money-state.js';
import {
  awaitPaymentImage,
  clearPaymentInfo,
  hasPaymentInfo,
  paymentImageAskedAt,
  paymentInfo,
  setPaymentInfo,
} from '../src/services/payment-info.js';
import { dataPath, paymentImageBase, resolveDataPath } from '../src/store/payment-files.js';
import type { PaymentInfo } from '../src/store/schema.js';
import { refreshCard } from './deal-replies.js';
import { formedAndGoing } from './pay-hint.js';
import { payText } from './pay-text.js';
import { proofsCommand } from './payment-proofs.js';
import type { PictureWait } from './picture-waits.js';
import { receivePicture } from './pictures.js';

/**
 * Payment instructions (收款方式): an admin sets a text and the leader's payment code picture once
 * (`/pay setup`, 收款设置), members see them with `/pay` (付款方式), `/pay off` removes them. The
 * picture comes with the command (a photo captioned `/pay setup …`) or, where a platform cannot
 * caption a picture (WeChat), as the admin's next picture within a few minutes.
 */

/** How long after `/pay setup` the admin's next picture is taken as the payment code. */
const AWAIT_MS = 5 * 60_000;
const AWAIT_MINUTES = AWAIT_MS / 60_000;

/** The payment code picture, as a file to send; undefined when there is none or it went missing. */
function imagePath(ctx: Context, info: PaymentInfo): string | undefined {
  const path = info.image === undefined ? undefined : resolveDataPath(ctx.dataDir, info.image);
  return path && existsSync(path) ? path : undefined;
}

/** Shows the instructions: the payment code with the text as its caption (text alone where there is no picture). */
function showPayment(ctx: GroupContext, info: PaymentInfo, intro?: string): void {
  const t = payText(ctx.locale);
  const path = imagePath(ctx, info);
  const missing = info.image !== undefined && path === undefined;
  const caption = [intro, t.header, info.text, missing ? t.imageMissing : '', t.afterPaying]
    .filter((part) => part)
    .join('\n');
  if (path && ctx.adapter.capabilities.images) ctx.send({ kind: 'image', path, caption });
  else ctx.reply(caption);
}

/**
 * Takes `image` as the community's payment code, with `text` when given (else the text stays):
 * the old picture is deleted once the new one is on disk and recorded.
 */
async function setUp(ctx: GroupContext, image: ImageRef, text: string | undefined): Promise<void> {
  const now = ctx.clock.now();
  const base = paymentImageBase(ctx.dataDir, ctx.community.id, now);
  const saved = await receivePicture(ctx, image, base, 'setup');
  if (!saved) return;
  const change = { image: dataPath(ctx.dataDir, saved.path), ...(text !== undefined ? { text } : {}) };
  const had = hasPaymentInfo(ctx.tables, ctx.community.id);
  const { info, replacedImage } = ctx.mutate((tx) =>
    setPaymentInfo(tx, ctx.community.id, change, ctx.sender.id, now),
  );
  refreshPayHints(ctx, had);
  showPayment(ctx, info, payText(ctx.locale).saved);
  const old = replacedImage === undefined ? undefined : resolveDataPath(ctx.dataDir, replacedImage);
  if (old) {
    // Only once the record names the new picture on disk: a crash before never loses the code.
    await ctx.durable();
    await removeImage(old);
  }
}

export const payCommand = defineCommand({
  name: 'pay',
  keywords: ['付款方式', '收款码'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'how to pay: instructions and payment code',
    '查看付款方式：团长的付款说明和收款码',
    '/pay',
    ['/pay'],
  ),
  run(ctx) {
    const info = paymentInfo(ctx.tables, ctx.community.id);
    if (!info || (info.text === '' && info.image === undefined))
      return ctx.reply(payText(ctx.locale).notSetUp);
    showPayment(ctx, info);
  },
});

export const paySetupCommand = defineCommand({
  name: 'pay setup',
  keywords: ['收款设置', '付款方式 设置'],
  role: 'admin',
  scope: 'group',
  args: z.object({ text: z.string().trim().max(500).optional() }),
  positional: ['text'],
  rest: 'text',
  help: helpText(
    'set how members pay: a text, and your payment code picture attached (or sent right after)',
    '设置付款方式：文字说明，并附上收款码图片（或随后发送）',
    '/pay setup TEXT',
    [
      '/pay setup Alipay 138 0000 0000, write your name in the note',
      '/pay setup 支付宝 138 0000 0000，备注名字',
    ],
  ),
  async run(ctx, args) {
    const text = args.text || undefined;
    const [image] = takeImages(ctx.event);
    if (image) return setUp(ctx, image, text);
    // No picture here: the admin's next one is taken (WeChat cannot caption a picture), after a restart too.
    const t = payText(ctx.locale);
    const now = ctx.clock.now();
    if (text === undefined) {
      ctx.mutate((tx) => awaitPaymentImage(tx, ctx.community.id, ctx.sender.id, now));
      return ctx.reply(t.sendImage(AWAIT_MINUTES));
    }
    const had = hasPaymentInfo(ctx.tables, ctx.community.id);
    const info = ctx.mutate((tx) => {
      setPaymentInfo(tx, ctx.community.id, { text }, ctx.sender.id, now);
      return awaitPaymentImage(tx, ctx.community.id, ctx.sender.id, now);
    });
    refreshPayHints(ctx, had);
    ctx.reply(info.image ? t.textSavedKeepsImage(AWAIT_MINUTES) : t.textSaved(AWAIT_MINUTES));
  },
});

export const payOffCommand = defineCommand({
  name: 'pay off',
  keywords: ['收款清除', '付款方式 删除'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText('remove the payment instructions and payment code', '删除付款方式和收款码', '/pay off', [
    '/pay off',
  ]),
  async run(ctx) {
    const t = payText(ctx.locale);
    const had = hasPaymentInfo(ctx.tables, ctx.community.id);
    const old = ctx.mutate((tx) => clearPaymentInfo(tx, ctx.community.id));
    // A record holding only a `/pay setup` wait is no instructions (the wait goes with it).
    if (!old || !had) return ctx.reply(t.nothingToClear);
    ctx.reply(t.cleared);
    refreshPayHints(ctx, had);
    const path = old.image === undefined ? undefined : resolveDataPath(ctx.dataDir, old.image);
    if (path) {
      await ctx.durable();
      await removeImage(path);
    }
  },
});

/**
 * Instructions just came or went (`had`: whether there were any before): the cards that show the
 * "how to pay" line (pay-hint.ts) gain or lose it now, not at their next order. Only deals where
 * money is still being collected (someone owes, or said they paid): a deal long settled has no
 * reader for it, and editing every old card would spend the group's message budget.
 */
function refreshPayHints(ctx: GroupContext, had: boolean): void {
  if (hasPaymentInfo(ctx.tables, ctx.community.id) === had) return;
  for (const deal of ctx.tables.deals.by('community', ctx.community.id)) {
    if (!formedAndGoing(deal)) continue;
    const collecting = ctx.tables.orders
      .by('deal', deal.id)
      .some((o) => ['owing', 'claimed'].includes(moneyState(o, deal).state));
    if (collecting) refreshCard(ctx, ctx.community, deal);
  }
}

/** An admin's `/pay setup` without a picture within AWAIT_MS: their next picture is the payment code, its caption the text. */
export function setupPictureWait(ctx: GroupContext): PictureWait | undefined {
  if (!roleAllows(ctx.role, 'admin')) return undefined;
  const asked = paymentImageAskedAt(ctx.tables, ctx.community.id, ctx.sender.id, ctx.clock.now(), AWAIT_MS);
  if (asked === undefined) return undefined;
  return {
    kind: 'setup',
    at: asked,
    takesCaption: true,
    keep: (images, text) => setUp(ctx, images[0]!, text || undefined),
  };
}

export const payFeature: Feature = {
  name: 'pay',
  commands: [payCommand, paySetupCommand, payOffCommand, proofsCommand],
  messages: [payText],
};
