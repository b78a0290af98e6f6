import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dealDetail, dealTable } from '../../src/services/deal-table.js';
import { cancelDeal, closeDeal, createDeal, type DealInput } from '../../src/services/deals.js';
import { type OrderRequest, placeOrder } from '../../src/services/orders.js';
import { claimPayment, markPaid } from '../../src/services/payments.js';
import { addPoint } from '../../src/services/pickup-points.js';
import type { PickupPoint } from '../../src/store/schema.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

const HOUR = 3_600_000;

/** The dashboard's deals table and a deal's page, read straight from the store. */
describe('GIVEN a community with mangoes (#1, options at two points), pears (#2) and plums (#3)', () => {
  let s: DealStore;
  let east: PickupPoint;
  let north: PickupPoint;
  const tables = () => s.store.tables;
  const deal = (no: number) => tables().deals.get(`memory:g#${no}`)!;
  const order = (no: number, user: string, request: OrderRequest) =>
    s.store.transact((tx) => placeOrder(tx, deal(no), { userId: user, name: user }, request, s.clock.now()));
  const open = (input: Partial<DealInput>) =>
    s.store.transact((tx) =>
      createDeal(
        tx,
        s.community,
        {
          title: 'x',
          priceCents: 1000,
          min: 1,
          endsAt: new Date(s.clock.now().getTime() + 24 * HOUR),
          ...input,
        },
        'owner',
        s.clock.now(),
      ),
    );

  beforeEach(async () => {
    s = await openDealStore({
      min: 3,
      stock: 10,
      options: ['L', 'S'],
      optionPrices: { L: 4500, S: 2500 },
      optionStock: { S: 2 },
    });
    const add = (name: string) =>
      s.store.transact((tx) => addPoint(tx, s.community, { name }, 'owner', s.clock.now())).value;
    const [a, b] = [add('东门'), add('北门')];
    if (a.kind !== 'added' || b.kind !== 'added') throw new Error('points not added');
    [east, north] = [a.point, b.point];
    order(1, 'alice', { qty: 2, option: 'L', pointId: north.id });
    order(1, 'bob', { qty: 2, option: 'S', pointId: east.id });
    order(1, 'carol', { qty: 3, option: 'L', pointId: east.id });
    open({ title: 'Pears', priceCents: 1200, min: 5 });
    order(2, 'alice', { qty: 1, pointId: east.id });
    open({ title: 'Plums', priceCents: 800, min: 1, endsAt: new Date(s.clock.now().getTime() + 2 * HOUR) });
    order(3, 'dave', { qty: 2, pointId: east.id });
  });
  afterEach(async () => {
    await s.close();
  });

  it('THEN the table lists every deal newest first with its progress toward 成团 and its stock', () => {
    const table = dealTable(tables(), s.community.id, s.clock.now());
    expect(
      table.rows.map((r) => [r.deal.no, r.deal.status, r.buyers, r.min, r.missing, r.buyersPercent, r.lines]),
    ).toEqual([
      [3, 'succeeded', 1, 1, 0, 100, 1],
      [2, 'open', 1, 5, 4, 20, 1],
      [1, 'succeeded', 3, 3, 0, 100, 3],
    ]);
    const mangoes = table.rows[2]!;
    expect([mangoes.sold, mangoes.stock, mangoes.left, mangoes.stockPercent, mangoes.soldOut]).toEqual([
      7,
      10,
      3,
      70,
      false,
    ]);
    expect(mangoes.msLeft).toBe(48 * HOUR);
    // Pears have no stock: nothing about it is made up.
    expect(table.rows[1]!.stock).toBeUndefined();
    expect(table.rows[1]!.stockPercent).toBeUndefined();
  });

  it('THEN money adds up per deal and over the table, and follows claims and payments', () => {
    // Mangoes: 2×45 + 2×25 + 3×45 = 275.00; pears 12.00; plums 16.00.
    let table = dealTable(tables(), s.community.id, s.clock.now());
    expect(table.rows.map((r) => r.money.orderedCents)).toEqual([1600, 1200, 27_500]);
    expect(table.totals.orderedCents).toBe(30_300);
    expect(table.totals.owedCents).toBe(30_300);
    s.store.transact((tx) => claimPayment(tx, deal(1), 'alice', s.clock.now()));
    s.store.transact((tx) => markPaid(tx, deal(1), 'bob', 'owner', s.clock.now()));
    table = dealTable(tables(), s.community.id, s.clock.now());
    const m = table.rows[2]!.money;
    expect([m.paidCents, m.claimedCents, m.owedCents]).toEqual([5000, 9000, 22_500]);
    expect(table.totals.paidCents).toBe(5000);
  });

  it('WHEN a deal is cancelled after payment THEN its row shows the refund due and nothing owed', () => {
    s.store.transact((tx) => markPaid(tx, deal(1), 'bob', 'owner', s.clock.now()));
    s.store.transact((tx) => cancelDeal(tx, deal(1), s.clock.now()));
    const row = dealTable(tables(), s.community.id, s.clock.now()).rows.find((r) => r.deal.no === 1)!;
    expect(row.deal.status).toBe('cancelled');
    expect([row.money.dueCents, row.money.owedCents, row.money.refundDueCents]).toEqual([0, 0, 5000]);
    expect(row.msLeft).toBeUndefined();
    expect(row.taking).toBe(false);
  });

  it('THEN filters, search and sorting pick and order the rows', () => {
    s.store.transact((tx) => closeDeal(tx, deal(2), s.clock.now()));
    const nos = (q: Parameters<typeof dealTable>[3]) =>
      dealTable(tables(), s.community.id, s.clock.now(), q).rows.map((r) => r.deal.no);
    expect(nos({ filter: 'failed' })).toEqual([2]);
    expect(nos({ filter: 'active' })).toEqual([3, 1]);
    expect(nos({ filter: 'open' })).toEqual([3, 1]);
    expect(nos({ filter: 'closed' })).toEqual([]);
    expect(nos({ sort: 'ends' })).toEqual([3, 2, 1]);
    expect(nos({ sort: 'oldest' })).toEqual([1, 2, 3]);
    expect(nos({ sort: 'ordered' })).toEqual([1, 3, 2]);
    expect(nos({ search: 'ＰＥＡＲ' })).toEqual([2]);
    expect(nos({ search: 'kiwi' })).toEqual([]);
  });

  it('THEN a scheduled deal counts down to its deadline and takes no orders yet', () => {
    open({
      title: 'Cherries',
      startsAt: new Date(s.clock.now().getTime() + HOUR),
      endsAt: new Date(s.clock.now().getTime() + 3 * HOUR),
    });
    const row = dealTable(tables(), s.community.id, s.clock.now(), { filter: 'scheduled' }).rows;
    expect(row.map((r) => [r.deal.no, r.taking, r.msLeft])).toEqual([[4, false, 3 * HOUR]]);
  });

  it('THEN a deal’s page has its options with what is left, and totals per point and per option', () => {
    const d = dealDetail(tables(), s.community.id, 1, s.clock.now())!;
    expect(d.options).toEqual([
      { option: 'L', priceCents: 4500, sold: 5, left: 3, waiting: 0 },
      { option: 'S', priceCents: 2500, stock: 2, sold: 2, left: 0, waiting: 0 },
    ]);
    expect(d.points.map((p) => p.name)).toEqual(['东门', '北门']);
    expect(d.pointTotals.map((p) => [p.point?.name, p.units, p.lines, p.amountCents])).toEqual([
      ['东门', 5, 2, 18_500],
      ['北门', 2, 1, 9_000],
    ]);
    expect(d.optionTotals.map((t) => [t.option, t.qty, t.amountCents])).toEqual([
      ['L', 5, 22_500],
      ['S', 2, 5_000],
    ]);
    expect(d.units).toBe(7);
    // Numbered as the card numbers them: grouped by point.
    expect(d.sheet.groups[0]!.lines.map((l) => [l.no, l.order.userId])).toEqual([
      [1, 'bob'],
      [2, 'carol'],
    ]);
  });

  it('THEN another community’s deal, or a number nobody has, is not found', async () => {
    const other = await openDealStore({}, { community: { id: 'memory:other', chatId: 'other' } });
    try {
      expect(dealDetail(other.store.tables, 'memory:other', 1, s.clock.now())).toBeDefined();
      expect(dealDetail(other.store.tables, s.community.id, 1, s.clock.now())).toBeUndefined();
      expect(dealDetail(tables(), 'memory:other', 1, s.clock.now())).toBeUndefined();
      expect(dealDetail(tables(), s.community.id, 99, s.clock.now())).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
