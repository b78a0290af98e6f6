import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelDeal, closeDeal, editDeal } from '../../src/services/deals.js';
import { cancelOrder, repriceOrders } from '../../src/services/orders.js';
import {
  claimPayment,
  confirmClaims,
  markPaid,
  recordPlatformPayment,
  recordRefund,
  rejectClaim,
} from '../../src/services/payments.js';
import type { Community } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { dealLines } from '../helpers/deal-lines.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

describe('money states of order lines', () => {
  let opened: DealStore;
  let store: Store;
  let community: Community;

  const { now, tx, current, line, state, order } = dealLines(() => opened);

  beforeEach(async () => {
    opened = await openDealStore();
    ({ store, community } = opened);
    order('alice');
    order('bob', 2);
  });
  afterEach(async () => {
    await opened.close();
  });

  it('owing → claimed → paid, recording who and when', () => {
    expect(state('alice')).toMatchObject({ state: 'owing', owedCents: 4500 });
    const claim = tx<ReturnType<typeof claimPayment>>((t) =>
      claimPayment(t, current(), 'alice', now(), 'proofs/a.jpg'),
    );
    expect(claim).toMatchObject({ kind: 'claimed', cents: 4500 });
    expect(state('alice').state).toBe('claimed');
    expect(line('alice').claimProof).toBe('proofs/a.jpg');
    const confirmed = tx<ReturnType<typeof confirmClaims>>((t) =>
      confirmClaims(t, current(), { userId: 'alice' }, 'owner', now()),
    );
    expect(confirmed).toMatchObject({ kind: 'confirmed', cents: 4500 });
    expect(state('alice')).toMatchObject({ state: 'paid', paidCents: 4500, owedCents: 0 });
    const actions = [...store.tables.audit.values()].map((a) => [a.action, a.by, a.cents]);
    expect(actions).toEqual([
      ['pay_claimed', 'alice', 4500],
      ['pay_confirmed', 'owner', 4500],
    ]);
    expect([...store.tables.payments.values()]).toMatchObject([
      { kind: 'payment', cents: 4500, by: 'owner' },
    ]);
  });

  it('refuses: confirm of a line nobody claimed, a second claim, a claim on a paid line', () => {
    expect(tx((t) => confirmClaims(t, current(), { userId: 'bob' }, 'owner', now()))).toMatchObject({
      kind: 'not_claimed',
    });
    tx((t) => claimPayment(t, current(), 'bob', now()));
    expect(tx((t) => claimPayment(t, current(), 'bob', now()))).toMatchObject({ kind: 'already_claimed' });
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
    expect(tx((t) => claimPayment(t, current(), 'alice', now()))).toMatchObject({ kind: 'nothing_owed' });
    expect(tx((t) => claimPayment(t, current(), 'nobody', now()))).toMatchObject({ kind: 'no_order' });
  });

  it('a rejected claim owes again and keeps the reason in the audit log', () => {
    tx((t) => claimPayment(t, current(), 'bob', now()));
    expect(tx((t) => rejectClaim(t, current(), 'bob', 'no transfer arrived', 'owner', now()))).toMatchObject({
      kind: 'rejected',
    });
    expect(state('bob').state).toBe('owing');
    expect([...store.tables.audit.values()].at(-1)).toMatchObject({
      action: 'pay_rejected',
      reason: 'no transfer arrived',
    });
    expect(tx((t) => rejectClaim(t, current(), 'bob', 'again', 'owner', now()))).toMatchObject({
      kind: 'not_claimed',
    });
  });

  it('confirms every claimed line of a deal at once, leaving lines nobody claimed owing', () => {
    order('carol');
    tx((t) => claimPayment(t, current(), 'alice', now()));
    tx((t) => claimPayment(t, current(), 'bob', now()));
    const all = tx<ReturnType<typeof confirmClaims>>((t) =>
      confirmClaims(t, current(), 'all', 'owner', now()),
    );
    expect(all).toMatchObject({ kind: 'confirmed', cents: 4500 + 9000 });
    expect([state('alice').state, state('bob').state, state('carol').state]).toEqual([
      'paid',
      'paid',
      'owing',
    ]);
  });

  it('a failed deal owes nothing; who paid is owed a refund, recorded in full or in parts', () => {
    tx((t) => markPaid(t, current(), 'bob', 'owner', now()));
    store.transact((t) => cancelDeal(t, current(), now()));
    expect(state('alice')).toMatchObject({ state: 'cancelled', owedCents: 0 });
    expect(state('bob')).toMatchObject({ state: 'refund_due', refundDueCents: 9000 });
    expect(tx((t) => recordRefund(t, current(), 'bob', 9001, undefined, 'owner', now()))).toEqual({
      kind: 'too_much',
      maxCents: 9000,
    });
    expect(tx((t) => recordRefund(t, current(), 'alice', undefined, undefined, 'owner', now()))).toEqual({
      kind: 'nothing_paid',
    });
    expect(tx((t) => recordRefund(t, current(), 'bob', 4000, 'first half', 'owner', now()))).toMatchObject({
      kind: 'refunded',
      cents: 4000,
      stillDueCents: 5000,
    });
    expect(state('bob')).toMatchObject({ state: 'refund_due', refundDueCents: 5000, refundedCents: 4000 });
    tx((t) => recordRefund(t, current(), 'bob', undefined, undefined, 'owner', now()));
    expect(state('bob')).toMatchObject({ state: 'refunded', refundedCents: 9000, refundDueCents: 0 });
    // Both parts are in the audit log, though recorded in the same millisecond.
    expect(
      [...store.tables.audit.values()].filter((a) => a.action === 'refunded').map((a) => a.cents),
    ).toEqual([4000, 5000]);
    expect(tx((t) => recordRefund(t, current(), 'bob', 1, undefined, 'owner', now()))).toEqual({
      kind: 'nothing_paid',
    });
    expect(tx((t) => claimPayment(t, current(), 'alice', now()))).toMatchObject({ kind: 'dead' });
  });

  it('a deal that closes short of its group size fails: nobody owes', () => {
    store.transact((t) => cancelOrder(t, current(), 'bob', now()));
    store.transact((t) => closeDeal(t, current(), now()));
    expect(current().status).toBe('failed');
    expect(state('alice').state).toBe('cancelled');
  });

  it('a paid line withdrawn while the deal is open is owed back; an unpaid one is simply cancelled', () => {
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
    store.transact((t) => cancelOrder(t, current(), 'alice', now()));
    store.transact((t) => cancelOrder(t, current(), 'bob', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 4500 });
    expect(state('bob').state).toBe('cancelled');
  });

  it('a lower price on a paid line makes a partial refund due; a partial refund on a kept line lowers its cost', () => {
    tx((t) => markPaid(t, current(), 'bob', 'owner', now()));
    store.transact((t) => {
      const edited = editDeal(t, current(), { priceCents: 4000 }, now());
      if (edited.kind === 'edited') repriceOrders(t, edited.deal, now());
    });
    expect(state('bob')).toMatchObject({ state: 'refund_due', refundDueCents: 1000 });
    tx((t) => recordRefund(t, current(), 'bob', undefined, 'price cut', 'owner', now()));
    expect(state('bob')).toMatchObject({ state: 'refunded', refundedCents: 1000, owedCents: 0 });
    // Goods short: ¥20 back on a line that stays; it does not owe that ¥20 again.
    tx((t) => recordRefund(t, current(), 'bob', 2000, 'one short', 'owner', now()));
    expect(state('bob')).toMatchObject({
      state: 'refunded',
      refundedCents: 3000,
      dueCents: 6000,
      owedCents: 0,
    });
  });

  it('a platform payment pays once per charge, whatever the update is repeated', () => {
    const lines = [line('bob')];
    expect(tx((t) => recordPlatformPayment(t, current(), lines, 9000, 'ch_1', now()))).toMatchObject({
      kind: 'paid',
    });
    expect(tx((t) => recordPlatformPayment(t, current(), lines, 9000, 'ch_1', now()))).toEqual({
      kind: 'duplicate',
    });
    expect(state('bob')).toMatchObject({ state: 'paid', paidCents: 9000 });
    expect([...store.tables.payments.values()]).toHaveLength(1);
  });

  it('money received beyond what is owed is never dropped: it shows as owed back', () => {
    tx((t) => recordPlatformPayment(t, current(), [line('alice')], 5000, 'ch_2', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 500 });
  });

  it('points spent on a fully refunded line come back; the inviter’s first-order reward is taken back', () => {
    store.transact((t) => {
      t.put('communities', { ...community, settings: { 'ref.order': '30', 'ref.welcome': '0' } });
      t.put('referrals', {
        id: 'memory:g/alice',
        communityId: community.id,
        inviterId: 'ivan',
        inviteeId: 'alice',
        source: 'inviter',
        status: 'qualified',
        joinedAt: now().toISOString(),
      });
    });
    store.transact((t) => closeDeal(t, current(), now()));
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
    const ivan = () => store.tables.members.get('memory:g/ivan')?.points ?? 0;
    expect(ivan()).toBe(30);
    tx((t) => recordRefund(t, current(), 'alice', undefined, 'bad fruit', 'owner', now()));
    expect(state('alice').state).toBe('refunded');
    expect(ivan()).toBe(0);
    expect([...store.tables.ledger.values()].find((e) => e.reason === 'reversal')).toMatchObject({
      delta: -30,
    });
  });

  it('keeps refusals free of changes', () => {
    const before = JSON.stringify(line('alice'));
    tx((t) => confirmClaims(t, current(), { userId: 'alice' }, 'owner', now()));
    tx((t) => recordRefund(t, current(), 'alice', 100, undefined, 'owner', now()));
    expect(JSON.stringify(line('alice'))).toBe(before);
    expect([...store.tables.payments.values()]).toEqual([]);
  });
  it('a changed quantity keeps what was paid: more owes the difference, a re-ordered withdrawn line keeps its money', () => {
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
    order('alice', 3);
    expect(state('alice')).toMatchObject({ state: 'owing', paidCents: 4500, owedCents: 9000 });
    store.transact((t) => cancelOrder(t, current(), 'alice', now()));
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 4500 });
    order('alice', 1);
    expect(state('alice')).toMatchObject({ state: 'paid', paidCents: 4500, owedCents: 0 });
  });
  it('points earned for ordering come back when the member ends up holding nothing: deal cancelled after closing, or refunded in full', async () => {
    store.transact((t) => t.put('communities', { ...community, settings: { 'points.per_order': '10' } }));
    store.transact((t) => closeDeal(t, current(), now()));
    const points = (user: string) => store.tables.members.get(`memory:g/${user}`)?.points ?? 0;
    expect([points('alice'), points('bob')]).toEqual([10, 10]);
    tx((t) => markPaid(t, current(), 'alice', 'owner', now()));
    // A partial refund leaves alice holding her line: the points stay.
    tx((t) => recordRefund(t, current(), 'alice', 500, 'one bruised', 'owner', now()));
    expect(points('alice')).toBe(10);
    store.transact((t) => cancelDeal(t, current(), now()));
    expect([points('alice'), points('bob')]).toEqual([0, 0]);
    // Taken back once, however often it is asked.
    tx((t) => recordRefund(t, current(), 'alice', undefined, undefined, 'owner', now()));
    expect([...store.tables.ledger.values()].filter((e) => e.id.startsWith('order_back:'))).toHaveLength(2);
  });
});
