import type { LedgerEntry } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { OrderScan } from './commerce.js';
import { flag, IN, type MemberIndex } from './member-index.js';
import { divide, fromPair, type Metric, Pair } from './metric.js';
import { type Period, placeDay, placeIn } from './period.js';

/**
 * Incentive ROI (激励投入产出): what each way of giving points gave out, against what the members
 * who earned them bought in the same period.
 */

/** The incentives, in the order the report shows them. */
export const INCENTIVE_SOURCES = ['checkin', 'referral', 'topic', 'award', 'order'] as const;
export type IncentiveSource = (typeof INCENTIVE_SOURCES)[number];

/**
 * Each earning reason of the ledger and the incentive it belongs to. Not incentives (absent):
 * `redeem` and `refund` (points spent on discounts and given back), `deduct` (an admin takes
 * points) and `reversal` (a reward taken back after a refund). So the sources add up to the
 * points section's "points issued".
 */
export const SOURCE_OF: Partial<Record<LedgerEntry['reason'], IncentiveSource>> = {
  checkin: 'checkin',
  streak: 'checkin',
  referral_join: 'referral',
  referral_order: 'referral',
  // The invitee's bonus on their first order: the other half of the referral reward.
  welcome: 'referral',
  topic: 'topic',
  award: 'award',
  order: 'order',
};

/** One incentive's figures (or all of them together), each with its 环比. */
export interface IncentiveFigures {
  /** Points issued in the period (live entries by time, archived days by local day). */
  points: Metric;
  /** The part of `points` on archived days: rollups keep no member ids, so their earners are unknown. */
  archivedPoints: Metric;
  /** Distinct members who earned points of this source in the period (live entries only). */
  earners: Metric;
  /** GMV (as commerce.gmvCents counts it) of those earners' orders placed in the same period, in cents. */
  earnersGmvCents: Metric;
  /** earnersGmvCents ÷ the points whose earners are known (points − archivedPoints), in cents a point. */
  gmvPerPointCents: Metric;
}

/** The incentives section: per source, and all sources with each earner counted once. */
export interface IncentivesSection {
  sources: Record<IncentiveSource, IncentiveFigures>;
  total: IncentiveFigures;
}

/** Running sums of one row; `earned` flags (IN bits) who already counted as an earner per window. */
class Tally {
  readonly points = new Pair();
  readonly archived = new Pair();
  readonly earners = new Pair();
  readonly gmv = new Pair();
  readonly earned: number[];

  constructor(index: MemberIndex) {
    this.earned = index.tally();
  }

  /** Counts a member as an earner of the window once, with their GMV of that window. */
  earner(who: number, where: 'current' | 'previous', orders: OrderScan): void {
    if (((this.earned[who] ?? 0) & IN[where]) !== 0) return;
    flag(this.earned, who, IN[where]);
    this.earners.add(where);
    this.gmv.add(where, orders.gmvByMember[where][who] ?? 0);
  }

  figures(has: boolean): IncentiveFigures {
    const known = new Pair();
    known.current = this.points.current - this.archived.current;
    known.previous = this.points.previous - this.archived.previous;
    return {
      points: fromPair('count', this.points, has),
      archivedPoints: fromPair('count', this.archived, has),
      earners: fromPair('count', this.earners, has),
      earnersGmvCents: fromPair('cents', this.gmv, has),
      gmvPerPointCents: divide('cents', this.gmv, known, has),
    };
  }
}

/**
 * One pass over the community's day rollups and live ledger (entries before both windows skipped
 * with one string comparison). GMV per member comes from the report's order scan, so an earner's
 * GMV is exactly what the report's GMV counts for them.
 */
export function incentivesSection(
  tables: Tables,
  communityId: string,
  period: Period,
  orders: OrderScan,
  index: MemberIndex,
): IncentivesSection {
  const has = period.previous !== undefined;
  const rows = Object.fromEntries(INCENTIVE_SOURCES.map((s) => [s, new Tally(index)])) as Record<
    IncentiveSource,
    Tally
  >;
  const total = new Tally(index);
  for (const rollup of tables.ledgerRollups.by('community', communityId)) {
    const source = SOURCE_OF[rollup.reason];
    const where = source && placeDay(period, rollup.day);
    if (!source || !where) continue;
    for (const row of [rows[source], total]) {
      row.points.add(where, rollup.delta);
      row.archived.add(where, rollup.delta);
    }
  }
  const windowsFrom = period.previous?.from ?? period.current.from;
  for (const entry of tables.ledger.by('community', communityId)) {
    if (entry.at < windowsFrom) continue;
    const source = SOURCE_OF[entry.reason];
    const where = source && placeIn(period, entry.at);
    if (!source || !where) continue;
    rows[source].points.add(where, entry.delta);
    total.points.add(where, entry.delta);
    // A zero-point entry (a check-in worth 0) earned nothing.
    if (entry.delta <= 0) continue;
    const who = index.of(entry.userId);
    rows[source].earner(who, where, orders);
    total.earner(who, where, orders);
  }
  return {
    sources: Object.fromEntries(INCENTIVE_SOURCES.map((s) => [s, rows[s].figures(has)])) as Record<
      IncentiveSource,
      IncentiveFigures
    >,
    total: total.figures(has),
  };
}

/** True when no points were issued in either window: the report then says so in one line. */
export function noIncentives(section: IncentivesSection): boolean {
  const { points } = section.total;
  return !points.value && !points.previous;
}
