import type { Community, Member, PruneWarning } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { memberId } from './members.js';
import {
  type Candidate,
  exclusionOf,
  isGone,
  lastActivity,
  type PlatformStanding,
} from './prune-candidates.js';
import { HOUR, pruneWarnHoursSetting } from './prune-settings.js';
import { getSetting } from './settings.js';

/**
 * Warnings before pruning (清理僵尸用户, src/services/prune.ts): giving them, how far their
 * delivery got, a member's answer, and where the pending ones stand (reviewWarnings: due, kept,
 * waiting, undelivered, …) until they are closed or the member removed.
 */

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

/** The automatic sweep could not remove these members: the admins were asked to, once. */
export function markManual(tx: Tx, warnings: PruneWarning[], now: Date): void {
  for (const warning of warnings) tx.put('pruneWarnings', { ...warning, manualAt: now.toISOString() });
}
