import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportSummary } from '../../commands/report-text.js';
import { ManualClock } from '../../src/core/clock.js';
import { closeDeal, createDeal } from '../../src/services/deals.js';
import { cancelOrder, placeOrder } from '../../src/services/orders.js';
import { addPoint } from '../../src/services/pickup-points.js';
import { buildReport, type Metric, type Report } from '../../src/services/report.js';
import type { Community, Deal } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { community } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';

/** [value, previous, change] of a metric, for compact expectations. */
const v = (m: Metric) => [m.value, m.previous, m.change];
const HOUR = 3_600_000;

/**
 * Pickup in the report: of the lines whose goods arrived at their point in the period, the share
 * picked up and the median hours from arrival to pickup, overall and per point. Shanghai; the
 * first deal's goods arrive Mon 2026-11-02 10:00 local, the second's a week later; the report is
 * made Wed 11-11 10:00 (7d: 11-05 … 11-11, previous 10-29 … 11-04).
 */
describe('pickup in the report', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let group: Community;
  const EAST = `${community.id}|p1`;
  const WEST = `${community.id}|p2`;

  const now = () => clock.now();
  const report = (period = '7d'): Report => {
    const outcome = buildReport(store.tables, group, period, now());
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    return outcome.report;
  };
  /** A deal with a line per buyer at the point given, closed. */
  function closedDeal(title: string, lines: [user: string, pointId: string][]): Deal {
    const endsAt = new Date(now().getTime() + 86_400_000);
    const deal = store.transact((t) =>
      createDeal(t, group, { title, priceCents: 1000, min: 1, endsAt }, 'owner', now()),
    ).value;
    for (const [user, pointId] of lines)
      store.transact((t) =>
        placeOrder(t, deal, { userId: user, name: user }, { qty: 1, ...(pointId ? { pointId } : {}) }, now()),
      );
    return deal;
  }
  function close(deal: Deal): void {
    store.transact((t) => closeDeal(t, t.get('deals', deal.id)!, now()));
  }
  /** The goods arrive at a point now. */
  function arrive(deal: Deal, pointId: string): void {
    store.transact((t) =>
      t.put('fulfilments', {
        id: `${deal.id}|${pointId}`,
        communityId: group.id,
        dealId: deal.id,
        pointId,
        state: 'arrived',
        arrivedAt: now().toISOString(),
      }),
    );
  }
  /** The member's line is picked up `hours` after now (the arrival). */
  function pickedUp(deal: Deal, user: string, hours: number): void {
    store.transact((t) => {
      const line = t.get('orders', `${deal.id}/${user}`)!;
      t.put('orders', { ...line, deliveredAt: new Date(now().getTime() + hours * HOUR).toISOString() });
    });
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-report-pickup-'));
    clock = new ManualClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
    store = await Store.open({ dir, clock });
    group = store.transact((t) => t.put('communities', community)).value;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function twoWeeks(): void {
    store.transact((t) => {
      addPoint(t, group, { name: '东门驿站', times: '周六 10:00-12:00' }, 'owner', now());
      addPoint(t, group, { name: '西门' }, 'owner', now());
    });
    // Previous week: 4 lines arrive; alice after 2 h, bob after 4 h, dave after 10 h; carol never.
    const first = closedDeal('Mangoes', [
      ['alice', EAST],
      ['bob', EAST],
      ['carol', EAST],
      ['dave', WEST],
    ]);
    close(first);
    arrive(first, EAST);
    arrive(first, WEST);
    pickedUp(first, 'alice', 2);
    pickedUp(first, 'bob', 4);
    pickedUp(first, 'dave', 10);
    // This week: 5 lines arrive (frank's, withdrawn before the close, does not count).
    clock.advance(7 * 24 * HOUR);
    const second = closedDeal('Durian', [
      ['alice', EAST],
      ['bob', EAST],
      ['frank', EAST],
      ['carol', WEST],
      ['dave', WEST],
      ['erin', WEST],
    ]);
    store.transact((t) => cancelOrder(t, second, 'frank', now()));
    close(second);
    // Only shipped to 东门 so far: no arrival, nothing counted for it yet.
    store.transact((t) =>
      t.put('fulfilments', {
        id: `${second.id}|${EAST}`,
        communityId: group.id,
        dealId: second.id,
        pointId: EAST,
        state: 'shipped',
        shippedAt: now().toISOString(),
      }),
    );
    expect(report().pickup.linesArrived.value).toBe(0);
    arrive(second, EAST);
    arrive(second, WEST);
    pickedUp(second, 'alice', 1);
    pickedUp(second, 'bob', 3);
    pickedUp(second, 'carol', 0.5);
    pickedUp(second, 'dave', 26);
    clock.advance(2 * 24 * HOUR); // Wed 11-11 10:00
  }

  it('GIVEN two weeks of arrivals at two points THEN the pickup rate and median hours, overall and per point, against the previous week', () => {
    twoWeeks();
    const { pickup } = report();
    expect(v(pickup.linesArrived)).toEqual([5, 4, 0.25]);
    expect(v(pickup.linesPickedUp)).toEqual([4, 3, 1 / 3]);
    expect(v(pickup.pickupRate)).toEqual([0.8, 0.75, 0.8 - 0.75]);
    // This week 0.5, 1, 3, 26 h: the median is (1 + 3) / 2; last week 2, 4, 10 h: 4.
    expect(v(pickup.medianHoursToPickup)).toEqual([2, 4, -0.5]);
    expect(pickup.points.map((p) => [p.pointId, p.no, p.name])).toEqual([
      [EAST, 1, '东门驿站'],
      [WEST, 2, '西门'],
    ]);
    const [east, west] = pickup.points;
    expect(v(east!.linesArrived)).toEqual([2, 3, -1 / 3]);
    expect(v(east!.pickupRate)).toEqual([1, 2 / 3, 1 - 2 / 3]);
    expect(v(east!.medianHoursToPickup)).toEqual([2, 3, -1 / 3]);
    expect(v(west!.linesArrived)).toEqual([3, 1, 2]);
    expect(v(west!.linesPickedUp)).toEqual([2, 1, 1]);
    expect(v(west!.medianHoursToPickup)).toEqual([13.25, 10, 0.325]);
    expect(ReportJsonSchema.safeParse(JSON.parse(JSON.stringify(report()))).success).toBe(true);
  });

  it('the summary has the overall line with the previous week, then a short line per point, in English and Chinese', () => {
    twoWeeks();
    const en = reportSummary('en', report(), 4096).split('\n');
    expect(en.filter((l) => l.includes('📦') || l.startsWith('   东门') || l.startsWith('   西门'))).toEqual([
      '📦 Pickup rate 80% (75%, +5 pp) · lines arrived 5 (4, +25%), picked up 4 (3, +33%) · median hours to pickup 2 (4, −50%)',
      '   东门驿站: 100% of 2 picked up · median 2 h',
      '   西门: 66.7% of 3 picked up · median 13.3 h',
    ]);
    const zh = reportSummary('zh', report(), 4096).split('\n');
    expect(zh.filter((l) => l.includes('📦') || l.startsWith('   东门') || l.startsWith('   西门'))).toEqual([
      '📦 取货率 80% (75%, +5个百分点) · 到货订单 5 (4, +25%)，已取 4 (3, +33%) · 取货用时中位数（小时）2 (4, −50%)',
      '   东门驿站：到货 2 单，取货率 100% · 中位用时 2 小时',
      '   西门：到货 3 单，取货率 66.7% · 中位用时 13.3 小时',
    ]);
  });

  it('a point where nothing was picked up yet says so, in English and Chinese, instead of a median of —', () => {
    store.transact((t) => {
      addPoint(t, group, { name: '东门驿站' }, 'owner', now());
      addPoint(t, group, { name: '西门' }, 'owner', now());
    });
    const deal = closedDeal('Mangoes', [
      ['alice', EAST],
      ['bob', WEST],
    ]);
    close(deal);
    arrive(deal, EAST);
    arrive(deal, WEST);
    pickedUp(deal, 'alice', 2);
    clock.advance(3 * HOUR);
    const en = reportSummary('en', report(), 4096).split('\n');
    expect(en.filter((l) => l.startsWith('   东门') || l.startsWith('   西门'))).toEqual([
      '   东门驿站: 100% of 1 picked up · median 2 h',
      '   西门: 0% of 1 picked up · no pickups yet',
    ]);
    const zh = reportSummary('zh', report(), 4096).split('\n');
    expect(zh.filter((l) => l.startsWith('   西门'))).toEqual(['   西门：到货 1 单，取货率 0% · 暂无提货']);
    // Nothing picked up anywhere: the overall line says so too.
    store.transact((t) => {
      const line = t.get('orders', `${deal.id}/alice`)!;
      const { deliveredAt: _at, ...waiting } = line;
      t.put('orders', waiting);
    });
    const none = reportSummary('en', report(), 4096).split('\n');
    expect(none.find((l) => l.includes('📦'))).toBe(
      '📦 Pickup rate 0% (—, —) · lines arrived 2 (0, —), picked up 0 (0, —) · no pickups yet',
    );
    expect(reportSummary('zh', report(), 4096)).toContain('已取 0 (0, —) · 暂无提货');
  });

  it('a community without points: one group of lines with no point, no per-point line; none at all before any arrival', () => {
    const deal = closedDeal('Eggs', [
      ['alice', ''],
      ['bob', ''],
    ]);
    close(deal);
    expect(reportSummary('en', report(), 4096)).not.toContain('📦');
    arrive(deal, '');
    pickedUp(deal, 'alice', 0.25);
    clock.advance(HOUR);
    const { pickup } = report();
    expect(pickup.points).toEqual([expect.objectContaining({ pointId: '', no: null, name: null })]);
    expect([pickup.linesArrived.value, pickup.linesPickedUp.value, pickup.pickupRate.value]).toEqual([
      2, 1, 0.5,
    ]);
    expect(pickup.medianHoursToPickup.value).toBe(0.25);
    const lines = reportSummary('en', report(), 4096).split('\n');
    expect(lines.filter((l) => l.includes('📦') || l.startsWith('   no point'))).toEqual([
      '📦 Pickup rate 50% (—, —) · lines arrived 2 (0, —), picked up 1 (0, —) · median hours to pickup 0.25 (—, —)',
    ]);
  });
});
