import type { Button } from '../src/core/adapter.js';
import { inCommunity } from '../src/core/context.js';
import type { ButtonHandler } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { coreText } from '../src/core/messages.js';
import { findDeal } from '../src/services/deals.js';
import { dealIsDead } from '../src/services/money-state.js';
import type { Deal } from '../src/store/schema.js';
import { answerClaim, myDealText } from './payment-claim.js';
import { paymentText } from './payment-text.js';

/**
 * The deal card's money buttons: "My order" (`m:<no>`: the tapper's lines and their money state)
 * while the deal is open and after it closed, and "I paid" (`p:<no>`: the tapper's claim) once
 * it formed. None once it failed or was cancelled (its announcement says who is owed a refund).
 * Both are answered privately; the actions name the deal by its number, well within 64 bytes.
 */
export function moneyButtons(locale: Locale, deal: Deal): Button[] {
  if (dealIsDead(deal)) return [];
  const t = paymentText(locale);
  const buttons: Button[] = [{ label: t.myOrderButton, action: `m:${deal.no}` }];
  if (deal.status === 'succeeded' || deal.status === 'closed')
    buttons.push({ label: t.paidButton, action: `p:${deal.no}` });
  return buttons;
}

const ACTION = /^([mp]):(\d{1,9})$/;

/** A tap on "My order" or "I paid", answered privately. */
export const moneyButtonHandler: ButtonHandler = (ctx, action) => {
  const match = ACTION.exec(action);
  if (!match) return false;
  const deal = inCommunity(ctx) ? findDeal(ctx.tables, ctx.community.id, Number(match[2])) : undefined;
  if (!deal || !inCommunity(ctx)) {
    ctx.answer(coreText(ctx.locale).buttonGone);
    return true;
  }
  if (match[1] === 'm') ctx.answer(myDealText(ctx, deal));
  else answerClaim(ctx, deal, 'tap');
  return true;
};
