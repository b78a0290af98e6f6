import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/services/orders.js';
import {
  assignPickupCodes,
  CODE_ALPHABET,
  lineOfCode,
  randomCode,
  readCode,
} from '../../src/services/pickup-codes.js';
import { addPoint } from '../../src/services/pickup-points.js';
import type { Order, PickupPoint } from '../../src/store/schema.js';
import { type DealStore, openDealStore } from '../helpers/deal-store.js';

/** Pickup codes: short, read aloud without confusion, random, unique in the community. */

const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

describe('a pickup code', () => {
  it('is six characters without 0, O, 1, I or L', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    for (const c of '0O1IL') expect(CODE_ALPHABET).not.toContain(c);
    for (let i = 0; i < 500; i++) expect(randomCode()).toMatch(CODE);
  });

  it('says nothing about the next one: every character of every code is drawn evenly', () => {
    const codes = Array.from({ length: 3000 }, randomCode);
    expect(new Set(codes).size).toBe(codes.length);
    // 18,000 characters over 31 symbols: ~581 each. A counter, a clock or a biased modulo would
    // show as a symbol far from that, or as neighbours sharing most of their characters.
    const counts = new Map<string, number>();
    for (const c of codes.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // Bounds ~5.5 standard deviations out: a fair draw falls outside once in millions of runs.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(450);
      expect(n).toBeLessThan(720);
    }
    const shared = (a: string, b: string) => [...a].filter((c, i) => b[i] === c).length;
    const alike = codes.slice(1).filter((code, i) => shared(code, codes[i]!) >= 3).length;
    expect(alike).toBeLessThan(30); // ~0.3% of neighbours by chance
  });

  it.each([
    ['k7m4qx', 'K7M4QX'],
    ['K7M 4QX', 'K7M4QX'],
    ['K7M-4QX', 'K7M4QX'],
    ['Ｋ７Ｍ４ＱＸ', 'K7M4QX'],
  ])('%s is read as %s', (typed, code) => {
    expect(readCode(typed)).toBe(code);
  });

  it.each(['K7M4Q', 'K7M4QXZ', 'K0M4QX', 'KOM4QX', 'K1M4QX', 'KIM4QX', 'KLM4QX', '核销码1234'])(
    '%s cannot be a code',
    (typed) => {
      expect(readCode(typed)).toBeUndefined();
    },
  );
});

describe('GIVEN a closed deal with lines at two points and one without a point', () => {
  let s: DealStore;
  let east: PickupPoint;
  let west: PickupPoint;
  beforeEach(async () => {
    s = await openDealStore({ min: 1 });
    const now = s.clock.now();
    // Orders first (the points come after: the lines are set to theirs as members would choose).
    const owners = ['alice', 'bob', 'carol', 'dave'];
    s.store.transact((tx) => {
      for (const userId of owners) {
        const placed = placeOrder(tx, tx.get('deals', s.deal.id)!, { userId, name: userId }, { qty: 1 }, now);
        if (placed.kind !== 'ordered') throw new Error(placed.kind);
      }
    });
    [east, west] = s.store.transact((tx) =>
      ['东门驿站', '西门'].map((name) => {
        const added = addPoint(tx, s.community, { name }, 'owner', now);
        if (added.kind !== 'added') throw new Error(added.kind);
        return added.point;
      }),
    ).value as [PickupPoint, PickupPoint];
    const at: Record<string, string> = { alice: east.id, bob: east.id, carol: west.id };
    s.store.transact((tx) => {
      for (const order of lines()) {
        const pointId = at[order.userId];
        if (pointId) tx.put('orders', { ...order, pointId });
      }
    });
  });
  afterEach(async () => {
    await s.close();
  });

  const lines = () => [...s.store.tables.orders.values()].sort((a, b) => a.line - b.line);
  const assign = (pointId: string, draw?: () => string) =>
    s.store.transact((tx) => assignPickupCodes(tx, tx.get('deals', s.deal.id)!, pointId, s.clock.now(), draw))
      .value;
  const owners = (orders: Order[]) => orders.map((o) => o.userId);

  it('arrival at a point codes that point’s lines only, and again keeps their codes', () => {
    const first = assign(east.id);
    expect(owners(first)).toEqual(['alice', 'bob']);
    expect(first.map((o) => o.pickupCode)).toEqual([
      expect.stringMatching(CODE),
      expect.stringMatching(CODE),
    ]);
    expect(lines().find((o) => o.userId === 'carol')?.pickupCode).toBeUndefined();
    expect(assign(east.id).map((o) => o.pickupCode)).toEqual(first.map((o) => o.pickupCode));
    // '' is the lines without a point.
    expect(owners(assign(''))).toEqual(['dave']);
    expect(lineOfCode(s.store.tables, s.community.id, first[1]!.pickupCode!)?.userId).toBe('bob');
  });

  it('a code another line of the community holds is drawn again', () => {
    const draws = ['AAAAAA', 'AAAAAA', 'AAAAAA', 'BBBBBB', 'CCCCCC'];
    const codes = assign(east.id, () => draws.shift()!).map((o) => o.pickupCode);
    expect(codes).toEqual(['AAAAAA', 'BBBBBB']);
    expect(assign(west.id, () => ['BBBBBB', 'CCCCCC'].find((c) => !codes.includes(c))!)[0]?.pickupCode).toBe(
      'CCCCCC',
    );
  });

  it('withdrawn lines and lines already handed over get no code', () => {
    s.store.transact((tx) => {
      const [alice, bob] = lines();
      tx.put('orders', { ...alice!, status: 'cancelled' });
      tx.put('orders', { ...bob!, deliveredAt: s.clock.now().toISOString() });
    });
    expect(assign(east.id)).toEqual([]);
    expect(lines().filter((o) => o.pickupCode)).toEqual([]);
  });
});
