import type { Adapter, Outgoing } from '../src/core/adapter.js';
import type { GroupContext } from '../src/core/context.js';
import type { ChatRef } from '../src/core/events.js';
import type { ButtonHandler, JobContext, LeaveHandler } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { showName } from '../src/core/names.js';
import type { DeliveryHandler, SendOptions } from '../src/core/outbox.js';
import { offerId, offerRecipients, recordOffer, settleOffer } from '../src/services/offers.js';
import { dropOwedOffers, OFFER_DELIVERED, OFFER_UNREACHABLE } from '../src/services/offers-owed.js';
import { unsubscribe } from '../src/services/subscriptions.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tx } from '../src/store/tx.js';
import { moneyOf } from './money-text.js';
import { offerText } from './offer-text.js';

/**
 * Private offers (私信优惠): when a deal opens for orders (created open, or a scheduled deal at its
 * start), each subscriber of one of its categories who allows offers gets one private message with
 * a one-tap stop (a button; on a platform without buttons, the words to reply). Whether the
 * platform took it is recorded by the delivery handlers: a refused private chat is `unreachable`,
 * never counted as reached, and does not use up the member's daily cap.
 */

/** A message to send: where, what, and its delivery handlers. */
type Send = (chat: ChatRef, out: Outgoing, opts: SendOptions) => void;

/** `os:<deal id>`: the stop button of an offer; the tapper's own offer of that deal says which category. */
const STOP = /^os:(.+)$/u;

/** The private message offering `deal` to a member subscribed to `category`. */
function offerMessage(adapter: Adapter, community: Community, deal: Deal, category: string): Outgoing {
  const t = offerText(community.locale);
  const money = moneyOf(community);
  const shown = showName(category);
  const text = t.offer({
    group: showName(community.title),
    no: deal.no,
    title: showName(deal.title),
    price: `${money(deal.priceCents)}${deal.unit ? `/${deal.unit}` : ''}`,
    ends: formatTime(deal.endsAt, community.timezone),
    category: shown,
  });
  if (!adapter.capabilities.buttons) return { kind: 'text', text: `${text}\n${t.stopByText(category)}` };
  return {
    kind: 'text',
    text,
    buttons: [[{ label: t.stopButton(shown), action: `os:${deal.id}` }]],
  };
}

/**
 * Records and sends the offers of a deal that just opened, in `tx` (the messages are said through
 * `send`, in the same change where the caller's context allows it). Nothing where the adapter is
 * not running here or the platform has no private chat the bot can open. Returns how many.
 */
export function offerDeal(
  tx: Tx,
  adapter: Adapter | undefined,
  community: Community,
  deal: Deal,
  now: Date,
  send: Send,
): number {
  // A deal whose whole window passed while the bot was down opens only to close: nothing to offer.
  if (!adapter?.directChat || deal.status !== 'open' || Date.parse(deal.endsAt) <= now.getTime()) return 0;
  let sent = 0;
  for (const to of offerRecipients(tx.tables, community, deal, now)) {
    const chat = adapter.directChat(to.userId);
    if (!chat) continue;
    const offer = recordOffer(tx, community, deal, to, now);
    const args = { offer: offer.id, user: to.userId, key: to.key };
    send(chat, offerMessage(adapter, community, deal, to.category), {
      userId: to.userId,
      onDelivered: { name: OFFER_DELIVERED, args },
      onUnreachable: { name: OFFER_UNREACHABLE, args },
    });
    sent++;
  }
  return sent;
}

/**
 * The offers of a deal a command just opened (`/deal new`, `/deal copy`); `community`: the deal's
 * own, where it is not the command's (a shared deal's other linked groups, on the same platform).
 */
export function offerOpened(ctx: GroupContext, deal: Deal, community: Community = ctx.community): void {
  if (!deal.categories?.length || deal.status !== 'open') return;
  const said: [ChatRef, Outgoing, SendOptions][] = [];
  ctx.mutate((tx) =>
    offerDeal(tx, ctx.adapter, community, deal, ctx.clock.now(), (...m) => {
      said.push(m);
    }),
  );
  for (const [chat, out, opts] of said) ctx.sendTo(chat, out, opts);
}

/** The offers of a scheduled deal opening now, said in the job's change `tx` (deal-start-jobs.ts). */
export function offerStarted(ctx: JobContext, tx: Tx, community: Community, deal: Deal): void {
  if (!deal.categories?.length) return;
  offerDeal(tx, ctx.adapterFor(community), community, deal, ctx.clock.now(), (chat, out, opts) =>
    ctx.sendTo(community, chat, out, opts),
  );
}

/** Whether the platform took an offer: reached, or refused (unreachable). */
export const offerDeliveryHandlers: Record<string, DeliveryHandler> = {
  [OFFER_DELIVERED]: (ctx, args) => {
    ctx.mutate((tx) => settleOffer(tx, args.offer ?? '', true));
  },
  [OFFER_UNREACHABLE]: (ctx, args) => {
    ctx.mutate((tx) => settleOffer(tx, args.offer ?? '', false));
  },
};

/**
 * A member left the group (or was removed): their offers still waiting to go out are dropped, as
 * a withdrawal drops them, so nobody outside the group is sent one. Their subscriptions and
 * choices stay as they were (they may come back; /forget deletes them).
 */
export const dropOffersOnLeave: LeaveHandler = (ctx, { member }) => {
  ctx.mutate((tx) => dropOwedOffers(tx, ctx.community.id, member.userId));
};

/** A tap on an offer's stop button: unsubscribes the tapper from that offer's category. */
export const offerStopButton: ButtonHandler = (ctx, action) => {
  const match = STOP.exec(action);
  if (!match) return false;
  const offer = ctx.tables.offers.get(offerId(match[1]!, ctx.sender.id));
  const community = offer && ctx.tables.communities.get(offer.communityId);
  const t = offerText(community?.locale ?? ctx.locale);
  if (!offer || !community) {
    ctx.answer(t.nothingToStop);
    return true;
  }
  const outcome = ctx.mutate((tx) =>
    unsubscribe(tx, offer.communityId, offer.userId, [offer.key], ctx.clock.now(), 'offer_stop'),
  );
  if (outcome.kind !== 'unsubscribed') {
    ctx.answer(t.nothingToStop);
    return true;
  }
  const name = showName(outcome.removed[0] ?? offer.key);
  ctx.answer(outcome.consent === 'withdrawn' ? t.stoppedAll(name) : t.stopped(name));
  return true;
};
