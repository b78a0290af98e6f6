import { inCommunity } from '../src/core/context.js';
import type { ButtonHandler } from '../src/core/feature.js';
import { coreText } from '../src/core/messages.js';
import { showName } from '../src/core/names.js';
import { findDeal } from '../src/services/deals.js';
import { optionTag, readAction } from './deal-buttons.js';
import { dealText } from './deal-text.js';
import { answerOrder, heldLines, problem, showWithdrawn, withdrawLines } from './order-answers.js';
import { orderText } from './order-text.js';

/**
 * A tap on a card button. Ordering goes through answerOrder (the same stock, option and limit
 * checks in one step as a text order); every outcome is the tap's private answer.
 */
export const cardButtonHandler: ButtonHandler = (ctx, action) => {
  const wanted = readAction(action);
  if (!wanted) return false;
  // A card in a private chat has no community to order in: as a card of a deal gone.
  const deal = inCommunity(ctx) ? findDeal(ctx.tables, ctx.community.id, wanted.no) : undefined;
  if (!deal || !inCommunity(ctx)) {
    ctx.answer(coreText(ctx.locale).buttonGone);
    return true;
  }
  if (wanted.kind === 'order') {
    const option = wanted.option === undefined ? undefined : deal.options[wanted.option];
    // An option the deal no longer has at that place (its options were edited since the card was
    // drawn): never order whatever now sits there.
    if (wanted.option !== undefined && (option === undefined || optionTag(option) !== wanted.tag)) {
      ctx.answer(coreText(ctx.locale).buttonGone);
      return true;
    }
    answerOrder(ctx, deal, [{ qty: 1, add: true, ...(option ? { option } : {}) }], 'tap');
    return true;
  }
  const t = orderText(ctx.locale);
  const name = showName(ctx.member?.name ?? ctx.sender.name);
  // All the member's lines and places on the waitlist; freed units go to the next in line.
  const { outcome, leftWaitlist, refund } = withdrawLines(ctx, deal, ctx.sender.id, name, { all: true });
  if (outcome.kind === 'closed') ctx.answer(leftWaitlist ?? dealText(ctx.locale).notOpen(deal.no));
  else if (outcome.kind === 'no_order') ctx.answer(leftWaitlist ?? t.noOrder(name));
  else if (outcome.kind === 'cancelled') {
    // A paid line withdrawn is owed back: the member privately, the admins in the deal's notice.
    const owed = refund();
    if (owed) problem(ctx, deal, owed);
    showWithdrawn(ctx, outcome.deal);
    const withdrew = t.tapWithdrew(deal.no, heldLines(ctx.locale, outcome.orders));
    ctx.answer(leftWaitlist ? `${withdrew}\n${leftWaitlist}` : withdrew);
  }
  return true;
};
