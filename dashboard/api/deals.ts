import type { FastifyInstance } from 'fastify';
import {
  DEAL_FILTERS,
  DEAL_SORTS,
  type DealFilter,
  type DealRow,
  type DealSort,
  dealTable,
} from '../../src/services/deal-table.js';
import type { DashboardDeps } from '../deps.js';
import { caller, errorResponses, pageOf, pageQuery, pageSchema } from './common.js';
import type { ApiRouteConfig } from './index.js';

const int = { type: 'integer' } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const time = { type: 'string', description: 'ISO 8601, UTC' } as const;
const nullableTime = { type: ['string', 'null'], description: 'ISO 8601, UTC' } as const;

const moneySchema = {
  type: 'object',
  description: "Money over the deal's lines, in cents",
  properties: {
    orderedCents: int,
    dueCents: int,
    paidCents: int,
    refundedCents: int,
    owedCents: int,
    refundDueCents: int,
    claimedCents: int,
  },
};

const dealSchema = {
  type: 'object',
  properties: {
    no: { type: 'integer', description: 'The deal code members type: #3' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['scheduled', 'open', 'succeeded', 'closed', 'failed', 'cancelled'] },
    taking: { type: 'boolean', description: 'Takes orders now' },
    unit: { type: ['string', 'null'] },
    priceCents: int,
    options: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, priceCents: int, stock: nullableInt, sold: int },
      },
    },
    min: { type: 'integer', description: 'Group size (成团): buyers needed' },
    buyers: int,
    missing: { type: 'integer', description: 'Buyers still needed' },
    sold: { type: 'integer', description: 'Units ordered' },
    stock: { ...nullableInt, description: 'null: unlimited' },
    left: nullableInt,
    soldOut: { type: 'boolean' },
    lines: { type: 'integer', description: 'Active order lines' },
    waiting: { type: 'integer', description: 'Members on the waitlist' },
    startsAt: nullableTime,
    endsAt: time,
    createdAt: time,
    formedAt: nullableTime,
    closedAt: nullableTime,
    money: moneySchema,
  },
} as const;

/** A deal as the API shows it: what the dashboard's table shows, none of the bot's bookkeeping. */
function dealJson(row: DealRow) {
  const d = row.deal;
  return {
    no: d.no,
    title: d.title,
    status: d.status,
    taking: row.taking,
    unit: d.unit ?? null,
    priceCents: d.priceCents,
    options: d.options.map((name) => ({
      name,
      priceCents: d.optionPrices[name] ?? d.priceCents,
      stock: d.optionStock[name] ?? null,
      sold: d.optionSold[name] ?? 0,
    })),
    min: row.min,
    buyers: row.buyers,
    missing: row.missing,
    sold: row.sold,
    stock: row.stock ?? null,
    left: row.left ?? null,
    soldOut: row.soldOut,
    lines: row.lines,
    waiting: row.waiting,
    startsAt: d.startsAt ?? null,
    endsAt: d.endsAt,
    createdAt: d.createdAt,
    formedAt: d.formedAt ?? null,
    closedAt: d.closedAt ?? null,
    money: row.money,
  };
}

interface DealsQuery {
  status: DealFilter;
  sort: DealSort;
  search?: string;
  page: number;
  pageSize: number;
}

/** `GET /api/v1/deals`: the community's deals with progress and money, filtered, sorted, paged. */
export function registerDealsApi(api: FastifyInstance, deps: DashboardDeps, config: ApiRouteConfig): void {
  api.get<{ Querystring: DealsQuery }>(
    '/deals',
    {
      config,
      schema: {
        summary: 'Deals',
        description: 'Every deal of the community (newest first by default), with its progress and money.',
        tags: ['deals'],
        querystring: {
          type: 'object',
          properties: {
            status: {
              type: 'string',
              enum: [...DEAL_FILTERS],
              default: 'all',
              description: 'active: scheduled or taking orders',
            },
            sort: { type: 'string', enum: [...DEAL_SORTS], default: 'newest' },
            search: { type: 'string', maxLength: 100, description: 'Words the title contains' },
            ...pageQuery,
          },
        },
        response: { 200: pageSchema(dealSchema, { totals: moneySchema }), ...errorResponses },
      },
    },
    async (req) => {
      const { community } = caller(req);
      const q = req.query;
      const table = dealTable(deps.store.tables, community.id, deps.clock.now(), {
        filter: q.status,
        sort: q.sort,
        ...(q.search ? { search: q.search } : {}),
      });
      return { ...pageOf(deps, req, table.rows.map(dealJson), q.page, q.pageSize), totals: table.totals };
    },
  );
}
