import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { closeDeal } from '../../src/services/deals.js';
import { fulfilmentOf, pickupStep, shipGoods } from '../../src/services/fulfilment.js';
import { type Count, recordGoodsArrival, shortMember } from '../../src/services/goods-arrival.js';
import { moneyState } from '../../src/services/money-state.js';
import { placeOrder } from '../../src/services/orders.js';
import { markPaid } from '../../src/services/payments.js';
import { addPoint } from '../../src/services/pickup-points.js';
import type { ShortageRule } from '../../src/services/shortage.js';
import type { Deal, PickupPoint } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/**
 * Goods of a closed deal per pickup point: closed → shipped → arrived → picking → done, never
 * backwards; arrival shorts lines by the community's rule with the deal's counters, stock and
 * money following; bad counts change nothing.
 */

describe('GIVEN a closed deal with L and S at two points: alice 5 L, bob 3 L, carol 2 L + 1 S (paid) at 东门, dan 1 S at 西门', () => {
  let opened: DealStore;
  let store: Store;
  let clock: ManualClock;
  let deal: Deal;
  let east: PickupPoint;
  let west: PickupPoint;

  const now = () => clock.now();
  const run = <T>(fn: Parameters<Store['transact']>[0]) => store.transact(fn).value as T;
  const current = () => store.tables.deals.get(deal.id)!;
  const line = (user: string, option: string) => store.tables.orders.get(`${deal.id}/${user}|${option}|`)!;
  const everything = () =>
    JSON.stringify(
      ['orders', 'deals', 'fulfilments', 'audit', 'ledger'].map((c) => [
        ...store.tables[c as 'orders'].values(),
      ]),
    );
  const arrive = (point: PickupPoint, counts: Count[] | 'all', rule: ShortageRule = 'first') =>
    run<ReturnType<typeof recordGoodsArrival>>((tx) =>
      recordGoodsArrival(tx, current(), point.id, counts, rule, 'owner', now()),
    );

  beforeEach(async () => {
    opened = await openDealStore({ stock: 20, options: ['L', 'S'] });
    ({ store, clock, deal } = opened);
    // The deal names no points: it delivers to all of the group's, added here.
    [east, west] = run<PickupPoint[]>((tx) =>
      ['东门', '西门'].map((name) => {
        const added = addPoint(tx, opened.community, { name, keeper: 'kim' }, 'owner', now());
        if (added.kind !== 'added') throw new Error(added.kind);
        return added.point;
      }),
    ) as [PickupPoint, PickupPoint];
    const orders: [string, number, string, PickupPoint][] = [
      ['alice', 5, 'L', east],
      ['bob', 3, 'L', east],
      ['carol', 2, 'L', east],
      ['carol', 1, 'S', east],
      ['dan', 1, 'S', west],
    ];
    for (const [user, qty, option, point] of orders) {
      const placed = run<{ kind: string }>((tx) =>
        placeOrder(tx, current(), { userId: user, name: user }, { qty, option, pointId: point.id }, now()),
      );
      expect(placed.kind).toBe('ordered');
    }
    run((tx) => markPaid(tx, current(), 'carol', 'owner', now()));
  });
  afterEach(async () => {
    await opened.close();
  });

  const close = () => run((tx) => closeDeal(tx, current(), now()));

  it('refuses every step while the deal still takes orders, changing nothing', () => {
    const before = everything();
    expect(run<{ kind: string }>((tx) => shipGoods(tx, current(), undefined, 'owner', now())).kind).toBe(
      'not_closed',
    );
    expect(arrive(east, 'all').kind).toBe('not_closed');
    expect(
      run<{ kind: string }>((tx) => pickupStep(tx, current(), east.id, 'done', 'owner', now())).kind,
    ).toBe('not_closed');
    expect(everything()).toBe(before);
  });

  it('goes closed → shipped → arrived → picking → done, each step once and never back', () => {
    close();
    expect(fulfilmentOf(store.tables, current(), east.id).state).toBe('closed');
    const step = (s: 'picking' | 'done') =>
      run<{ kind: string }>((tx) => pickupStep(tx, current(), east.id, s, 'kim', now())).kind;
    expect(step('picking')).toBe('not_arrived');
    expect(step('done')).toBe('not_arrived');
    const shipped = run<{ kind: string }>((tx) => shipGoods(tx, current(), 'SF123', 'owner', now()));
    expect(shipped).toMatchObject({
      kind: 'shipped',
      fulfilments: [{ state: 'shipped' }, { state: 'shipped' }],
    });
    expect(fulfilmentOf(store.tables, current(), west.id)).toMatchObject({ state: 'shipped', note: 'SF123' });
    expect(run<{ kind: string }>((tx) => shipGoods(tx, current(), undefined, 'owner', now())).kind).toBe(
      'already',
    );
    expect(arrive(east, 'all').kind).toBe('arrived');
    expect(arrive(east, 'all').kind).toBe('already');
    expect(step('picking')).toBe('stepped');
    expect(step('picking')).toBe('already');
    expect(step('done')).toBe('stepped');
    expect(arrive(east, 'all').kind).toBe('already');
    expect(fulfilmentOf(store.tables, current(), east.id)).toMatchObject({ state: 'done', by: 'kim' });
    // 西门 moves on its own: arrival without shipping first, then done without opening the pickup.
    expect(arrive(west, [{ option: 'S', units: 1 }]).kind).toBe('arrived');
    expect(run<{ kind: string }>((tx) => pickupStep(tx, current(), west.id, 'done', 'kim', now())).kind).toBe(
      'stepped',
    );
  });

  it('first: 7 of 10 L arrive at 东门 → carol’s 2 L (last) withdrawn, bob’s 3 L lowered to 2; counters, stock, money and codes follow', () => {
    close();
    const outcome = arrive(east, [
      { option: 'L', units: 7 },
      { option: 'S', units: 1 },
    ]);
    if (outcome.kind !== 'arrived') throw new Error(outcome.kind);
    expect(outcome.options).toEqual([
      { option: 'L', ordered: 10, arrived: 7 },
      { option: 'S', ordered: 1, arrived: 1 },
    ]);
    expect(
      outcome.shorted.map((s) => [s.before.userId, s.units, s.after.qty, s.after.status, s.cents]),
    ).toEqual([
      ['bob', 1, 2, 'active', 4500],
      ['carol', 2, 2, 'cancelled', 9000],
    ]);
    expect(line('alice', 'L')).toMatchObject({ qty: 5, status: 'active' });
    expect(line('bob', 'L')).toMatchObject({ qty: 2, shortQty: 1, pointId: east.id, status: 'active' });
    expect(line('carol', 'L')).toMatchObject({ shortQty: 2, status: 'cancelled', cancelReason: 'short' });
    // 12 units were sold; 3 did not arrive: they are no longer sold, nor for sale (stock 20 → 17).
    expect(current()).toMatchObject({ sold: 9, optionSold: { L: 7, S: 2 }, stock: 17, buyers: 4 });
    // Carol had paid for all her lines: her withdrawn 2 L (¥90) are owed back; bob had not paid.
    expect(moneyState(line('carol', 'L'), current())).toMatchObject({
      state: 'refund_due',
      refundDueCents: 9000,
    });
    expect(moneyState(line('bob', 'L'), current())).toMatchObject({ state: 'owing', owedCents: 9000 });
    const audit = [...store.tables.audit.values()].filter((a) => a.action === 'shorted');
    expect(audit.map((a) => [a.userId, a.cents, a.reason, a.by])).toEqual([
      ['bob', 4500, '1', 'owner'],
      ['carol', 9000, '2', 'owner'],
    ]);
    // Every line still at 东门 got a pickup code; the withdrawn one did not.
    expect(outcome.lines.map((o) => [o.userId, o.option, /^[2-9A-Z]{6}$/.test(o.pickupCode ?? '')])).toEqual([
      ['alice', 'L', true],
      ['bob', 'L', true],
      ['carol', 'S', true],
    ]);
    expect(line('carol', 'L').pickupCode).toBeUndefined();
    expect(fulfilmentOf(store.tables, current(), east.id)).toMatchObject({
      state: 'arrived',
      arrived: { L: 7, S: 1 },
      by: 'owner',
    });
  });

  it('prorata: 7 of 10 L → alice 5→4, bob 3→2, carol 2→1 (largest remainder to alice)', () => {
    close();
    const outcome = arrive(
      east,
      [
        { option: 'L', units: 7 },
        { option: 'S', units: 1 },
      ],
      'prorata',
    );
    if (outcome.kind !== 'arrived') throw new Error(outcome.kind);
    expect(['alice', 'bob', 'carol'].map((u) => line(u, 'L').qty)).toEqual([4, 2, 1]);
    expect(outcome.shorted.map((s) => s.units)).toEqual([1, 1, 1]);
    expect(current()).toMatchObject({ sold: 9, optionSold: { L: 7 } });
    expect(moneyState(line('carol', 'L'), current()).refundDueCents).toBe(4500);
  });

  it('manual: nothing is taken off; the admin shorts a line by hand, once per unit', () => {
    close();
    const before = JSON.stringify([...store.tables.orders.values()]);
    const outcome = arrive(
      east,
      [
        { option: 'L', units: 8 },
        { option: 'S', units: 1 },
      ],
      'manual',
    );
    // L came short: its lines are held back without a code (S came in full: coded).
    expect(outcome).toMatchObject({
      kind: 'arrived',
      shorted: [],
      options: [{ option: 'L', ordered: 10, arrived: 8 }, {}],
      lines: [{ userId: 'carol', option: 'S' }],
      held: [{ userId: 'alice' }, { userId: 'bob' }, { userId: 'carol', option: 'L' }],
    });
    expect(
      JSON.stringify([...store.tables.orders.values()].map((o) => ({ ...o, pickupCode: undefined }))),
    ).toBe(JSON.stringify(JSON.parse(before).map((o: object) => ({ ...o, pickupCode: undefined }))));
    const short = (user: string, option: string | undefined, units: number) =>
      run<{ kind: string }>((tx) => shortMember(tx, current(), user, option, units, 'owner', now()));
    expect(short('carol', undefined, 1).kind).toBe('which'); // carol holds L and S
    expect(short('carol', 'XL', 1).kind).toBe('no_line');
    expect(short('erin', undefined, 1).kind).toBe('no_line');
    expect(short('carol', 'l', 3).kind).toBe('too_many');
    expect(short('carol', 'l', 1)).toMatchObject({ kind: 'shorted', shortened: { units: 1, cents: 4500 } });
    expect(line('carol', 'L')).toMatchObject({ qty: 1, shortQty: 1 });
    expect(line('carol', 'L').pickupCode).toBeUndefined(); // L still holds 9 of the 8 that came
    // Bob's 3 off: L holds 6 of 8, settled; its lines get their codes.
    expect(short('bob', undefined, 3)).toMatchObject({
      kind: 'shorted',
      shortened: { after: { status: 'cancelled' } },
      settled: { options: ['L'], lines: [{ userId: 'alice' }, { userId: 'carol' }] },
    });
    expect(line('carol', 'L').pickupCode).toEqual(expect.any(String));
    expect(current()).toMatchObject({ sold: 8, optionSold: { L: 6 } });
  });

  it('more than ordered is recorded and changes no line', () => {
    close();
    const outcome = arrive(west, [{ option: 'S', units: 3 }]);
    expect(outcome).toMatchObject({
      kind: 'arrived',
      shorted: [],
      options: [{ option: 'S', ordered: 1, arrived: 3 }],
    });
    expect(line('dan', 'S').qty).toBe(1);
    expect(fulfilmentOf(store.tables, current(), west.id).arrived).toEqual({ S: 3 });
  });

  it.each<[string, Count[], string]>([
    [
      'an unknown option',
      [
        { option: 'XL', units: 1 },
        { option: 'L', units: 10 },
        { option: 'S', units: 1 },
      ],
      'unknown_option',
    ],
    ['a count without option in a deal with options', [{ units: 11 }], 'needs_option'],
    ['an option ordered there left out', [{ option: 'L', units: 10 }], 'missing_option'],
    [
      'negative units',
      [
        { option: 'L', units: -1 },
        { option: 'S', units: 1 },
      ],
      'bad_units',
    ],
    [
      'huge units',
      [
        { option: 'L', units: 100_000 },
        { option: 'S', units: 1 },
      ],
      'bad_units',
    ],
    [
      'an option counted twice',
      [
        { option: 'L', units: 1 },
        { option: 'l', units: 2 },
        { option: 'S', units: 1 },
      ],
      'twice',
    ],
  ])('refuses %s, changing nothing', (_what, counts, kind) => {
    close();
    const before = everything();
    expect(arrive(east, counts).kind).toBe(kind);
    expect(everything()).toBe(before);
  });
});
