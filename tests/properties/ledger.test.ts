import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerBalance } from '../../src/services/points.js';
import { TestBot } from '../helpers/chat.js';

const USERS = ['alice', 'bob', 'carol'];

const step = fc.oneof(
  fc.record({
    op: fc.constant('award'),
    user: fc.constantFrom(...USERS),
    n: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    op: fc.constant('deduct'),
    user: fc.constantFrom(...USERS),
    n: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    op: fc.constant('order'),
    user: fc.constantFrom(...USERS),
    qty: fc.integer({ min: 1, max: 4 }),
    use: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('cancel'), user: fc.constantFrom(...USERS) }),
  fc.record({ op: fc.constant('checkin'), user: fc.constantFrom(...USERS) }),
  fc.record({ op: fc.constant('redeliver') }),
  fc.record({ op: fc.constant('day') }),
  fc.record({ op: fc.constant('close') }),
);

describe('ledger invariants over random sequences', () => {
  it('balance = sum of entries, never negative, no double pay on redelivery, no oversell', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const t = await TestBot.create();
        try {
          const group = t.group();
          for (const user of USERS) await group.as(user).says('hi');
          await group.as('owner').says('/deal new "Mangoes" price=2.5 min=2 stock=6');
          let last: { user: string; text: string; id: string } | undefined;
          let n = 0;
          for (const s of steps) {
            const id = `p${n++}`;
            let said: { user: string; text: string } | undefined;
            if (s.op === 'award' || s.op === 'deduct')
              said = { user: 'owner', text: `/${s.op} @${s.user} ${s.n}` };
            if (s.op === 'order')
              said = { user: s.user, text: `/join #1 ${s.qty}${s.use !== undefined ? ` use=${s.use}` : ''}` };
            if (s.op === 'cancel') said = { user: s.user, text: '-1' };
            if (s.op === 'checkin') said = { user: s.user, text: '/checkin' };
            if (s.op === 'close') said = { user: 'owner', text: '/deal close #1' };
            if (s.op === 'day') await t.advance('1d');
            if (s.op === 'redeliver' && last) await group.as(last.user).says(last.text, { id: last.id });
            if (said) {
              await group.as(said.user).says(said.text, { id });
              last = { ...said, id };
            }
            for (const user of USERS) {
              const member = t.store.tables.members.get(`memory:main/${user}`)!;
              expect(member.points).toBeGreaterThanOrEqual(0);
              expect(member.points).toBe(ledgerBalance(t.store.tables, 'memory:main', user));
            }
            const deal = t.store.tables.deals.get('memory:main#1')!;
            const active = [...t.store.tables.orders.values()].filter((o) => o.status === 'active');
            expect(deal.sold).toBeLessThanOrEqual(6);
            expect(deal.sold).toBe(active.reduce((sum, o) => sum + o.qty, 0));
            for (const o of active) expect(o.discountCents * 2).toBeLessThanOrEqual(o.qty * o.unitPriceCents);
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
