import type { Fulfilment, Order } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import { divide, fromPair, type Metric, metric, Pair } from './metric.js';
import { type Period, placeIn } from './period.js';

/**
 * How goods reached buyers (issue #18): of the order lines whose goods arrived at their pickup
 * point in the period (by the arrival recorded for that deal and point), how many were picked up
 * (`deliveredAt`, by now), and how long after the arrival (median, in hours).
 */
export interface PickupFigures {
  /** Active order lines whose goods arrived at their point in the period. */
  linesArrived: Metric;
  /** Those of them picked up (a code checked, or marked delivered), as the records stand now. */
  linesPickedUp: Metric;
  /** linesPickedUp ÷ linesArrived. */
  pickupRate: Metric;
  /** The median time from the arrival to the pickup of the lines picked up, in hours (a pickup before the arrival counts 0). */
  medianHoursToPickup: Metric;
}

/** One pickup point's figures: `pointId` '' (no `no`, no `name`) holds the lines with no point. */
export interface PointPickup extends PickupFigures {
  pointId: string;
  no: number | null;
  name: string | null;
}

/** All points together, and each point that had goods arrive in either window (by number; no point last). */
export interface PickupSection extends PickupFigures {
  points: PointPickup[];
}

/** Counts of one point (or all) for the two windows, with the hours to pickup of each picked line. */
class Tally {
  readonly arrived = new Pair();
  readonly picked = new Pair();
  readonly hours = { current: [] as number[], previous: [] as number[] };

  add(where: 'current' | 'previous', line: Order, arrivedAt: number): void {
    this.arrived.add(where);
    if (line.deliveredAt === undefined) return;
    this.picked.add(where);
    this.hours[where].push(Math.max(0, Date.parse(line.deliveredAt) - arrivedAt) / 3_600_000);
  }

  figures(has: boolean): PickupFigures {
    return {
      linesArrived: fromPair('count', this.arrived, has),
      linesPickedUp: fromPair('count', this.picked, has),
      pickupRate: divide('ratio', this.picked, this.arrived, has),
      medianHoursToPickup: metric('average', median(this.hours.current), median(this.hours.previous), has),
    };
  }
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The pickup section. Walks the community's deals, their fulfilments (deal index) and, for a deal
 * with an arrival in either window, its lines once.
 */
export function pickupSection(tables: Tables, communityId: string, period: Period): PickupSection {
  const has = period.previous !== undefined;
  const all = new Tally();
  const byPoint = new Map<string, Tally>();
  for (const deal of tables.deals.by('community', communityId)) {
    const arrivals = tables.fulfilments
      .by('deal', deal.id)
      .map((f) => ({ f, where: placeIn(period, f.arrivedAt) }))
      .filter(
        (a): a is { f: Fulfilment & { arrivedAt: string }; where: 'current' | 'previous' } => !!a.where,
      );
    if (arrivals.length === 0) continue;
    const lines = tables.orders.by('deal', deal.id).filter((o) => o.status === 'active');
    for (const { f, where } of arrivals) {
      const tally = byPoint.get(f.pointId) ?? new Tally();
      byPoint.set(f.pointId, tally);
      const arrivedAt = Date.parse(f.arrivedAt);
      for (const line of lines) {
        if ((line.pointId ?? '') !== f.pointId) continue; // '': lines with no point
        tally.add(where, line, arrivedAt);
        all.add(where, line, arrivedAt);
      }
    }
  }
  const points = [...byPoint].map(([pointId, tally]): PointPickup => {
    const point = pointId ? tables.pickupPoints.get(pointId) : undefined;
    return { pointId, no: point?.no ?? null, name: point?.name ?? null, ...tally.figures(has) };
  });
  points.sort((a, b) => (a.no ?? Number.POSITIVE_INFINITY) - (b.no ?? Number.POSITIVE_INFINITY));
  return { ...all.figures(has), points };
}
