import type { Referral } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { OrderScan } from './commerce.js';
import type { MemberIndex } from './member-index.js';
import { divide, fromPair, type Metric, Pair } from './metric.js';
import { type Period, placeIn } from './period.js';

export type RejectReason = NonNullable<Referral['reason']>;

/** An inviter on a leaderboard: by qualified referrals, or by the GMV their invitees bought. */
export interface TopReferrer {
  userId: string;
  name: string;
  value: number;
}

/** How the community grows by its members (裂变). */
export interface ReferralSection {
  /** Personal invites (links/codes) members created. */
  invitesCreated: Metric;
  /** Joins credited to an inviter. */
  referredJoins: Metric;
  qualified: Metric;
  rejected: Metric;
  /** Rejections in the current period by reason code. */
  rejectedByReason: Partial<Record<RejectReason | 'unknown', number>>;
  /** Referred members (not rejected) who bought in the period. */
  referredBuyers: Metric;
  gmvFromReferredCents: Metric;
  /** Qualified referrals ÷ active members. */
  kFactor: Metric;
  topByQualified: TopReferrer[];
  topByGmv: TopReferrer[];
}

function top(tables: Tables, communityId: string, values: Map<string, number>): TopReferrer[] {
  return [...values]
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([userId, value]) => ({
      userId,
      name: tables.members.get(`${communityId}/${userId}`)?.name ?? userId,
      value,
    }));
}

/** One pass over the community's referrals (and over the invites, which have no community index and are few). */
export function referralSection(
  tables: Tables,
  communityId: string,
  period: Period,
  orders: OrderScan,
  index: MemberIndex,
  active: Pair,
): ReferralSection {
  const has = period.previous !== undefined;
  const invites = new Pair();
  for (const invite of tables.invites.values())
    if (invite.communityId === communityId) invites.add(placeIn(period, invite.createdAt));
  const joins = new Pair();
  const qualified = new Pair();
  const rejected = new Pair();
  const buyers = new Pair();
  const gmv = new Pair();
  const byReason: ReferralSection['rejectedByReason'] = {};
  const qualifiedByInviter = new Map<string, number>();
  const gmvByInviter = new Map<string, number>();
  for (const referral of tables.referrals.by('community', communityId)) {
    joins.add(placeIn(period, referral.joinedAt));
    if (referral.status === 'qualified') {
      const where = placeIn(period, referral.decidedAt);
      qualified.add(where);
      if (where === 'current')
        qualifiedByInviter.set(referral.inviterId, (qualifiedByInviter.get(referral.inviterId) ?? 0) + 1);
    }
    if (referral.status === 'rejected') {
      const where = placeIn(period, referral.decidedAt ?? referral.joinedAt);
      rejected.add(where);
      const reason = referral.reason ?? 'unknown';
      if (where === 'current') byReason[reason] = (byReason[reason] ?? 0) + 1;
      // A rejected referral (self-invite, rejoin, bot…) brought nobody: its orders are not the inviter's.
      continue;
    }
    const who = index.of(referral.inviteeId);
    for (const where of ['current', 'previous'] as const) {
      if (!orders.ordersByMember[where][who]) continue;
      const spent = orders.gmvByMember[where][who] ?? 0;
      buyers.add(where);
      gmv.add(where, spent);
      if (where === 'current')
        gmvByInviter.set(referral.inviterId, (gmvByInviter.get(referral.inviterId) ?? 0) + spent);
    }
  }
  return {
    invitesCreated: fromPair('count', invites, has),
    referredJoins: fromPair('count', joins, has),
    qualified: fromPair('count', qualified, has),
    rejected: fromPair('count', rejected, has),
    rejectedByReason: byReason,
    referredBuyers: fromPair('count', buyers, has),
    gmvFromReferredCents: fromPair('cents', gmv, has),
    kFactor: divide('average', qualified, active, has),
    topByQualified: top(tables, communityId, qualifiedByInviter),
    topByGmv: top(tables, communityId, gmvByInviter),
  };
}
