import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/core/clock.js';
import { closeDeal, createDeal } from '../../src/services/deals.js';
import { markDelivered, placeOrder } from '../../src/services/orders.js';
import {
  attachReviewPhoto,
  dealReviews,
  hideReview,
  replyToReview,
  reviewAwaitingPhoto,
  summarize,
  templateReviews,
  unhideReview,
  type WriteOutcome,
  writeReview,
} from '../../src/services/reviews.js';
import type { Deal, Review } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/**
 * Reviews are verified purchases: only the orderer of a line picked up or delivered reviews the
 * deal, once; admins answer and hide (audited); averages leave hidden ones out.
 */

const HOUR = 3_600_000;

describe('GIVEN a closed deal of a template: alice picked up, bob ordered for his neighbour and got it, carol not yet', () => {
  let opened: DealStore;
  let store: Store;
  let clock: ManualClock;
  let deal: Deal;

  const run = <T>(fn: Parameters<Store['transact']>[0]) => store.transact(fn).value as T;
  const write = (userId: string, stars: number, text = '', photo?: string) =>
    run<WriteOutcome>((tx) =>
      writeReview(
        tx,
        store.tables.deals.get(deal.id)!,
        { userId, name: userId },
        { stars, text, ...(photo ? { photo } : {}) },
        clock.now(),
      ),
    );

  beforeEach(async () => {
    opened = await openDealStore({ min: 1, templateId: 'memory:g|mango' });
    ({ store, clock, deal } = opened);
    for (const [user, extra] of [
      ['alice', {}],
      ['bob', { for: '王阿姨' }],
      ['carol', {}],
    ] as const)
      run((tx) => placeOrder(tx, deal, { userId: user, name: user }, { qty: 1, ...extra }, clock.now()));
    run((tx) => closeDeal(tx, store.tables.deals.get(deal.id)!, clock.now()));
    for (const user of ['alice', 'bob'])
      run((tx) => markDelivered(tx, store.tables.deals.get(deal.id)!, user, 'owner', clock.now()));
  });
  afterEach(async () => {
    await opened.close();
  });

  it('only a member whose own line was picked up may review, and only once', () => {
    expect(write('dave', 5).kind).toBe('no_order');
    expect(write('carol', 5).kind).toBe('not_picked_up');
    const first = write('alice', 5, ' 很甜 ');
    expect(first).toMatchObject({
      kind: 'written',
      review: { stars: 5, text: '很甜', templateId: 'memory:g|mango' },
    });
    const again = write('alice', 1, 'changed my mind');
    expect(again.kind).toBe('already');
    expect(store.tables.reviews.get(`${deal.id}/alice`)).toMatchObject({ stars: 5, text: '很甜' });
    // The orderer of a line for someone else reviews it (the person it was for has no account here).
    expect(write('bob', 4).kind).toBe('written');
  });

  it('refuses stars outside 1–5 and words over 500 characters, writing nothing', () => {
    expect(write('alice', 0).kind).toBe('bad_stars');
    expect(write('alice', 6).kind).toBe('bad_stars');
    expect(write('alice', 2.5).kind).toBe('bad_stars');
    expect(write('alice', 5, 'x'.repeat(501))).toEqual({ kind: 'too_long', max: 500 });
    expect(store.tables.reviews.size).toBe(0);
    expect(write('alice', 5, 'x'.repeat(500)).kind).toBe('written');
  });

  it('a photo joins the review within 10 minutes of writing it, once', () => {
    write('alice', 5, 'ok');
    const waiting = reviewAwaitingPhoto(store.tables, deal.communityId, 'alice', clock.now())!;
    expect(waiting.id).toBe(`${deal.id}/alice`);
    expect(run<Review | undefined>((tx) => attachReviewPhoto(tx, waiting, 'reviews/x/1.png'))?.photo).toBe(
      'reviews/x/1.png',
    );
    expect(run((tx) => attachReviewPhoto(tx, waiting, 'reviews/x/2.png'))).toBeUndefined();
    write('bob', 4);
    clock.advance(10 * 60_000 + 1);
    expect(reviewAwaitingPhoto(store.tables, deal.communityId, 'bob', clock.now())).toBeUndefined();
  });

  it('an admin reply replaces the last; hiding needs no second time, is audited, and leaves the average', () => {
    write('alice', 5, 'sweet');
    write('bob', 2, 'two were bad');
    const bob = () => store.tables.reviews.get(`${deal.id}/bob`)!;
    run((tx) => replyToReview(tx, bob(), 'Sorry, refunded', 'owner', clock.now()));
    run((tx) => replyToReview(tx, bob(), 'Sorry, refunded 2', 'owner', clock.now()));
    expect(bob().reply).toMatchObject({ text: 'Sorry, refunded 2', by: 'owner' });
    expect(run((tx) => replyToReview(tx, bob(), 'y'.repeat(501), 'owner', clock.now()))).toMatchObject({
      kind: 'too_long',
    });
    expect(summarize(dealReviews(store.tables, deal.id))).toEqual({ count: 2, average: 3.5 });
    expect(
      run<{ kind: string }>((tx) => hideReview(tx, bob(), 'phone number in it', 'owner', clock.now())).kind,
    ).toBe('hidden');
    expect(run<{ kind: string }>((tx) => hideReview(tx, bob(), 'again', 'owner', clock.now())).kind).toBe(
      'already_hidden',
    );
    expect(summarize(dealReviews(store.tables, deal.id))).toEqual({ count: 1, average: 5 });
    const audit = [...store.tables.audit.values()].filter((a) => a.action === 'review_hidden');
    expect(audit).toEqual([
      expect.objectContaining({
        userId: 'bob',
        by: 'owner',
        reason: 'phone number in it',
        ref: `${deal.id}/bob`,
      }),
    ]);
    expect(run<{ kind: string }>((tx) => unhideReview(tx, bob(), 'owner', clock.now())).kind).toBe('shown');
    expect(bob().hidden).toBeUndefined();
    expect([...store.tables.audit.values()].some((a) => a.action === 'review_shown')).toBe(true);
  });

  it("a template's summary counts the reviews of every deal made from it, to one decimal", () => {
    write('alice', 5);
    write('bob', 4);
    const next = run<Deal>((tx) =>
      createDeal(
        tx,
        opened.community,
        {
          title: 'Mangoes again',
          priceCents: 4500,
          min: 1,
          endsAt: new Date(clock.now().getTime() + HOUR),
          templateId: 'memory:g|mango',
        },
        'owner',
        clock.now(),
      ),
    );
    run((tx) => placeOrder(tx, next, { userId: 'erin', name: 'erin' }, { qty: 1 }, clock.now()));
    run((tx) => markDelivered(tx, next, 'erin', 'owner', clock.now()));
    run((tx) => writeReview(tx, next, { userId: 'erin', name: 'erin' }, { stars: 5, text: '' }, clock.now()));
    expect(summarize(templateReviews(store.tables, deal.communityId, 'memory:g|mango'))).toEqual({
      count: 3,
      average: 4.7,
    });
    expect(summarize(templateReviews(store.tables, deal.communityId, 'memory:g|other'))).toEqual({
      count: 0,
      average: 0,
    });
  });
});
