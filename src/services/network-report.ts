import type { Community } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { linkedCommunities, networkOf } from './network.js';
import { isSucceeded } from './report/commerce.js';
import { metric } from './report/metric.js';
import { type Period, placeIn, resolvePeriod } from './report/period.js';
import { buildReport, type Metric, type Report, type ReportOutcome } from './report.js';

/**
 * `/report network`: the numbers of every group of a leader's network side by side, and their
 * total. Each group's figures are its own report's (buildReport, its timezone and period); the
 * total adds them up. Members, active members and buyers are counted per group, so a person in two
 * groups counts in each; `people.buyers` counts each person once (the groups are on one platform,
 * so one user id is one person). Conversion of the total: Σ buyers ÷ Σ active members.
 */

/** The figures of one group, as its own report has them. */
export interface NetworkGroupFigures {
  community: { id: string; title: string; currency: string };
  /** The group has a previous period to compare with (the bot knew it then). */
  compared: boolean;
  members: Metric;
  activeMembers: Metric;
  buyers: Metric;
  orders: Metric;
  /** In the group's own currency (report.community.currency). */
  gmvCents: Metric;
  conversion: Metric;
}

/** Everything `/report network` shows, as data (`/report network json` writes it). */
export interface NetworkReport {
  network: { id: string; home: string };
  generatedAt: string;
  /** The period as the asking group reads it (every group resolves the same words in its timezone). */
  period: Report['period'];
  /** Any group has a previous period: the total is compared (a group unknown then adds 0 to it). */
  compared: boolean;
  groups: NetworkGroupFigures[];
  total: Omit<NetworkGroupFigures, 'community' | 'compared' | 'gmvCents'> & {
    /** Null when the groups keep their money in different currencies: such sums mean nothing. */
    gmvCents: Metric | null;
  };
  /** The one currency of every group, or null when they differ. */
  currency: string | null;
  /** Distinct people across the groups: buyers with a counted order in any group (one user id, one person). */
  people: { buyers: Metric };
}

export type NetworkReportOutcome =
  | { kind: 'network_report'; report: NetworkReport; reports: Report[] }
  | { kind: 'not_linked' }
  | Exclude<ReportOutcome, { kind: 'report' }>;

/** Σ of a metric over groups: a group without a previous period (not known then) adds 0 to it. */
function summed(unit: 'count' | 'cents', metrics: Metric[], hasPrevious: boolean): Metric {
  const value = metrics.reduce((s, m) => s + (m.value ?? 0), 0);
  const previous = metrics.reduce((s, m) => s + (m.previous ?? 0), 0);
  return metric(unit, value, previous, hasPrevious);
}

function ratioOf(x: Metric, y: Metric, hasPrevious: boolean): Metric {
  const div = (a: number | null, b: number | null) => (a === null || !b ? null : a / b);
  return metric('ratio', div(x.value, y.value), div(x.previous, y.previous), hasPrevious);
}

/** User ids with a counted order (a line still ordered, of a deal that formed) in each window. */
function buyerIds(
  tables: Tables,
  communityId: string,
  period: Period,
  into: { current: Set<string>; previous: Set<string> },
) {
  for (const deal of tables.deals.by('community', communityId)) {
    if (!isSucceeded(deal)) continue;
    for (const order of tables.orders.by('deal', deal.id)) {
      if (order.status !== 'active') continue;
      const where = placeIn(period, order.createdAt);
      if (where) into[where].add(order.userId);
    }
  }
}

/**
 * The network report of the network `community` is linked in, for a period as /report reads it
 * (`30d`, `2026-11`, a range), ending now. Groups that removed the bot are left out (they are in
 * no list of linked groups). Pure: reads the tables, changes nothing.
 */
export function buildNetworkReport(
  tables: Tables,
  community: Community,
  periodText: string,
  now: Date,
): NetworkReportOutcome {
  const network = networkOf(tables, community.id);
  if (!network) return { kind: 'not_linked' };
  const groups = linkedCommunities(tables, community);
  const reports: Report[] = [];
  const people = { current: new Set<string>(), previous: new Set<string>() };
  let anyPrevious = false;
  for (const group of groups) {
    const outcome = buildReport(tables, group, periodText, now);
    if (outcome.kind !== 'report') return outcome;
    reports.push(outcome.report);
    const resolved = resolvePeriod(periodText, group.timezone, now, group.createdAt);
    if (resolved.kind !== 'ok') continue;
    anyPrevious ||= resolved.period.previous !== undefined;
    buyerIds(tables, group.id, resolved.period, people);
  }
  const figures = reports.map(
    (r): NetworkGroupFigures => ({
      community: { id: r.community.id, title: r.community.title, currency: r.community.currency },
      compared: r.period.previous !== null,
      members: r.size.members,
      activeMembers: r.activity.activeMembers,
      buyers: r.commerce.buyers,
      orders: r.commerce.orders,
      gmvCents: r.commerce.gmvCents,
      conversion: r.commerce.conversion,
    }),
  );
  const currencies = new Set(figures.map((f) => f.community.currency));
  const currency = currencies.size === 1 ? [...currencies][0]! : null;
  const sum = (pick: (f: NetworkGroupFigures) => Metric, unit: 'count' | 'cents' = 'count') =>
    summed(unit, figures.map(pick), anyPrevious);
  const activeMembers = sum((f) => f.activeMembers);
  const buyers = sum((f) => f.buyers);
  return {
    kind: 'network_report',
    reports,
    report: {
      network: { id: network.id, home: network.communityId },
      generatedAt: now.toISOString(),
      period: reports[0]!.period,
      compared: anyPrevious,
      groups: figures,
      total: {
        members: sum((f) => f.members),
        activeMembers,
        buyers,
        orders: sum((f) => f.orders),
        gmvCents: currency === null ? null : sum((f) => f.gmvCents, 'cents'),
        conversion: ratioOf(buyers, activeMembers, anyPrevious),
      },
      currency,
      people: { buyers: metric('count', people.current.size, people.previous.size, anyPrevious) },
    },
  };
}
