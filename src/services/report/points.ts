import type { LedgerEntry } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { OrderScan } from './commerce.js';
import { divide, fromPair, type Metric, metric, Pair } from './metric.js';
import { type Period, placeIn } from './period.js';

/** What the points programme gave out and what it cost. */
export interface PointsSection {
  /** Points earned: check-ins, streaks, referrals, welcomes, topics, orders, awards. */
  issued: Metric;
  /** Points spent on discounts, net of refunds of cancelled or failed orders. */
  redeemed: Metric;
  /** Points taken back by admins (/deduct). */
  deducted: Metric;
  /** Sum of all balances at the end of the period. */
  outstanding: Metric;
  /** Discounts paid with points on the orders counted in GMV. */
  discountCents: Metric;
  /** discount ÷ GMV: what the programme costs per unit of sales. */
  discountPerGmv: Metric;
}

const EARNED = new Set<LedgerEntry['reason']>([
  'checkin',
  'streak',
  'referral_join',
  'referral_order',
  'welcome',
  'topic',
  'order',
  'award',
]);

/** One pass over the community's ledger. */
export function pointsSection(
  tables: Tables,
  communityId: string,
  period: Period,
  orders: OrderScan,
): PointsSection {
  const has = period.previous !== undefined;
  const issued = new Pair();
  const redeemed = new Pair();
  const deducted = new Pair();
  const before = { current: 0, previous: 0 };
  const currentEnd = period.current.to;
  const previousEnd = period.previous?.to;
  for (const entry of tables.ledger.by('community', communityId)) {
    if (entry.at < currentEnd) before.current += entry.delta;
    if (previousEnd !== undefined && entry.at < previousEnd) before.previous += entry.delta;
    const where = placeIn(period, entry.at);
    if (!where) continue;
    if (EARNED.has(entry.reason)) issued.add(where, entry.delta);
    else if (entry.reason === 'redeem' || entry.reason === 'refund') redeemed.add(where, -entry.delta);
    else if (entry.reason === 'deduct') deducted.add(where, -entry.delta);
  }
  return {
    issued: fromPair('count', issued, has),
    redeemed: fromPair('count', redeemed, has),
    deducted: fromPair('count', deducted, has),
    outstanding: metric('count', before.current, before.previous, has),
    discountCents: fromPair('cents', orders.discount, has),
    discountPerGmv: divide('ratio', orders.discount, orders.gmv, has),
  };
}
