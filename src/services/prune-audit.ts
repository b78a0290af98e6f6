import type { AuditEntry, Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { recordLeave } from './members.js';
import { lastActivity } from './prune-candidates.js';

/**
 * What pruning records (清理僵尸用户, src/services/prune.ts): exemptions from it, the members
 * removed through the platform or seen to have left, and the audit log of all of it.
 */

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
  writeAudit(tx, member.userId, {
    communityId: community.id,
    at: now.toISOString(),
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
