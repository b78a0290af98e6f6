import { inCommunity } from '../src/core/context.js';
import type { ButtonHandler, TextHandler } from '../src/core/feature.js';
import { coreText } from '../src/core/messages.js';
import { showName } from '../src/core/names.js';
import { findDeal } from '../src/services/deals.js';
import { moveToPoint, pointAnswer } from '../src/services/pickup-choice.js';
import { pointsOfDeal } from '../src/services/pickup-points.js';
import { refreshCard } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { answerOrder } from './order-answers.js';
import { pickupText } from './pickup-text.js';
import { readPointAction } from './point-buttons.js';
import { pendingPoint, takePending } from './point-question.js';

/**
 * Answers to "which pickup point?" (point-question.ts): the member's next message naming a point,
 * or a tap on a point button under the card, which otherwise sends the member's lines there.
 */

/** `东门`, `选西门`, `2` from a member asked "which point?" in the last 10 minutes: the order is placed there. */
export const pointAnswerHandler: TextHandler = (ctx, text) => {
  if (ctx.chat.kind !== 'group' || !inCommunity(ctx)) return false;
  if (ctx.event.type === 'message' && ctx.event.editedAt !== undefined) return false;
  const pending = pendingPoint(ctx);
  if (!pending) return false;
  const deal = ctx.tables.deals.get(pending.dealId);
  const point = deal && pointAnswer(text, pointsOfDeal(ctx.tables, deal));
  if (!deal || !point) return false;
  const waiting = takePending(ctx, deal.id);
  if (!waiting) return false;
  answerOrder(
    ctx,
    deal,
    waiting.requests.map((r) => ({ ...r, pointId: point.id })),
  );
  return true;
};

/**
 * A tap on a point button: completes an order waiting for its point, or sends the member's lines
 * in the deal to that point; answered privately, the card updated.
 */
export const pointButtonHandler: ButtonHandler = (ctx, action) => {
  const wanted = readPointAction(action);
  if (!wanted) return false;
  const deal = inCommunity(ctx) ? findDeal(ctx.tables, ctx.community.id, wanted.dealNo) : undefined;
  const point = deal && pointsOfDeal(ctx.tables, deal).find((p) => p.no === wanted.pointNo);
  if (!deal || !point || !inCommunity(ctx)) {
    ctx.answer(coreText(ctx.locale).buttonGone);
    return true;
  }
  const waiting = takePending(ctx, deal.id);
  if (waiting) {
    answerOrder(
      ctx,
      deal,
      waiting.requests.map((r) => ({ ...r, pointId: point.id })),
      'tap',
    );
    return true;
  }
  const t = pickupText(ctx.locale);
  const moved = ctx.mutate((tx) => moveToPoint(tx, deal, ctx.sender.id, point, ctx.clock.now()));
  const name = showName(point.name);
  if (moved.kind === 'closed') ctx.answer(dealText(ctx.locale).notOpen(deal.no));
  else if (moved.kind === 'no_order') ctx.answer(t.tapOrderFirst(deal.no));
  else if (moved.kind === 'not_offered') ctx.answer(coreText(ctx.locale).buttonGone);
  else if (moved.kind === 'unchanged') ctx.answer(t.tapSame(deal.no, name));
  else {
    refreshCard(ctx, ctx.community, deal);
    ctx.answer(t.tapMoved(deal.no, name));
  }
  return true;
};
