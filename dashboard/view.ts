import type { FastifyReply, FastifyRequest } from 'fastify';
import { chatOf } from '../src/core/bot.js';
import type { Role } from '../src/core/events.js';
import type { Locale } from '../src/core/i18n/index.js';
import { confirmAdmin, endSession, findSession, needsRecheck } from '../src/services/dashboard-access.js';
import { memberId } from '../src/store/ids.js';
import type { Community, DashboardSession } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import type { DashboardDeps } from './deps.js';
import { noticePage } from './layout.js';
import { shellText } from './text/shell.js';

/** The cookie holding a session's secret (its SHA-256 is the stored session's id). */
export const SESSION_COOKIE = 'tuanbot_session';
/** How long a platform that cannot be asked is trusted on its last answer (ms). */
const TRUST_LAST_CHECK_MS = 30 * 60_000;

/**
 * What a request's CSRF tokens are bound to: its session cookie's secret (a constant before login). A
 * token made for one session is refused with another (see dashboard/server.ts).
 */
export function csrfUserInfo(req: FastifyRequest): string {
  // The library refuses an empty value; before login there is no session to bind to (the login
  // form needs the link's secret anyway).
  return req.cookies[SESSION_COOKIE] || 'no-session';
}

/** Everything a page needs about who asks and about what: the session's community, checked. */
export interface PageView {
  session: DashboardSession;
  community: Community;
  locale: Locale;
  now: Date;
  tables: Tables;
  /** The CSRF token every form of the page carries as `_csrf`. */
  csrfToken: string;
  /** The logged-in admin: their platform, their id there, their name, their rights now. */
  admin: { platform: string; userId: string; name: string; role: Role };
  /** Path of the request without the query (for the nav's current page). */
  path: string;
}

export type Rights = { kind: 'admin'; role: 'admin' | 'owner' } | { kind: 'not_admin' } | { kind: 'unknown' };

/**
 * What the platform says `userId` is in `community` now: owner/admin, not (member, gone), or
 * unknown (it cannot be asked now). OWNER_IDS count as owners everywhere, as in the chat. Where the
 * adapter cannot tell at all (the console), the rights the bot last saw in the group stand.
 */
export async function rightsNow(deps: DashboardDeps, community: Community, userId: string): Promise<Rights> {
  const { ownerIds } = deps.bot.config;
  if (ownerIds.includes(userId) || ownerIds.includes(`${community.platform}:${userId}`))
    return { kind: 'admin', role: 'owner' };
  const seen = deps.store.tables.members.get(memberId(community.id, userId));
  const adapter = deps.bot.adapterFor(community.platform);
  let said: string | undefined;
  if (adapter?.memberStanding) {
    try {
      said = (await adapter.memberStanding(chatOf(community), [userId])).get(userId);
    } catch (error) {
      deps.log.warn({ err: error, community: community.id }, 'dashboard: admin rights could not be checked');
      return { kind: 'unknown' };
    }
  }
  const role = said ?? (seen?.status === 'active' ? seen.role : 'gone');
  return role === 'admin' || role === 'owner' ? { kind: 'admin', role } : { kind: 'not_admin' };
}

/**
 * The page view of a request, or undefined after answering it with the right page itself: no
 * session (login needed), the group gone, or the platform saying the user is no longer an admin
 * (the session ends). Admin rights are asked of the platform again every few minutes (RECHECK_MS).
 */
export async function requireView(
  deps: DashboardDeps,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<PageView | undefined> {
  const now = deps.clock.now();
  const secret = req.cookies[SESSION_COOKIE];
  let session = secret ? findSession(deps.store.tables, secret, now) : undefined;
  const fallback: Locale = deps.bot.config.locale ?? 'zh';
  if (!session) {
    noticePage(reply.code(401), fallback, (t) => t.noSession, { bilingual: true });
    return undefined;
  }
  const community = deps.store.tables.communities.get(session.communityId);
  const locale = community?.locale ?? fallback;
  const t = shellText(locale);
  if (!community || community.removedAt !== undefined) {
    noticePage(reply.code(410), locale, t.communityGone);
    return undefined;
  }
  if (!deps.bot.adapterFor(community.platform)) {
    noticePage(reply.code(503), locale, t.platformAway);
    return undefined;
  }
  const seen = deps.store.tables.members.get(memberId(community.id, session.userId));
  // The bot saw them as no admin since (they spoke as a member, or left): the platform is asked
  // now, not at the next check, so a demotion the bot heard of takes effect at once.
  const seenDemoted = seen !== undefined && (seen.status !== 'active' || seen.role === 'member');
  let role: Role = seen?.role === 'owner' ? 'owner' : 'admin';
  if (needsRecheck(session, now) || seenDemoted) {
    const rights = await rightsNow(deps, community, session.userId);
    if (rights.kind === 'not_admin') {
      const ended = session;
      await deps.store.mutate((tx) => endSession(tx, ended, 'not_admin', now));
      noticePage(reply.code(403), locale, t.notAdmin(community.title));
      return undefined;
    }
    if (rights.kind === 'unknown') {
      if (seenDemoted || now.getTime() - Date.parse(session.checkedAt) > TRUST_LAST_CHECK_MS) {
        noticePage(reply.code(503), locale, t.rightsUnknown);
        return undefined;
      }
    } else {
      role = rights.role;
      const checked = session;
      session = await deps.store.mutate((tx) => confirmAdmin(tx, checked, community.id, rights.role, now));
    }
  }
  return {
    session,
    community,
    locale,
    now,
    tables: deps.store.tables,
    csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(req) }),
    admin: { platform: session.platform, userId: session.userId, name: session.name, role },
    path: req.url.split('?')[0] ?? '/',
  };
}
