import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { closeDeal } from '../../src/services/deals.js';
import { recordGoodsArrival } from '../../src/services/goods-arrival.js';
import { placeOrder } from '../../src/services/orders.js';
import { addPoint } from '../../src/services/pickup-points.js';
import { verifyCode, verifyPoint } from '../../src/services/pickup-verify.js';
import { cancelUnpaidLines } from '../../src/services/unpaid.js';
import { dueGrants, orderOrWait, settleGrant } from '../../src/services/waitlist.js';
import type { Deal, Order, PickupPoint } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/**
 * Goods after they reached the point, against the money rules of the deal: a line handed over
 * unpaid (the checker's decision) is not taken back by the unpaid sweep or a grant's deadline, a
 * line given from the waitlist after the goods arrived gets its pickup code, and a whole point is
 * not marked picked up before its goods arrived.
 */

const HOUR = 3_600_000;

describe('GIVEN a closed deal of 2 units at 东门: alice ×2 (unpaid), bob waiting for 1', () => {
  let opened: DealStore;
  let store: Store;
  let clock: ManualClock;
  let deal: Deal;
  let east: PickupPoint;

  const now = () => clock.now();
  const run = <T>(fn: Parameters<Store['transact']>[0]) => store.transact(fn).value as T;
  const current = () => store.tables.deals.get(deal.id)!;
  const line = (user: string) => store.tables.orders.get(`${deal.id}/${user}`)!;
  const arriveAll = () =>
    run<{ kind: string }>((tx) => recordGoodsArrival(tx, current(), east.id, 'all', 'first', 'owner', now()));

  beforeEach(async () => {
    opened = await openDealStore({ stock: 2, min: 1 });
    ({ store, clock, deal } = opened);
    east = run<PickupPoint>((tx) => {
      const added = addPoint(tx, opened.community, { name: '东门' }, 'owner', now());
      if (added.kind !== 'added') throw new Error(added.kind);
      return added.point;
    });
    const placed = run<{ kind: string }>((tx) =>
      placeOrder(tx, current(), { userId: 'alice', name: 'alice' }, { qty: 2, pointId: east.id }, now()),
    );
    expect(placed.kind).toBe('ordered');
    const waited = run<{ outcome: { kind: string } }>((tx) =>
      orderOrWait(tx, current(), { userId: 'bob', name: 'bob' }, { qty: 1, pointId: east.id }, now()),
    );
    expect(waited.outcome.kind).toBe('waitlisted');
    run((tx) => closeDeal(tx, current(), now()));
    expect(current().status).toBe('closed');
  });
  afterEach(async () => {
    await opened.close();
  });

  it('a line handed over unpaid stays with its member when the unpaid sweep runs: the goods are gone', () => {
    expect(arriveAll().kind).toBe('arrived');
    const picked = run<{ kind: string }>((tx) =>
      verifyCode(tx, deal.communityId, line('alice').pickupCode!, { userId: 'kim', admin: true }, now(), {
        handOverUnpaid: true,
      }),
    );
    expect(picked.kind).toBe('picked_up');
    clock.advance(48 * HOUR);
    const swept = run<{ members: unknown[]; grants: unknown[] }>((tx) =>
      cancelUnpaidLines(tx, current(), now()),
    );
    expect(swept.members).toEqual([]);
    expect(swept.grants).toEqual([]);
    expect(line('alice')).toMatchObject({ status: 'active', qty: 2 });
    expect(store.tables.orders.get(`${deal.id}/bob`)).toBeUndefined();
    expect(current().sold).toBe(2);
  });

  it('units given from the waitlist after the goods arrived come with a pickup code, unique in the group', () => {
    expect(arriveAll().kind).toBe('arrived');
    clock.advance(48 * HOUR);
    // Alice never paid: her units go to bob, at the point where the goods already are.
    const swept = run<{ grants: { order: Order }[] }>((tx) => cancelUnpaidLines(tx, current(), now()));
    expect(swept.grants.map((g) => g.order.userId)).toEqual(['bob']);
    const bob = line('bob');
    expect(bob).toMatchObject({ status: 'active', qty: 1, pointId: east.id });
    expect(bob.pickupCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(bob.pickupCode).not.toBe(line('alice').pickupCode);
    // Paid, the code hands the goods over at the point.
    const checked = run<{ kind: string }>((tx) =>
      verifyCode(tx, deal.communityId, bob.pickupCode!, { userId: 'kim', admin: true }, now(), {
        handOverUnpaid: true,
      }),
    );
    expect(checked.kind).toBe('picked_up');
  });

  it('units given from the waitlist before the goods arrived get their code with the arrival, not before', () => {
    clock.advance(48 * HOUR);
    run((tx) => cancelUnpaidLines(tx, current(), now()));
    expect(line('bob').status).toBe('active');
    expect(line('bob').pickupCode).toBeUndefined();
    expect(arriveAll().kind).toBe('arrived');
    expect(line('bob').pickupCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it('a grant handed over unpaid is not taken back when its time to pay is up', () => {
    expect(arriveAll().kind).toBe('arrived');
    clock.advance(48 * HOUR);
    run((tx) => cancelUnpaidLines(tx, current(), now()));
    const code = line('bob').pickupCode!;
    run((tx) =>
      verifyCode(tx, deal.communityId, code, { userId: 'kim', admin: true }, now(), { handOverUnpaid: true }),
    );
    clock.advance(7 * 24 * HOUR);
    const due = dueGrants(store.tables, now());
    expect(due.map((e) => e.userId)).toEqual(['bob']);
    const settled = run<{ kind: string }>((tx) => settleGrant(tx, due[0]!, now()));
    expect(settled.kind).toBe('kept');
    expect(line('bob')).toMatchObject({ status: 'active', qty: 1 });
  });

  it('a whole point is not marked picked up before its goods arrived; after, it is', () => {
    const before = JSON.stringify([...store.tables.orders.values()]);
    const early = run<{ kind: string }>((tx) => verifyPoint(tx, current(), east.id, 'owner', now(), true));
    expect(early.kind).toBe('not_arrived');
    expect(JSON.stringify([...store.tables.orders.values()])).toBe(before);
    expect(arriveAll().kind).toBe('arrived');
    const done = run<{ kind: string; picked: Order[] }>((tx) =>
      verifyPoint(tx, current(), east.id, 'owner', now(), true),
    );
    expect(done.kind).toBe('done');
    expect(done.picked.map((o) => o.userId)).toEqual(['alice']);
  });
});
