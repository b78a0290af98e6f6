import type { Community } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { type ReportFigures, type SuggestionsSection, suggestionsFor } from './insights/index.js';
import { type ActivitySection, activitySection, tierHorizon } from './report/activity.js';
import { type CommerceSection, commerceSection, scanOrders } from './report/commerce.js';
import { type IncentivesSection, incentivesSection } from './report/incentives.js';
import { MemberIndex } from './report/member-index.js';
import { type MoneySection, moneySection } from './report/money.js';
import { type OffersSection, offersSection } from './report/offers.js';
import { type Period, type PeriodOutcome, resolvePeriod } from './report/period.js';
import { type PickupSection, pickupSection } from './report/pickup.js';
import { type PointsSection, pointsSection } from './report/points.js';
import { type ProductsSection, productsSection } from './report/products.js';
import { type ReferralSection, referralSection } from './report/referrals.js';
import { type SizeSection, sizeSection } from './report/size.js';
import { currencySetting, getSetting } from './settings.js';

export type { Suggestion, SuggestionsSection } from './insights/index.js';
export type { ActivitySection } from './report/activity.js';
export type { CommerceSection, TopDeal } from './report/commerce.js';
export type {
  IncentiveFigures,
  IncentiveSource,
  IncentivesSection,
} from './report/incentives.js';
export type { Metric } from './report/metric.js';
export type { CollectMethod, MoneySection, Outstanding } from './report/money.js';
export type { OffersSection } from './report/offers.js';
export { isPeriodText, MAX_RANGE_DAYS, type Period, type RangeProblem } from './report/period.js';
export type { PickupFigures, PickupSection, PointPickup } from './report/pickup.js';
export type { PointsSection } from './report/points.js';
export type { ProductFigures, ProductsSection } from './report/products.js';
export type { ReferralSection, TopReferrer } from './report/referrals.js';
export type { SizeSection } from './report/size.js';

/** One local day of the current period, for the chart. */
export interface DailyPoint {
  day: string;
  gmvCents: number;
  activeMembers: number;
  /** Payments and refunds recorded that day (see MoneySection). */
  collectedCents: number;
  refundsCents: number;
}

/** Everything /report shows, as data: the text, the chart, `/report json` and the CLI all render this. */
export interface Report {
  community: { id: string; title: string; timezone: string; currency: string };
  generatedAt: string;
  period: {
    key: string;
    from: string;
    to: string;
    days: number;
    previous: { from: string; to: string; days: number } | null;
  };
  size: SizeSection;
  activity: ActivitySection;
  commerce: CommerceSection;
  money: MoneySection;
  /** Goods picked up at pickup points, of the lines whose goods arrived in the period. */
  pickup: PickupSection;
  /** Sales and reviews per product: per template, or a deal without one by its title. */
  products: ProductsSection;
  referrals: ReferralSection;
  points: PointsSection;
  /** Incentive ROI (激励投入产出): points issued per source against the GMV of their earners. */
  incentives: IncentivesSection;
  daily: DailyPoint[];
  /** Private offers of subscribed categories: sent, reached, refused, and reached members who ordered. */
  offers: OffersSection;
  /** Suggestions with the numbers behind them and a command to act (src/services/insights/). */
  suggestions: SuggestionsSection;
}

/** A report, or why its period was refused (see PeriodOutcome; nothing is computed then). */
export type ReportOutcome = { kind: 'report'; report: Report } | Exclude<PeriodOutcome, { kind: 'ok' }>;

export const DEFAULT_PERIOD = '30d';

/**
 * Computes a community's report for a period ending now (or a calendar month). Pure: reads the
 * tables, changes nothing. Each collection is walked once through its community index (orders
 * through the deal index), so the cost grows with the community's own records, not per member.
 */
export function buildReport(
  tables: Tables,
  community: Community,
  periodText: string,
  now: Date,
): ReportOutcome {
  const resolved = resolvePeriod(periodText, community.timezone, now, community.createdAt);
  if (resolved.kind !== 'ok') return resolved;
  return { kind: 'report', report: computeReport(tables, community, resolved.period, now) };
}

function computeReport(tables: Tables, community: Community, period: Period, now: Date): Report {
  const members = tables.members.by('community', community.id);
  const index = new MemberIndex(members);
  const orders = scanOrders(tables, community.id, period, index, tierHorizon(community, now));
  const activity = activitySection(tables, community, members, index, period, orders, now);
  const money = moneySection(tables, community.id, period, orders.gmv, orders.outstanding);
  const { current, previous } = period;
  const figures: ReportFigures = {
    community: {
      id: community.id,
      title: community.title,
      timezone: community.timezone,
      currency: getSetting(community, currencySetting),
    },
    generatedAt: now.toISOString(),
    period: {
      key: period.key,
      from: current.from,
      // The window's exclusive end is a millisecond after now; show now.
      to: current.to.localeCompare(now.toISOString()) > 0 ? now.toISOString() : current.to,
      days: current.days.length,
      previous: previous ? { from: previous.from, to: previous.to, days: previous.days.length } : null,
    },
    size: sizeSection(members, period),
    activity: activity.section,
    commerce: commerceSection(orders, period, activity.active),
    money: money.section,
    pickup: pickupSection(tables, community.id, period),
    products: productsSection(tables, community.id, period),
    referrals: referralSection(tables, community.id, period, orders, index, activity.active),
    points: pointsSection(tables, community.id, period, orders),
    incentives: incentivesSection(tables, community.id, period, orders, index),
    offers: offersSection(tables, community.id, period),
    daily: current.days.map((day, i) => ({
      day,
      gmvCents: orders.dailyGmv[i] ?? 0,
      activeMembers: activity.daily[i] ?? 0,
      collectedCents: money.daily.collected[i] ?? 0,
      refundsCents: money.daily.refunds[i] ?? 0,
    })),
  };
  // Read from the figures above (and the records of the same period): computed last.
  const scans = { members, ...activity.insight, lastOrderAt: orders.lastOrderAt };
  return { ...figures, suggestions: suggestionsFor(tables, community, figures, period, now, scans) };
}
