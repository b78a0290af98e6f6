import type { FastifyInstance } from 'fastify';
import {
  MONEY_STATES,
  type OrderQueryInput,
  type OrderRow,
  orderRows,
  PICKUP_STATES,
  SORT_KEYS,
} from '../../src/services/order-table.js';
import type { DashboardDeps } from '../deps.js';
import { apiText } from '../text/api.js';
import { caller, errorResponses, errorSchema, pageOf, pageQuery, pageSchema, refuse } from './common.js';
import type { ApiRouteLimits } from './index.js';

const int = { type: 'integer' } as const;
const nullableString = { type: ['string', 'null'] } as const;

/** The money and pickup states in words, for the description (order-table.ts, money-state.ts). */
const MONEY_WORDS =
  'owing: not paid; claimed: the member said they paid, not yet confirmed; paid; refund_due: paid more than the line now costs; refunded: a refund was recorded (in full or in part); cancelled: withdrawn or the deal died before anything was paid';
const PICKUP_WORDS =
  'ordering: the deal still takes orders; not_arrived: closed, goods not sent; shipped; waiting: arrived at the point; picked_up; none: withdrawn or the deal did not go ahead';

const orderSchema = {
  type: 'object',
  properties: {
    orderId: { type: 'string', description: 'Stable id of the line' },
    dealNo: int,
    dealTitle: { type: 'string' },
    lineNo: {
      type: ['integer', 'null'],
      description: 'Its number on the card and sheet; null once withdrawn',
    },
    userId: { type: 'string', description: "The orderer's platform user id" },
    name: { type: 'string', description: "The orderer's name" },
    for: { ...nullableString, description: 'Whom a proxy line is for' },
    option: nullableString,
    qty: int,
    point: {
      type: ['object', 'null'],
      description: 'The pickup point (its number is what the `point` filter takes); null: none chosen',
      properties: { no: int, name: { type: 'string' } },
    },
    amountCents: {
      type: 'integer',
      description:
        'What the line was priced at, in cents: qty × unit price − points discount. Kept on a withdrawn or refunded line; owedCents and refundDueCents say what is still open',
    },
    money: { type: 'string', enum: [...MONEY_STATES], description: MONEY_WORDS },
    paidCents: { type: 'integer', description: 'Confirmed paid on the line in all, in cents' },
    refundedCents: { type: 'integer', description: 'Refunded on the line in all, in cents' },
    owedCents: {
      type: 'integer',
      description: 'Still to collect, in cents (a claim not yet confirmed included)',
    },
    refundDueCents: { type: 'integer', description: 'Still to give back, in cents' },
    pickup: { type: 'string', enum: [...PICKUP_STATES], description: PICKUP_WORDS },
    pickupCode: { ...nullableString, description: 'Its one-time pickup code (核销), once it has one' },
    orderedAt: { type: 'string', description: 'ISO 8601, UTC' },
  },
} as const;

/** An order line as the API shows it. */
function orderJson(row: OrderRow) {
  return {
    orderId: row.orderId,
    dealNo: row.dealNo,
    dealTitle: row.dealTitle,
    lineNo: row.lineNo ?? null,
    userId: row.userId,
    name: row.name,
    for: row.for ?? null,
    option: row.option ?? null,
    qty: row.qty,
    point: row.point ? { no: row.point.no, name: row.point.name } : null,
    amountCents: row.amountCents,
    money: row.money,
    paidCents: row.paidCents,
    refundedCents: row.refundedCents,
    owedCents: row.owedCents,
    refundDueCents: row.refundDueCents,
    pickup: row.pickup,
    pickupCode: row.pickupCode ?? null,
    orderedAt: row.orderedAt,
  };
}

interface OrdersQuery {
  deal?: number;
  option?: string;
  point?: string;
  money?: string;
  pickup?: string;
  member?: string;
  sort?: string;
  dir?: string;
  page: number;
  pageSize: number;
}

/** `GET /api/v1/orders`: order lines across the community's deals, as the dashboard's Orders table. */
export function registerOrdersApi(api: FastifyInstance, deps: DashboardDeps, limits: ApiRouteLimits): void {
  api.get<{ Querystring: OrdersQuery }>(
    '/orders',
    {
      ...limits,
      schema: {
        summary: 'Order lines',
        description:
          "Every order line of the community's deals (withdrawn ones too: money may be owed back), filtered and sorted as the dashboard's Orders table, with totals over every page. A page past the last is empty.",
        tags: ['orders'],
        querystring: {
          type: 'object',
          properties: {
            deal: { type: 'integer', minimum: 1, description: 'A deal number (3 for #3)' },
            option: { type: 'string', maxLength: 100, description: 'An option name, letter case aside' },
            point: {
              type: 'string',
              pattern: '^(none|\\d{1,6})$',
              description: 'A pickup point number, or none',
            },
            money: {
              type: 'string',
              enum: [...MONEY_STATES],
              description: `${MONEY_WORDS}. Everyone not paid yet: owing and claimed`,
            },
            pickup: { type: 'string', enum: [...PICKUP_STATES], description: PICKUP_WORDS },
            member: { type: 'string', maxLength: 100, description: 'Part of a name, or a user id' },
            sort: {
              type: 'string',
              enum: [...SORT_KEYS],
              description: 'Default: newest deal first, lines in card order',
            },
            dir: { type: 'string', enum: ['asc', 'desc'], description: 'Of `sort` (default asc)' },
            ...pageQuery,
          },
        },
        response: {
          200: pageSchema(orderSchema, {
            totals: {
              type: 'object',
              description:
                'Over every line the query matched (all pages): lines, qty and amountCents of the lines still ordered (as the deal card totals them); withdrawn: how many withdrawn lines matched and were left out of those',
              properties: { lines: int, qty: int, amountCents: int, withdrawn: int },
            },
          }),
          ...errorResponses,
          404: { description: 'No such deal or pickup point in this community', ...errorSchema },
        },
      },
    },
    async (req, reply) => {
      const { community, locale } = caller(req);
      const t = apiText(locale);
      const { page, pageSize, ...filters } = req.query;
      // The service reads the query as a form carries it: strings.
      const input: OrderQueryInput = Object.fromEntries(
        Object.entries(filters).map(([k, v]) => [k, String(v)]),
      );
      const outcome = orderRows(deps.store.tables, community.id, input);
      switch (outcome.kind) {
        case 'rows':
          return {
            ...pageOf(deps, req, outcome.rows.map(orderJson), page, pageSize),
            totals: outcome.totals,
          };
        case 'unknown_deal':
          return refuse(reply, 404, 'unknown_deal', t.unknownDeal(outcome.no));
        case 'unknown_point':
          return refuse(reply, 404, 'unknown_point', t.unknownPoint(outcome.no));
        case 'page_too_big':
          return refuse(reply, 400, 'bad_query', t.pageTooBig(outcome.asked, outcome.max));
        case 'bad_value':
          return refuse(reply, 400, 'bad_query', t.badQuery(`${outcome.field}=${outcome.value}`));
      }
    },
  );
}
