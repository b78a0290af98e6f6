import { describe, expect, it } from 'vitest';
import { isCandidate } from '../../src/services/prune.js';
import { resolvePeriod } from '../../src/services/report/period.js';
import { buildReport, type Metric, type Report } from '../../src/services/report.js';
import { tierOf } from '../../src/services/tiers.js';
import type { Community } from '../../src/store/schema.js';
import { createTables } from '../../src/store/tables.js';
import { CID, community, fillReportFixture, NOW } from '../helpers/report-fixture.js';

function report(period: string, tables = fillReportFixture(), c: Community = community): Report {
  const outcome = buildReport(tables, c, period, NOW);
  if (outcome.kind !== 'report') throw new Error(`no report: ${outcome.kind}`);
  return outcome.report;
}

/** [value, previous, change] of a metric, for compact expectations. */
const v = (m: Metric) => [m.value, m.previous, m.change];

describe('report over the 7 days ending now (hand-built fixture)', () => {
  const r = report('7d');

  it('places the period on local days in the community timezone', () => {
    expect(r.period).toEqual({
      key: '7d',
      from: '2026-11-18T16:00:00.000Z',
      to: '2026-11-25T08:00:00.000Z',
      days: 7,
      previous: { from: '2026-11-11T16:00:00.000Z', to: '2026-11-18T16:00:00.000Z', days: 7 },
    });
    expect(r.daily.map((d) => d.day)).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
  });

  it('size: members at the end, joins (boundary second by second), leaves, removals, net growth', () => {
    expect(v(r.size.members)).toEqual([6, 5, 0.2]);
    expect(v(r.size.joined)).toEqual([2, 2, 0]);
    expect(v(r.size.left)).toEqual([1, 0, null]);
    expect(v(r.size.removed)).toEqual([0, 1, -1]);
    expect(v(r.size.netGrowth)).toEqual([1, 1, 0]);
  });

  it('activity: active = spoke or ordered; messages; daily active average', () => {
    expect(v(r.activity.activeMembers)).toEqual([4, 2, 1]);
    expect(v(r.activity.messages)).toEqual([10, 3, 10 / 3 - 1]);
    expect(r.activity.dailyActiveAvg.value).toBeCloseTo(6 / 7);
    expect(r.activity.dailyActiveAvg.previous).toBeCloseTo(2 / 7);
    expect(r.daily.map((d) => d.activeMembers)).toEqual([2, 1, 1, 1, 0, 0, 1]);
  });

  it('the tier pyramid matches tierOf, and zombie candidates match the prune service', () => {
    const tiers = r.activity.tiers;
    expect(tiers.members).toBe(6);
    expect([tiers.core.count, tiers.ordinary.count, tiers.marginal.count, tiers.zombie.count]).toEqual([
      4, 1, 1, 1,
    ]);
    expect(tiers.core.share).toBeCloseTo(4 / 6);
    const tables = fillReportFixture();
    const byTierOf = { core: 0, ordinary: 0, marginal: 0 };
    for (const m of tables.members.by('community', CID))
      if (m.status === 'active') byTierOf[tierOf(tables, community, m, NOW)]++;
    expect(byTierOf).toEqual({ core: 4, ordinary: 1, marginal: 1 });
    const candidates = tables.members
      .by('community', CID)
      .filter((m) => isCandidate(tables, community, m, NOW));
    expect(candidates.map((m) => m.userId)).toEqual(['zed']);
  });

  it('an exempted member is no zombie candidate', () => {
    const tables = fillReportFixture();
    tables.pruneExemptions.put({
      id: `${CID}/zed`,
      communityId: CID,
      userId: 'zed',
      by: 'owner',
      at: NOW.toISOString(),
    });
    expect(report('7d', tables).activity.tiers.zombie.count).toBe(0);
  });

  it('commerce: deals by outcome, 成团率, orders, buyers, conversion, 客单价, GMV, repeat buyers, top deals', () => {
    const c = r.commerce;
    expect(v(c.dealsOpened)).toEqual([4, 1, 3]);
    expect(v(c.dealsSucceeded)).toEqual([2, 1, 1]);
    expect(v(c.dealsFailed)).toEqual([1, 0, null]);
    expect(v(c.dealsCancelled)).toEqual([1, 0, null]);
    expect(c.successRate.value).toBeCloseTo(2 / 3);
    expect(c.successRate.previous).toBe(1);
    expect(c.successRate.change).toBeCloseTo(2 / 3 - 1); // percentage points
    expect(v(c.orders)).toEqual([3, 1, 2]);
    expect(v(c.gmvCents)).toEqual([3300, 2100, 3300 / 2100 - 1]);
    expect(v(c.buyers)).toEqual([2, 1, 1]);
    expect(c.conversion.value).toBe(0.5);
    expect(c.conversion.previous).toBe(0.5);
    expect(v(c.aovCents)).toEqual([1100, 2100, 1100 / 2100 - 1]);
    expect(v(c.repeatBuyerShare)).toEqual([0.5, 0, 0.5]);
    expect(c.topDeals).toEqual([
      { no: 1, title: 'Mangoes', orders: 2, gmvCents: 2800 },
      { no: 2, title: 'Tea', orders: 1, gmvCents: 500 },
    ]);
    expect(r.daily.map((d) => d.gmvCents)).toEqual([1800, 1000, 500, 0, 0, 0, 0]);
  });

  it('referrals: invites, joins, qualified, rejected by reason, referred buyers and GMV, K-factor, leaders', () => {
    const f = r.referrals;
    expect(v(f.invitesCreated)).toEqual([2, 1, 1]);
    expect(v(f.referredJoins)).toEqual([3, 1, 2]);
    expect(v(f.qualified)).toEqual([1, 1, 0]);
    expect(v(f.rejected)).toEqual([1, 0, null]);
    expect(f.rejectedByReason).toEqual({ bot: 1 });
    expect(v(f.referredBuyers)).toEqual([2, 0, null]);
    expect(v(f.gmvFromReferredCents)).toEqual([3300, 0, null]);
    expect(v(f.kFactor)).toEqual([0.25, 0.5, -0.5]);
    expect(f.topByQualified).toEqual([{ userId: 'alice', name: 'alice', value: 1 }]);
    expect(f.topByGmv).toEqual([
      { userId: 'owner', name: 'owner', value: 2300 },
      { userId: 'alice', name: 'alice', value: 1000 },
    ]);
  });

  it('points: issued, redeemed net of refunds, deducted, outstanding, discount per GMV', () => {
    const p = r.points;
    expect(v(p.issued)).toEqual([320, 6, 320 / 6 - 1]);
    expect(v(p.redeemed)).toEqual([200, 0, null]);
    expect(v(p.deducted)).toEqual([2, 0, null]);
    expect(v(p.outstanding)).toEqual([124, 6, 124 / 6 - 1]);
    expect(v(p.discountCents)).toEqual([200, 0, null]);
    expect(p.discountPerGmv.value).toBeCloseTo(200 / 3300);
    expect(p.discountPerGmv.previous).toBe(0);
  });
});

describe('report periods', () => {
  it('a calendar month runs from its first local midnight; the current month ends now; previous = the month before', () => {
    const r = report('2026-11');
    expect(r.period.from).toBe('2026-10-31T16:00:00.000Z');
    expect(r.period.to).toBe(NOW.toISOString());
    expect(r.period.days).toBe(25);
    expect(r.period.previous).toEqual({
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-10-31T16:00:00.000Z',
      days: 31,
    });
    expect(r.commerce.gmvCents.value).toBe(5400);
  });

  it('an empty period gives zeros, and null where a division by zero would be', () => {
    const r = report('2026-10');
    expect(r.commerce.gmvCents.value).toBe(0);
    expect(r.commerce.orders.value).toBe(0);
    expect(r.commerce.aovCents.value).toBeNull();
    expect(r.commerce.conversion.value).toBeNull();
    expect(r.commerce.successRate.value).toBeNull();
    expect(r.referrals.kFactor.value).toBeNull();
    expect(r.points.discountPerGmv.value).toBeNull();
    expect(r.activity.activeMembers.value).toBe(0);
    expect(r.daily).toHaveLength(31);
  });

  it('a period whose previous lies before the community existed has no previous: previous and change are null', () => {
    const r = report('2026-09');
    expect(r.period.previous).toBeNull();
    expect(r.size.members.previous).toBeNull();
    expect(r.size.members.change).toBeNull();
    expect(r.activity.messages.value).toBe(1);
    expect(r.activity.messages.previous).toBeNull();
  });

  it('an empty community reports zeros and nulls without failing', () => {
    const tables = createTables();
    tables.communities.put(community);
    const r = report('30d', tables);
    expect(r.size.members.value).toBe(0);
    expect(r.activity.tiers.core).toEqual({ count: 0, share: null });
    expect(r.commerce.topDeals).toEqual([]);
  });

  it('refuses a bad period and a month in the future', () => {
    expect(buildReport(fillReportFixture(), community, '12d', NOW).kind).toBe('bad_period');
    expect(buildReport(fillReportFixture(), community, '2026-13', NOW).kind).toBe('bad_period');
    expect(buildReport(fillReportFixture(), community, '2026-12', NOW).kind).toBe('future_month');
  });

  it('local days follow the timezone across a DST change (New York, 1 Nov 2026 has 25 hours)', () => {
    const outcome = resolvePeriod(
      '7d',
      'America/New_York',
      new Date('2026-11-05T15:00:00Z'),
      '2026-01-01T00:00:00Z',
    );
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    const { current } = outcome.period;
    expect(current.days[0]).toBe('2026-10-30');
    expect(current.from).toBe('2026-10-30T04:00:00.000Z'); // midnight EDT
    expect(current.dayStarts[current.days.indexOf('2026-11-02')]).toBe('2026-11-02T05:00:00.000Z'); // EST
  });

  it('an order at 23:30 local on the last day of the previous period is not in the current one', () => {
    const tables = fillReportFixture();
    // 2026-11-18 23:30 in Shanghai = 15:30Z: the previous 7d period.
    tables.orders.put({
      ...tables.orders.get(`${CID}#1/bob`)!,
      id: `${CID}#1/carol`,
      userId: 'carol',
      createdAt: '2026-11-18T15:30:00.000Z',
    });
    const r = report('7d', tables);
    expect(r.commerce.orders.value).toBe(3);
    expect(r.commerce.orders.previous).toBe(2);
  });
});
