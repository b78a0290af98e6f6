import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { closeDeal } from '../../src/services/deals.js';
import { recordGoodsArrival, shortMember } from '../../src/services/goods-arrival.js';
import { placeOrder } from '../../src/services/orders.js';
import { markPaid } from '../../src/services/payments.js';
import { addPoint } from '../../src/services/pickup-points.js';
import { cancelUnpaidLines } from '../../src/services/unpaid.js';
import { orderOrWait } from '../../src/services/waitlist.js';
import type { Deal, Order, PickupPoint } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/**
 * Units freed after the goods reached a point are where those goods are: they go only to members
 * waiting for that point (before the goods arrive anywhere, the stock is shared and any point is
 * fine). And a line a shortage withdrew, given again from the waitlist, keeps count of the units
 * that were short.
 */

const HOUR = 3_600_000;

describe('GIVEN 3 units: alice ×1 at 东门 (unpaid), carol ×2 at 西门 (paid); dan waits for 西门, then bob for 东门', () => {
  let opened: DealStore;
  let store: Store;
  let clock: ManualClock;
  let deal: Deal;
  let east: PickupPoint;
  let west: PickupPoint;

  const now = () => clock.now();
  const run = <T>(fn: Parameters<Store['transact']>[0]) => store.transact(fn).value as T;
  const current = () => store.tables.deals.get(deal.id)!;
  const line = (user: string) => store.tables.orders.get(`${deal.id}/${user}`);
  const order = (user: string, qty: number, point: PickupPoint) =>
    run<{ outcome: { kind: string } }>((tx) =>
      orderOrWait(tx, current(), { userId: user, name: user }, { qty, pointId: point.id }, now()),
    ).outcome.kind;
  const sweep = () =>
    run<{ grants: { order: Order }[] }>((tx) => cancelUnpaidLines(tx, current(), now())).grants.map(
      (g) => `${g.order.userId} ×${g.order.qty}`,
    );

  beforeEach(async () => {
    opened = await openDealStore({ stock: 3, min: 1 });
    ({ store, clock, deal } = opened);
    [east, west] = ['东门', '西门'].map((name) =>
      run<PickupPoint>((tx) => {
        const added = addPoint(tx, opened.community, { name }, 'owner', now());
        if (added.kind !== 'added') throw new Error(added.kind);
        return added.point;
      }),
    ) as [PickupPoint, PickupPoint];
    expect([order('alice', 1, east), order('carol', 2, west)]).toEqual(['ordered', 'ordered']);
    expect([order('dan', 1, west), order('bob', 1, east)]).toEqual(['waitlisted', 'waitlisted']);
    run((tx) => markPaid(tx, current(), 'carol', 'owner', now()));
    run((tx) => closeDeal(tx, current(), now()));
  });
  afterEach(async () => {
    await opened.close();
  });

  it('after the goods arrived at 东门, alice’s unit freed there goes to bob, who waits for 东门, not to dan ahead of him', () => {
    run((tx) => recordGoodsArrival(tx, current(), east.id, 'all', 'first', 'owner', now()));
    clock.advance(48 * HOUR);
    expect(sweep()).toEqual(['bob ×1']);
    expect(line('bob')).toMatchObject({ status: 'active', pointId: east.id });
    expect(line('bob')?.pickupCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(line('dan')).toBeUndefined();
  });

  it('before any goods arrived, the freed unit goes to the first in line, whatever their point', () => {
    clock.advance(48 * HOUR);
    expect(sweep()).toEqual(['dan ×1']);
    expect(line('dan')?.pickupCode).toBeUndefined();
  });

  it('once 西门’s goods arrived, a unit still with the supplier goes to bob (东门), not to dan ahead of him (西门 got its count)', () => {
    run((tx) => recordGoodsArrival(tx, current(), west.id, 'all', 'first', 'owner', now()));
    clock.advance(48 * HOUR);
    expect(sweep()).toEqual(['bob ×1']);
    expect(line('bob')?.pickupCode).toBeUndefined();
  });
});

describe('GIVEN carol ×1 at 东门 who waits for one more, alice ×1 (unpaid) and a stock of 2', () => {
  let opened: DealStore;
  afterEach(async () => {
    await opened.close();
  });

  it('carol’s line, withdrawn as short, keeps its short count when the waitlist gives it units again', async () => {
    opened = await openDealStore({ stock: 2, min: 1 });
    const { store, clock } = opened;
    const now = () => clock.now();
    const current = () => store.tables.deals.get(opened.deal.id)!;
    const east = store.transact((tx) => addPoint(tx, opened.community, { name: '东门' }, 'owner', now()))
      .value as { point: PickupPoint };
    const buyer = (user: string) => ({ userId: user, name: user });
    store.transact((tx) =>
      placeOrder(tx, current(), buyer('carol'), { qty: 1, pointId: east.point.id }, now()),
    );
    store.transact((tx) =>
      placeOrder(tx, current(), buyer('alice'), { qty: 1, pointId: east.point.id }, now()),
    );
    const waited = store.transact((tx) =>
      orderOrWait(tx, current(), buyer('carol'), { qty: 2, pointId: east.point.id }, now()),
    ).value;
    expect(waited.outcome.kind).toBe('waitlisted');
    store.transact((tx) => markPaid(tx, current(), 'carol', 'owner', now()));
    store.transact((tx) => closeDeal(tx, current(), now()));
    // Both units came; carol's turns out bad at the point and the admin shorts it (/short).
    store.transact((tx) => recordGoodsArrival(tx, current(), east.point.id, 'all', 'first', 'owner', now()));
    const carol = `${opened.deal.id}/carol`;
    store.transact((tx) => shortMember(tx, current(), 'carol', undefined, 1, 'owner', now()));
    expect(store.tables.orders.get(carol)).toMatchObject({ status: 'cancelled', shortQty: 1 });
    clock.advance(48 * HOUR);
    // Alice never paid: her unit, at 东门 where the goods are, goes to carol, who waits there.
    const swept = store.transact((tx) => cancelUnpaidLines(tx, current(), now())).value;
    expect(swept.grants.map((g) => g.order.userId)).toEqual(['carol']);
    expect(store.tables.orders.get(carol)).toMatchObject({ status: 'active', qty: 1, shortQty: 1 });
  });
});
