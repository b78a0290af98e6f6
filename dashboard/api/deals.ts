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
import type { ApiRouteLimits } from './index.js';

const int = { type: 'integer' } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
const time = { type: 'string', description: 'ISO 8601, UTC' } as const;
const nullableTime = { type: ['string', 'null'], description: 'ISO 8601, UTC' } as const;

const cents = (description: string) => ({ type: 'integer', description }) as const;

/** Money over a set of lines (MoneyTotals), `description` saying which lines. */
const moneyOf = (description: string) => ({
  type: 'object',
  description,
  properties: {
    orderedCents: cents(
      "What the active lines were priced at (qty × unit price − points discount): the card's total",
    ),
    dueCents: cents(
      'What the lines cost now: 0 for a withdrawn line or a deal that failed or was cancelled, less partial refunds',
    ),
    paidCents: cents('Paid in all (confirmed, marked paid or paid in the chat), before refunds'),
    refundedCents: cents('Refunded in all'),
    owedCents: cents('Still to collect, claims not yet confirmed included'),
    refundDueCents: cents('Still to give back'),
    claimedCents: cents('Said paid by members, not yet confirmed or rejected by an admin'),
  },
});
const moneySchema = moneyOf(
  "Money over the deal's lines (withdrawn ones too: they may owe refunds), in cents",
);

const dealSchema = {
  type: 'object',
  properties: {
    no: { type: 'integer', description: 'The deal code members type: #3' },
    title: { type: 'string' },
    status: {
      type: 'string',
      enum: ['scheduled', 'open', 'succeeded', 'closed', 'failed', 'cancelled'],
      description: 'succeeded: formed (成团) and maybe still taking orders (see `taking`)',
    },
    taking: { type: 'boolean', description: 'Takes orders now' },
    unit: { type: ['string', 'null'], description: 'Shown after the price: box, 斤' },
    categories: {
      type: 'array',
      items: { type: 'string' },
      description: 'Categories members subscribe to (category=水果), as written; empty: none',
    },
    priceCents: { type: 'integer', description: 'Unit price in cents; an option may have its own' },
    options: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, priceCents: int, stock: nullableInt, sold: int },
      },
    },
    min: { type: 'integer', description: 'Group size (成团): buyers needed' },
    buyers: { type: 'integer', description: 'Distinct buyers, each person a proxy line is for counted' },
    missing: { type: 'integer', description: 'Buyers still needed' },
    sold: { type: 'integer', description: 'Units ordered' },
    stock: { ...nullableInt, description: 'null: unlimited' },
    left: { ...nullableInt, description: 'Units of stock left; null: unlimited' },
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
    categories: d.categories ?? [],
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
export function registerDealsApi(api: FastifyInstance, deps: DashboardDeps, limits: ApiRouteLimits): void {
  api.get<{ Querystring: DealsQuery }>(
    '/deals',
    {
      ...limits,
      schema: {
        summary: 'Deals',
        description:
          'Every deal of the community (newest first by default), with its progress and money. A page past the last is empty.',
        tags: ['deals'],
        querystring: {
          type: 'object',
          properties: {
            status: {
              type: 'string',
              enum: [...DEAL_FILTERS],
              default: 'all',
              description:
                'active: scheduled or taking orders; open: taking orders (formed or not); closed, failed, cancelled: that status',
            },
            sort: {
              type: 'string',
              enum: [...DEAL_SORTS],
              default: 'newest',
              description:
                'newest, oldest: by number; ends: soonest deadline first; ordered: most money ordered first',
            },
            search: { type: 'string', maxLength: 100, description: 'Words the title contains' },
            ...pageQuery,
          },
        },
        response: {
          200: pageSchema(dealSchema, {
            totals: moneyOf('Money over every deal the query matched (all pages), in cents'),
          }),
          ...errorResponses,
        },
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
