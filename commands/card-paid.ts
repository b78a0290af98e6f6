import type { Context } from '../src/core/context.js';
import type { Community, Deal } from '../src/store/schema.js';
import { refreshCard } from './deal-replies.js';
import { cardPaid } from './pay-hint.js';

/**
 * Keeps the card's collection line (`Paid: 2 of 3 buyers`, pay-hint.ts) true after a payment
 * change: a confirmation, a mark, a rejected claim, a refund (issue #21: a payment confirmed from
 * the dashboard is seen in the chat). Kept out of pay-hint.ts, which the card itself imports.
 */

/** What the card's collection line says of a deal, before a change: see refreshIfPaidChanged. */
export type PaidShown = string;

/** `2/3`, or '' where the card shows no collection line: what a change must alter to be worth an edit. */
export function paidShown(ctx: Context, deal: Deal): PaidShown {
  const counted = cardPaid(ctx.tables, ctx.tables.deals.get(deal.id) ?? deal);
  return counted ? `${counted.paid}/${counted.buyers}` : '';
}

/**
 * After a payment change (called once the command answered, so a platform that posts the card
 * again rather than editing it shows the answer first): refreshes the deal's card when its
 * collection line differs from `before` (paidShown before the change). Only then: a card edited
 * with nothing new spends the group's message budget, and where a platform cannot edit, the card
 * is posted again.
 */
export function refreshIfPaidChanged(
  ctx: Context,
  community: Community,
  deal: Deal,
  before: PaidShown,
): void {
  if (paidShown(ctx, deal) !== before) refreshCard(ctx, community, ctx.tables.deals.get(deal.id) ?? deal);
}
