import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { activeMembers } from './members.js';
import { DAY, pruneAfterSetting, pruneBuyerDaysSetting, pruneGraceSetting } from './prune-settings.js';
import { getSetting } from './settings.js';
import { lastOrderAt } from './tiers.js';

/**
 * Who is a pruning candidate (清理僵尸用户, src/services/prune.ts) and why the others are not:
 * the dry run (assessMembers), the rule for one member (isCandidate), and what the platform says
 * of members now (PlatformStanding), which decides over the rights the store last saw.
 */

/** Why a member is not a candidate; each member counts under the first that applies. */
export type Exclusion = 'admin' | 'exempt' | 'active' | 'new' | 'buyer';
export const EXCLUSIONS: readonly Exclusion[] = ['admin', 'exempt', 'active', 'new', 'buyer'];

export interface Candidate {
  member: Member;
  /** Last message or order, if there ever was one. */
  lastActive?: string;
}

export interface Assessment {
  candidates: Candidate[];
  excluded: Record<Exclusion, number>;
  /** Silent members the platform no longer has in the group (left unseen): never warned or removed. */
  gone: Candidate[];
}

/**
 * What the platform says of members now (Adapter.memberStanding), by platform user id: their
 * rights, or `gone` (not in the group any more). Rights change without a message, so pruning goes
 * by this; a member it says nothing about keeps the rights the store last saw.
 */
export type PlatformStanding = ReadonlyMap<string, 'owner' | 'admin' | 'member' | 'gone'>;

/** Last message or order (joining is not activity: new members have the grace period). */
export function lastActivity(tables: Tables, member: Member): string | undefined {
  const times = [member.lastMessageAt, lastOrderAt(tables, member)].filter((x): x is string => !!x);
  return times.sort().at(-1);
}

/** Whether the platform says the member left the group. */
export function isGone(member: Member, standing: PlatformStanding | undefined): boolean {
  return standing?.get(member.userId) === 'gone';
}

/**
 * Why a member is not a candidate (undefined: they are one). Rights as the platform says them
 * (`standing`) where it said anything, else as the store last saw them.
 */
export function exclusionOf(
  tables: Tables,
  community: Community,
  member: Member,
  now: Date,
  standing?: PlatformStanding,
): Exclusion | undefined {
  const said = standing?.get(member.userId);
  const role = said === undefined || said === 'gone' ? member.role : said;
  if (role !== 'member') return 'admin';
  return silenceExclusion(tables, community, member, now);
}

/** Why a member is not a candidate, rights aside: exempt, active, new or a recent buyer. */
function silenceExclusion(
  tables: Tables,
  community: Community,
  member: Member,
  now: Date,
): Exclusion | undefined {
  if (tables.pruneExemptions.get(member.id)) return 'exempt';
  const last = lastActivity(tables, member);
  if (last && now.getTime() - Date.parse(last) < getSetting(community, pruneAfterSetting)) return 'active';
  if (
    member.joinedAt &&
    now.getTime() - Date.parse(member.joinedAt) < getSetting(community, pruneGraceSetting)
  )
    return 'new';
  const ordered = lastOrderAt(tables, member);
  if (ordered && now.getTime() - Date.parse(ordered) < getSetting(community, pruneBuyerDaysSetting) * DAY)
    return 'buyer';
  return undefined;
}

/**
 * The members whose standing on the platform decides whether they are candidates: silent by every
 * other rule (not exempt, active, new or a recent buyer), admins as the store saw them included.
 */
export function membersToCheck(tables: Tables, community: Community, now: Date): Member[] {
  return activeMembers(tables, community.id).filter(
    (m) => silenceExclusion(tables, community, m, now) === undefined,
  );
}

/**
 * The dry run: candidates, longest silent first, how many were excluded for each reason, and the
 * silent members the platform says are gone. `standing` is the platform's word on membersToCheck.
 */
export function assessMembers(
  tables: Tables,
  community: Community,
  now: Date,
  standing?: PlatformStanding,
): Assessment {
  const excluded = Object.fromEntries(EXCLUSIONS.map((e) => [e, 0])) as Record<Exclusion, number>;
  const candidates: Candidate[] = [];
  const gone: Candidate[] = [];
  const withActivity = (member: Member): Candidate => {
    const lastActive = lastActivity(tables, member);
    return { member, ...(lastActive ? { lastActive } : {}) };
  };
  for (const member of activeMembers(tables, community.id)) {
    const reason = exclusionOf(tables, community, member, now, standing);
    if (isGone(member, standing)) gone.push(withActivity(member));
    else if (reason) excluded[reason]++;
    else candidates.push(withActivity(member));
  }
  const order = (a: Candidate, b: Candidate) =>
    (a.lastActive ?? '').localeCompare(b.lastActive ?? '') || a.member.name.localeCompare(b.member.name);
  candidates.sort(order);
  gone.sort(order);
  return { candidates, excluded, gone };
}

export function isCandidate(
  tables: Tables,
  community: Community,
  member: Member,
  now: Date,
  standing?: PlatformStanding,
): boolean {
  return (
    member.status === 'active' &&
    !isGone(member, standing) &&
    exclusionOf(tables, community, member, now, standing) === undefined
  );
}
