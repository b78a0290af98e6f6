import { afterEach, describe, expect, it } from 'vitest';
import { dueStarts, openedAt, scheduledDeals, startDeal } from '../../src/services/deal-starts.js';
import { cancelDeal, dueDeals, editDeal, openDeals } from '../../src/services/deals.js';
import { placeOrder } from '../../src/services/orders.js';
import { orderOrWait } from '../../src/services/waitlist.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

const HOUR = 3_600_000;
const START = new Date('2026-11-25T12:00:00Z'); // 4 h after the store's clock

describe('scheduled deals (定时开团): their state', () => {
  let s: DealStore;
  afterEach(async () => {
    await s.close();
  });
  const current = () => s.store.tables.deals.get(s.deal.id)!;
  const tx = <T>(fn: Parameters<DealStore['store']['transact']>[0]) => s.store.transact(fn).value as T;

  it('GIVEN a start in the future THEN the deal is scheduled, takes no order nor waitlist place, and is not closed or reminded', async () => {
    s = await openDealStore({ startsAt: START, endsAt: new Date(START.getTime() + 2 * HOUR), stock: 1 });
    expect(s.deal.status).toBe('scheduled');
    expect(openDeals(s.store.tables, s.community.id)).toEqual([]);
    expect(scheduledDeals(s.store.tables, s.community.id).map((d) => d.no)).toEqual([1]);
    const buyer = { userId: 'alice', name: 'alice' };
    const now = s.clock.now();
    expect(tx<{ kind: string }>((t) => placeOrder(t, current(), buyer, { qty: 1 }, now)).kind).toBe(
      'not_started',
    );
    expect(
      tx<{ outcome: { kind: string } }>((t) =>
        orderOrWait(t, current(), buyer, { qty: 1, waitlist: true }, now),
      ).outcome.kind,
    ).toBe('not_started');
    expect(s.store.tables.orders.size).toBe(0);
    expect(s.store.tables.waitlist.size).toBe(0);
    // Even far past its end the deadline sweep leaves it alone: only its start opens it.
    expect(dueDeals(s.store.tables, new Date(START.getTime() + 5 * HOUR))).toEqual({
      toClose: [],
      toRemind: [],
    });
    expect(dueStarts(s.store.tables, now)).toEqual([]);
  });

  it('opens exactly once at its start; then orders are taken; its opening is when it counts as opened', async () => {
    s = await openDealStore({ startsAt: START });
    expect(dueStarts(s.store.tables, new Date(START.getTime() - 1))).toEqual([]);
    expect(dueStarts(s.store.tables, START).map((d) => d.no)).toEqual([1]);
    expect(openedAt(current())).toBeUndefined();
    expect(tx<{ kind: string }>((t) => startDeal(t, s.deal)).kind).toBe('started');
    expect(tx<{ kind: string }>((t) => startDeal(t, s.deal)).kind).toBe('not_scheduled');
    expect(current().status).toBe('open');
    expect(openedAt(current())).toBe(START.toISOString());
    expect(dueStarts(s.store.tables, START)).toEqual([]);
    const placed = tx<{ kind: string }>((t) =>
      placeOrder(t, current(), { userId: 'alice', name: 'alice' }, { qty: 1 }, START),
    );
    expect(placed.kind).toBe('ordered');
  });

  it('a scheduled deal is edited (its start too) until it opens; a start past or a deadline not after it is refused and changes nothing', async () => {
    s = await openDealStore({ startsAt: START, endsAt: new Date(START.getTime() + 2 * HOUR) });
    const now = s.clock.now();
    const later = new Date(START.getTime() + HOUR);
    const bad = [
      { startsAt: new Date(now.getTime() - 1) },
      { endsAt: new Date(START.getTime() - 1) },
      { startsAt: new Date(START.getTime() + 3 * HOUR), endsAt: new Date(START.getTime() + 2 * HOUR) },
    ];
    expect(bad.map((change) => tx<{ kind: string }>((t) => editDeal(t, s.deal, change, now)).kind)).toEqual([
      'starts_in_past',
      'ends_before_start',
      'ends_before_start',
    ]);
    expect(current()).toEqual(s.deal);
    // A start moved alone takes the deadline with it: a 2 h flash deal stays 2 h.
    const moved = new Date(START.getTime() + 3 * HOUR);
    expect(tx<{ kind: string }>((t) => editDeal(t, s.deal, { startsAt: moved }, now)).kind).toBe('edited');
    expect(current()).toMatchObject({
      startsAt: moved.toISOString(),
      endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString(),
    });
    const edited = tx<{ kind: string }>((t) =>
      editDeal(t, s.deal, { startsAt: later, endsAt: new Date(later.getTime() + HOUR), stock: 9 }, now),
    );
    expect(edited.kind).toBe('edited');
    expect(current()).toMatchObject({ status: 'scheduled', startsAt: later.toISOString(), stock: 9 });
    tx((t) => startDeal(t, s.deal));
    expect(
      tx<{ kind: string }>((t) =>
        editDeal(t, s.deal, { startsAt: new Date(later.getTime() + 60_000) }, later),
      ).kind,
    ).toBe('already_started');
  });

  it('cancelled before its start: it never opened (reports do not count it as opened)', async () => {
    s = await openDealStore({ startsAt: START });
    expect(tx<{ kind: string }>((t) => cancelDeal(t, s.deal, s.clock.now())).kind).toBe('cancelled');
    expect(openedAt(current())).toBeUndefined();
    expect(dueStarts(s.store.tables, START)).toEqual([]);
  });

  it('the reminder of a scheduled deal counts from its start: a 2 h deal is not reminded as it opens', async () => {
    s = await openDealStore({ startsAt: START, endsAt: new Date(START.getTime() + 2 * HOUR) });
    tx((t) => startDeal(t, s.deal));
    expect(dueDeals(s.store.tables, START).toRemind).toEqual([]);
  });
});
