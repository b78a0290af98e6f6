import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { cancelDeal, closeDeal, editDeal } from '../../src/services/deals.js';
import { cancelOrder, repriceOrders } from '../../src/services/orders.js';
import { claimPayment, confirmClaims, recordRefund, rejectClaim } from '../../src/services/payments.js';
import { payDue } from '../../src/services/platform-pay.js';
import { cancelUnpaidLines } from '../../src/services/unpaid.js';
import { dueGrants, orderOrWait, settleGrant, withdrawOrder } from '../../src/services/waitlist.js';
import type { Store } from '../../src/store/store.js';
import { dealLines } from '../helpers/deal-lines.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/**
 * Money states through sequences the single-transition tests do not walk: a claim and then a
 * changed line, a claim on a line that then died, a line paid before amounts were kept, a grant
 * from the waitlist meeting the unpaid sweep.
 */

const HOUR = 3_600_000;

let opened: DealStore;
let store: Store;
let clock: ManualClock;

const { now, tx, current, line, state, order } = dealLines(() => opened);

async function open(input: { stock?: number } = {}): Promise<void> {
  opened = await openDealStore(input);
  ({ store, clock } = opened);
}

afterEach(async () => {
  await opened.close();
});

describe('a claim, then the line changes, then the admin answers', () => {
  beforeEach(async () => {
    await open();
    order('alice');
    order('bob');
  });

  it('confirming pays what the member said they paid: a line raised since still owes the rest', () => {
    tx((t) => claimPayment(t, current(), 'alice', now()));
    order('alice', 3);
    const confirmed = tx<ReturnType<typeof confirmClaims>>((t) =>
      confirmClaims(t, current(), { userId: 'alice' }, 'owner', now()),
    );
    expect(confirmed).toMatchObject({ kind: 'confirmed', cents: 4500 });
    expect(state('alice')).toMatchObject({ state: 'owing', paidCents: 4500, owedCents: 9000 });
  });

  it('confirming pays what the member said they paid: a line lowered since is owed the difference back', () => {
    order('alice', 2);
    tx((t) => claimPayment(t, current(), 'alice', now()));
    order('alice', 1);
    tx((t) => confirmClaims(t, current(), 'all', 'owner', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', paidCents: 9000, refundDueCents: 4500 });
  });

  it('a claim on a line then withdrawn stays for the admin: confirmed it is owed back, rejected it is gone', () => {
    tx((t) => claimPayment(t, current(), 'alice', now()));
    store.transact((t) => cancelOrder(t, current(), 'alice', now()));
    expect(state('alice')).toMatchObject({ state: 'claimed', claimedCents: 4500 });
    tx((t) => confirmClaims(t, current(), 'all', 'owner', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 4500 });

    tx((t) => claimPayment(t, current(), 'bob', now()));
    store.transact((t) => cancelOrder(t, current(), 'bob', now()));
    expect(tx((t) => rejectClaim(t, current(), 'bob', 'nothing came', 'owner', now()))).toMatchObject({
      kind: 'rejected',
    });
    expect(state('bob').state).toBe('cancelled');
  });

  it('a claim made before the deal was cancelled can still be confirmed, and is then owed back', () => {
    tx((t) => claimPayment(t, current(), 'alice', now()));
    store.transact((t) => cancelDeal(t, current(), now()));
    expect(state('alice')).toMatchObject({ state: 'claimed', claimedCents: 4500, owedCents: 0 });
    expect(state('bob').state).toBe('cancelled');
    tx((t) => confirmClaims(t, current(), { userId: 'alice' }, 'owner', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 4500 });
    expect(
      tx((t) => recordRefund(t, current(), 'alice', undefined, undefined, 'owner', now())),
    ).toMatchObject({
      kind: 'refunded',
      cents: 4500,
    });
  });

  it('a second claim and the in-chat payment both say what was claimed, not what is owed now', () => {
    tx((t) => claimPayment(t, current(), 'alice', now()));
    store.transact((t) => cancelOrder(t, current(), 'alice', now()));
    expect(tx((t) => claimPayment(t, current(), 'alice', now()))).toMatchObject({
      kind: 'already_claimed',
      cents: 4500,
    });
    expect(payDue(store.tables, current(), 'alice')).toEqual({ kind: 'claimed', cents: 4500 });
  });
});

describe('a line marked paid before amounts were kept (paidAt, no paidCents)', () => {
  beforeEach(async () => {
    await open();
    order('alice');
    order('bob');
    store.transact((t) => t.put('orders', { ...line('alice'), paidAt: now().toISOString() }));
  });

  it('paid its amount then: a raised quantity owes the difference', () => {
    expect(state('alice')).toMatchObject({ state: 'paid', paidCents: 4500 });
    order('alice', 2);
    expect(state('alice')).toMatchObject({ state: 'owing', paidCents: 4500, owedCents: 4500 });
  });

  it('paid its amount then: a lower price makes the difference due back', () => {
    store.transact((t) => {
      const edited = editDeal(t, current(), { priceCents: 4000 }, now());
      if (edited.kind === 'edited') repriceOrders(t, edited.deal, now());
    });
    expect(state('alice')).toMatchObject({ state: 'refund_due', paidCents: 4500, refundDueCents: 500 });
  });
});

describe('units from the waitlist meet the unpaid sweep', () => {
  beforeEach(async () => {
    await open({ stock: 4 });
    order('alice', 2);
    order('bob');
    order('carol');
    // Sold out: one more for Alice waits; Bob's withdrawal gives it to her, to pay within 12 h.
    store.transact((t) =>
      orderOrWait(t, current(), { userId: 'alice', name: 'alice' }, { qty: 1, add: true }, now()),
    );
    store.transact((t) => withdrawOrder(t, current(), 'bob', now()));
    expect(line('alice').qty).toBe(3);
    clock.advance(HOUR);
    store.transact((t) => closeDeal(t, current(), now()));
    expect(current().status).toBe('closed');
  });

  it('the sweep cancels the units she ordered and never paid; the given unit keeps its own deadline', () => {
    const sweep = tx<ReturnType<typeof cancelUnpaidLines>>((t) => cancelUnpaidLines(t, current(), now()));
    expect(sweep.members.map((m) => [m.userId, m.lines.map((o) => o.qty), m.cents])).toEqual([
      ['alice', [2], 9000],
      ['carol', [1], 4500],
    ]);
    expect(line('alice')).toMatchObject({ status: 'active', qty: 1 });
    expect(line('carol').status).toBe('cancelled');
    expect(current().sold).toBe(1);
    // At her deadline the given unit, still unpaid, is taken back too.
    clock.advance(12 * HOUR);
    for (const grant of dueGrants(store.tables, now())) store.transact((t) => settleGrant(t, grant, now()));
    expect(line('alice').status).toBe('cancelled');
    expect(current().sold).toBe(0);
  });

  it('the audit of given units taken back at their deadline names what the member owed for them, points discount included', () => {
    tx((t) => cancelUnpaidLines(t, current(), now()));
    // The given unit was paid partly with points (a ¥5 discount): ¥40 owed, not the ¥45 list price.
    store.transact((t) => t.put('orders', { ...line('alice'), discountCents: 500, pointsUsed: 50 }));
    clock.advance(12 * HOUR);
    for (const grant of dueGrants(store.tables, now())) store.transact((t) => settleGrant(t, grant, now()));
    const taken = [...store.tables.audit.values()].filter(
      (a) => a.action === 'unpaid_cancelled' && a.ref === line('alice').id,
    );
    expect(taken.map((a) => a.cents)).toEqual([9000, 4000]);
  });

  it('once the given units were settled (claimed in time, then the claim rejected), the sweep takes the line', () => {
    tx((t) => claimPayment(t, current(), 'alice', now()));
    clock.advance(12 * HOUR);
    for (const grant of dueGrants(store.tables, now())) store.transact((t) => settleGrant(t, grant, now()));
    expect(line('alice').qty).toBe(3);
    tx((t) => rejectClaim(t, current(), 'alice', 'nothing came', 'owner', now()));
    const sweep = tx<ReturnType<typeof cancelUnpaidLines>>((t) => cancelUnpaidLines(t, current(), now()));
    expect(sweep.members.map((m) => m.userId)).toEqual(['alice', 'carol']);
    expect(line('alice').status).toBe('cancelled');
  });
});
