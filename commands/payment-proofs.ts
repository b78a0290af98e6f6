import { existsSync } from 'node:fs';
import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import { removeImage } from '../src/core/images.js';
import { showName } from '../src/core/names.js';
import { dealCode } from '../src/services/deals.js';
import { attachProof, claimAwaitingProof, proofsToReview } from '../src/services/payment-info.js';
import { dataPath, proofBase, resolveDataPath } from '../src/store/payment-files.js';
import type { Deal } from '../src/store/schema.js';
import { dealOrReply } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { payText } from './pay-text.js';
import { CLAIM_NOTED } from './payment-claim.js';
import type { PictureWait } from './picture-waits.js';
import { receivePicture } from './pictures.js';

/**
 * Payment screenshots: a member's picture sent with their claim (`已付 #3` captioned on a photo: the
 * router offers the picture once the caption's claim is made) or right after it (WeChat sends the
 * two apart), kept owner-only under DATA_DIR/proofs/ and shown privately to admins (`/proofs #3`)
 * before they confirm. They are the member's personal data:
 * /mydata lists them and /forget deletes them (commands/privacy.ts).
 */

/** How long after a claim the member's next picture is taken as its screenshot. */
export const PROOF_WINDOW_MS = 10 * 60_000;
/** Screenshots `/proofs` sends at once (each is a message). */
const MAX_SHOWN = 10;

/** A member's claim within PROOF_WINDOW_MS: their next picture is its screenshot (picture-waits.ts). */
export function claimPictureWait(ctx: GroupContext): PictureWait | undefined {
  if (ctx.sender.persona) return undefined;
  const claim = claimAwaitingProof(
    ctx.tables,
    ctx.community.id,
    ctx.sender.id,
    ctx.clock.now(),
    PROOF_WINDOW_MS,
  );
  const claimedAt = claim?.orders[0]?.claimedAt;
  if (!claim || !claimedAt) return undefined;
  return {
    kind: 'proof',
    at: Date.parse(claimedAt),
    async keep(images) {
      const now = ctx.clock.now();
      const base = proofBase(ctx.dataDir, ctx.community.id, ctx.sender.id, claim.deal.no, now);
      const saved = await receivePicture(ctx, images[0]!, base, 'proof');
      if (!saved) return;
      const proof = dataPath(ctx.dataDir, saved.path);
      const lines = ctx.mutate((tx) => attachProof(tx, claim.deal, ctx.sender.id, proof, now));
      // Confirmed or rejected while the picture was fetched: no claim to keep it with.
      if (lines.length === 0) await removeImage(saved.path);
      else proofNoted(ctx, claim.deal);
    },
  };
}

/**
 * Says a screenshot was kept as quietly as the claim was: a 👌 on the picture's message (the same
 * one as the claim's when the picture came captioned with it), else a line of the deal's batched
 * claims notice (platforms without reactions); in a private chat, the answer there.
 */
function proofNoted(ctx: GroupContext, deal: Deal): void {
  const t = payText(ctx.locale);
  if (ctx.chat.kind !== 'group') ctx.reply(t.proofKept(deal.no));
  else if (!ctx.react(CLAIM_NOTED)) {
    const line = t.proofKeptLine(showName(ctx.member?.name ?? ctx.sender.name));
    ctx.acknowledge(`claims:${deal.id}`, dealText(ctx.locale).ackHeader(deal.no, deal.title), line);
  }
}

export const proofsCommand = defineCommand({
  name: 'proofs',
  keywords: ['付款截图'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode.optional() }),
  positional: ['deal'],
  help: helpText(
    'see the payment screenshots of claims waiting for confirmation (sent to you privately)',
    '查看待确认付款附带的截图（私聊发给你）',
    '/proofs [#3]',
    ['/proofs #3', '/proofs'],
  ),
  run(ctx, args) {
    const t = payText(ctx.locale);
    const deal = args.deal === undefined ? undefined : dealOrReply(ctx, args.deal);
    if (args.deal !== undefined && !deal) return;
    const all = proofsToReview(ctx.tables, ctx.community.id, deal?.id);
    if (all.length === 0) return ctx.reply(t.proofsNone);
    const money = moneyOf(ctx.community);
    // Members' payment details go to the admin privately, never to the group.
    for (const { deal: of, orders, proof } of all.slice(0, MAX_SHOWN)) {
      const first = orders[0]!;
      const name = showName(first.name);
      const path = resolveDataPath(ctx.dataDir, proof);
      if (!path || !existsSync(path)) {
        ctx.dm({ kind: 'text', text: t.proofGone(of.no, name) }, { onUnreachable: 'hold' });
        continue;
      }
      const amount = money(orders.reduce((sum, o) => sum + (o.claimCents ?? 0), 0));
      const at = formatTime(first.claimedAt ?? first.updatedAt, ctx.community.timezone);
      const caption = t.proofCaption(of.no, of.title, name, amount, at);
      ctx.dm({ kind: 'image', path, caption }, { onUnreachable: 'hold' });
    }
    if (all.length > MAX_SHOWN)
      ctx.dm(
        { kind: 'text', text: t.proofsMore(all.length - MAX_SHOWN, all[MAX_SHOWN]!.deal.no) },
        { onUnreachable: 'hold' },
      );
    if (ctx.chat.kind === 'group' && ctx.adapter.directChat)
      ctx.reply(t.proofsSent(Math.min(all.length, MAX_SHOWN)));
  },
});
