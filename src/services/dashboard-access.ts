import { createHash, randomBytes } from 'node:crypto';
import { memberId } from '../store/ids.js';
import type { Community, DashboardLink, DashboardSession } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { communitiesOf } from './members.js';

/**
 * Who may open the web dashboard (dashboard/): one-time login links an admin asks for in the chat,
 * and the browser sessions they open. Secrets are 256 random bits (base64url); the store keeps only
 * their SHA-256, as the record's id, so a copy of the store lets nobody in and a lookup is one
 * hash-keyed get (no comparison of secrets that could leak their prefix through timing).
 */

/** A login link is good for this long after it is made (ms). */
export const LINK_TTL_MS = 10 * 60_000;
/** Admin rights are asked of the platform again when a session's last check is older than this (ms). */
export const RECHECK_MS = 5 * 60_000;
/** Used links and ended sessions are deleted this long after (ms): no use but an investigation's. */
const KEEP_SPENT_MS = 24 * 60 * 60_000;

/** A new secret: 32 random bytes as base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The id a secret is stored under: its SHA-256 in hex. */
export function secretId(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A secret as the dashboard accepts it: 43 base64url characters (anything else is forged). */
export function isSecretShape(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

/**
 * Makes a login link for `userId` (an admin, as the caller checked) of `community`, good for
 * LINK_TTL_MS and one opening. Returns the secret for the link's URL (shown once, never stored).
 * Also deletes links and sessions spent more than a day ago, so the collections stay small.
 */
export function issueLink(
  tx: Tx,
  community: Community,
  user: { id: string; name: string },
  now: Date,
): { secret: string; link: DashboardLink } {
  sweepSpent(tx, now);
  const secret = newSecret();
  const link = tx.put('dashboardLinks', {
    id: secretId(secret),
    communityId: community.id,
    userId: user.id,
    name: user.name,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LINK_TTL_MS).toISOString(),
  });
  return { secret, link };
}

/** What a login link's secret is worth: good (`ok`), unknown (never made, or forged), used, or expired. */
export type RedeemOutcome =
  | { kind: 'ok'; link: DashboardLink }
  | { kind: 'unknown' }
  | { kind: 'used'; link: DashboardLink }
  | { kind: 'expired'; link: DashboardLink };

/** What a link's secret is worth now, without spending it. */
export function checkLink(tables: Tables, secret: string, now: Date): RedeemOutcome {
  if (!isSecretShape(secret)) return { kind: 'unknown' };
  const link = tables.dashboardLinks.get(secretId(secret));
  if (!link) return { kind: 'unknown' };
  if (link.usedAt) return { kind: 'used', link };
  if (link.expiresAt <= now.toISOString()) return { kind: 'expired', link };
  return { kind: 'ok', link };
}

/**
 * Spends a good link and opens a session on it, lasting `sessionMs` at most. Returns the session's
 * secret (the cookie's value) or why not (the link unknown, used or expired: nothing changes).
 */
export function openSession(
  tx: Tx,
  secret: string,
  platform: string,
  sessionMs: number,
  now: Date,
): { kind: 'ok'; secret: string; session: DashboardSession } | Exclude<RedeemOutcome, { kind: 'ok' }> {
  const checked = checkLink(tx.tables, secret, now);
  if (checked.kind !== 'ok') return checked;
  const { link } = checked;
  const at = now.toISOString();
  tx.put('dashboardLinks', { ...link, usedAt: at });
  const sessionSecret = newSecret();
  const session = tx.put('dashboardSessions', {
    id: secretId(sessionSecret),
    communityId: link.communityId,
    platform,
    userId: link.userId,
    name: link.name,
    createdAt: at,
    expiresAt: new Date(now.getTime() + sessionMs).toISOString(),
    checkedAt: at,
  });
  writeAudit(tx, link.userId, {
    communityId: link.communityId,
    at,
    action: 'dashboard_login',
    userId: link.userId,
    name: link.name,
    by: link.userId,
  });
  return { kind: 'ok', secret: sessionSecret, session };
}

/** The live session a cookie's secret opens, or undefined (unknown, ended or past its end). */
export function findSession(tables: Tables, secret: string, now: Date): DashboardSession | undefined {
  if (!isSecretShape(secret)) return undefined;
  const session = tables.dashboardSessions.get(secretId(secret));
  if (!session || session.endedAt || session.expiresAt <= now.toISOString()) return undefined;
  return session;
}

/** Ends a session (logout, or the platform says the user is no longer an admin). */
export function endSession(
  tx: Tx,
  session: DashboardSession,
  reason: 'logout' | 'not_admin',
  now: Date,
): void {
  const current = tx.get('dashboardSessions', session.id);
  if (!current || current.endedAt) return;
  tx.put('dashboardSessions', { ...current, endedAt: now.toISOString(), endReason: reason });
}

/**
 * Records that the platform confirmed the user's rights (`role`) in `communityId` now, and makes
 * it the session's community. The member's recorded role follows the platform's answer (the bot
 * otherwise learns it only when they speak in the group), so a promotion is not asked again on
 * every page.
 */
export function confirmAdmin(
  tx: Tx,
  session: DashboardSession,
  communityId: string,
  role: 'admin' | 'owner',
  now: Date,
): DashboardSession {
  const member = tx.get('members', memberId(communityId, session.userId));
  if (member && member.status === 'active' && member.role !== role) tx.put('members', { ...member, role });
  const current = tx.get('dashboardSessions', session.id) ?? session;
  return tx.put('dashboardSessions', { ...current, communityId, checkedAt: now.toISOString() });
}

/** True when the session's admin rights are due to be asked of the platform again. */
export function needsRecheck(session: DashboardSession, now: Date): boolean {
  return now.getTime() - Date.parse(session.checkedAt) >= RECHECK_MS;
}

/**
 * The communities on `platform` where the bot last saw `userId` as an admin or owner (the
 * switcher's choices; each is checked with the platform again when switched to).
 */
export function adminCommunities(tables: Tables, platform: string, userId: string): Community[] {
  return communitiesOf(tables, platform, userId).filter((c) => {
    const role = tables.members.get(memberId(c.id, userId))?.role;
    return c.removedAt === undefined && (role === 'admin' || role === 'owner');
  });
}

function sweepSpent(tx: Tx, now: Date): void {
  const before = new Date(now.getTime() - KEEP_SPENT_MS).toISOString();
  for (const link of [...tx.tables.dashboardLinks.values()])
    if (link.expiresAt < before) tx.delete('dashboardLinks', link.id);
  for (const session of [...tx.tables.dashboardSessions.values()])
    if ((session.endedAt ?? session.expiresAt) < before) tx.delete('dashboardSessions', session.id);
}

/**
 * Records in the audit log that `user` ran chat command `command` (its registered name) from the
 * dashboard, with its arguments' values (cut to 300 characters): the chat's own audit entries
 * (money, goods) say what changed; this says it came from the browser, for every command.
 */
export function recordDashboardAction(
  tx: Tx,
  community: Community,
  user: { id: string; name: string },
  command: string,
  values: string,
  now: Date,
): void {
  writeAudit(tx, user.id, {
    communityId: community.id,
    at: now.toISOString(),
    action: 'dashboard_action',
    userId: user.id,
    name: user.name,
    by: user.id,
    ref: command,
    reason: values.slice(0, 300),
  });
}
