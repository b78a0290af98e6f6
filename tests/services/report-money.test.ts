import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { closeDeal, createDeal } from '../../src/services/deals.js';
import { cancelOrder, placeOrder } from '../../src/services/orders.js';
import {
  claimPayment,
  confirmClaims,
  markPaid,
  recordPlatformPayment,
  recordRefund,
} from '../../src/services/payments.js';
import { buildReport, type Metric, type Report } from '../../src/services/report.js';
import type { Community, Deal } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { community, fillReportFixture, NOW } from '../helpers/report-fixture.js';

/** [value, previous, change] of a metric, for compact expectations. */
const v = (m: Metric) => [m.value, m.previous, m.change];

describe('money in the report (hand-built fixture, 7 days ending now)', () => {
  const outcome = buildReport(fillReportFixture(), community, '7d', NOW);
  if (outcome.kind !== 'report') throw new Error(outcome.kind);
  const { money, commerce, daily } = outcome.report;

  it('collected: payment entries of the period, in all and by method, against the previous period', () => {
    expect(v(money.collectedCents)).toEqual([3300, 2100, (3300 - 2100) / 2100]);
    expect(v(money.collectedByMethod.confirmed)).toEqual([1800, 2100, (1800 - 2100) / 2100]);
    expect(v(money.collectedByMethod.marked)).toEqual([1000, 0, null]);
    expect(v(money.collectedByMethod.telegram)).toEqual([500, 0, null]);
  });

  it('refunds in all; only the part that lowered a sold line counts against GMV; net sales = GMV − that', () => {
    expect(v(money.refundsCents)).toEqual([700, 700, 0]);
    expect(v(money.salesRefundsCents)).toEqual([300, 700, (300 - 700) / 700]);
    expect(v(commerce.gmvCents)).toEqual([3300, 2100, (3300 - 2100) / 2100]); // GMV itself stays gross
    expect(v(money.netSalesCents)).toEqual([3000, 1400, (3000 - 1400) / 1400]);
  });

  it('still owed (formed deals) and refunds still due (any deal, old paidAt-only lines too), now', () => {
    expect(money.owedNow).toEqual({ cents: 1000, lines: 1, members: 1 });
    // Dave: ¥6 left of the failed durian; ¥50 on his withdrawn line, paid before amounts were kept.
    expect(money.refundDueNow).toEqual({ cents: 5600, lines: 2, members: 1 });
  });

  it('per day: money collected and refunded on each local day', () => {
    expect(daily.map((d) => d.collectedCents)).toEqual([0, 1800, 0, 1000, 500, 0, 0]);
    expect(daily.map((d) => d.refundsCents)).toEqual([0, 0, 0, 300, 0, 400, 0]);
  });
});

describe('money in the report, from what the payment services recorded', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let group: Community;

  const now = () => clock.now();
  const deal = (no: number): Deal => store.tables.deals.get(`${group.id}#${no}`)!;
  const report = (period = '7d'): Report => {
    const outcome = buildReport(store.tables, group, period, now());
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    return outcome.report;
  };
  function open(title: string, priceCents: number, min: number): Deal {
    const endsAt = new Date(now().getTime() + 86_400_000);
    return store.transact((t) => createDeal(t, group, { title, priceCents, min, endsAt }, 'owner', now()))
      .value;
  }
  function order(d: Deal, user: string, qty = 1): void {
    store.transact((t) => placeOrder(t, d, { userId: user, name: user }, { qty }, now()));
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-report-money-'));
    clock = new ManualClock('2026-11-02T02:00:00Z'); // Monday 10:00 in Shanghai
    store = await Store.open({ dir, clock });
    // The fixture's community (Asia/Shanghai, there since September), without the fixture's records.
    group = store.transact((t) => t.put('communities', community)).value;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a formed deal paid three ways and a short delivery, a failed deal with a paid member THEN each number, a week later compared', () => {
    const mangoes = open('Mangoes', 4500, 2);
    order(mangoes, 'alice');
    order(mangoes, 'bob', 2);
    order(mangoes, 'carol');
    order(mangoes, 'erin');
    const durian = open('Durian', 9900, 5);
    order(durian, 'dave');
    // Week 1: alice claims and is confirmed, bob is marked paid (cash), carol pays in Telegram.
    store.transact((t) => claimPayment(t, deal(1), 'alice', now()));
    store.transact((t) => confirmClaims(t, deal(1), { userId: 'alice' }, 'owner', now()));
    store.transact((t) => markPaid(t, deal(1), 'bob', 'owner', now()));
    store.transact((t) =>
      recordPlatformPayment(
        t,
        deal(1),
        [store.tables.orders.get(`${mangoes.id}/carol`)!],
        4500,
        'ch_9',
        now(),
      ),
    );
    store.transact((t) => markPaid(t, deal(2), 'dave', 'owner', now()));
    store.transact((t) => closeDeal(t, deal(1), now()));
    store.transact((t) => closeDeal(t, deal(2), now()));
    expect(deal(2).status).toBe('failed');

    const week1 = report();
    expect(week1.commerce.gmvCents.value).toBe(22500); // 5 mangoes; the failed durian adds nothing
    expect(week1.money.collectedCents.value).toBe(4500 + 9000 + 4500 + 9900);
    expect(week1.money.collectedByMethod.confirmed.value).toBe(4500);
    expect(week1.money.collectedByMethod.marked.value).toBe(9000 + 9900);
    expect(week1.money.collectedByMethod.telegram.value).toBe(4500);
    expect(week1.money.owedNow).toEqual({ cents: 4500, lines: 1, members: 1 }); // erin
    expect(week1.money.refundDueNow).toEqual({ cents: 9900, lines: 1, members: 1 }); // dave
    expect(week1.money.refundsCents.value).toBe(0);
    expect(week1.money.netSalesCents.value).toBe(22500);

    // Week 2: dave gets his money back (the deal failed), and bob ¥20 for a mango that never came.
    clock.advance(7 * 86_400_000);
    store.transact((t) => recordRefund(t, deal(2), 'dave', undefined, 'failed', 'owner', now()));
    store.transact((t) => recordRefund(t, deal(1), 'bob', 2000, 'one short', 'owner', now()));

    const week2 = report();
    expect(v(week2.money.refundsCents)).toEqual([9900 + 2000, 0, null]);
    // Only bob's ¥20 lowered what sold lines cost; dave's ¥99 was never in GMV.
    expect(v(week2.money.salesRefundsCents)).toEqual([2000, 0, null]);
    expect(v(week2.commerce.gmvCents)).toEqual([0, 22500, -1]);
    expect(v(week2.money.netSalesCents)).toEqual([-2000, 22500, (-2000 - 22500) / 22500]);
    expect(v(week2.money.collectedCents)).toEqual([0, 27900, -1]);
    expect(week2.money.refundDueNow).toEqual({ cents: 0, lines: 0, members: 0 });
    expect(week2.money.owedNow).toEqual({ cents: 4500, lines: 1, members: 1 }); // bob owes nothing more
    // Over both weeks (30 days): the net of sales and the money in.
    const month = report('30d');
    expect(month.money.netSalesCents.value).toBe(22500 - 2000);
    expect(month.money.collectedCents.value).toBe(27900);
  });

  it('a deal still gathering buyers owes nothing yet; a paid line there that was withdrawn is owed back', () => {
    const tea = open('Tea', 500, 10);
    order(tea, 'alice');
    order(tea, 'bob');
    store.transact((t) => markPaid(t, deal(1), 'bob', 'owner', now()));
    store.transact((t) => cancelOrder(t, deal(1), 'bob', now()));
    const r = report();
    expect(r.money.owedNow).toEqual({ cents: 0, lines: 0, members: 0 });
    expect(r.money.refundDueNow).toEqual({ cents: 500, lines: 1, members: 1 });
    expect(r.money.collectedCents.value).toBe(500);
    expect(r.commerce.gmvCents.value).toBe(0);
  });

  it('a line marked paid before amounts were kept is paid (not owed) but was never collected', () => {
    const honey = open('Honey', 700, 1);
    order(honey, 'alice', 3);
    order(honey, 'bob');
    store.transact((t) => closeDeal(t, deal(1), now()));
    const alice = store.tables.orders.get(`${honey.id}/alice`)!;
    store.transact((t) => t.put('orders', { ...alice, paidAt: now().toISOString() }));
    const r = report();
    expect(r.commerce.gmvCents.value).toBe(2800);
    expect(r.money.collectedCents.value).toBe(0);
    expect(r.money.owedNow).toEqual({ cents: 700, lines: 1, members: 1 }); // bob only
  });
});
