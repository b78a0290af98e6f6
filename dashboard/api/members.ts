import type { FastifyInstance } from 'fastify';
import {
  MEMBER_SORT_KEYS,
  MEMBER_STATUSES,
  readMemberQuery,
  TIERS,
} from '../../src/services/member-query.js';
import { type MemberRow, memberTable } from '../../src/services/member-table.js';
import type { DashboardDeps } from '../deps.js';
import { apiText } from '../text/api.js';
import { caller, errorResponses, nextLink, pageQuery, pageSchema, refuse } from './common.js';
import type { ApiRouteLimits } from './index.js';

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const time = { type: 'string', description: 'ISO 8601, UTC' } as const;
const nullableTime = { type: ['string', 'null'], description: 'ISO 8601, UTC' } as const;

const referralSchema = {
  type: 'object',
  properties: {
    inviteeId: str,
    invitee: str,
    source: { type: 'string', description: 'How they came: inviter, link or code' },
    status: { type: 'string', description: 'pending, qualified or rejected' },
    reason: { type: ['string', 'null'], description: 'Why it was rejected' },
    joinedAt: time,
    decidedAt: nullableTime,
  },
} as const;

const memberSchema = {
  type: 'object',
  properties: {
    userId: { type: 'string', description: 'Platform user id' },
    name: str,
    label: { type: 'string', description: 'As lists show them, e.g. Alice (2)' },
    status: { type: 'string', enum: ['active', 'left', 'removed'] },
    role: { type: 'string', description: 'member, admin or owner, as last seen' },
    tier: { type: ['string', 'null'], enum: [...TIERS, null], description: 'null once gone' },
    points: int,
    referrals: { type: 'array', items: referralSchema, description: 'Referrals they made, newest first' },
    qualified: { type: 'integer', description: 'Referrals made that qualified' },
    lastActive: { ...nullableTime, description: 'Last message or order, ISO 8601, UTC' },
    joinedAt: {
      ...nullableTime,
      description: 'When the bot saw them join, ISO 8601, UTC; null: there before the bot',
    },
    firstSeen: { ...time, description: 'When the bot first saw them, ISO 8601, UTC' },
    leftAt: nullableTime,
    prune: {
      type: ['object', 'null'],
      description: 'Whether /prune would list them (by the rights last seen); null once gone',
      properties: {
        candidate: { type: 'boolean' },
        lastActive: {
          ...nullableTime,
          description: 'For a candidate: last active, ISO 8601, UTC; else null',
        },
        exclusion: { type: ['string', 'null'], description: 'Why not: active, admin, new, exempt, buyer' },
      },
    },
  },
} as const;

/** A member as the API shows it (absent fields as null, so every row has every key). */
function memberJson(row: MemberRow) {
  return {
    userId: row.userId,
    name: row.name,
    label: row.label,
    status: row.status,
    role: row.role,
    tier: row.tier,
    points: row.points,
    referrals: row.referrals.map((r) => ({
      inviteeId: r.inviteeId,
      invitee: r.invitee,
      source: r.source,
      status: r.status,
      reason: r.reason ?? null,
      joinedAt: r.joinedAt,
      decidedAt: r.decidedAt ?? null,
    })),
    qualified: row.qualified,
    lastActive: row.lastActive ?? null,
    joinedAt: row.joinedAt ?? null,
    firstSeen: row.firstSeen,
    leftAt: row.leftAt ?? null,
    prune:
      row.prune === null
        ? null
        : row.prune.candidate
          ? { candidate: true, lastActive: row.prune.lastActive ?? null, exclusion: null }
          : { candidate: false, lastActive: null, exclusion: row.prune.exclusion },
  };
}

/** `GET /api/v1/members`: the members table (tier, points, referrals, activity, prune standing). */
export function registerMembersApi(api: FastifyInstance, deps: DashboardDeps, limits: ApiRouteLimits): void {
  api.get<{ Querystring: Record<string, string | number> }>(
    '/members',
    {
      ...limits,
      schema: {
        summary: 'Members',
        description:
          "The community's members as the dashboard's Members table shows them. A page past the last gives the last.",
        tags: ['members'],
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 64, description: 'Part of a name, or a whole user id' },
            tier: { type: 'string', enum: [...TIERS] },
            candidate: {
              type: 'string',
              enum: ['yes', 'no', 'true', 'false'],
              description: 'Prune candidates only, or not',
            },
            status: {
              type: 'string',
              enum: [...MEMBER_STATUSES],
              default: 'active',
              description: 'Members in the group (active), gone (left, removed) or all',
            },
            sort: { type: 'string', enum: [...MEMBER_SORT_KEYS], default: 'name' },
            dir: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
            ...pageQuery,
          },
        },
        response: { 200: pageSchema(memberSchema), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { community, locale } = caller(req);
      const t = apiText(locale);
      const read = readMemberQuery(req.query);
      if (read.kind === 'page_too_big')
        return refuse(reply, 400, 'bad_query', t.pageTooBig(read.asked, read.max));
      if (read.kind === 'bad_value')
        return refuse(reply, 400, 'bad_query', t.badQuery(`${read.field}=${read.value}`));
      const table = memberTable(deps.store.tables, community, read.query, deps.clock.now());
      return {
        data: table.rows.map(memberJson),
        page: table.page,
        pageSize: table.pageSize,
        total: table.total,
        pages: table.pages,
        next: nextLink(deps, req, table.page, table.pages),
      };
    },
  );
}
