import type { Context } from '../src/core/context.js';
import { findDeal, openDeals } from '../src/services/deals.js';
import { type DealView, parseJielong, readEnvelope } from '../src/services/jielong.js';
import { viewOf } from './jielong-deal.js';
import { isClaimText } from './payment-claim.js';

/** The view of "no deal": `+1` reads as an order even when there is nothing to order from. */
const NO_DEAL: DealView = { no: 0, title: '', options: [], rosterNames: [] };

/**
 * Whether a group message would place an order (`+1`, `小份+2`, a copied roster with a line
 * added, or an order that cannot be read), read against the deal it names or each open deal,
 * without acting on it: the bot core answers a sender who cannot order (an anonymous admin, a
 * post made as a channel) with a hint instead of running the 接龙 reader (Feature.isOrder).
 */
export function isOrderText(ctx: Context, text: string): boolean {
  if (ctx.chat.kind !== 'group' || !ctx.community) return false;
  // `I paid #3`, `已付#3`: a claim that one paid (commands/payment-claim.ts), never an order.
  if (isClaimText(text)) return false;
  const envelope = readEnvelope(text);
  // Under a quoted message a `+1` agrees with its author; it orders nothing (as jielong-deal reads it).
  if (!envelope || envelope.quoted !== undefined) return false;
  const named =
    envelope.deal !== undefined ? findDeal(ctx.tables, ctx.community.id, envelope.deal) : undefined;
  const deals = named ? [named] : openDeals(ctx.tables, ctx.community.id);
  const views = deals.length > 0 ? deals.map((deal) => viewOf(ctx, deal)) : [NO_DEAL];
  return views.some((view) => {
    const kind = parseJielong(envelope.body, view)?.kind;
    return kind === 'order' || kind === 'copy' || kind === 'unreadable';
  });
}
