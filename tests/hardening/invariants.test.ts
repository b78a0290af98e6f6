import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerBalance } from '../../src/services/points.js';
import { Store } from '../../src/store/store.js';
import type { Tables } from '../../src/store/tables.js';
import { TestBot } from '../helpers/chat.js';
import { invalidRecords, serializeState } from './state.js';

/**
 * The domain's invariants over random event sequences: orders, cancels, deadlines on the fake
 * clock, awards, deducts, refunds (a cancelled order, a cancelled or failed deal), joins, leaves,
 * /forget with its confirmation. After every step: no oversell, sold = the active orders' units,
 * no negative balance, every balance = its ledger sum, every order belongs to a deal, and every
 * record of every table parses with its schema. After the run the store reloads to the same state.
 * (tests/properties/ledger.test.ts checks redelivery and check-ins on one deal.)
 */
const USERS = ['alice', 'bob', 'carol', 'dave'];
const user = fc.constantFrom(...USERS);
const deal = fc.integer({ min: 1, max: 3 });

const step = fc.oneof(
  fc.record({
    op: fc.constant('order' as const),
    user,
    deal,
    qty: fc.integer({ min: 1, max: 6 }),
    use: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('jielong' as const), user, qty: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('cancel' as const), user, deal }),
  fc.record({ op: fc.constant('withdraw' as const), user }),
  fc.record({
    op: fc.constant('deal' as const),
    min: fc.integer({ min: 1, max: 4 }),
    stock: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    hours: fc.integer({ min: 1, max: 72 }),
  }),
  fc.record({ op: fc.constant('close' as const), deal }),
  fc.record({ op: fc.constant('dealCancel' as const), deal }),
  fc.record({ op: fc.constant('edit' as const), deal, stock: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ op: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('award' as const), user, n: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('deduct' as const), user, n: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ op: fc.constant('paid' as const), user, deal }),
  fc.record({ op: fc.constant('checkin' as const), user }),
  fc.record({ op: fc.constant('join' as const), user }),
  fc.record({ op: fc.constant('leave' as const), user }),
  fc.record({ op: fc.constant('forget' as const), user, confirm: fc.boolean() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function checkInvariants(tables: Tables, after: string): void {
  const where = `after ${after}`;
  for (const d of tables.deals.values()) {
    const active = tables.orders.by('deal', d.id).filter((o) => o.status === 'active');
    if (d.stock !== undefined) expect(d.sold, `${where}: ${d.id} oversold`).toBeLessThanOrEqual(d.stock);
    expect(d.sold, `${where}: ${d.id} sold`).toBe(active.reduce((sum, o) => sum + o.qty, 0));
    expect(d.buyers, `${where}: ${d.id} buyers`).toBe(new Set(active.map((o) => o.userId)).size);
    if (d.limit !== undefined) for (const o of active) expect(o.qty).toBeLessThanOrEqual(d.limit);
  }
  for (const o of tables.orders.values())
    expect(tables.deals.get(o.dealId), `${where}: order ${o.id} without its deal`).toBeDefined();
  for (const m of tables.members.values()) {
    expect(m.points, `${where}: ${m.id} negative`).toBeGreaterThanOrEqual(0);
    expect(m.points, `${where}: ${m.id} balance ≠ ledger`).toBe(
      ledgerBalance(tables, m.communityId, m.userId),
    );
  }
  expect(invalidRecords(tables), where).toEqual([]);
}

async function run(t: TestBot, s: Step): Promise<void> {
  const group = t.group();
  const owner = group.as('owner');
  switch (s.op) {
    case 'order':
      await group.as(s.user).says(`/join #${s.deal} ${s.qty}${s.use ? ` use=${s.use}` : ''}`);
      return;
    case 'jielong':
      await group.as(s.user).says(`接龙 ${s.qty}`);
      return;
    case 'cancel':
      await group.as(s.user).says(`/cancel #${s.deal}`);
      return;
    case 'withdraw':
      await group.as(s.user).says('-1');
      return;
    case 'deal': {
      const opts = [`min=${s.min}`, `ends=${s.hours}h`];
      if (s.stock) opts.push(`stock=${s.stock}`);
      if (s.limit) opts.push(`limit=${s.limit}`);
      await owner.says(`/deal new "Deal" price=2.5 ${opts.join(' ')}`);
      return;
    }
    case 'close':
      await owner.says(`/deal close #${s.deal}`);
      return;
    case 'dealCancel':
      await owner.says(`/deal cancel #${s.deal}`);
      return;
    case 'edit':
      await owner.says(`/deal edit #${s.deal} stock=${s.stock}`);
      return;
    case 'time':
      await t.advance(`${s.hours}h`);
      return;
    case 'award':
    case 'deduct':
      await owner.says(`/${s.op} @${s.user} ${s.n}`);
      return;
    case 'paid':
      await owner.says(`/paid #${s.deal} @${s.user}`);
      return;
    case 'checkin':
      await group.as(s.user).says('/checkin');
      return;
    case 'join':
      await group.join(s.user);
      return;
    case 'leave':
      await group.leave(s.user);
      return;
    case 'forget':
      await group.as(s.user).says('/forget');
      if (s.confirm) await group.as(s.user).says('/forget confirm');
      return;
  }
}

describe('domain invariants over random event sequences', () => {
  it('hold after every step, and the store reloads to the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const t = await TestBot.create();
        let closed = false;
        try {
          const group = t.group();
          for (const u of USERS) await group.as(u).says('hi');
          await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=8 limit=4 ends=24h');
          await group.as('owner').says('/award @alice 200 seed');
          checkInvariants(t.store.tables, 'setup');
          for (const [i, s] of steps.entries()) {
            await run(t, s);
            checkInvariants(t.store.tables, `step ${i} ${JSON.stringify(s)}`);
          }
          const state = serializeState(t.store.tables);
          await t.bot.stop();
          closed = true;
          const reopened = await Store.open({ dir: t.dir, clock: t.clock });
          try {
            expect(serializeState(reopened.tables)).toBe(state);
            checkInvariants(reopened.tables, 'reload');
          } finally {
            await reopened.close();
          }
        } finally {
          if (!closed) await t.bot.stop();
          await rm(t.dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 50), seed: Number(process.env.PROPERTY_SEED ?? 8_2026) },
    );
  }, 60_000);
});
