import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDeal } from '../../src/services/deals.js';
import { type OrderRequest, placeOrder } from '../../src/services/orders.js';
import { addPoint } from '../../src/services/pickup-points.js';
import { lowerLine, orderOrWait, withdrawOrder } from '../../src/services/waitlist.js';
import type { Deal } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { dealLines } from '../helpers/deal-lines.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/** The pickup point of order lines through the order service: waitlist grants, lines lowered after arrival. */
describe('order lines and their pickup points', () => {
  let opened: DealStore;
  let store: Store;
  let deal: Deal;

  const { now, current } = dealLines(() => opened);
  const line = (user: string) => store.tables.orders.get(`${deal.id}/${user}`);
  const order = (user: string, request: OrderRequest) =>
    store.transact((t) => orderOrWait(t, current(), { userId: user, name: user }, request, now())).value;

  beforeEach(async () => {
    opened = await openDealStore(
      { min: 1, stock: 1, endsAt: new Date('2026-11-25T09:00:00Z') },
      {
        before: (t, community, at) => {
          addPoint(t, community, { name: '东门驿站' }, 'owner', at);
          addPoint(t, community, { name: '西门' }, 'owner', at);
        },
      },
    );
    ({ store, deal } = opened);
  });

  afterEach(async () => {
    await opened.close();
  });

  it('units freed for the waitlist go to the point the member named when they joined it', () => {
    expect(order('alice', { qty: 1, pointId: 'memory:g|p1' }).outcome.kind).toBe('ordered');
    // Sold out: bob waits, for 西门; alice withdraws and the unit is his.
    expect(order('bob', { qty: 1, pointId: 'memory:g|p2' }).outcome.kind).toBe('waitlisted');
    const { grants } = store.transact((t) => withdrawOrder(t, current(), 'alice', now())).value;
    expect(grants.map((g) => g.order.userId)).toEqual(['bob']);
    expect(line('bob')?.pointId).toBe('memory:g|p2');
  });

  it('several points and no choice: nothing is placed; a waitlist grant never asks', () => {
    const asked = store.transact((t) =>
      placeOrder(t, current(), { userId: 'alice', name: 'alice' }, { qty: 1 }, now()),
    ).value;
    expect(asked).toMatchObject({ kind: 'point_required', points: [{ name: '东门驿站' }, { name: '西门' }] });
    expect(line('alice')).toBeUndefined();
    const granted = store.transact((t) =>
      placeOrder(t, current(), { userId: 'alice', name: 'alice' }, { qty: 1, waitlist: true }, now()),
    ).value;
    expect(granted.kind).toBe('ordered');
    expect(line('alice')?.pointId).toBeUndefined();
  });

  it('a line lowered after its goods arrived keeps its point, pickup code and shortage', () => {
    store.transact((t) => t.put('deals', { ...current(), stock: 5 }));
    order('alice', { qty: 3, pointId: 'memory:g|p2' });
    store.transact((t) => closeDeal(t, current(), now()));
    store.transact((t) => t.put('orders', { ...line('alice')!, pickupCode: 'K7PQ2M', shortQty: 1 }));
    const lowered = store.transact((t) => lowerLine(t, current(), line('alice')!, 2, now())).value;
    expect(lowered?.order).toMatchObject({
      qty: 2,
      pointId: 'memory:g|p2',
      pickupCode: 'K7PQ2M',
      shortQty: 1,
    });
  });
});
