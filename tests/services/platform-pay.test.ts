import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { cancelDeal } from '../../src/services/deals.js';
import { claimPayment } from '../../src/services/payments.js';
import {
  centsOfPayment,
  checkPayment,
  decodePayload,
  encodePayload,
  type PayPayload,
  payDue,
  payFromPlatform,
  unitsFor,
} from '../../src/services/platform-pay.js';
import type { Community, Deal } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { dealLines } from '../helpers/deal-lines.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

const CNY = { currency: 'CNY', centsPerUnit: 1 };
const STARS = { currency: 'XTR', centsPerUnit: 10 };

describe('in-chat payment: invoices, checks and payments of what a member owes', () => {
  let opened: DealStore;
  let store: Store;
  let community: Community;
  let deal: Deal;

  const { now, tx, current, state, order } = dealLines(() => opened);
  const invoice = (over: Partial<PayPayload> = {}): PayPayload => ({
    communityId: community.id,
    no: deal.no,
    userId: 'alice',
    cents: 4500,
    units: 4500,
    ...over,
  });
  const pay = (user: string, cents: number, charge: string) =>
    tx<ReturnType<typeof payFromPlatform>>((t) => payFromPlatform(t, current(), user, cents, charge, now()));

  beforeEach(async () => {
    opened = await openDealStore(
      { min: 1 },
      { community: { id: 'telegram:-1001234567890', platform: 'telegram', chatId: '-1001234567890' } },
    );
    ({ store, community, deal } = opened);
    order('alice');
  });
  afterEach(async () => {
    await opened.close();
  });

  it('the payload binds community, deal, member and amount, and reads back; a foreign one is not ours', () => {
    const text = encodePayload(invoice({ userId: '1234567890' }))!;
    expect(text).toBe('tb1|telegram:-1001234567890|1|1234567890|4500|4500');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(128);
    expect(decodePayload(text)).toEqual(invoice({ userId: '1234567890' }));
    expect(decodePayload('premium-upgrade')).toBeUndefined();
    expect(encodePayload(invoice({ communityId: 'x'.repeat(200) }))).toBeUndefined();
    expect(encodePayload(invoice({ userId: 'a|b' }))).toBeUndefined();
  });

  it('Stars are rounded up to whole Stars; a payment of what the invoice asked counts exactly what it was for', () => {
    expect(unitsFor(1234, STARS)).toBe(124);
    expect(unitsFor(4500, CNY)).toBe(4500);
    expect(unitsFor(1, STARS)).toBe(1);
    const stars = invoice({ cents: 1234, units: 124 });
    expect(centsOfPayment({ currency: 'XTR', total: 124 }, stars, STARS)).toBe(1234);
    expect(centsOfPayment({ currency: 'XTR', total: 100 }, stars, STARS)).toBe(1000);
    // Stars turned off since: a Star cannot be counted in cents.
    expect(centsOfPayment({ currency: 'XTR', total: 100 }, stars, undefined)).toBeUndefined();
    expect(centsOfPayment({ currency: 'CNY', total: 4000 }, invoice(), undefined)).toBe(4000);
  });

  it('what is owed: owing, nothing once paid, claimed (paid another way), dead once cancelled, no order', () => {
    expect(payDue(store.tables, current(), 'alice')).toEqual({ kind: 'owing', cents: 4500 });
    expect(payDue(store.tables, current(), 'bob')).toEqual({ kind: 'no_order' });
    order('bob', 2);
    tx((t) => claimPayment(t, current(), 'bob', now()));
    expect(payDue(store.tables, current(), 'bob')).toEqual({ kind: 'claimed', cents: 9000 });
    pay('alice', 4500, 'c1');
    expect(payDue(store.tables, current(), 'alice')).toEqual({ kind: 'nothing' });
    tx((t) => cancelDeal(t, current(), now()));
    expect(payDue(store.tables, current(), 'alice')).toEqual({ kind: 'dead' });
  });

  it('the check refuses another payer, a changed amount, another total or currency, a dead deal', () => {
    const asked = { currency: 'CNY', total: 4500 };
    const check = (payer: string, inv = invoice(), a = asked) =>
      checkPayment(store.tables, current(), inv, payer, a, CNY);
    expect(check('alice')).toBeUndefined();
    expect(check('bob')).toEqual({ kind: 'not_yours' });
    expect(check('alice', invoice(), { currency: 'CNY', total: 4600 })).toEqual({
      kind: 'changed',
      cents: 4500,
    });
    expect(check('alice', invoice(), { currency: 'USD', total: 4500 })).toEqual({
      kind: 'changed',
      cents: 4500,
    });
    expect(checkPayment(store.tables, current(), invoice(), 'alice', asked, undefined)).toEqual({
      kind: 'off',
    });
    order('alice', 2);
    expect(check('alice')).toEqual({ kind: 'changed', cents: 9000 });
    tx((t) => cancelDeal(t, current(), now()));
    expect(check('alice')).toEqual({ kind: 'dead' });
  });

  it('a payment is recorded once per charge, whatever the lines became; more than owed is a refund due', () => {
    expect(pay('alice', 5000, 'c1')).toMatchObject({ kind: 'paid', owedCents: 0, refundDueCents: 500 });
    expect(state('alice')).toMatchObject({ state: 'refund_due', paidCents: 5000 });
    expect(pay('alice', 5000, 'c1')).toEqual({ kind: 'duplicate' });
    expect(store.tables.payments.size).toBe(1);
    expect(pay('bob', 100, 'c2')).toEqual({ kind: 'no_order' });
  });

  it('a payment after the deal was cancelled is still recorded, all of it owed back', () => {
    tx((t) => cancelDeal(t, current(), now()));
    expect(pay('alice', 4500, 'late')).toMatchObject({ kind: 'paid', dead: true, refundDueCents: 4500 });
    expect(state('alice')).toMatchObject({ state: 'refund_due', refundDueCents: 4500 });
  });
});

describe('in-chat payment settings', () => {
  const base = { TELEGRAM_BOT_TOKEN: 't' };
  it('unset: no payments; a provider token takes CNY by default; Stars read as cents a Star', () => {
    const none = loadConfig(base);
    expect(none.TELEGRAM_PAYMENT_PROVIDER_TOKEN).toBeUndefined();
    expect(none.TELEGRAM_PAYMENT_STARS).toBeUndefined();
    expect(loadConfig({ ...base, TELEGRAM_PAYMENT_PROVIDER_TOKEN: 'p' }).TELEGRAM_PAYMENT_CURRENCY).toBe(
      'CNY',
    );
    expect(loadConfig({ ...base, TELEGRAM_PAYMENT_STARS: '0.10' }).TELEGRAM_PAYMENT_STARS).toBe(10);
  });

  it('refuses a currency without two decimals, XTR as a provider currency, a zero Star, and both at once', () => {
    expect(() => loadConfig({ ...base, TELEGRAM_PAYMENT_CURRENCY: 'JPY' })).toThrow(
      /TELEGRAM_PAYMENT_CURRENCY/,
    );
    expect(() => loadConfig({ ...base, TELEGRAM_PAYMENT_CURRENCY: 'XTR' })).toThrow(/TELEGRAM_PAYMENT_STARS/);
    expect(() => loadConfig({ ...base, TELEGRAM_PAYMENT_STARS: '0' })).toThrow(/TELEGRAM_PAYMENT_STARS/);
    expect(() =>
      loadConfig({ ...base, TELEGRAM_PAYMENT_STARS: '0.10', TELEGRAM_PAYMENT_PROVIDER_TOKEN: 'p' }),
    ).toThrow(/not both/);
  });
});
