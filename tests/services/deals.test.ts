import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import {
  cancelDeal,
  closeDeal,
  createDeal,
  type DealInput,
  dueDeals,
  editDeal,
} from '../../src/services/deals.js';
import { formatMoney, parseMoney } from '../../src/services/money.js';
import { cancelOrder, markDelivered, orderAmount, placeOrder, roster } from '../../src/services/orders.js';
import type { Community, Deal } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';

const HOUR = 3_600_000;

describe('money in integer cents', () => {
  it.each([
    ['39.9', 3990],
    ['39.90', 3990],
    ['0.1', 10],
    ['12', 1200],
    ['¥5.05', 505],
    ['1,5', 150],
  ])('%s → %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['-1', '1.234', 'abc', '', '1e3', '0x10', '9999999999'])('%s is not an amount', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('formats cents without floating point drift', () => {
    expect(formatMoney(3 * 3990)).toBe('¥119.70');
    expect(formatMoney(10 + 20, '$')).toBe('$0.30');
  });
});

describe('deals and orders', () => {
  let dir: string;
  let store: Store;
  let clock: ManualClock;
  let community: Community;

  const deal = (input: Partial<DealInput> = {}): Deal =>
    store.transact((tx) =>
      createDeal(
        tx,
        community,
        {
          title: 'Mangoes',
          priceCents: 3990,
          min: 2,
          endsAt: new Date(clock.now().getTime() + 48 * HOUR),
          ...input,
        },
        'owner',
        clock.now(),
      ),
    ).value;
  const current = (d: Deal) => store.tables.deals.get(d.id)!;
  const order = (d: Deal, user: string, qty: number, option?: string) =>
    store.transact((tx) =>
      placeOrder(tx, current(d), { userId: user, name: user }, { qty, option }, clock.now()),
    ).value;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-deals-'));
    clock = new ManualClock('2026-11-25T08:00:00Z');
    store = await Store.open({ dir, clock });
    community = store.transact((tx) =>
      tx.put('communities', {
        id: 'memory:g',
        platform: 'memory',
        chatId: 'g',
        title: 'g',
        locale: 'en',
        timezone: 'Asia/Shanghai',
        createdAt: clock.now().toISOString(),
        settings: {},
      }),
    ).value;
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('numbers deals per community: #1, #2', () => {
    expect(deal().no).toBe(1);
    expect(deal().no).toBe(2);
  });

  it('GIVEN min=2 WHEN the second distinct buyer orders THEN the deal is formed (成团) exactly once', () => {
    const d = deal();
    expect(order(d, 'alice', 1)).toMatchObject({
      kind: 'ordered',
      formed: false,
      deal: { status: 'open', buyers: 1 },
    });
    expect(order(d, 'alice', 3)).toMatchObject({
      kind: 'ordered',
      formed: false,
      deal: { buyers: 1, sold: 3 },
    });
    expect(order(d, 'bob', 1)).toMatchObject({
      kind: 'ordered',
      formed: true,
      deal: { status: 'succeeded', buyers: 2 },
    });
    expect(order(d, 'carol', 1)).toMatchObject({ kind: 'ordered', formed: false });
  });

  it('a repeated +1 updates the line instead of adding one, keeping its place', () => {
    const d = deal();
    order(d, 'alice', 1);
    order(d, 'bob', 1);
    expect(order(d, 'alice', 1)).toMatchObject({ kind: 'unchanged' });
    expect(order(d, 'alice', 2)).toMatchObject({ kind: 'ordered', previous: { qty: 1 } });
    expect(roster(store.tables, current(d)).map((o) => [o.userId, o.qty])).toEqual([
      ['alice', 2],
      ['bob', 1],
    ]);
    expect(current(d)).toMatchObject({ sold: 3, buyers: 2 });
  });

  it('never sells past stock, and says how many are left', () => {
    const d = deal({ stock: 5 });
    order(d, 'alice', 3);
    expect(order(d, 'bob', 3)).toEqual({ kind: 'sold_out', deal: current(d), left: 2 });
    expect(order(d, 'bob', 2)).toMatchObject({ kind: 'ordered' });
    expect(order(d, 'carol', 1)).toMatchObject({ kind: 'sold_out', left: 0 });
    // changing one's own line counts one's own units as available
    expect(order(d, 'alice', 3)).toMatchObject({ kind: 'unchanged' });
    expect(order(d, 'alice', 1)).toMatchObject({ kind: 'ordered' });
    expect(current(d).sold).toBe(3);
  });

  it('enforces the per-member limit, quantity bounds and options', () => {
    const d = deal({ limit: 2, options: ['S', 'M'] });
    expect(order(d, 'alice', 3, 'S')).toMatchObject({ kind: 'over_limit', limit: 2 });
    expect(order(d, 'alice', 0, 'S')).toMatchObject({ kind: 'bad_qty' });
    expect(order(d, 'alice', -1, 'S')).toMatchObject({ kind: 'bad_qty' });
    expect(order(d, 'alice', 10 ** 12, 'S')).toMatchObject({ kind: 'bad_qty' });
    expect(order(d, 'alice', 1)).toMatchObject({ kind: 'option_required' });
    expect(order(d, 'alice', 1, 'XL')).toMatchObject({ kind: 'unknown_option', option: 'XL' });
    expect(order(d, 'alice', 1, 'm')).toMatchObject({ kind: 'ordered', order: { option: 'M' } });
    expect(store.tables.orders.size).toBe(1);
  });

  it('amounts are integer cents: 3 × 39.90 = 119.70', () => {
    const d = deal();
    const outcome = order(d, 'alice', 3);
    if (outcome.kind !== 'ordered') throw new Error(outcome.kind);
    expect(orderAmount(outcome.order)).toBe(11970);
  });

  it('cancelling frees the stock and can undo 成团; the formed time is kept', () => {
    const d = deal({ stock: 4 });
    order(d, 'alice', 2);
    order(d, 'bob', 2);
    expect(current(d).status).toBe('succeeded');
    expect(store.transact((tx) => cancelOrder(tx, current(d), 'bob', clock.now())).value.kind).toBe(
      'cancelled',
    );
    expect(current(d)).toMatchObject({ status: 'open', sold: 2, buyers: 1 });
    expect(current(d).formedAt).toBeDefined();
    expect(store.transact((tx) => cancelOrder(tx, current(d), 'bob', clock.now())).value.kind).toBe(
      'no_order',
    );
    expect(order(d, 'carol', 2)).toMatchObject({ kind: 'ordered', formed: false });
  });

  it('closing: 成团 → closed, short of min → failed; nothing is taken after', () => {
    const formed = deal();
    order(formed, 'alice', 1);
    order(formed, 'bob', 1);
    const short = deal();
    order(short, 'alice', 1);
    expect(store.transact((tx) => closeDeal(tx, current(formed), clock.now())).value.kind).toBe('closed');
    expect(store.transact((tx) => closeDeal(tx, current(short), clock.now())).value.kind).toBe('failed');
    expect(order(formed, 'carol', 1).kind).toBe('closed');
    expect(store.transact((tx) => cancelOrder(tx, current(formed), 'alice', clock.now())).value.kind).toBe(
      'closed',
    );
    expect(store.transact((tx) => closeDeal(tx, current(short), clock.now())).value.kind).toBe('not_open');
  });

  it('any state → cancelled, once', () => {
    const d = deal();
    expect(store.transact((tx) => cancelDeal(tx, current(d), clock.now())).value.kind).toBe('cancelled');
    expect(store.transact((tx) => cancelDeal(tx, current(d), clock.now())).value.kind).toBe('not_open');
    expect(order(d, 'alice', 1).kind).toBe('closed');
  });

  it('an order after the deadline is refused even before the sweep closed the deal', () => {
    const d = deal({ endsAt: new Date(clock.now().getTime() + HOUR) });
    clock.advance(HOUR);
    expect(order(d, 'alice', 1).kind).toBe('closed');
  });

  it('edits: stock not below sold, deadline in the future, closed deals untouchable', () => {
    const d = deal({ stock: 10 });
    order(d, 'alice', 4);
    const edit = (change: Partial<DealInput>) =>
      store.transact((tx) => editDeal(tx, current(d), change, clock.now())).value.kind;
    expect(edit({ stock: 3 })).toBe('stock_below_sold');
    expect(edit({ endsAt: new Date(clock.now().getTime() - 1) })).toBe('ends_in_past');
    expect(edit({ stock: 4, min: 1 })).toBe('edited');
    expect(current(d)).toMatchObject({ stock: 4, status: 'succeeded' });
    store.transact((tx) => closeDeal(tx, current(d), clock.now()));
    expect(edit({ stock: 20 })).toBe('not_open');
  });

  it('delivered is marked once per order, with who handed it over (payments: tests/services/payments.test.ts)', () => {
    const d = deal();
    order(d, 'alice', 1);
    const mark = (user = 'alice') =>
      store.transact((tx) => markDelivered(tx, current(d), user, 'owner', clock.now())).value.kind;
    expect(mark()).toBe('marked');
    const line = [...store.tables.orders.values()].find((o) => o.userId === 'alice')!;
    expect(line).toMatchObject({ deliveredAt: clock.now().toISOString(), deliveredBy: 'owner' });
    expect(mark()).toBe('already');
    expect(mark('nobody')).toBe('no_order');
  });

  it('due work: the reminder falls due 2 h before the deadline, once; the deadline after', () => {
    const d = deal({ endsAt: new Date(clock.now().getTime() + 10 * HOUR) });
    expect(dueDeals(store.tables, clock.now())).toEqual({ toClose: [], toRemind: [] });
    clock.advance(8 * HOUR);
    expect(dueDeals(store.tables, clock.now()).toRemind.map((x) => x.id)).toEqual([d.id]);
    store.transact((tx) => tx.put('deals', { ...current(d), remindedAt: clock.now().toISOString() }));
    expect(dueDeals(store.tables, clock.now()).toRemind).toEqual([]);
    clock.advance(2 * HOUR);
    expect(dueDeals(store.tables, clock.now()).toClose.map((x) => x.id)).toEqual([d.id]);
  });

  it('a deal created less than the reminder lead before its deadline gets no reminder', () => {
    deal({ endsAt: new Date(clock.now().getTime() + HOUR) });
    expect(dueDeals(store.tables, clock.now()).toRemind).toEqual([]);
  });
});
