import type { Metric, Report } from '../src/services/report.js';
import type { reportText } from './report-text.js';

/**
 * The pickup lines of the /report summary: the pickup rate, the lines arrived and picked up, and
 * the median hours from arrival to pickup ("no pickups yet" where none was picked up in the
 * period), for all points, then one short line per point (marked
 * optional: dropped first on a small message limit). Nothing when no goods arrived at a point in
 * either period (a community that does not use arrivals). `m` formats a metric with its previous
 * value and change, `value` a metric's value alone (report-text.ts passes both).
 */
export function pickupLines(
  t: ReturnType<typeof reportText>,
  report: Report,
  m: (metric: Metric) => string,
  value: (metric: Metric) => string,
): { text: string; optional: boolean }[] {
  const { pickup } = report;
  if (!pickup.linesArrived.value && !pickup.linesArrived.previous) return [];
  // No median without a pickup: "no pickups yet", not a dash where hours would be.
  const hours = (metric: Metric, show: (metric: Metric) => string) =>
    metric.value === null ? undefined : show(metric);
  const overall = t.pickup(
    m(pickup.pickupRate),
    m(pickup.linesArrived),
    m(pickup.linesPickedUp),
    hours(pickup.medianHoursToPickup, m),
  );
  // Per point only where points are named: a community without points has its one line above.
  const named = pickup.points.some((p) => p.name !== null);
  const points = named
    ? pickup.points
        .filter((p) => p.linesArrived.value)
        .map((p) =>
          t.pickupPoint(
            p.name ?? t.noPoint,
            value(p.pickupRate),
            value(p.linesArrived),
            hours(p.medianHoursToPickup, value),
          ),
        )
    : [];
  return [{ text: overall, optional: false }, ...points.map((text) => ({ text, optional: true }))];
}
