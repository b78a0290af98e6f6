import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder, type OrderRequest, placeOrder } from '../../src/services/orders.js';
import { addPoint, removePoint } from '../../src/services/pickup-points.js';
import { pickupSheet, sheetPoint, unitsOf } from '../../src/services/pickup-sheet.js';
import type { PickupPoint } from '../../src/store/schema.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/** The sheet's grouping and arithmetic, read straight from the store. */
describe('GIVEN mangoes in L and S at two points', () => {
  let s: DealStore;
  let east: PickupPoint;
  let north: PickupPoint;
  const deal = () => s.store.tables.deals.get(s.deal.id)!;
  const order = (user: string, request: OrderRequest) =>
    s.store.transact((tx) => placeOrder(tx, deal(), { userId: user, name: user }, request, s.clock.now()));

  beforeEach(async () => {
    s = await openDealStore({ options: ['L', 'S'], optionPrices: { L: 4500, S: 2500 } });
    const add = (name: string) =>
      s.store.transact((tx) => addPoint(tx, s.community, { name }, 'owner', s.clock.now())).value;
    const [a, b] = [add('东门'), add('北门')];
    if (a.kind !== 'added' || b.kind !== 'added') throw new Error('points not added');
    [east, north] = [a.point, b.point];
    order('alice', { qty: 2, option: 'L', pointId: north.id });
    order('bob', { qty: 1, option: 'S', pointId: east.id });
    order('carol', { qty: 3, option: 'L', pointId: east.id });
    order('alice', { qty: 1, option: 'S', pointId: north.id });
    order('bob', { qty: 4, option: 'L', pointId: east.id });
    order('dave', { qty: 1, option: 'S', pointId: east.id });
  });
  afterEach(async () => {
    await s.close();
  });

  it('THEN points come in their order, a member’s lines together, and the totals add up per option', () => {
    const sheet = pickupSheet(s.store.tables, deal());
    expect(
      sheet.groups.map((g) => [g.point?.name, g.lines.map((l) => `${l.order.userId} ${l.order.option}`)]),
    ).toEqual([
      ['东门', ['bob S', 'bob L', 'carol L', 'dave S']],
      ['北门', ['alice L', 'alice S']],
    ]);
    expect(sheet.groups.map((g) => g.totals.map((x) => [x.option, x.qty, x.lines, x.amountCents]))).toEqual([
      [
        ['L', 7, 2, 31_500],
        ['S', 2, 2, 5_000],
      ],
      [
        ['L', 2, 1, 9_000],
        ['S', 1, 1, 2_500],
      ],
    ]);
    expect(sheet.totals.map((x) => [x.option, x.qty, x.owedCents])).toEqual([
      ['L', 9, 40_500],
      ['S', 3, 7_500],
    ]);
    expect(unitsOf(sheet.totals)).toBe(12);
  });

  it('WHEN a line is withdrawn and a point removed THEN the withdrawn line leaves the sheet, the removed point keeps its lines and can still be named', () => {
    s.store.transact((tx) => cancelOrder(tx, deal(), 'dave', s.clock.now()));
    s.store.transact((tx) => removePoint(tx, east));
    const sheet = pickupSheet(s.store.tables, deal());
    // The deal's remaining point first, then the removed one that lines still name.
    expect(sheet.groups.map((g) => [g.point?.name, g.lines.length])).toEqual([
      ['北门', 2],
      ['东门', 3],
    ]);
    expect(sheet.totals.map((x) => [x.option, x.qty])).toEqual([
      ['L', 9],
      ['S', 2],
    ]);
    expect(sheetPoint(s.store.tables, deal(), '东门')?.id).toBe(east.id);
    const one = pickupSheet(s.store.tables, deal(), { kind: 'point', point: east });
    expect(one.groups.map((g) => g.point?.name)).toEqual(['东门']);
    expect(one.totals.map((x) => [x.option, x.qty])).toEqual([
      ['L', 7],
      ['S', 1],
    ]);
    expect(pickupSheet(s.store.tables, deal(), { kind: 'none' }).groups).toEqual([]);
  });
});
