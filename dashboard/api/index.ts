import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ApiTokenUsage, addTokenCalls, findApiToken, tokenHandle } from '../../src/services/api-tokens.js';
import type { DashboardDeps } from '../deps.js';
import { type ApiText, apiText, bothLanguages } from '../text/api.js';
import { API_MAX_PAGE_SIZE, callerOf, refuse, setCaller } from './common.js';
import { registerDealsApi } from './deals.js';
import { registerMembersApi } from './members.js';
import { registerOrdersApi } from './orders.js';
import { registerReportApi } from './report.js';

/**
 * The read-only JSON API of a community's own tools (spreadsheets, BI, a shop system), under
 * `/api/v1`: `Authorization: Bearer tb_…` with a token an admin made with `/apitoken new`; each
 * token sees its own community only, and what an admin sees of it. Rate-limited per token
 * (API_CALLS_PER_MINUTE; 429 with Retry-After), every call logged (token handle, community, path,
 * status; never the secret, never the query: it may hold members' names). The OpenAPI 3
 * description, generated from the routes' JSON schemas, is at `/api/v1/openapi.json` (no token
 * needed: it describes, it holds no data).
 */

/** Calls a token may make a minute: a BI tool paging through 20,000 members (100 pages) in one go. */
export const API_CALLS_PER_MINUTE = 120;
/** How often counted calls are written to the tokens' records (see ApiTokenUsage), in ms. */
const USAGE_WRITE_MS = 60_000;
/** Where the OpenAPI description is served, under the prefix. */
const OPENAPI_PATH = '/openapi.json';

/** Adds the API's routes to the dashboard app (one of server.ts's MODULES). */
export function registerApi(app: FastifyInstance, deps: DashboardDeps): void {
  app.register((api, _opts, done) => apiPlugin(api, deps).then(() => done(), done), { prefix: '/api/v1' });
}

async function apiPlugin(api: FastifyInstance, deps: DashboardDeps): Promise<void> {
  await api.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'tuanbot read-only API',
        version: '1',
        description: `A group-buy community's report, deals, orders and members, read with a token an admin made with /apitoken new (接口令牌 新建). Money is in integer cents, times are ISO 8601 in UTC. At most ${API_CALLS_PER_MINUTE} calls a minute per token. Lists are paged: follow \`next\` until it is null.`,
      },
      // Only a placeholder: without DASHBOARD_URL the address (its port) is known only once the
      // server listens, after this runs; the route below names the live one.
      servers: [{ url: deps.publicUrl.replace(/\/+$/, '') }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  const usage = new ApiTokenUsage(USAGE_WRITE_MS);
  const writeUsage = () => {
    const taken = usage.take(deps.clock.now());
    if (taken.size === 0) return;
    deps.store
      .transact((tx) => addTokenCalls(tx, taken))
      .committed.catch((err: unknown) => deps.log.warn({ err }, 'api: token use not recorded'));
  };
  // Counts of a burst that stopped are written within a minute even when no call follows.
  const timer = setInterval(writeUsage, USAGE_WRITE_MS);
  timer.unref();
  api.addHook('onClose', async () => {
    clearInterval(timer);
    writeUsage();
  });

  api.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url === `/api/v1${OPENAPI_PATH}`) return;
    const header = req.headers.authorization ?? '';
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
    const token = findApiToken(deps.store.tables, secret);
    const community = token && deps.store.tables.communities.get(token.communityId);
    if (!token || !community) {
      reply.header('www-authenticate', 'Bearer realm="tuanbot"');
      return refuse(
        reply,
        401,
        'unauthorized',
        bothLanguages((t) => t.unauthorized),
      );
    }
    setCaller(req, { token, community, locale: community.locale });
    // As the dashboard's pages (410): while the bot is out of the group nobody there can revoke
    // a token or be asked whether they are still an admin, so its tokens read nothing.
    if (community.removedAt !== undefined)
      return refuse(reply, 410, 'community_gone', apiText(community.locale).communityGone);
  });

  api.addHook('onResponse', async (req, reply) => {
    const who = callerOf(req);
    if (who && usage.note(who.token.id, deps.clock.now())) writeUsage();
    deps.log.info(
      {
        api: {
          handle: who ? tokenHandle(who.token) : null,
          community: who?.community.id ?? null,
          method: req.method,
          path: req.url.split('?', 1)[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
      },
      'api call',
    );
  });

  api.setErrorHandler((error: ApiError, req: FastifyRequest, reply: FastifyReply) => {
    const who = callerOf(req);
    const status = error.statusCode ?? 500;
    if (status === 429) {
      const seconds = Number(reply.getHeader('retry-after')) || 60;
      const message = who ? apiText(who.locale).tooMany(seconds) : bothLanguages((t) => t.tooMany(seconds));
      return refuse(reply, 429, 'rate_limited', message, { retryAfter: seconds });
    }
    if (error.validation) {
      const words = (t: ApiText) => validationMessage(t, req, error.validation?.[0]);
      return refuse(reply, 400, 'bad_query', who ? words(apiText(who.locale)) : bothLanguages(words));
    }
    if (status < 500) return refuse(reply, status, 'bad_request', error.message);
    deps.log.error({ err: error, url: req.url.split('?', 1)[0] }, 'api: request failed');
    const message = who ? apiText(who.locale).failed : bothLanguages((t) => t.failed);
    return refuse(reply, 500, 'internal', message);
  });

  // Every data route: rate-limited per token (the hook above found it; the address otherwise).
  const rateLimit = {
    max: API_CALLS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => {
      const who = callerOf(req);
      return who ? `api:${who.token.id}` : `api-ip:${req.ip}`;
    },
  };
  // One limiter for every data route, so a token has API_CALLS_PER_MINUTE in all (a per-route
  // `config.rateLimit` would count each endpoint apart: four times the limit). It runs after the
  // token check above (route hooks follow the instance's), which its key needs.
  const limits: ApiRouteLimits = { onRequest: api.rateLimit(rateLimit) };
  registerReportApi(api, deps, limits);
  registerDealsApi(api, deps, limits);
  registerOrdersApi(api, deps, limits);
  registerMembersApi(api, deps, limits);

  api.get(OPENAPI_PATH, { schema: { hide: true } }, async () => ({
    ...api.swagger(),
    servers: [{ url: deps.publicUrl.replace(/\/+$/, '') }],
  }));
}

/** One problem the query's JSON schema found (ajv's error object, the part read here). */
interface SchemaProblem {
  instancePath?: string;
  keyword?: string;
}

/** What reaches the error handler: a fastify error (validation), or the rate limiter's answer. */
interface ApiError {
  statusCode?: number;
  message: string;
  validation?: SchemaProblem[];
}

/**
 * A refused query value in words: the field and the value as sent (`tier=gold`), in the caller's
 * language rather than the validator's English; a page size over the limit says the limit.
 */
function validationMessage(t: ApiText, req: FastifyRequest, problem: SchemaProblem | undefined): string {
  const field = problem?.instancePath?.replace(/^\//, '') ?? '';
  const sent = new URLSearchParams(req.url.split('?', 2)[1] ?? '').get(field) ?? '';
  if (field === 'pageSize' && problem?.keyword === 'maximum')
    return t.pageTooBig(Number(sent), API_MAX_PAGE_SIZE);
  return t.badQuery(field ? `${field}=${sent}` : '?');
}

/** The route options every data route takes: the API's one rate limiter, as an onRequest hook. */
export type ApiRouteLimits = { onRequest: onRequestHookHandler };
