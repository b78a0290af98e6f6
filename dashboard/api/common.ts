import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../src/core/i18n/index.js';
import type { ApiToken, Community } from '../../src/store/schema.js';
import type { DashboardDeps } from '../deps.js';

/**
 * What every API route shares: who is calling (the token and its community), the page envelope
 * of list endpoints and its JSON schema, and error answers. See dashboard/api/index.ts.
 */

/** The most rows one page of any list holds; more is refused with 400, not quietly cut. */
export const API_MAX_PAGE_SIZE = 200;
export const API_DEFAULT_PAGE_SIZE = 50;

/** The caller of a request that passed the token check. */
export interface ApiCaller {
  token: ApiToken;
  community: Community;
  locale: Locale;
}

const callers = new WeakMap<FastifyRequest, ApiCaller>();

/** Records who a request's token belongs to (the auth hook, once per request). */
export function setCaller(req: FastifyRequest, caller: ApiCaller): void {
  callers.set(req, caller);
}

/** The caller of a request the auth hook let through; undefined before it (or on a refused one). */
export function callerOf(req: FastifyRequest): ApiCaller | undefined {
  return callers.get(req);
}

/** The caller of a route handler: the hook runs first, so one is always there. */
export function caller(req: FastifyRequest): ApiCaller {
  const found = callers.get(req);
  if (!found) throw new Error('API route reached without a token check');
  return found;
}

/** An error answer: `error` a stable code for programs, `message` words for people. */
export function refuse(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply.code(status).send({ error, message, ...extra });
}

/** JSON schema of an error answer. */
export const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description:
        'Stable code: unauthorized (401), community_gone (410), bad_query, bad_period, bad_range (with `problem`), future_month (400), unknown_deal, unknown_point (404), rate_limited (429, with `retryAfter` in seconds)',
    },
    message: { type: 'string', description: "Words for people, in the community's language" },
  },
  additionalProperties: true,
} as const;

/** Error answers every route may give. */
export const errorResponses = {
  400: { description: 'A query value that cannot be read; nothing was read', ...errorSchema },
  401: { description: 'No token, an unknown one or a revoked one', ...errorSchema },
  410: { description: "The bot is no longer in the token's group: nothing is read", ...errorSchema },
  429: {
    description: 'Too many calls with this token; see the Retry-After header',
    ...errorSchema,
    headers: { 'Retry-After': { type: 'integer', description: 'Seconds until calls are taken again' } },
  },
} as const;

/** Query fields of every list: 1-based page and its size. */
export const pageQuery = {
  page: {
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    default: 1,
    description: '1-based page; follow `next` rather than counting',
  },
  pageSize: {
    type: 'integer',
    minimum: 1,
    maximum: API_MAX_PAGE_SIZE,
    default: API_DEFAULT_PAGE_SIZE,
    description: `Rows a page, at most ${API_MAX_PAGE_SIZE}`,
  },
} as const;

/** The envelope of a list: its rows, where they stand, and the link to the next page. */
export function pageSchema(row: object, extra: Record<string, object> = {}): object {
  return {
    type: 'object',
    required: ['data', 'page', 'pageSize', 'total', 'pages', 'next'],
    properties: {
      data: { type: 'array', items: row },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
      total: { type: 'integer', description: 'Rows matching the query, on every page' },
      pages: { type: 'integer' },
      next: {
        type: ['string', 'null'],
        description: 'The next page with the same query (absolute URL); null on the last page',
      },
      ...extra,
    },
  };
}

/** A page of rows as the envelope says it. */
export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  next: string | null;
}

/**
 * The link to page `page + 1` of this request (null when `page` is the last of `pages`): the
 * request's own path and query with `page` moved on, under the dashboard's public address (a
 * proxy in front may strip a path prefix; the link carries it again).
 */
export function nextLink(
  deps: Pick<DashboardDeps, 'publicUrl'>,
  req: FastifyRequest,
  page: number,
  pages: number,
): string | null {
  if (page >= pages) return null;
  const [path = '', search = ''] = req.url.split('?', 2);
  const params = new URLSearchParams(search);
  params.set('page', String(page + 1));
  return `${deps.publicUrl.replace(/\/+$/, '')}${path}?${params}`;
}

/** Page `page` of `pageSize` of `rows` in the envelope (past the last: an empty page). */
export function pageOf<T>(
  deps: Pick<DashboardDeps, 'publicUrl'>,
  req: FastifyRequest,
  rows: readonly T[],
  page: number,
  pageSize: number,
): Page<T> {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  return {
    data: rows.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: rows.length,
    pages,
    next: nextLink(deps, req, page, pages),
  };
}
