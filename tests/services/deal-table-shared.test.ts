import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dealRow } from '../../src/services/deal-table.js';
import type { TestBot } from '../helpers/chat.js';
import { linkedPair } from '../helpers/network.js';

describe('the dashboard row of a deal shared by linked groups', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await linkedPair();
  });
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN most of the stock bought in one group THEN the other group’s row shows the share’s progress, as its card does', async () => {
    await t.group('main').as('owner').says('/deal new "Mangoes" price=39 min=3 stock=10 ends=48h groups=all');
    await t.group('main').as('alice').says('+6');
    await t.group('main').as('carol').says('+2');
    await t.group('b').as('bob').says('+2');
    const row = dealRow(t.store.tables, t.store.tables.deals.get('memory:b#1')!, t.clock.now());
    // b alone: 1 buyer, 2 sold, 8 left; the share: 3 buyers (formed), 10 sold, sold out.
    expect([row.buyers, row.missing, row.sold, row.left, row.soldOut]).toEqual([3, 0, 10, 0, true]);
    expect(row.lines).toBe(1);
  });
});
