import { z } from 'zod';
import { localDay } from '../core/format.js';
import type { Community, LedgerEntry, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { hasConsent } from './consent.js';
import { ensureMember, memberId } from './members.js';
import { defineSetting, getSetting } from './settings.js';

/** Points (积分): an append-only ledger; the balance on the member record is its cached sum. */

const points = (max: number) => z.coerce.number().int().min(0).max(max);

export const checkinSetting = defineSetting({
  key: 'points.checkin',
  schema: points(1000),
  default: 1,
});
export const streakDaysSetting = defineSetting({
  key: 'points.streak_days',
  schema: z.coerce.number().int().min(2).max(365),
  default: 7,
});
export const streakBonusSetting = defineSetting({
  key: 'points.streak_bonus',
  schema: points(10_000),
  default: 5,
});
export const perOrderSetting = defineSetting({
  key: 'points.per_order',
  schema: points(10_000),
  default: 0,
});
export const valueSetting = defineSetting({
  key: 'points.value',
  schema: z.coerce.number().int().min(1).max(1_000_000),
  default: 100,
});
export const maxPctSetting = defineSetting({
  key: 'points.max_pct',
  schema: z.coerce.number().int().min(0).max(100),
  default: 50,
});

export type Reason = LedgerEntry['reason'];

export type CreditOutcome =
  | { kind: 'credited'; entry: LedgerEntry; balance: number }
  | { kind: 'duplicate'; entry: LedgerEntry }
  | { kind: 'insufficient'; balance: number }
  | { kind: 'no_member' };

/**
 * Adds one ledger entry and moves the cached balance with it. `key` is the idempotency key: an
 * event that already paid (a redelivery, a restart, a second sweep) never pays again. A change
 * that would take the balance below zero is refused.
 */
export function credit(
  tx: Tx,
  communityId: string,
  userId: string,
  delta: number,
  reason: Reason,
  key: string,
  now: Date,
  extra: { ref?: string; note?: string; by?: string } = {},
): CreditOutcome {
  const existing = tx.get('ledger', key);
  if (existing) return { kind: 'duplicate', entry: existing };
  // An inviter the bot never heard speak is still a member who earns.
  const member = ensureMember(tx, communityId, userId, now);
  if (!member) return { kind: 'no_member' };
  const balance = member.points + delta;
  if (!Number.isSafeInteger(balance) || balance < 0) return { kind: 'insufficient', balance: member.points };
  const entry = tx.put('ledger', {
    id: key,
    communityId,
    userId,
    delta,
    reason,
    ...extra,
    at: now.toISOString(),
  });
  tx.put('members', { ...member, points: balance });
  return { kind: 'credited', entry, balance };
}

export type CheckinOutcome =
  | { kind: 'checked_in'; earned: number; bonus: number; streak: number; balance: number }
  | { kind: 'already'; streak: number; balance: number };

/** Once per local day in the community's timezone; consecutive days build a streak. */
export function checkin(tx: Tx, community: Community, member: Member, now: Date): CheckinOutcome {
  const today = localDay(now, community.timezone);
  if (member.lastCheckinDay === today)
    return { kind: 'already', streak: member.streak, balance: member.points };
  const yesterday = localDay(new Date(now.getTime() - 86_400_000), community.timezone);
  const streak = member.lastCheckinDay === yesterday ? member.streak + 1 : 1;
  tx.put('members', { ...member, streak, lastCheckinDay: today });
  const base = getSetting(community, checkinSetting);
  const bonus =
    streak % getSetting(community, streakDaysSetting) === 0 ? getSetting(community, streakBonusSetting) : 0;
  const key = `checkin:${member.id}:${today}`;
  let balance = member.points;
  if (base > 0) {
    const outcome = credit(tx, community.id, member.userId, base, 'checkin', key, now);
    if (outcome.kind === 'credited') balance = outcome.balance;
  }
  if (bonus > 0) {
    const outcome = credit(tx, community.id, member.userId, bonus, 'streak', `${key}:streak`, now);
    if (outcome.kind === 'credited') balance = outcome.balance;
  }
  return { kind: 'checked_in', earned: base, bonus, streak, balance };
}

/** A member's entries still in memory (the last ~60 days; older ones are archived), newest first. */
export function entriesOf(tables: Tables, communityId: string, userId: string): LedgerEntry[] {
  return tables.ledger.by('member', `${communityId}/${userId}`).sort((a, b) => b.at.localeCompare(a.at));
}

/** The balance recomputed from the ledger, archived part included (the invariant: it equals the cached balance). */
export function ledgerBalance(tables: Tables, communityId: string, userId: string): number {
  const archived = tables.members.get(memberId(communityId, userId))?.archivedPoints ?? 0;
  return tables.ledger.by('member', `${communityId}/${userId}`).reduce((sum, e) => sum + e.delta, archived);
}

/** How many of a member's entries are in the archive (shown by /mydata, not /history). */
export function archivedCount(member: Member | undefined): number {
  return member?.archivedEntries ?? 0;
}

export interface PointsSummary {
  balance: number;
  earnedThisMonth: number;
  spentThisMonth: number;
  recent: LedgerEntry[];
}

export function summary(tables: Tables, community: Community, member: Member, now: Date): PointsSummary {
  const month = localDay(now, community.timezone).slice(0, 7);
  let earned = 0;
  let spent = 0;
  const entries = entriesOf(tables, community.id, member.userId);
  for (const e of entries) {
    if (localDay(new Date(e.at), community.timezone).slice(0, 7) !== month) continue;
    if (e.delta > 0) earned += e.delta;
    else spent -= e.delta;
  }
  return {
    balance: member.points,
    earnedThisMonth: earned,
    spentThisMonth: spent,
    recent: entries.slice(0, 5),
  };
}

export type LeaderboardPeriod = 'week' | 'month' | 'all';

/**
 * Competition ranks of values sorted best first: equal values share a rank and the next value
 * skips the shared places (10, 8, 8, 5 → 1, 2, 2, 4), so a rank says how many did better.
 */
export function competitionRanks(sortedValues: readonly number[]): number[] {
  const ranks: number[] = [];
  sortedValues.forEach((value, i) => {
    ranks.push(i > 0 && value === sortedValues[i - 1] ? ranks[i - 1]! : i + 1);
  });
  return ranks;
}

/** A leaderboard row: the member, points earned in the period, and their rank (ties share one). */
export interface LeaderboardRow {
  member: Member;
  earned: number;
  rank: number;
}

/** A leaderboard: its rows, and how many members earned points in the period but are not listed. */
export interface Leaderboard {
  rows: LeaderboardRow[];
  /** Members with points earned in the period who did not turn on the `leaderboard` purpose. */
  leftOut: number;
}

/**
 * Members by points earned in the period (spending does not lower a rank), best first, at most
 * `size`: only members who turned the `leaderboard` purpose on, read now, so a withdrawal takes a
 * name off at once; ranks are among those listed (a gap would point at someone left out).
 */
export function leaderboard(
  tables: Tables,
  community: Community,
  period: LeaderboardPeriod,
  now: Date,
  size = 10,
): Leaderboard {
  const since =
    period === 'all' ? '' : new Date(now.getTime() - (period === 'week' ? 7 : 30) * 86_400_000).toISOString();
  const earned = new Map<string, number>();
  // Archived entries are older than any week or month window; 'all' adds their earnings.
  if (period === 'all') {
    for (const m of tables.members.by('community', community.id)) {
      if (m.archivedEarned) earned.set(m.userId, m.archivedEarned);
    }
  }
  for (const e of tables.ledger.by('community', community.id)) {
    if (e.delta <= 0 || e.at < since || e.reason === 'refund') continue;
    earned.set(e.userId, (earned.get(e.userId) ?? 0) + e.delta);
  }
  const earners = [...earned.entries()]
    .map(([userId, total]) => ({ member: tables.members.get(memberId(community.id, userId)), earned: total }))
    .filter(
      (row): row is { member: Member; earned: number } =>
        row.member !== undefined && row.member.status === 'active',
    );
  const listed = earners.filter((row) => hasConsent(tables, community.id, row.member.userId, 'leaderboard'));
  const rows = listed
    .sort((a, b) => b.earned - a.earned || a.member.name.localeCompare(b.member.name))
    .slice(0, size);
  const ranks = competitionRanks(rows.map((r) => r.earned));
  return {
    rows: rows.map((row, i) => ({ member: row.member, earned: row.earned, rank: ranks[i]! })),
    leftOut: earners.length - listed.length,
  };
}

/** What spending `use` points on an amount buys, within the balance and the per-order cap. */
export function redemption(
  community: Community,
  amountCents: number,
  use: number,
): { pointsUsed: number; discountCents: number } {
  const value = getSetting(community, valueSetting);
  const cap = Math.floor((amountCents * getSetting(community, maxPctSetting)) / 100);
  const discountCents = Math.min(cap, Math.floor((use * 100) / value));
  // Charge only the points the discount needs (never more than asked).
  const pointsUsed = Math.min(use, Math.ceil((discountCents * value) / 100));
  return { pointsUsed, discountCents };
}
