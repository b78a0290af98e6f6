import { localDay } from '../../core/format.js';
import type { Community, Member } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import { pruneAfterSetting, pruneBuyerDaysSetting, pruneGraceSetting } from '../prune.js';
import { getSetting } from '../settings.js';
import { coreDaysSetting, coreMessagesSetting, marginalDaysSetting, type Tier } from '../tiers.js';
import type { OrderScan } from './commerce.js';
import { bump, DAY_SLOTS, flag, IN, type MemberIndex } from './member-index.js';
import { divide, fromPair, type Metric, Pair } from './metric.js';
import { type Period, placeDay } from './period.js';

/** A layer of the pyramid: members in it and their share of current members. */
export interface TierCount {
  count: number;
  share: number | null;
}

/** How alive the community is. */
export interface ActivitySection {
  /** Members who sent a message or placed an order in the period. */
  activeMembers: Metric;
  messages: Metric;
  /** Member-days with a message or an order ÷ days in the period. */
  dailyActiveAvg: Metric;
  /** The pyramid now (not at the period's end: tiers look back from today). */
  tiers: {
    members: number;
    core: TierCount;
    ordinary: TierCount;
    marginal: TierCount;
    /** Members /prune would list now (its rule and settings; mostly marginal ones). */
    zombie: TierCount;
  };
}

export interface ActivityScan {
  section: ActivitySection;
  /** Active members per window, for conversion and K-factor. */
  active: Pair;
  /** Active members per local day of the current window, for the chart. */
  daily: number[];
  /** What the suggestions read (src/services/insights/), gathered in the same pass over the buckets. */
  insight: ActivityInsight;
}

/**
 * Messages per local hour (0–23) of the current window (Activity.hours: days counted before hours
 * were kept add nothing), and per member (MemberIndex position) IN-like bits: 1 = wrote on a local
 * day of the tier.marginal_days before the period's start, 2 = of the tier.marginal_days up to now.
 */
export interface ActivityInsight {
  talk: number[];
  wrote: number[];
}

const WROTE_BEFORE_START = 1;
const WROTE_BEFORE_NOW = 2;

const DAY = 86_400_000;

/** Prune thresholds as durations (the prune service's settings). */
function pruneThresholds(community: Community) {
  return {
    after: getSetting(community, pruneAfterSetting),
    grace: getSetting(community, pruneGraceSetting),
    buyerDays: getSetting(community, pruneBuyerDaysSetting) * DAY,
  };
}

/** Member ids an admin exempted from pruning (a small table without a community index). */
function exemptedMembers(tables: Tables, communityId: string): Set<string> {
  const ids = new Set<string>();
  for (const exemption of tables.pruneExemptions.values())
    if (exemption.communityId === communityId) ids.add(exemption.id);
  return ids;
}

/** Orders before this moment change no member's tier or zombie status: every threshold is later. */
export function tierHorizon(community: Community, now: Date): string {
  const prune = pruneThresholds(community);
  const longest = Math.max(
    getSetting(community, coreDaysSetting) * DAY,
    getSetting(community, marginalDaysSetting) * DAY,
    prune.after,
    prune.buyerDays,
  );
  return new Date(now.getTime() - longest).toISOString();
}

/**
 * The tier of every current member in one pass, by the rule of tierOf (src/services/tiers.ts):
 * that function looks each member's orders and activity up one by one, which costs about a second
 * per 100,000 members; here the inputs come from the scans the report already makes. Times are
 * compared as ISO strings against thresholds computed once.
 */
function pyramid(
  community: Community,
  members: readonly Member[],
  exemptions: ReadonlySet<string>,
  recentMessages: number[],
  lastOrderAt: (string | undefined)[],
  now: Date,
): ActivitySection['tiers'] {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const coreSince = before(getSetting(community, coreDaysSetting) * DAY);
  const coreMessages = getSetting(community, coreMessagesSetting);
  const marginalBefore = before(getSetting(community, marginalDaysSetting) * DAY);
  const prune = pruneThresholds(community);
  const idleBefore = before(prune.after);
  const joinedBefore = before(prune.grace);
  const boughtBefore = before(prune.buyerDays);
  // The rule of the prune service's isCandidate (joining is not activity there; the grace period covers newcomers).
  const isZombie = (member: Member, ordered: string | undefined) => {
    if (member.role !== 'member' || exemptions.has(member.id)) return false;
    const last =
      ordered && (!member.lastMessageAt || ordered > member.lastMessageAt) ? ordered : member.lastMessageAt;
    if (last && last > idleBefore) return false;
    if (member.joinedAt && member.joinedAt > joinedBefore) return false;
    return !ordered || ordered <= boughtBefore;
  };
  const counts: Record<Tier | 'zombie', number> = { core: 0, ordinary: 0, marginal: 0, zombie: 0 };
  let total = 0;
  // The index numbered the members in this order, so a member's number is its position here.
  // A plain indexed loop: this runs once over every member, mostly before V8 optimizes it, where
  // an entries() iterator and a per-member array cost more than the comparisons themselves.
  for (let who = 0; who < members.length; who++) {
    const member = members[who]!;
    if (member.status !== 'active') continue;
    total++;
    const ordered = lastOrderAt[who];
    if (isZombie(member, ordered)) counts.zombie++;
    if ((ordered && ordered >= coreSince) || (recentMessages[who] ?? 0) >= coreMessages) {
      counts.core++;
      continue;
    }
    let last = member.lastMessageAt;
    if (ordered && (!last || ordered > last)) last = ordered;
    if (member.joinedAt && (!last || member.joinedAt > last)) last = member.joinedAt;
    last ??= member.firstSeen;
    if (last > marginalBefore) {
      counts.ordinary++;
      continue;
    }
    counts.marginal++;
  }
  const share = (n: number): TierCount => ({ count: n, share: total === 0 ? null : n / total });
  return {
    members: total,
    core: share(counts.core),
    ordinary: share(counts.ordinary),
    marginal: share(counts.marginal),
    zombie: share(counts.zombie),
  };
}

/** One pass over the community's daily activity buckets, joined with what the order scan found. */
export function activitySection(
  tables: Tables,
  community: Community,
  members: readonly Member[],
  index: MemberIndex,
  period: Period,
  orders: OrderScan,
  now: Date,
): ActivityScan {
  const has = period.previous !== undefined;
  const messages = new Pair();
  const memberDays = new Pair();
  const spoke = index.tally();
  const daily = new Array<number>(period.current.days.length).fill(0);
  const dayPosition = new Map<string, number>();
  for (const days of [period.current.days, period.previous?.days ?? []])
    for (const [i, d] of days.entries()) dayPosition.set(d, i);
  const coreSinceDay = localDay(
    new Date(now.getTime() - getSetting(community, coreDaysSetting) * DAY),
    community.timezone,
  );
  const recentMessages = index.tally();
  // The tier.marginal_days before the period's start (its own first day excluded) and before now, as local days.
  const marginalMs = getSetting(community, marginalDaysSetting) * DAY;
  const periodStart = Date.parse(period.current.from);
  const startFirstDay = localDay(new Date(periodStart - marginalMs), community.timezone);
  const startLastDay = localDay(new Date(periodStart - 1), community.timezone);
  const nowFirstDay = localDay(new Date(now.getTime() - marginalMs), community.timezone);
  const insight: ActivityInsight = { talk: new Array<number>(24).fill(0), wrote: index.tally() };
  // Order days left in these sets after the pass are days a member ordered without speaking.
  const orderOnlyDays = orders.orderDays;
  for (const bucket of tables.activity.by('community', community.id)) {
    if (bucket.messages === 0) continue;
    const recent = bucket.day >= coreSinceDay;
    const where = placeDay(period, bucket.day);
    const wrote =
      (bucket.day >= startFirstDay && bucket.day <= startLastDay ? WROTE_BEFORE_START : 0) |
      (bucket.day >= nowFirstDay ? WROTE_BEFORE_NOW : 0);
    if (!recent && !where && !wrote) continue;
    const who = index.of(bucket.userId);
    if (wrote) flag(insight.wrote, who, wrote);
    if (where === 'current' && bucket.hours)
      for (let h = 0; h < 24; h++) insight.talk[h]! += bucket.hours[h] ?? 0;
    if (recent) bump(recentMessages, who, bucket.messages);
    if (!where) continue;
    messages.add(where, bucket.messages);
    memberDays.add(where);
    flag(spoke, who, IN[where]);
    const day = dayPosition.get(bucket.day)!;
    orderOnlyDays[where].delete(who * DAY_SLOTS + day);
    if (where === 'current') daily[day]!++;
  }
  memberDays.add('current', orderOnlyDays.current.size);
  memberDays.add('previous', orderOnlyDays.previous.size);
  for (const key of orderOnlyDays.current) daily[key % DAY_SLOTS]!++;
  const active = new Pair();
  const length = Math.max(spoke.length, orders.ordered.length);
  for (let who = 0; who < length; who++) {
    const bits = (spoke[who] ?? 0) | (orders.ordered[who] ?? 0);
    if (bits & IN.current) active.current++;
    if (bits & IN.previous) active.previous++;
  }
  const days = new Pair();
  days.current = period.current.days.length;
  days.previous = period.previous?.days.length ?? 0;
  return {
    section: {
      activeMembers: fromPair('count', active, has),
      messages: fromPair('count', messages, has),
      dailyActiveAvg: divide('average', memberDays, days, has),
      tiers: pyramid(
        community,
        members,
        exemptedMembers(tables, community.id),
        recentMessages,
        orders.lastOrderAt,
        now,
      ),
    },
    active,
    daily,
    insight,
  };
}
