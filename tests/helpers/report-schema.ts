import { z } from 'zod';

/** The published shape of `/report json` and `npm run report -- --json` (what dashboards may rely on). */
const metric = z.object({
  unit: z.enum(['count', 'cents', 'ratio', 'average']),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
});
const tier = z.object({ count: z.number().int().nonnegative(), share: z.number().nullable() });
const referrer = z.object({ userId: z.string(), name: z.string(), value: z.number() });
const iso = z.string().datetime({ offset: true });
const cents = z.number().int();
const outstanding = z.strictObject({
  cents: cents.nonnegative(),
  lines: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
});

/** One incentive's figures (report/incentives.ts), and the same for all together. */
const incentiveFigures = z.strictObject({
  points: metric,
  archivedPoints: metric,
  earners: metric,
  earnersGmvCents: metric,
  gmvPerPointCents: metric,
});

const pickupFigures = {
  linesArrived: metric,
  linesPickedUp: metric,
  pickupRate: metric,
  medianHoursToPickup: metric,
};

export const ReportJsonSchema = z.strictObject({
  community: z.strictObject({
    id: z.string(),
    title: z.string(),
    timezone: z.string(),
    currency: z.string(),
  }),
  generatedAt: iso,
  period: z.strictObject({
    key: z.string(),
    from: iso,
    to: iso,
    days: z.number().int().positive(),
    previous: z.strictObject({ from: iso, to: iso, days: z.number().int().positive() }).nullable(),
  }),
  size: z.strictObject({ members: metric, joined: metric, left: metric, removed: metric, netGrowth: metric }),
  activity: z.strictObject({
    activeMembers: metric,
    messages: metric,
    dailyActiveAvg: metric,
    tiers: z.strictObject({
      members: z.number().int(),
      core: tier,
      ordinary: tier,
      marginal: tier,
      zombie: tier,
    }),
  }),
  commerce: z.strictObject({
    dealsOpened: metric,
    dealsSucceeded: metric,
    dealsFailed: metric,
    dealsCancelled: metric,
    successRate: metric,
    orders: metric,
    buyers: metric,
    conversion: metric,
    aovCents: metric,
    gmvCents: metric,
    repeatBuyerShare: metric,
    topDeals: z.array(
      z.strictObject({
        no: z.number().int(),
        title: z.string(),
        orders: z.number().int(),
        gmvCents: z.number(),
      }),
    ),
  }),
  money: z.strictObject({
    refundsCents: metric,
    salesRefundsCents: metric,
    netSalesCents: metric,
    collectedCents: metric,
    collectedByMethod: z.strictObject({ confirmed: metric, marked: metric, telegram: metric }),
    owedNow: outstanding,
    refundDueNow: outstanding,
    aftersales: z.strictObject({ opened: metric, approved: metric, rejected: metric, refundedCents: metric }),
  }),
  pickup: z.strictObject({
    ...pickupFigures,
    points: z.array(
      z.strictObject({
        pointId: z.string(),
        no: z.number().int().positive().nullable(),
        name: z.string().nullable(),
        ...pickupFigures,
      }),
    ),
  }),
  products: z.strictObject({
    products: z.array(
      z.strictObject({
        key: z.string(),
        templateId: z.string().nullable(),
        name: z.string(),
        deals: z.number().int().nonnegative(),
        buyers: z.number().int().nonnegative(),
        units: z.number().int().nonnegative(),
        gmvCents: cents,
        reviews: z.number().int().nonnegative(),
        stars: z.number().min(1).max(5).nullable(),
      }),
    ),
  }),
  referrals: z.strictObject({
    invitesCreated: metric,
    referredJoins: metric,
    qualified: metric,
    rejected: metric,
    rejectedByReason: z.record(z.string(), z.number().int()),
    referredBuyers: metric,
    gmvFromReferredCents: metric,
    kFactor: metric,
    topByQualified: z.array(referrer),
    topByGmv: z.array(referrer),
  }),
  points: z.strictObject({
    issued: metric,
    redeemed: metric,
    deducted: metric,
    outstanding: metric,
    discountCents: metric,
    discountPerGmv: metric,
  }),
  incentives: z.strictObject({
    sources: z.strictObject(
      Object.fromEntries(
        ['checkin', 'referral', 'topic', 'award', 'order'].map((source) => [source, incentiveFigures]),
      ),
    ),
    total: incentiveFigures,
  }),
  /** Private offers of subscribed categories (report/offers.ts). */
  offers: z.strictObject({ sent: metric, reached: metric, refused: metric, ordered: metric }),
  daily: z.array(
    z.strictObject({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      gmvCents: z.number(),
      activeMembers: z.number().int(),
      collectedCents: cents,
      refundsCents: cents,
    }),
  ),
  /** Suggestions (src/services/insights/): a rule, its evidence (named numbers), a command to type. */
  suggestions: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('thin'),
      need: z.strictObject({
        historyDays: z.number().int().nonnegative(),
        minHistoryDays: z.number().int().positive(),
        activeMembers: z.number().int().nonnegative(),
        minActiveMembers: z.number().int().positive(),
      }),
    }),
    z.strictObject({
      kind: z.literal('ok'),
      items: z.array(
        z.strictObject({
          rule: z.enum([
            'posting_hours',
            'near_miss',
            'conversion_falling',
            'marginal_growing',
            'referrer_reward',
            'points_outstanding',
          ]),
          evidence: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.number())])),
          command: z.strictObject({
            name: z.enum(['deal copy', 'topic schedule', 'prune', 'award', 'settings']),
            args: z.array(z.looseObject({ kind: z.string() })),
          }),
        }),
      ),
    }),
  ]),
});
