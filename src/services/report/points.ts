import type { LedgerEntry } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { OrderScan } from './commerce.js';
import { divide, fromPair, type Metric, metric, Pair } from './metric.js';
import { type Period, placeDay, placeIn } from './period.js';

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

/** One pass over the community's live ledger and the day rollups of its archived entries. */
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
  const add = (where: 'current' | 'previous', reason: LedgerEntry['reason'], delta: number) => {
    if (EARNED.has(reason)) issued.add(where, delta);
    else if (reason === 'redeem' || reason === 'refund') redeemed.add(where, -delta);
    else if (reason === 'deduct') deducted.add(where, -delta);
  };
  // A rollup's local day ends before a window's end exactly when it is before the window's last day
  // (or the window is capped at now, which is later than any archived day).
  const lastDay = (days: string[] | undefined) => days?.at(-1) ?? '';
  const currentLast = lastDay(period.current.days);
  const previousLast = lastDay(period.previous?.days);
  for (const rollup of tables.ledgerRollups.by('community', communityId)) {
    if (rollup.day <= currentLast) before.current += rollup.delta;
    if (previousEnd !== undefined && rollup.day <= previousLast) before.previous += rollup.delta;
    const where = placeDay(period, rollup.day);
    if (where) add(where, rollup.reason, rollup.delta);
  }
  for (const entry of tables.ledger.by('community', communityId)) {
    if (entry.at < currentEnd) before.current += entry.delta;
    if (previousEnd !== undefined && entry.at < previousEnd) before.previous += entry.delta;
    const where = placeIn(period, entry.at);
    if (where) add(where, entry.reason, entry.delta);
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
