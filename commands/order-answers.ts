import type { Context, GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { activeLines, optionLeft } from '../src/services/order-lines.js';
import type { CancelOutcome, LineChoice, OrderRequest } from '../src/services/orders.js';
import { shareCounts, shareView } from '../src/services/shared-deals.js';
import { type Grant, orderOrWait, type PlaceOutcome, withdrawOrder } from '../src/services/waitlist.js';
import type { Deal, Order } from '../src/store/schema.js';
import { announce, refreshCard } from './deal-replies.js';
import { notStartedLine } from './deal-start-text.js';
import { dealText } from './deal-text.js';
import { awaitOption } from './jielong-memory.js';
import { lineLabel, orderText } from './order-text.js';
import { awaitPoint, dropPointQuestion, pointProblem } from './point-question.js';
import { withOwedBack } from './refund-notices.js';
import { leftLine, tellGrantsHere, waitlistedLine } from './waitlist-notices.js';

/**
 * How tuanbot answers an order. No message exists only to acknowledge one: the deal's card (edited
 * in place, or reposted where the platform cannot edit) shows the member's line, and where the
 * platform has reactions the order message gets 👌. Problems (sold out, over the limit, which
 * option) are one line each in the deal's batched notice, so a burst of them is a few messages.
 */

/** Reaction put on a message whose order (or withdrawal) was taken: one of Telegram's allowed emoji. */
export const ORDER_TAKEN = '👌';

/** A problem with an order, as one line of the deal's batched notice. */
export function problem(ctx: Context, deal: Deal, line: string): void {
  ctx.acknowledge(`problems:${deal.id}`, dealText(ctx.locale).ackHeader(deal.no, deal.title), line);
}

/**
 * How an order came, which decides where its problems are told: 接龙 text in the deal's batched
 * notice, a command (`/join`) in a direct reply, a tap on the card's button in the tap's private
 * answer (which also tells the member what they now hold: a tap has no message to react to).
 */
export type OrderVia = 'text' | 'command' | 'tap';

/** Places the lines a message (or a tap) asked for, in one step each, and answers as `via` says. */
export function answerOrder(
  ctx: GroupContext,
  deal: Deal,
  requests: OrderRequest[],
  via: OrderVia = 'text',
): void {
  const buyer = { userId: ctx.sender.id, name: ctx.member?.name ?? ctx.sender.name };
  // placeOrder reads the deal inside the transaction, so each line sees the ones before it. Sold
  // out: the member joins the waitlist; a line lowered: the freed units go to it (grants). A paid
  // line lowered (`改1`) is owed the difference back: told below.
  const grants: Grant[] = [];
  const { result: outcomes, tell: tellOwed } = withOwedBack(ctx, deal, buyer, () =>
    ctx.mutate((tx) =>
      requests.map((request) => {
        const placed = orderOrWait(tx, deal, buyer, request, ctx.clock.now());
        if (placed.grants.length > 0) grants.push(...placed.grants);
        return { request, outcome: placed.outcome };
      }),
    ),
  );
  let changed: Deal | undefined = grants.at(-1)?.deal;
  let taken = false;
  // Lines that need a pickup point: one question for all of them (point-question.ts).
  const needPoint: OrderRequest[] = [];
  for (const { request, outcome } of outcomes) {
    if (outcome.kind === 'ordered') {
      changed = outcome.deal;
      taken = true;
      if (outcome.formed && deal.min > 1) announceFormed(ctx, outcome.deal);
      // A shared deal forms in every linked group at once: each of them hears it too.
      if (outcome.alsoFormed && deal.min > 1)
        for (const other of outcome.alsoFormed) announceFormed(ctx, other);
    } else if (outcome.kind === 'unchanged') {
      taken = true;
    } else {
      // A new place on the waitlist: the card's count of those waiting changes.
      if (outcome.kind === 'waitlisted' && !outcome.again) changed = outcome.deal;
      if (outcome.kind === 'option_required' && via === 'text') awaitOption(ctx, deal, [request]);
      if (outcome.kind === 'point_required') {
        needPoint.push(request);
        // Asked once: for the first of them, and in chat again only after 10 minutes (a tap or a
        // command is always answered). The question remembers all of them (the same array).
        const fresh = needPoint.length === 1 && awaitPoint(ctx, deal, needPoint);
        if (!fresh && via === 'text') continue;
      }
      const line = problemLine(ctx, outcome, request, showName(buyer.name), via);
      if (via === 'tap') ctx.answer(line);
      else if (via === 'command') ctx.reply(line);
      else problem(ctx, outcome.deal, line);
    }
  }
  if (taken && needPoint.length === 0) dropPointQuestion(ctx, deal);
  const refund = changed && tellOwed();
  if (refund) {
    if (via === 'command') ctx.reply(refund);
    else problem(ctx, deal, refund);
  }
  if (changed) refreshCard(ctx, ctx.community, changed);
  tellGrantsHere(ctx, grants);
  if (taken && via === 'tap') {
    const held = activeLines(ctx.tables, deal.id, buyer.userId);
    ctx.answer(orderText(ctx.locale).tapOrdered(deal.no, deal.title, heldLines(ctx.locale, held)));
  } else if (taken) ctx.react(ORDER_TAKEN);
}

/**
 * A withdrawal (`不要了`, /cancel, the card's Withdraw) of `userId`'s lines and places on the
 * waitlist `choice` names; the freed units go to the next in line, told here. Returns the outcome,
 * the line for places left on the waitlist (`name`'s), and `refund`: for a withdrawal made, tells
 * the member privately what a paid line withdrawn is owed back and returns the admins' line.
 */
export function withdrawLines(
  ctx: GroupContext,
  deal: Deal,
  userId: string,
  name: string,
  choice: LineChoice,
): { outcome: CancelOutcome; leftWaitlist: string | undefined; refund: () => string | undefined } {
  const { result, tell } = withOwedBack(ctx, deal, { userId }, () =>
    ctx.mutate((tx) => withdrawOrder(tx, deal, userId, ctx.clock.now(), choice)),
  );
  tellGrantsHere(ctx, result.grants);
  return { outcome: result.outcome, leftWaitlist: leftLine(ctx.locale, name, result.left), refund: tell };
}

/** Lines were withdrawn: the card shows it, and the message gets a reaction. */
export function showWithdrawn(ctx: GroupContext, deal: Deal): void {
  refreshCard(ctx, ctx.community, deal);
  ctx.react(ORDER_TAKEN);
}

/** 成团: told where the deal lives (its topic), whichever topic the order that formed it came from. */
function announceFormed(ctx: GroupContext, deal: Deal): void {
  // A deal of a share: told in its own group, in its language, with the share's buyers.
  const home = deal.communityId === ctx.community.id;
  const community = home ? ctx.community : (ctx.tables.communities.get(deal.communityId) ?? ctx.community);
  const buyers = deal.shareId ? shareCounts(ctx.tables, deal).buyers : deal.buyers;
  announce(
    ctx,
    deal,
    dealText(home ? ctx.locale : community.locale).formed(
      deal.no,
      deal.title,
      buyers,
      formatTime(deal.endsAt, community.timezone),
    ),
  );
}

type Problem = Exclude<PlaceOutcome, { kind: 'ordered' } | { kind: 'unchanged' }>;

function problemLine(
  ctx: Context,
  outcome: Problem,
  request: OrderRequest,
  name: string,
  via: OrderVia,
): string {
  const t = orderText(ctx.locale);
  const { deal } = outcome;
  const options = deal.options.join(ctx.locale === 'zh' ? '、' : ', ');
  switch (outcome.kind) {
    case 'closed':
      return t.closed(name);
    case 'not_started':
      return notStartedLine(ctx, deal, name);
    case 'waitlisted':
      return waitlistedLine(ctx, outcome, name);
    case 'sold_out': {
      const option = outcome.option ?? request.option;
      // A shared deal's option: what the share has left (its linked groups' sales counted).
      const stock = deal.shareId ? shareView(ctx.tables, deal, false) : deal;
      const left = option && deal.options.length ? (optionLeft(stock, option) ?? outcome.left) : outcome.left;
      if (left <= 0) return t.soldOut(name, outcome.option ?? '');
      return t.onlyLeft(name, left, `+${left}${option ? ` ${option}` : ''}`);
    }
    case 'over_limit':
      return t.overLimit(name, outcome.limit);
    case 'bad_qty':
      return t.badQty(name);
    case 'option_required':
      return t.optionRequired(name, options, deal.options[0] ?? '');
    case 'unknown_option':
      return t.unknownOption(name, outcome.option, options);
    case 'not_enough_points':
      return t.notEnoughPoints(name, outcome.balance);
    case 'point_required':
    case 'point_not_offered':
      return pointProblem(ctx, deal, outcome, request, name, via);
  }
}

/** `×2 小份、×1（王阿姨）`: what a member holds, for answers. */
export function heldLines(locale: Locale, orders: Pick<Order, 'qty' | 'option' | 'for'>[]): string {
  const zh = locale === 'zh';
  return orders
    .map((o) => `${lineLabel(o)}${o.for ? (zh ? `（${showName(o.for)}）` : ` (${showName(o.for)})`) : ''}`)
    .join(zh ? '、' : ', ');
}
