import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { TextHandler } from '../src/core/feature.js';
import { showName } from '../src/core/names.js';
import { findDeal } from '../src/services/deals.js';
import { dealIsDead, lineAmount, moneyState } from '../src/services/money-state.js';
import { type ClaimOutcome, claimPayment } from '../src/services/payments.js';
import type { Deal } from '../src/store/schema.js';
import { dealText, statusName } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { lineLabel } from './order-text.js';
import { paymentText } from './payment-text.js';
import { lineMoney, memberDealLines, memberStates } from './payment-views.js';

/**
 * A member says they paid: `已付 #3` (and `/paid #3`, the command), `I paid #3`, `已付#3`, the card's
 * "I paid" button. Each way ends in answerClaim, which records the claim (claimPayment) and says
 * what became of it; the admin then confirms or rejects it (commands/payments.ts).
 */

/** How the claim came: typed in the chat (`已付 #3`, `/paid #3`, `I paid #3`), or a tap on the card's button. */
export type ClaimVia = 'chat' | 'tap';

/** Reaction on a claim message that was recorded (one of Telegram's allowed emoji, as for orders). */
export const CLAIM_NOTED = '👌';

/**
 * Records the sender's claim that they paid for their lines in `deal` and answers it. `proof`: the
 * path of a screenshot they sent with it, kept on the claimed lines for the admin (a claim without
 * one is complete). A tap is answered privately; a claim typed in a group and recorded is answered
 * quietly, like an order — a 👌 on it, or one batched notice where the platform has no reactions —
 * so fifty members saying they paid are not fifty group messages ("My order" shows the claim).
 * Returns the outcome, for whoever must settle the screenshot afterwards.
 */
export function answerClaim(ctx: GroupContext, deal: Deal, via: ClaimVia, proof?: string): ClaimOutcome {
  const outcome = ctx.mutate((tx) => claimPayment(tx, deal, ctx.sender.id, ctx.clock.now(), proof));
  if (via === 'tap') ctx.answer(claimAnswer(ctx, deal, outcome));
  else if (outcome.kind !== 'claimed' || ctx.chat.kind !== 'group')
    ctx.reply(claimAnswer(ctx, deal, outcome));
  else if (!ctx.react(CLAIM_NOTED)) {
    const name = showName(ctx.member?.name ?? ctx.sender.name);
    const line = paymentText(ctx.locale).claimedLine(name, moneyOf(ctx.community)(outcome.cents));
    ctx.acknowledge(`claims:${deal.id}`, dealText(ctx.locale).ackHeader(deal.no, deal.title), line);
  }
  return outcome;
}

function claimAnswer(ctx: GroupContext, deal: Deal, outcome: ClaimOutcome): string {
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  switch (outcome.kind) {
    case 'claimed':
      return t.claimed(deal.no, deal.title, money(outcome.cents));
    case 'already_claimed':
      return t.alreadyClaimed(deal.no, money(outcome.cents));
    case 'nothing_owed': {
      // No line left to show (all withdrawn): say so, not "nothing to pay: nothing to pay".
      const states = memberStates(ctx, deal, ctx.sender.id);
      return states ? t.nothingOwed(deal.no, states) : dealText(ctx.locale).noOrder(deal.no);
    }
    case 'dead':
      return t.claimDead(deal.no, deal.title, statusName(ctx.locale, outcome.deal));
    case 'no_order':
      return dealText(ctx.locale).noOrder(deal.no);
  }
}

/**
 * `已付` without a deal: the claim is for the one deal the member owes in; with several, they are
 * asked which (nothing is recorded); with none, told so. Returns the outcome of a claim made.
 */
export function answerClaimAnyDeal(
  ctx: GroupContext,
  via: ClaimVia,
  proof?: string,
): ClaimOutcome | undefined {
  const owing = new Map<string, Deal>();
  for (const order of ctx.tables.orders.by('buyer', `${ctx.community.id}/${ctx.sender.id}`)) {
    const deal = ctx.tables.deals.get(order.dealId);
    if (deal && moneyState(order, deal).state === 'owing') owing.set(deal.id, deal);
  }
  const deals = [...owing.values()].sort((a, b) => a.no - b.no);
  const t = paymentText(ctx.locale);
  if (deals.length === 1) return answerClaim(ctx, deals[0]!, via, proof);
  const list = deals.map((d) => `#${d.no} ${d.title}`).join(ctx.locale === 'zh' ? '、' : ', ');
  const answer = deals.length === 0 ? t.nothingToClaim : t.whichClaim(list, deals[0]!.no);
  if (via === 'tap') ctx.answer(answer);
  else ctx.reply(answer);
  return undefined;
}

/**
 * A claim written as plain text the keyword commands do not take: English (`I paid #3`, `I've paid
 * for #3`) and Chinese glued to the code (`已付#3`, `付了＃3`), with at most closing punctuation.
 * A question (`已付了吗 #3?`) or anything more is not a claim. Group 1: the deal code's number.
 */
const CLAIM_TEXT =
  /^(?:i(?:\s+have|\s*['’]ve)?(?:\s+already)?\s+paid(?:\s+for)?|已付款?|已付了|付了|付款了)\s*(?:[#＃](\d{1,6}))?\s*[.!。！~～]*$/i;

/** Whether text is a member's claim that they paid (see CLAIM_TEXT): never an order. */
export function isClaimText(text: string): boolean {
  return CLAIM_TEXT.test(text.trim());
}

/**
 * `I paid #3`, `已付#3` in the group (or privately to the bot, about the member's one group): the
 * sender's claim. An edit of one claims nothing again.
 */
export const claimTextHandler: TextHandler = (ctx, text) => {
  if (!inCommunity(ctx)) return false;
  const match = CLAIM_TEXT.exec(text.trim());
  if (!match) return false;
  if (ctx.event.type === 'message' && ctx.event.editedAt !== undefined) return true;
  if (match[1] === undefined) {
    answerClaimAnyDeal(ctx, 'chat');
    return true;
  }
  const deal = findDeal(ctx.tables, ctx.community.id, Number(match[1]));
  if (!deal) ctx.reply(dealText(ctx.locale).unknownDeal(Number(match[1])));
  else answerClaim(ctx, deal, 'chat');
  return true;
};

/** The card's "My order": the sender's lines in the deal, each with its money state, and how to say they paid. */
export function myDealText(ctx: GroupContext, deal: Deal): string {
  const lines = memberDealLines(ctx.tables, deal, ctx.sender.id);
  if (lines.length === 0) return dealText(ctx.locale).noOrder(deal.no);
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  const rows = lines.map(
    (o) => `${lineLabel(o)} — ${money(lineAmount(o))} · ${lineMoney(ctx.locale, ctx.tables, o, deal, money)}`,
  );
  const formed = deal.status === 'succeeded' || deal.status === 'closed';
  const owing = !dealIsDead(deal) && lines.some((o) => moneyState(o, deal).state === 'owing');
  return [`#${deal.no} ${deal.title}`, ...rows, ...(formed && owing ? [t.payHint(deal.no)] : [])].join('\n');
}
