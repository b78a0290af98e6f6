import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Locale } from '../src/core/i18n/index.js';
import {
  adminCommunities,
  checkLink,
  confirmAdmin,
  endSession,
  findSession,
  openSession,
} from '../src/services/dashboard-access.js';
import { formFields } from './actions.js';
import { basePath, type DashboardDeps } from './deps.js';
import { html } from './html.js';
import { noticePage } from './layout.js';
import { type ShellText, shellText } from './text/shell.js';
import { csrfUserInfo, requireView, rightsNow, SESSION_COOKIE } from './view.js';

/** Logins per minute from one address (a link's secret cannot be guessed; this keeps floods off). */
const LOGINS_PER_MINUTE = 10;

/**
 * Login, logout and the group switcher. Opening a link (GET) only shows a button: chat apps open
 * links to draw their previews (Telegram, WeChat), and a preview must not spend a one-time link.
 * The button posts the secret back (POST /login), which spends it and opens the session.
 */
export function registerLogin(app: FastifyInstance, deps: DashboardDeps): void {
  const fallback: Locale = deps.bot.config.locale ?? 'zh';
  const limit = { config: { rateLimit: { max: LOGINS_PER_MINUTE, timeWindow: 60_000 } } };

  app.get<{ Params: { secret: string } }>('/login/:secret', limit, (req, reply) => {
    const checked = checkLink(deps.store.tables, req.params.secret, deps.clock.now());
    if (checked.kind !== 'ok') return refuseLink(reply, deps, checked);
    const community = deps.store.tables.communities.get(checked.link.communityId);
    const locale = community?.locale ?? fallback;
    const t = shellText(locale);
    return noticePage(reply, locale, t.loginAsk(checked.link.name, community?.title ?? ''), {
      extra: html`<form method="post" action="login">
        <input type="hidden" name="_csrf" value="${reply.generateCsrf({ userInfo: csrfUserInfo(req) })}">
        <input type="hidden" name="secret" value="${req.params.secret}">
        <button type="submit">${t.loginButton}</button></form>`,
    });
  });

  app.post('/login', { ...limit, preHandler: app.csrfProtection }, async (req, reply) => {
    const { secret = '' } = formFields(req.body, 'secret');
    const now = deps.clock.now();
    const checked = checkLink(deps.store.tables, secret, now);
    if (checked.kind !== 'ok') return refuseLink(reply, deps, checked);
    const community = deps.store.tables.communities.get(checked.link.communityId);
    const locale = community?.locale ?? fallback;
    const t = shellText(locale);
    if (!community || community.removedAt !== undefined)
      return noticePage(reply.code(410), locale, t.communityGone);
    if (!deps.bot.adapterFor(community.platform)) return noticePage(reply.code(503), locale, t.platformAway);
    // Admin status is asked of the platform at login, not taken from the link (it may be minutes old).
    const rights = await rightsNow(deps, community, checked.link.userId);
    if (rights.kind === 'unknown') return noticePage(reply.code(503), locale, t.rightsUnknown);
    if (rights.kind === 'not_admin') return noticePage(reply.code(403), locale, t.notAdmin(community.title));
    const opened = await deps.store.mutate((tx) =>
      openSession(tx, secret, community.platform, deps.sessionMs, deps.clock.now()),
    );
    if (opened.kind !== 'ok') return refuseLink(reply, deps, opened);
    deps.log.info({ community: community.id, user: opened.session.userId }, 'dashboard: logged in');
    setSessionCookie(reply, deps, opened.secret);
    return reply.redirect(`${basePath(deps)}/`, 303);
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    const now = deps.clock.now();
    const session = secret ? findSession(deps.store.tables, secret, now) : undefined;
    const locale = (session && deps.store.tables.communities.get(session.communityId)?.locale) || fallback;
    if (session) await deps.store.mutate((tx) => endSession(tx, session, 'logout', now));
    reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
    return noticePage(reply, locale, shellText(locale).loggedOut);
  });

  app.post('/switch', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const t = shellText(view.locale);
    const { community: wanted = '' } = formFields(req.body, 'community');
    const target = adminCommunities(view.tables, view.admin.platform, view.admin.userId).find(
      (c) => c.id === wanted,
    );
    if (!target) return noticePage(reply.code(404), view.locale, t.notYours);
    // The switch is a login to another group: its rights are asked of the platform now.
    const rights = await rightsNow(deps, target, view.admin.userId);
    if (rights.kind === 'unknown') return noticePage(reply.code(503), target.locale, t.rightsUnknown);
    if (rights.kind === 'not_admin')
      return noticePage(reply.code(403), target.locale, shellText(target.locale).notAdmin(target.title));
    await deps.store.mutate((tx) => confirmAdmin(tx, view.session, target.id, rights.role, deps.clock.now()));
    return reply.redirect(`${basePath(deps)}/`, 303);
  });
}

function refuseLink(
  reply: FastifyReply,
  deps: DashboardDeps,
  checked: { kind: 'unknown' | 'used' | 'expired'; link?: { communityId: string } },
): FastifyReply {
  const fallback: Locale = deps.bot.config.locale ?? 'zh';
  const community = checked.link && deps.store.tables.communities.get(checked.link.communityId);
  const locale = community?.locale ?? fallback;
  const message = (t: ShellText) =>
    checked.kind === 'used' ? t.linkUsed : checked.kind === 'expired' ? t.linkExpired : t.linkUnknown;
  // A forged link says nothing of any group: in both languages.
  return noticePage(reply.code(checked.kind === 'unknown' ? 404 : 410), locale, message, {
    bilingual: checked.kind === 'unknown',
  });
}

function cookieOptions(deps: DashboardDeps) {
  return {
    path: `${basePath(deps)}/`,
    httpOnly: true,
    secure: deps.publicUrl.startsWith('https:'),
    sameSite: 'lax' as const,
  };
}

function setSessionCookie(reply: FastifyReply, deps: DashboardDeps, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    ...cookieOptions(deps),
    maxAge: Math.floor(deps.sessionMs / 1000),
  });
}
