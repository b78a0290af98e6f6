import { lookalikeKey } from '../core/names.js';
import type { Community, Member, Referral } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { memberLabel } from './member-names.js';
import { DEFAULT_PAGE_SIZE, type MemberQuery, type MemberSortKey } from './member-query.js';
import { memberId } from './members.js';
import { type Exclusion, exclusionOf, lastActivity } from './prune-candidates.js';
import { DAY, pruneAfterSetting, pruneBuyerDaysSetting, pruneGraceSetting } from './prune-settings.js';
import { getSetting } from './settings.js';
import { type Tier, tierOf } from './tiers.js';

/**
 * The members of a community as a table (the dashboard's Members page, the API's /members): tier,
 * points, referrals made, last activity, whether /prune would list them. Pure over Tables: the
 * same rules as /report (tierOf) and /prune (exclusionOf), so browser and chat agree.
 */

/** A referral a member made: the invitee, and what became of it (`reason` when rejected). */
export interface MadeReferral {
  inviteeId: string;
  /** The invitee as lists show them (`Alice (2)`); their user id if the bot never saw them. */
  invitee: string;
  source: Referral['source'];
  status: Referral['status'];
  reason?: Referral['reason'];
  joinedAt: string;
  decidedAt?: string;
  /** When the invitee's first order paid the order reward, and when a full refund took it back. */
  orderRewardAt?: string;
  orderRewardReversedAt?: string;
}

/**
 * Whether /prune would list the member, by the rights the store last saw: /prune itself asks the
 * platform first (an admin made since, a member who left unseen), which a table cannot.
 * A candidate's `lastActive` is their last message or order (absent: never).
 */
export type PruneStatus =
  | { candidate: true; lastActive?: string }
  | { candidate: false; exclusion: Exclusion };

/** One member's row. Times ISO UTC. `tier` and `prune` are null for members no longer in the group. */
export interface MemberRow {
  userId: string;
  name: string;
  /** As lists show and commands name them (`Alice (2)`). */
  label: string;
  status: Member['status'];
  role: Member['role'];
  tier: Tier | null;
  points: number;
  referrals: MadeReferral[];
  /** Referrals made that qualified. */
  qualified: number;
  /** Last message or order (joining is not activity). */
  lastActive?: string;
  /** When the bot saw them join; absent for members there before the bot (see firstSeen). */
  joinedAt?: string;
  firstSeen: string;
  leftAt?: string;
  prune: PruneStatus | null;
}

/** The prune rule the candidate column applies (the community's settings), to say it beside the table. */
export interface PruneRule {
  /** Silence that makes a candidate, the grace of newcomers, the customers' window: all in ms. */
  afterMs: number;
  graceMs: number;
  buyerMs: number;
  /** Always 'last_seen': rights as the store last saw them, not as the platform says now. */
  standing: 'last_seen';
}

/** One page of the table. `total`: rows matching the filters (all pages); `page` is clamped to `pages`. */
export interface MemberTablePage {
  rows: MemberRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  prune: PruneRule;
}

const TIER_RANK: Record<Tier, number> = { marginal: 0, ordinary: 1, core: 2 };

/** The community's prune thresholds in ms. */
export function pruneRule(community: Community): PruneRule {
  return {
    afterMs: getSetting(community, pruneAfterSetting),
    graceMs: getSetting(community, pruneGraceSetting),
    buyerMs: getSetting(community, pruneBuyerDaysSetting) * DAY,
    standing: 'last_seen',
  };
}

/** A referral as the table shows it, the invitee named as lists name them. */
export function madeReferral(tables: Tables, community: Community, r: Referral): MadeReferral {
  const invitee = tables.members.get(memberId(community.id, r.inviteeId));
  return {
    inviteeId: r.inviteeId,
    invitee: invitee ? memberLabel(tables, invitee) : r.inviteeId,
    source: r.source,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    joinedAt: r.joinedAt,
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...(r.orderRewardAt ? { orderRewardAt: r.orderRewardAt } : {}),
    ...(r.orderRewardReversedAt ? { orderRewardReversedAt: r.orderRewardReversedAt } : {}),
  };
}

/** Referrals made in the community, by inviter, newest first (one pass over the community's). */
function referralsByInviter(tables: Tables, community: Community): Map<string, MadeReferral[]> {
  const byInviter = new Map<string, MadeReferral[]>();
  const sorted = tables.referrals
    .by('community', community.id)
    .sort((a, b) => b.joinedAt.localeCompare(a.joinedAt));
  for (const r of sorted) {
    const list = byInviter.get(r.inviterId) ?? [];
    list.push(madeReferral(tables, community, r));
    byInviter.set(r.inviterId, list);
  }
  return byInviter;
}

/**
 * A member on the way to a row: what every filter and sort reads is cheap (name, label, points,
 * referrals), and the costly parts (tier, the prune check, last activity: index look-ups per
 * member) are worked out the first time a filter, a sort or the page asks, once.
 */
class Entry {
  private tierCache: Tier | null | undefined;
  private pruneCache: PruneStatus | null | undefined;
  private lastCache: { at?: string } | undefined;
  readonly label: string;
  readonly qualified: number;

  constructor(
    private readonly tables: Tables,
    private readonly community: Community,
    readonly member: Member,
    readonly referrals: MadeReferral[],
    private readonly now: Date,
  ) {
    this.label = memberLabel(tables, member);
    this.qualified = referrals.filter((r) => r.status === 'qualified').length;
  }

  get here(): boolean {
    return this.member.status === 'active';
  }

  get lastActive(): string | undefined {
    this.lastCache ??= { at: lastActivity(this.tables, this.member) };
    return this.lastCache.at;
  }

  get tier(): Tier | null {
    if (this.tierCache === undefined)
      this.tierCache = this.here ? tierOf(this.tables, this.community, this.member, this.now) : null;
    return this.tierCache;
  }

  get prune(): PruneStatus | null {
    if (this.pruneCache === undefined) {
      const exclusion = this.here
        ? exclusionOf(this.tables, this.community, this.member, this.now)
        : undefined;
      const lastActive = this.lastActive;
      this.pruneCache = !this.here
        ? null
        : exclusion
          ? { candidate: false, exclusion }
          : { candidate: true, ...(lastActive ? { lastActive } : {}) };
    }
    return this.pruneCache;
  }

  row(): MemberRow {
    const { member, lastActive } = this;
    return {
      userId: member.userId,
      name: member.name,
      label: this.label,
      status: member.status,
      role: member.role,
      tier: this.tier,
      points: member.points,
      referrals: this.referrals,
      qualified: this.qualified,
      ...(lastActive ? { lastActive } : {}),
      ...(member.joinedAt ? { joinedAt: member.joinedAt } : {}),
      firstSeen: member.firstSeen,
      ...(member.leftAt ? { leftAt: member.leftAt } : {}),
      prune: this.prune,
    };
  }
}

/** Whether a member matches the name filter: part of their name or label (look-alikes and case aside), or their user id. */
function nameMatches(entry: Entry, typed: string): boolean {
  const fold = (s: string) => lookalikeKey(s).toLowerCase();
  const wanted = fold(typed.replace(/^[@＠]/u, ''));
  return (
    entry.member.userId.toLowerCase() === wanted ||
    fold(entry.member.name).includes(wanted) ||
    fold(entry.label).includes(wanted)
  );
}

/** Compares two members by a sort key, ascending; a missing time counts as the earliest. */
function compareBy(key: MemberSortKey): (a: Entry, b: Entry) => number {
  switch (key) {
    case 'name':
      return (a, b) => a.label.localeCompare(b.label);
    case 'tier':
      return (a, b) => (a.tier ? TIER_RANK[a.tier] : -1) - (b.tier ? TIER_RANK[b.tier] : -1);
    case 'points':
      return (a, b) => a.member.points - b.member.points;
    case 'referrals':
      return (a, b) => a.qualified - b.qualified || a.referrals.length - b.referrals.length;
    case 'lastActive':
      return (a, b) => (a.lastActive ?? '').localeCompare(b.lastActive ?? '');
    case 'joinedAt':
      return (a, b) =>
        (a.member.joinedAt ?? a.member.firstSeen).localeCompare(b.member.joinedAt ?? b.member.firstSeen);
  }
}

/**
 * The page of members a query asks for (readMemberQuery reads one from text): filtered by name,
 * tier, candidate and status, sorted (ties by label, then user id, so pages never overlap), paged.
 * A page past the last gives the last. Cost: a tier or prune check (tierOf, exclusionOf) for every
 * member only when the query filters or sorts by it (about 10 µs each), else for the page's rows.
 */
export function memberTable(
  tables: Tables,
  community: Community,
  query: Partial<MemberQuery>,
  now: Date,
): MemberTablePage {
  const byInviter = referralsByInviter(tables, community);
  const status = query.status ?? 'active';
  const entries = tables.members
    .by('community', community.id)
    .filter((m) => status === 'all' || m.status === status)
    .map((m) => new Entry(tables, community, m, byInviter.get(m.userId) ?? [], now))
    .filter(
      (e) =>
        (query.name === undefined || nameMatches(e, query.name)) &&
        (query.tier === undefined || e.tier === query.tier) &&
        (query.candidate === undefined || (e.prune?.candidate ?? false) === query.candidate),
    );
  const by = compareBy(query.sort ?? 'name');
  const sign = query.dir === 'desc' ? -1 : 1;
  entries.sort(
    (a, b) =>
      sign * by(a, b) ||
      a.label.localeCompare(b.label) ||
      (a.member.userId < b.member.userId ? -1 : a.member.userId > b.member.userId ? 1 : 0),
  );
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(entries.length / pageSize));
  const page = Math.min(query.page ?? 1, pages);
  return {
    rows: entries.slice((page - 1) * pageSize, page * pageSize).map((e) => e.row()),
    total: entries.length,
    page,
    pages,
    pageSize,
    prune: pruneRule(community),
  };
}

/** One member's row (memberDetail's), with the referrals they made. */
export function memberRow(
  tables: Tables,
  community: Community,
  member: Member,
  referrals: MadeReferral[],
  now: Date,
): MemberRow {
  return new Entry(tables, community, member, referrals, now).row();
}
