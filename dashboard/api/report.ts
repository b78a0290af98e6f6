import type { FastifyInstance } from 'fastify';
import { buildReport, DEFAULT_PERIOD, isPeriodText, MAX_RANGE_DAYS } from '../../src/services/report.js';
import type { DashboardDeps } from '../deps.js';
import { apiText } from '../text/api.js';
import { caller, errorResponses, refuse } from './common.js';
import type { ApiRouteLimits } from './index.js';

/** A section of the report: documented by name here, its fields as `/report json` has them. */
const section = (description: string) => ({ type: 'object', description, additionalProperties: true });
const window = {
  type: 'object',
  properties: {
    from: { type: 'string', description: 'Start: the first local day at 00:00, ISO 8601, UTC' },
    to: {
      type: 'string',
      description:
        'End, excluded, ISO 8601, UTC: the next local midnight, or the report moment for a period ending now',
    },
    days: { type: 'integer', description: 'Local days covered' },
  },
};

const reportSchema = {
  type: 'object',
  description:
    'The report exactly as `/report json` gives it: each metric is { unit, value, previous, change }: unit is count, cents, ratio (0–1) or average; previous is the period just before (null when there is none) and change its 环比 (null when not computable). README, Report metrics, defines each.',
  properties: {
    community: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        timezone: { type: 'string', description: 'IANA name: local days are in it' },
        currency: { type: 'string', description: 'The symbol money is shown with (¥)' },
      },
    },
    generatedAt: { type: 'string', description: 'ISO 8601, UTC' },
    period: {
      type: 'object',
      properties: {
        key: { type: 'string', description: 'The period as asked: 30d, 2026-11, 2026-11-01..2026-11-15' },
        ...window.properties,
        previous: { ...window, type: ['object', 'null'] },
      },
    },
    size: section('Members: total, joined, left, net growth'),
    activity: section(
      'Active members, messages, tiers now (core, ordinary, marginal, zombie: count and share)',
    ),
    commerce: section('GMV, orders, buyers, conversion, average order, top deals'),
    money: section(
      'Collected, refunds, outstanding now (owedNow, refundDueNow: cents, lines, members), by method',
    ),
    pickup: section('Lines arrived and picked up, pickup rate, per pickup point'),
    products: section('Sales and reviews per product (template)'),
    referrals: section('Invites, qualified referrals, top referrers'),
    points: section('Points earned, spent, outstanding'),
    incentives: section(
      'Incentive ROI: points issued per source (checkin, referral, topic, award, order) against the GMV of the members who earned them, current and previous period',
    ),
    offers: section('Private offers of subscribed categories: sent, reached, refused, then ordered'),
    suggestions: section(
      'Suggestions: kind thin (need: historyDays, minHistoryDays, activeMembers, minActiveMembers) or ok (items: rule, evidence of named numbers, command { name, args }). README, Suggestions, lists the rules',
    ),
    daily: {
      type: 'array',
      description: 'One entry per local day of the period',
      items: {
        type: 'object',
        properties: {
          day: { type: 'string', description: 'Local date, YYYY-MM-DD' },
          gmvCents: { type: 'integer' },
          activeMembers: { type: 'integer' },
          collectedCents: { type: 'integer' },
          refundsCents: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** `GET /api/v1/report?period=…`: the community's report for any period `/report` takes. */
export function registerReportApi(api: FastifyInstance, deps: DashboardDeps, limits: ApiRouteLimits): void {
  api.get<{ Querystring: { period: string } }>(
    '/report',
    {
      ...limits,
      schema: {
        summary: 'The report for a period',
        description: `The same numbers as /report in the chat. Periods: 7d, 30d, 90d (ending now), a calendar month (2026-11), or a range of local days, both included (2026-11-01..2026-11-15, at most ${MAX_RANGE_DAYS} days).`,
        tags: ['report'],
        querystring: {
          type: 'object',
          properties: {
            period: { type: 'string', maxLength: 40, default: DEFAULT_PERIOD, description: 'Default 30d' },
          },
        },
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { community, locale } = caller(req);
      const t = apiText(locale);
      const text = req.query.period.trim();
      if (!isPeriodText(text)) return refuse(reply, 400, 'bad_period', t.badPeriod(text));
      const outcome = buildReport(deps.store.tables, community, text, deps.clock.now());
      switch (outcome.kind) {
        case 'report':
          return outcome.report;
        case 'bad_period':
          return refuse(reply, 400, 'bad_period', t.badPeriod(outcome.text));
        case 'future_month':
          return refuse(reply, 400, 'future_month', t.futureMonth(outcome.text));
        case 'bad_range': {
          const why =
            outcome.problem === 'impossible_date'
              ? t.rangeWhy.impossible_date(outcome.date)
              : outcome.problem === 'too_long'
                ? t.rangeWhy.too_long(outcome.days, outcome.maxDays)
                : t.rangeWhy[outcome.problem];
          return refuse(reply, 400, 'bad_range', t.badRange(outcome.text, why), { problem: outcome.problem });
        }
      }
    },
  );
}
