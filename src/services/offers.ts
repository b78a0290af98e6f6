import { z } from 'zod';
import { isoTime } from '../core/clock.js';
import { localDay } from '../core/format.js';
import { memberId } from '../store/ids.js';
import type { Community, Deal, Offer } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { categoryKey } from './categories.js';
import { hasConsent } from './consent.js';
import { defineSetting, getSetting } from './settings.js';

/**
 * Private offers: when a deal opens for orders, each member subscribed to one of its categories
 * (active in the group, with the `offers` purpose on, not its creator) is told once, privately, at
 * most `offers.daily_cap` times a local day. Consent is read at that moment; a withdrawal also
 * drops the offers still waiting to go out. Plain functions, typed outcomes, no chat text.
 */

/** Most private offers one member gets a local day; 0: none at all. */
export const offersCapSetting = defineSetting({
  key: 'offers.daily_cap',
  schema: z.coerce.number().int().min(0).max(50),
  default: 3,
});

/** One member to offer a deal to, and the category (as the deal wrote it) that matched. */
export interface OfferRecipient {
  userId: string;
  category: string;
  key: string;
}

/** The offer id of a deal and a member. */
export function offerId(dealId: string, userId: string): string {
  return `${dealId}|${userId}`;
}

/** Offers of a member on one local day that count against the cap: sent or reached, not refused. */
function usedToday(tables: Tables, communityId: string, userId: string, day: string): number {
  return tables.offers
    .by('memberDay', `${communityId}/${userId}|${day}`)
    .filter((o) => o.state !== 'unreachable').length;
}

/**
 * Who gets a private offer of a deal now opening, by subscription order of the member; empty for
 * a deal without categories or a community whose cap is 0. Each member once per deal.
 */
export function offerRecipients(
  tables: Tables,
  community: Community,
  deal: Deal,
  now: Date,
): OfferRecipient[] {
  const cap = getSetting(community, offersCapSetting);
  const categories = deal.categories ?? [];
  if (cap === 0 || categories.length === 0) return [];
  const byKey = new Map(categories.map((c) => [categoryKey(c), c]));
  const day = localDay(now, community.timezone);
  const chosen = new Map<string, OfferRecipient>();
  for (const sub of tables.subscriptions.by('community', community.id)) {
    const category = byKey.get(sub.key);
    if (!category || chosen.has(sub.userId) || sub.userId === deal.createdBy) continue;
    if (tables.members.get(memberId(community.id, sub.userId))?.status !== 'active') continue;
    if (!hasConsent(tables, community.id, sub.userId, 'offers')) continue;
    if (tables.offers.get(offerId(deal.id, sub.userId))) continue;
    if (usedToday(tables, community.id, sub.userId, day) >= cap) continue;
    chosen.set(sub.userId, { userId: sub.userId, category, key: sub.key });
  }
  return [...chosen.values()];
}

/** Records an offer as sent (its message is written in the same transaction). */
export function recordOffer(tx: Tx, community: Community, deal: Deal, to: OfferRecipient, now: Date): Offer {
  return tx.put('offers', {
    id: offerId(deal.id, to.userId),
    communityId: community.id,
    dealId: deal.id,
    userId: to.userId,
    key: to.key,
    day: localDay(now, community.timezone),
    at: isoTime(now),
    state: 'sent',
  });
}

/** The platform's answer about an offer: `reached`, or `unreachable` (then it does not use up the cap). */
export function settleOffer(tx: Tx, id: string, reached: boolean): Offer | undefined {
  const offer = tx.get('offers', id);
  // Gone (forgotten, or dropped while it waited) or already settled: nothing to change.
  if (offer?.state !== 'sent') return offer;
  return tx.put('offers', { ...offer, state: reached ? 'reached' : 'unreachable' });
}

/** Offers of a period, as /report counts them. */
export interface OfferStats {
  /** Offers sent (whatever came of them). */
  sent: number;
  /** Accepted by the platform: the member could read it. */
  reached: number;
  /** The platform refused the private chat: never counted as reached. */
  refused: number;
  /** Members reached who then ordered that deal. */
  ordered: number;
}

/** Counts the community's offers sent in [from, to). */
export function offerStats(tables: Tables, communityId: string, from: Date, to: Date): OfferStats {
  const stats: OfferStats = { sent: 0, reached: 0, refused: 0, ordered: 0 };
  const a = from.getTime();
  const b = to.getTime();
  const offers = tables.deals.by('community', communityId).flatMap((d) => tables.offers.by('deal', d.id));
  for (const offer of offers) {
    const at = Date.parse(offer.at);
    if (at < a || at >= b) continue;
    stats.sent++;
    if (offer.state === 'unreachable') stats.refused++;
    if (offer.state !== 'reached') continue;
    stats.reached++;
    const lines = tables.orders.by('dealBuyer', `${offer.dealId}|${offer.userId}`);
    if (lines.some((l) => l.status === 'active' && Date.parse(l.createdAt) >= at)) stats.ordered++;
  }
  return stats;
}
