import { describe, expect, it } from 'vitest';
import { reportSummary } from '../../commands/report-text.js';
import { INCENTIVE_SOURCES } from '../../src/services/report/incentives.js';
import { buildReport, type Metric, type Report } from '../../src/services/report.js';
import {
  type Community,
  type Deal,
  type LedgerEntry,
  type Member,
  OrderSchema,
} from '../../src/store/schema.js';
import { createTables, type Tables } from '../../src/store/tables.js';
import { englishWords } from '../helpers/english.js';
import { CID, community, NOW } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

/**
 * Incentive ROI (激励投入产出): points issued per source against the GMV of the members who earned
 * them. Shanghai; now 2026-11-25 16:00 local; `7d` = local days 11-19 … 11-25, previous 11-12 … 11-18.
 *
 * Current period, by hand:
 *   ann   check-ins 5×1 + streak 5 = 10, topic 3, per-order 1; bought ¥100 (deal #1)
 *   ben   referral_join 20; bought nothing (GMV 0)
 *   cat   award 50; bought ¥30 (deal #2), and ¥500 in a failed deal (not GMV)
 *   dan   topic 2; bought nothing
 *   eve   no points; bought ¥40 (nobody's incentive)
 *   not incentives: ann redeem −10, cat deduct −5, ben reversal −20, ann refund +10
 * Previous period: ann check-ins 4, bought ¥50; ben referral_join 10, bought ¥20.
 */

const DAY = 86_400_000;
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

function member(userId: string): Member {
  return {
    id: `${CID}/${userId}`,
    communityId: CID,
    userId,
    name: userId,
    status: 'active',
    role: 'member',
    firstSeen: '2026-09-01T00:00:00.000Z',
    messageCount: 0,
    points: 0,
    streak: 0,
  };
}

function deal(no: number, status: Deal['status'], priceCents: number): Deal {
  return {
    id: `${CID}#${no}`,
    communityId: CID,
    no,
    title: `Deal ${no}`,
    priceCents,
    min: 1,
    endsAt: '2026-11-30T00:00:00.000Z',
    options: [],
    optionPrices: {},
    optionStock: {},
    optionSold: {},
    status,
    createdAt: '2026-11-10T00:00:00.000Z',
    createdBy: 'owner',
    sold: 0,
    buyers: 0,
    lines: 0,
    ...(status === 'failed'
      ? { closedAt: at('2026-11-24T12:00:00') }
      : { formedAt: at('2026-11-12T12:00:00') }),
  };
}

function order(no: number, userId: string, qty: number, price: number, when: string) {
  return OrderSchema.parse({
    id: `${CID}#${no}/${userId}/${when}`,
    dealId: `${CID}#${no}`,
    communityId: CID,
    userId,
    name: userId,
    line: 1,
    qty,
    unitPriceCents: price,
    discountCents: 0,
    pointsUsed: 0,
    status: 'active',
    createdAt: at(when),
    updatedAt: at(when),
  });
}

let seq = 0;
function entry(userId: string, delta: number, reason: LedgerEntry['reason'], when: string): LedgerEntry {
  return { id: `i${++seq}`, communityId: CID, userId, delta, reason, at: at(when) };
}

function fixture(): Tables {
  const tables = createTables();
  tables.communities.put(community);
  for (const id of ['owner', 'ann', 'ben', 'cat', 'dan', 'eve']) tables.members.put(member(id));
  tables.deals.put(deal(1, 'closed', 10_000));
  tables.deals.put(deal(2, 'succeeded', 1_000));
  tables.deals.put(deal(3, 'failed', 50_000));
  for (const o of [
    order(1, 'ann', 1, 10_000, '2026-11-20T10:00:00'),
    order(2, 'cat', 3, 1_000, '2026-11-21T10:00:00'),
    order(3, 'cat', 1, 50_000, '2026-11-22T10:00:00'),
    order(2, 'eve', 4, 1_000, '2026-11-23T10:00:00'),
    // Previous period.
    order(1, 'ann', 1, 5_000, '2026-11-13T10:00:00'),
    order(2, 'ben', 2, 1_000, '2026-11-14T10:00:00'),
  ])
    tables.orders.put(o);
  const entries = [
    ...[19, 20, 21, 22, 23].map((d) => entry('ann', 1, 'checkin', `2026-11-${d}T08:00:00`)),
    entry('ann', 5, 'streak', '2026-11-23T08:00:00'),
    entry('ann', 3, 'topic', '2026-11-24T20:00:00'),
    entry('ann', 1, 'order', '2026-11-21T00:00:00'),
    entry('ben', 20, 'referral_join', '2026-11-22T09:00:00'),
    entry('cat', 50, 'award', '2026-11-21T18:00:00'),
    entry('dan', 2, 'topic', '2026-11-24T21:00:00'),
    entry('ann', -10, 'redeem', '2026-11-20T10:00:00'),
    entry('cat', -5, 'deduct', '2026-11-22T00:00:00'),
    entry('ben', -20, 'reversal', '2026-11-23T00:00:00'),
    entry('ann', 10, 'refund', '2026-11-24T00:00:00'),
    // Previous period.
    ...[12, 13, 14, 15].map((d) => entry('ann', 1, 'checkin', `2026-11-${d}T08:00:00`)),
    entry('ben', 10, 'referral_join', '2026-11-16T09:00:00'),
  ];
  for (const e of entries) tables.ledger.put(e);
  return tables;
}

function report(tables: Tables, c: Community = community, now = NOW): Report {
  const outcome = buildReport(tables, c, '7d', now);
  if (outcome.kind !== 'report') throw new Error(outcome.kind);
  return outcome.report;
}

/** [value, previous, change] of a metric. */
const v = (m: Metric) => [m.value, m.previous, m.change];

describe('incentive ROI in the report (hand-computed fixture)', () => {
  const r = report(fixture());
  const { sources, total } = r.incentives;

  it('check-ins (with streaks) against the GMV of the member who checked in', () => {
    expect(v(sources.checkin.points)).toEqual([10, 4, 1.5]);
    expect(v(sources.checkin.earners)).toEqual([1, 1, 0]);
    expect(v(sources.checkin.earnersGmvCents)).toEqual([10_000, 5_000, 1]);
    // ¥100 ÷ 10 points = ¥10 a point; ¥50 ÷ 4 = ¥12.50.
    expect(v(sources.checkin.gmvPerPointCents)).toEqual([1_000, 1_250, -0.2]);
  });

  it('a referrer who bought nothing: points issued, GMV 0, GMV per point 0', () => {
    expect(v(sources.referral.points)).toEqual([20, 10, 1]);
    expect(v(sources.referral.earners)).toEqual([1, 1, 0]);
    expect(v(sources.referral.earnersGmvCents)).toEqual([0, 2_000, -1]);
    expect(v(sources.referral.gmvPerPointCents)).toEqual([0, 200, -1]);
  });

  it('an award, and topic prompts where one earner bought and one did not', () => {
    expect(v(sources.award.points)).toEqual([50, 0, null]);
    expect(v(sources.award.earnersGmvCents)).toEqual([3_000, 0, null]);
    expect(v(sources.award.gmvPerPointCents)).toEqual([60, null, null]);
    expect(v(sources.topic.points)).toEqual([5, 0, null]);
    expect(v(sources.topic.earners)).toEqual([2, 0, null]);
    expect(v(sources.topic.earnersGmvCents)).toEqual([10_000, 0, null]);
    expect(v(sources.topic.gmvPerPointCents)).toEqual([2_000, null, null]);
    expect(v(sources.order.points)).toEqual([1, 0, null]);
  });

  it('a member who earned from two sources counts in both, and once in the total', () => {
    expect(sources.checkin.earners.value).toBe(1);
    expect(sources.topic.earners.value).toBe(2);
    expect(sources.order.earners.value).toBe(1);
    // ann, ben, cat, dan; eve earned nothing and her ¥40 is in nobody's figure.
    expect(v(total.earners)).toEqual([4, 2, 1]);
    expect(v(total.earnersGmvCents)).toEqual([13_000, 7_000, 6_000 / 7_000]);
    expect(v(total.points)).toEqual([86, 14, 72 / 14]);
    expect(total.gmvPerPointCents.value).toBe(Math.round(13_000 / 86));
    expect(total.gmvPerPointCents.previous).toBe(500);
  });

  it('issues what the points section issues: redemptions, refunds, deductions and reversals are no incentive', () => {
    expect(total.points.value).toBe(r.points.issued.value);
    expect(total.points.previous).toBe(r.points.issued.previous);
    expect(Object.keys(sources)).toEqual([...INCENTIVE_SOURCES]);
    expect(total.archivedPoints.value).toBe(0);
  });

  it('/report json carries the section in its published shape', () => {
    const json = JSON.parse(JSON.stringify(r));
    expect(ReportJsonSchema.shape.incentives.safeParse(json.incentives).success).toBe(true);
    expect(json.incentives.sources.checkin.points).toEqual({
      unit: 'count',
      value: 10,
      previous: 4,
      change: 1.5,
    });
    expect(json.incentives.total.gmvPerPointCents.unit).toBe('cents');
  });
});

describe('incentive ROI on archived days and empty periods', () => {
  it('archived days count their points from the rollups; their earners are unknown and left out of GMV per point', () => {
    const tables = fixture();
    tables.ledgerRollups.put({
      id: `${CID}|2026-11-14|checkin`,
      communityId: CID,
      day: '2026-11-14',
      reason: 'checkin',
      delta: 30,
      entries: 30,
    });
    tables.ledgerRollups.put({
      id: `${CID}|2026-11-14|redeem`,
      communityId: CID,
      day: '2026-11-14',
      reason: 'redeem',
      delta: -40,
      entries: 2,
    });
    const { checkin } = report(tables).incentives.sources;
    expect(v(checkin.points)).toEqual([10, 34, (10 - 34) / 34]);
    expect(v(checkin.archivedPoints)).toEqual([0, 30, -1]);
    expect(checkin.earners.previous).toBe(1);
    // Previous: ann's ¥50 over the 4 points whose earner is known.
    expect(checkin.gmvPerPointCents.previous).toBe(1_250);
  });

  it('a period without points gives zeros and "—", never NaN, in the data and the text', () => {
    const tables = createTables();
    tables.communities.put(community);
    const r = report(tables);
    for (const row of [...Object.values(r.incentives.sources), r.incentives.total]) {
      expect(row.points.value).toBe(0);
      expect(row.earners.value).toBe(0);
      expect(row.earnersGmvCents.value).toBe(0);
      expect(row.gmvPerPointCents.value).toBeNull();
    }
    expect(JSON.stringify(r.incentives)).not.toMatch(/NaN|Infinity/);
    expect(reportSummary('en', r, 4096)).toContain('🎯 Incentive ROI: no points issued');
    expect(reportSummary('zh', r, 4096)).toContain('🎯 激励投入产出：没有发放积分');
  });

  it('without a previous period, no 环比', () => {
    const young: Community = { ...community, createdAt: new Date(NOW.getTime() - 3 * DAY).toISOString() };
    const { total } = report(fixture(), young).incentives;
    expect(v(total.points)).toEqual([86, null, null]);
    expect(total.gmvPerPointCents.change).toBeNull();
  });
});

describe('incentive ROI in the /report text', () => {
  const r = report(fixture());

  it('English: one line per source that issued points, then the total', () => {
    const text = reportSummary('en', r, 4096);
    expect(text).toContain('🎯 Incentive ROI: points issued · earners · their GMV · GMV per point');
    expect(text).toContain(
      '   Check-ins 10 (4, +150%) · 1 (1, ±0%) · ¥100.00 (¥50.00, +100%) · ¥10.00 (¥12.50, −20%)',
    );
    expect(text).toContain(
      '   Referrals 20 (10, +100%) · 1 (1, ±0%) · ¥0.00 (¥20.00, −100%) · ¥0.00 (¥2.00, −100%)',
    );
    expect(text).toContain('   Awards 50 (0, —) · 1 (0, —) · ¥30.00 (¥0.00, —) · ¥0.60 (—, —)');
    expect(text).toContain('   Total 86 (14, +514%)');
  });

  it('Chinese, with no English words', () => {
    const text = reportSummary('zh', r, 4096);
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('🎯'));
    expect(lines[start]).toBe('🎯 激励投入产出：发放积分 · 获得人数 · 其成交额 · 每积分成交额');
    const section = lines.slice(start, start + 7);
    expect(section).toContain(
      '   签到 10 (4, +150%) · 1 (1, ±0%) · ¥100.00 (¥50.00, +100%) · ¥10.00 (¥12.50, −20%)',
    );
    expect(section.some((l) => l.startsWith('   话题 5 (0, —) · 2 (0, —)'))).toBe(true);
    expect(section.some((l) => l.startsWith('   合计 86 (14, +514%)'))).toBe(true);
    for (const line of section) expect(englishWords(line), line).toEqual([]);
  });

  it('says when archived days hide who earned points', () => {
    const tables = fixture();
    tables.ledgerRollups.put({
      id: `${CID}|2026-11-14|award`,
      communityId: CID,
      day: '2026-11-14',
      reason: 'award',
      delta: 30,
      entries: 1,
    });
    const archived = report(tables);
    expect(reportSummary('en', archived, 4096)).toContain(
      '   Archived days: 0 points (previous period 30) no longer say who earned them; GMV per point counts the rest',
    );
    expect(reportSummary('zh', archived, 4096)).toContain(
      '   已归档的日子：0 分（上期 30 分）已不记录获得者；每积分成交额只按其余积分计算',
    );
  });
});
