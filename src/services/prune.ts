import { z } from 'zod';
import type { AuditEntry, Community, Member, PruneWarning } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { activeMembers, memberId, recordLeave } from './members.js';
import { defineSetting, durationSetting, getSetting, onOff } from './settings.js';
import { lastOrderAt } from './tiers.js';

/**
 * Pruning zombie members (清理僵尸用户): who is a candidate, warnings, and the audit log. The
 * removal itself goes through the platform and lives with the commands; this records it.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A whole number with an optional unit letter: `90` or `90d`, `48` or `48h`. */
const countOf = (unit: string, max: number) => {
  const pattern = new RegExp(`^\\d{1,4}${unit}?$`, 'i');
  return z
    .string()
    .refine((s) => pattern.test(s), { params: { expected: 'number', unit } })
    .transform((s) => Number.parseInt(s, 10))
    .pipe(z.number().int().min(1).max(max));
};

export const pruneAfterSetting = defineSetting({
  key: 'prune.after',
  schema: durationSetting,
  default: 30 * DAY,
  durationUnitMs: 1,
});
export const pruneGraceSetting = defineSetting({
  key: 'prune.grace',
  schema: durationSetting,
  default: 7 * DAY,
  durationUnitMs: 1,
});
export const pruneBuyerDaysSetting = defineSetting({
  key: 'prune.buyer_days',
  schema: countOf('d', 3650),
  default: 90,
  durationUnitMs: DAY,
});
export const pruneWarnHoursSetting = defineSetting({
  key: 'prune.warn_hours',
  schema: countOf('h', 720),
  default: 48,
  durationUnitMs: HOUR,
});
export const pruneMaxBatchSetting = defineSetting({
  key: 'prune.max_batch',
  schema: z.coerce.number().int().min(1).max(500),
  default: 50,
});
export const pruneAutoSetting = defineSetting({
  key: 'prune.auto',
  schema: onOff,
  default: false,
});

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
function isGone(member: Member, standing: PlatformStanding | undefined): boolean {
  return standing?.get(member.userId) === 'gone';
}

function exclusionOf(
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

/**
 * Members the platform says are no longer in the group: recorded as having left (not removed:
 * nobody removed them through the bot), and a warning they were under is closed.
 */
export function recordDepartures(tx: Tx, community: Community, members: Member[], now: Date): void {
  for (const member of members) {
    recordLeave(tx, community, { id: member.userId, name: member.name }, false, now);
    const warning = tx.get('pruneWarnings', member.id);
    if (warning?.status === 'pending')
      tx.put('pruneWarnings', { ...warning, status: 'kept', resolvedAt: now.toISOString() });
  }
}

function audit(
  tx: Tx,
  community: Community,
  action: AuditEntry['action'],
  member: Member,
  by: string,
  now: Date,
  lastActive?: string,
): void {
  const at = now.toISOString();
  tx.put('audit', {
    id: `${community.id}|${at}|${action}|${member.userId}`,
    communityId: community.id,
    at,
    action,
    userId: member.userId,
    name: member.name,
    by,
    ...(lastActive ? { lastActive } : {}),
  });
}

export function exempt(tx: Tx, community: Community, member: Member, by: string, now: Date): boolean {
  if (tx.get('pruneExemptions', member.id)) return false;
  tx.put('pruneExemptions', {
    id: member.id,
    communityId: community.id,
    userId: member.userId,
    by,
    at: now.toISOString(),
  });
  audit(tx, community, 'exempted', member, by, now);
  return true;
}

export function unexempt(tx: Tx, community: Community, member: Member, by: string, now: Date): boolean {
  if (!tx.get('pruneExemptions', member.id)) return false;
  tx.delete('pruneExemptions', member.id);
  audit(tx, community, 'unexempted', member, by, now);
  return true;
}

export function exemptMembers(tables: Tables, communityId: string): Member[] {
  return tables.pruneExemptions
    .by('community', communityId)
    .map((e) => tables.members.get(e.id))
    .filter((m): m is Member => m !== undefined);
}

/**
 * Warns the candidates not already under a running warning; returns the new warnings. They are
 * `pending` until the platform accepted the message that tells them (setDelivery).
 */
export function warnCandidates(
  tx: Tx,
  community: Community,
  candidates: Candidate[],
  by: string,
  now: Date,
): { warned: Member[]; alreadyWarned: Member[]; deadline: string } {
  const deadline = new Date(
    now.getTime() + getSetting(community, pruneWarnHoursSetting) * HOUR,
  ).toISOString();
  const warned: Member[] = [];
  const alreadyWarned: Member[] = [];
  for (const { member } of candidates) {
    if (tx.get('pruneWarnings', member.id)?.status === 'pending') {
      alreadyWarned.push(member);
      continue;
    }
    tx.put('pruneWarnings', {
      id: member.id,
      communityId: community.id,
      userId: member.userId,
      warnedAt: now.toISOString(),
      deadline,
      by,
      status: 'pending',
      delivery: 'pending',
    });
    warned.push(member);
  }
  return { warned, alreadyWarned, deadline };
}

/** A warned member answered the bot in private: they stay. */
export function respondToWarning(tx: Tx, community: Community, userId: string, now: Date): boolean {
  const warning = tx.get('pruneWarnings', memberId(community.id, userId));
  if (warning?.status !== 'pending') return false;
  tx.put('pruneWarnings', { ...warning, respondedAt: now.toISOString() });
  return true;
}

export interface WarningReview {
  /** Past the deadline, still silent, still a candidate: to be removed. */
  due: { warning: PruneWarning; member: Member }[];
  /** Spoke, ordered or answered since the warning (or became exempt, …): they stay. */
  kept: { warning: PruneWarning; member: Member }[];
  /** Admins or the owner now, as the platform says (promoted since they last spoke): they stay. */
  admins: { warning: PruneWarning; member: Member }[];
  /** Not in the group any more, as the platform says (left unseen): nothing to remove. */
  departed: { warning: PruneWarning; member: Member }[];
  /** Warnings still running. */
  waiting: { warning: PruneWarning; member: Member }[];
  /** Members who left meanwhile: nothing to do. */
  gone: PruneWarning[];
  /** Silent, but their warning never reached them (or not yet): never removed. */
  undelivered: { warning: PruneWarning; member: Member }[];
}

export type WarningDelivery = NonNullable<PruneWarning['delivery']>;

/** The warning reached the member: a private message or a group message the platform accepted. */
export function isDelivered(warning: PruneWarning): boolean {
  return warning.delivery === undefined || ['dm', 'group', 'mentioned'].includes(warning.delivery);
}

/** Records how far the warnings with these ids got (see PruneWarning.delivery); returns them updated. */
export function setDelivery(tx: Tx, ids: readonly string[], delivery: WarningDelivery): PruneWarning[] {
  const updated: PruneWarning[] = [];
  for (const id of ids) {
    const warning = tx.get('pruneWarnings', id);
    if (warning?.status === 'pending') updated.push(tx.put('pruneWarnings', { ...warning, delivery }));
  }
  return updated;
}

/** The warnings given together with this one (one /prune warn, one weekly sweep), in the order given. */
export function warningRun(tables: Tables, warning: PruneWarning): PruneWarning[] {
  return tables.pruneWarnings
    .by('community', warning.communityId)
    .filter((w) => w.warnedAt === warning.warnedAt && w.by === warning.by && w.status === 'pending');
}

/** Members under a pending warning (only those given by `by`, if set) who are still in the group. */
export function warnedMembers(tables: Tables, community: Community, by?: string): Member[] {
  return tables.pruneWarnings
    .by('community', community.id)
    .filter((w) => w.status === 'pending' && (by === undefined || w.by === by))
    .map((w) => tables.members.get(w.id))
    .filter((m): m is Member => m?.status === 'active');
}

/**
 * Where the pending warnings stand (only those given by `by`, if set). `standing` is the
 * platform's word on warnedMembers: who is an admin now, who left unseen.
 */
export function reviewWarnings(
  tables: Tables,
  community: Community,
  now: Date,
  by?: string,
  standing?: PlatformStanding,
): WarningReview {
  const review: WarningReview = {
    due: [],
    kept: [],
    admins: [],
    departed: [],
    waiting: [],
    gone: [],
    undelivered: [],
  };
  for (const warning of tables.pruneWarnings.by('community', community.id)) {
    if (warning.status !== 'pending' || (by !== undefined && warning.by !== by)) continue;
    const member = tables.members.get(warning.id);
    if (member?.status !== 'active') {
      review.gone.push(warning);
      continue;
    }
    if (isGone(member, standing)) {
      review.departed.push({ warning, member });
      continue;
    }
    const last = lastActivity(tables, member);
    const answered = warning.respondedAt !== undefined || (last !== undefined && last > warning.warnedAt);
    const reason = exclusionOf(tables, community, member, now, standing);
    if (!answered && reason === 'admin') review.admins.push({ warning, member });
    else if (answered || reason !== undefined) review.kept.push({ warning, member });
    else if (!isDelivered(warning)) review.undelivered.push({ warning, member });
    else if (Date.parse(warning.deadline) > now.getTime()) review.waiting.push({ warning, member });
    else review.due.push({ warning, member });
  }
  // Oldest warnings first (a capped run works through them in order), then by name.
  const order = (
    a: { warning: PruneWarning; member: Member },
    b: { warning: PruneWarning; member: Member },
  ) => a.warning.warnedAt.localeCompare(b.warning.warnedAt) || a.member.name.localeCompare(b.member.name);
  review.due.sort(order);
  review.kept.sort(order);
  review.admins.sort(order);
  review.departed.sort(order);
  review.waiting.sort(order);
  return review;
}

/** Closes warnings of members who stay (or left). */
export function closeWarnings(tx: Tx, warnings: PruneWarning[], now: Date): void {
  for (const warning of warnings)
    tx.put('pruneWarnings', { ...warning, status: 'kept', resolvedAt: now.toISOString() });
}

/** The platform removed the member: their record, their warning and the audit log say so. */
export function recordRemoval(tx: Tx, community: Community, member: Member, by: string, now: Date): void {
  const lastActive = lastActivity(tx.tables, member);
  tx.put('members', { ...member, status: 'removed', leftAt: now.toISOString() });
  const warning = tx.get('pruneWarnings', member.id);
  if (warning) tx.put('pruneWarnings', { ...warning, status: 'removed', resolvedAt: now.toISOString() });
  audit(tx, community, 'removed', member, by, now, lastActive);
}

/** The newest audit entries first. */
export function auditLog(tables: Tables, communityId: string, limit: number): AuditEntry[] {
  return tables.audit
    .by('community', communityId)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}

/** The automatic sweep could not remove these members: the admins were asked to, once. */
export function markManual(tx: Tx, warnings: PruneWarning[], now: Date): void {
  for (const warning of warnings) tx.put('pruneWarnings', { ...warning, manualAt: now.toISOString() });
}
