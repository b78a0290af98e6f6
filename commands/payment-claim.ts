import { type GroupContext, inCommunity } from '../src/core/context.js';
import type { TextHandler } from '../src/core/feature.js';
import { findDeal } from '../src/services/deals.js';
import { dealIsDead, lineAmount, moneyState } from '../src/services/money-state.js';
import { type ClaimOutcome, claimPayment } from '../src/services/payments.js';
import type { Deal } from '../src/store/schema.js';
import { dealText, statusName } from './deal-text.js';
import { lineLabel } from './order-text.js';
import { paymentText } from './payment-text.js';
import { lineMoney, memberDealLines, memberStates, moneyOf } from './payment-views.js';

/**
 * A member says they paid: `已付 #3` (and `/paid #3`, the command), `I paid #3`, `已付#3`, the card's
 * "I paid" button. Each way ends in answerClaim, which records the claim (claimPayment) and says
 * what became of it; the admin then confirms or rejects it (commands/payments.ts).
 */

/** Where a claim's answer goes: a reply in the chat, or a tap's private answer. */
export type Say = (text: string) => void;

/**
 * Records the sender's claim that they paid for their lines in `deal` and answers it. `proof`: the
 * path of a screenshot they sent with it, kept on the claimed lines for the admin (images arrive
 * through the payment-instructions work; a claim without one is complete). Returns the outcome, for
 * whoever must settle the screenshot afterwards (kept, or deleted when nothing was claimed).
 */
export function answerClaim(ctx: GroupContext, deal: Deal, say: Say, proof?: string): ClaimOutcome {
  const outcome = ctx.mutate((tx) => claimPayment(tx, deal, ctx.sender.id, ctx.clock.now(), proof));
  say(claimAnswer(ctx, deal, outcome));
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
    case 'nothing_owed':
      return t.nothingOwed(deal.no, memberStates(ctx, deal, ctx.sender.id) ?? t.nothingToPay);
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
export function answerClaimAnyDeal(ctx: GroupContext, say: Say, proof?: string): ClaimOutcome | undefined {
  const owing = new Map<string, Deal>();
  for (const order of ctx.tables.orders.by('buyer', `${ctx.community.id}/${ctx.sender.id}`)) {
    const deal = ctx.tables.deals.get(order.dealId);
    if (deal && moneyState(order, deal).state === 'owing') owing.set(deal.id, deal);
  }
  const deals = [...owing.values()].sort((a, b) => a.no - b.no);
  const t = paymentText(ctx.locale);
  if (deals.length === 1) return answerClaim(ctx, deals[0]!, say, proof);
  const list = deals.map((d) => `#${d.no} ${d.title}`).join(ctx.locale === 'zh' ? '、' : ', ');
  say(deals.length === 0 ? t.nothingToClaim : t.whichClaim(list, deals[0]!.no));
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
  const say: Say = (reply) => ctx.reply(reply);
  if (match[1] === undefined) {
    answerClaimAnyDeal(ctx, say);
    return true;
  }
  const deal = findDeal(ctx.tables, ctx.community.id, Number(match[1]));
  if (!deal) ctx.reply(dealText(ctx.locale).unknownDeal(Number(match[1])));
  else answerClaim(ctx, deal, say);
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
