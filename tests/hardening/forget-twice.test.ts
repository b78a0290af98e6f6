import { describe, expect, it } from 'vitest';
import { ledgerBalance } from '../../src/services/points.js';
import { TestBot } from '../helpers/chat.js';

/**
 * Found by the invariants property test: a member who /forgets, comes back under the same
 * platform id and /forgets again got the same pseudonym both times, so the second forget wrote
 * over the first one's anonymised records (member, orders, activity, ledger keys).
 */
describe('/forget twice by the same platform id', () => {
  it('keeps both lives apart: no order, point or balance of the first is overwritten', async () => {
    const t = await TestBot.create();
    try {
      const group = t.group();
      await group.as('owner').says('/deal new "Mangoes" price=10 min=1 stock=10');
      await group.as('alice').says('+2');
      await group.as('owner').says('/award @alice 50 first life');
      await group.as('alice').says('/forget');
      await group.as('alice').says('/forget confirm');

      await group.as('alice').says('+1');
      await group.as('owner').says('/award @alice 10 second life');
      await group.as('alice').says('/forget');
      await group.as('alice').says('/forget confirm');

      const tables = t.store.tables;
      const deal = tables.deals.get('memory:main#1')!;
      const active = tables.orders.by('deal', deal.id).filter((o) => o.status === 'active');
      expect(active.map((o) => o.qty).sort()).toEqual([1, 2]);
      expect(deal.sold).toBe(3);
      expect(new Set(active.map((o) => o.userId)).size).toBe(2);
      const anons = [...tables.members.values()].filter((m) => m.userId.startsWith('anon-'));
      expect(anons.map((m) => m.points).sort((a, b) => a - b)).toEqual([10, 50]);
      for (const m of tables.members.values())
        expect(m.points).toBe(ledgerBalance(tables, m.communityId, m.userId));
      expect([...tables.members.values()].some((m) => m.userId === 'alice')).toBe(false);
    } finally {
      await t.close();
    }
  });
});
