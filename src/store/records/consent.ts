import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of what members agreed to and asked for: the consent ledger (each grant and withdrawal of
 * a purpose not needed to fulfil an order), category subscriptions, and the private offers sent for
 * them. Times are ISO strings in UTC. See src/services/consent.ts and src/services/offers.ts.
 */

/**
 * The purposes a member may allow, each off until they turn it on (src/services/consent.ts):
 * `history` recommendations from their order history, `offers` private offers of deals in the
 * categories they subscribed to, `leaderboard` their name on the public points leaderboard,
 * `reviews` their reviews shown to the group under their name.
 */
export const PurposeSchema = z.enum(['history', 'offers', 'leaderboard', 'reviews']);
export type Purpose = z.infer<typeof PurposeSchema>;

/**
 * One grant or withdrawal, appended and never changed: the ledger is the member's record of what
 * they agreed to, when, and to which wording (version). The newest entry per purpose is in force.
 */
export const ConsentSchema = z.object({
  id: z.string(), // `${communityId}/${userId}|${purpose}|${seq}`
  communityId: z.string(),
  userId: z.string(),
  purpose: PurposeSchema,
  granted: z.boolean(),
  at: isoTime,
  /** The version of the purpose's wording the member saw (PURPOSE_VERSIONS in src/services/consent.ts). */
  version: z.string(),
  /** Where it was said: a command (`/privacy on history`), a tap, `/subscribe`, or the stop of an offer. */
  via: z.enum(['command', 'button', 'subscribe', 'offer_stop', 'forget']),
  /** Place among this member's entries for this purpose: 1, 2, … (the id's last part). */
  seq: z.number().int().positive(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** A member's subscription to a category of deals (`/subscribe 水果`). */
export const SubscriptionSchema = z.object({
  id: z.string(), // `${communityId}/${userId}|${key}`
  communityId: z.string(),
  userId: z.string(),
  /** The category as the member wrote it (shown back), and its key (categoryKey: how it matches). */
  category: z.string(),
  key: z.string(),
  createdAt: isoTime,
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/**
 * A private offer of one deal to one subscriber: sent at most once per deal, and counted against
 * `offers.daily_cap` on the local day it was sent. `reached` once the platform accepted it,
 * `unreachable` when it refused the private chat (not counted as reached).
 */
export const OfferSchema = z.object({
  id: z.string(), // `${dealId}|${userId}`
  communityId: z.string(),
  dealId: z.string(),
  userId: z.string(),
  /** The category key that matched (the first of the deal's the member subscribed to). */
  key: z.string(),
  /** The community's local day (YYYY-MM-DD) it was sent on: the daily cap counts these. */
  day: z.string(),
  at: isoTime,
  state: z.enum(['sent', 'reached', 'unreachable']),
});
export type Offer = z.infer<typeof OfferSchema>;
