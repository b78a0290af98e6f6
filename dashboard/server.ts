import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Locale } from '../src/core/i18n/index.js';
import { registerApi } from './api/index.js';
import { readAsset } from './assets.js';
import { basePath, type DashboardDeps } from './deps.js';
import { noticePage } from './layout.js';
import { registerLogin } from './login.js';
import { registerAudit } from './pages/audit.js';
import { registerDeals } from './pages/deals.js';
import { registerMembers } from './pages/members.js';
import { registerOrders } from './pages/orders.js';
import { registerOverview } from './pages/overview.js';
import { registerSettings } from './pages/settings.js';
import { type ShellText, shellText } from './text/shell.js';
import { csrfUserInfo } from './view.js';

/** Largest request body taken (a form; the API takes none): anything bigger is refused with 413. */
const BODY_LIMIT = 256 * 1024;

/** The pages and the API, each a module that adds its routes (see dashboard/README.md). */
const MODULES: ((app: FastifyInstance, deps: DashboardDeps) => void)[] = [
  registerLogin,
  registerAudit,
  registerDeals,
  registerOverview,
  registerOrders,
  registerMembers,
  registerSettings,
  registerApi,
];

/**
 * The dashboard as a fastify app, not listening (tests inject requests into it). Plugins: cookies
 * (the session), form bodies, CSRF tokens (every form; the check runs as each POST route's
 * preHandler), rate limits (per route: logins, the API).
 */
export async function buildDashboard(deps: DashboardDeps): Promise<FastifyInstance> {
  // Only a proxy on this machine (README: forward to 127.0.0.1) may say who the client is: a
  // trusted X-Forwarded-For from anywhere would let each request name a new address and walk
  // around the per-address login limit. The proxy's appended address (the rightmost) is used.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, trustProxy: 'loopback' });
  const fallback: Locale = deps.bot.config.locale ?? 'zh';
  const base = `${basePath(deps)}/`;
  app.decorateRequest('dashboardBase', '');
  app.addHook('onRequest', async (req) => {
    req.dashboardBase = base;
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Tokens are bound to the session (its cookie's secret, `csrfUserInfo`): a `_csrf` cookie planted
  // from a sibling subdomain cannot carry a token for someone else's session. The HMAC key is this
  // process's own: after a restart an open form is refused once and a reload fixes it.
  await app.register(fastifyCsrf, {
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: randomBytes(32).toString('base64url') },
    cookieOpts: {
      path: base,
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.publicUrl.startsWith('https:'),
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `${shellText('en').tooMany} / ${shellText('zh').tooMany}`,
      retryAfter: Math.ceil(context.ttl / 1000),
    }),
  });
  // Every answer: no page in another site's frame (clickjacking the bulk and close buttons), no
  // content sniffing (a CSV or JSON read as HTML), no link secret in a Referer leaving the site,
  // no copy in a cache unless the route said otherwise (the assets).
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', "frame-ancestors 'none'");
    reply.header('referrer-policy', 'same-origin');
    // API answers hold members' names and money: kept by no cache (assets say their own).
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  const css = readAsset('dashboard.css');
  app.get('/assets/dashboard.css', (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  for (const register of MODULES) register(app, deps);

  app.setNotFoundHandler((req, reply) => {
    // The API's error shape ({ error, message }); no token read yet, so in both languages.
    if (req.url.startsWith('/api/'))
      return reply
        .code(404)
        .send({ error: 'not_found', message: `${shellText('en').notFound} / ${shellText('zh').notFound}` });
    return noticePage(reply.code(404), fallback, (t) => t.notFound, { bilingual: true });
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string }, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500)
      // The route's pattern (`/login/:secret`), not the path: a login link's path is its secret.
      deps.log.error({ err: error, route: req.routeOptions.url ?? '?' }, 'dashboard: request failed');
    const message = (t: ShellText) =>
      status === 429
        ? t.tooMany
        : error.code?.startsWith('FST_CSRF')
          ? t.csrf
          : status < 500
            ? t.badRequest
            : t.saveFailed;
    if (req.url.startsWith('/api/'))
      return reply
        .code(status)
        .send({ error: status === 429 ? 'rate_limited' : status < 500 ? 'bad_request' : 'internal' });
    return noticePage(reply.code(error.code?.startsWith('FST_CSRF') ? 403 : status), fallback, message, {
      bilingual: true,
    });
  });
  return app;
}

/** A dashboard serving on a port: its address and how to stop it. */
export interface RunningDashboard {
  app: FastifyInstance;
  /** Where it listens, `http://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the dashboard on `port` (0: any free port) of every interface (`host` to narrow it).
 * Rejects when the port cannot be taken (EADDRINUSE).
 */
export async function startDashboard(
  deps: DashboardDeps,
  port: number,
  host = '0.0.0.0',
): Promise<RunningDashboard> {
  const app = await buildDashboard(deps);
  await app.listen({ port, host });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { app, url: `http://127.0.0.1:${actual}`, close: () => app.close() };
}
