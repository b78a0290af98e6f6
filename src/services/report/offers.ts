import type { Tables } from '../../store/tables.js';
import { offerStats } from '../offers.js';
import { type Metric, metric } from './metric.js';
import type { Period } from './period.js';

/**
 * Private offers of the period (deals of a subscribed category, src/services/offers.ts), each
 * beside the previous period: what was sent, what reached members, what the platform refused,
 * and how many reached members then ordered the deal offered.
 */
export interface OffersSection {
  /** Offers sent in the period. */
  sent: Metric;
  /** Accepted by the platform: the member could read it. */
  reached: Metric;
  /** Refused by the platform (the member never opened a private chat with the bot, or blocked it). */
  refused: Metric;
  /** Members reached who then ordered the deal offered. */
  ordered: Metric;
}

/** The offers section of a community's report for `period`. */
export function offersSection(tables: Tables, communityId: string, period: Period): OffersSection {
  const { current, previous } = period;
  const now = offerStats(tables, communityId, new Date(current.from), new Date(current.to));
  const before = previous && offerStats(tables, communityId, new Date(previous.from), new Date(previous.to));
  const has = previous !== undefined;
  return {
    sent: metric('count', now.sent, before?.sent ?? null, has),
    reached: metric('count', now.reached, before?.reached ?? null, has),
    refused: metric('count', now.refused, before?.refused ?? null, has),
    ordered: metric('count', now.ordered, before?.ordered ?? null, has),
  };
}
