import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describe as describeAction, type TestBot } from '../helpers/chat.js';
import { linkedPair } from '../helpers/network.js';

describe('a bare +1 in a group where a shared deal sold out in another group', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await linkedPair();
  });
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN the share sold out in main and b has a deal of its own THEN +1 in b goes to that deal, not a question', async () => {
    await t.group('main').as('owner').says('/deal new "Mangoes" price=39 stock=5 ends=48h groups=all');
    await t.group('b').as('owner').says('/deal new "Eggs" price=12 ends=48h');
    await t.group('main').as('alice').says('+5');
    // In b the shared deal's own counters say 0 of 5 sold; the share has none left.
    await t.group('b').as('bob').says('+1');
    const eggs = t.store.tables.orders.by('deal', 'memory:b#2');
    expect(eggs.map((o) => [o.userId, o.qty])).toEqual([['bob', 1]]);
    expect(t.store.tables.orders.by('deal', 'memory:b#1')).toEqual([]);
  });
});

describe('the deadline of a shared deal, as each group hears it', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await linkedPair();
  });
  afterEach(async () => {
    await t.close();
  });

  const saidIn = (chatId: string, from: number) =>
    t.adapter.actions
      .slice(from)
      .filter((a) => a.chat.chatId === chatId)
      .map(describeAction)
      .join('\n');

  it('GIVEN 2 buyers in main and 1 in b of min 4 THEN the reminder tells each group the share needs 1 more', async () => {
    await t.group('main').as('owner').says('/deal new "Mangoes" price=39 min=4 ends=48h groups=all');
    await t.group('main').as('alice').says('+1');
    await t.group('main').as('carol').says('+1');
    await t.group('b').as('bob').says('+1');
    const from = t.adapter.actions.length;
    await t.advance('47h30m');
    expect(saidIn('main', from)).toContain('1 more buyer to 成团');
    expect(saidIn('b', from)).toContain('1 more buyer to 成团');
  });

  it('GIVEN the share formed THEN each group’s closing line gives its own figures and the share’s', async () => {
    await t.group('main').as('owner').says('/deal new "Mangoes" price=39 min=3 ends=48h groups=all');
    await t.group('main').as('alice').says('+2');
    await t.group('main').as('carol').says('+1');
    await t.group('b').as('bob').says('+1');
    const from = t.adapter.actions.length;
    await t.advance('49h');
    expect(saidIn('b', from)).toContain(
      '✅ #1 Mangoes closed: 成团 with 1 buyer, 1 unit, total ¥39.00. In all 2 linked groups: 3 buyers, 4 units.',
    );
    expect(saidIn('main', from)).toContain(
      '成团 with 2 buyers, 3 units, total ¥117.00. In all 2 linked groups: 3 buyers, 4 units.',
    );
  });
});
