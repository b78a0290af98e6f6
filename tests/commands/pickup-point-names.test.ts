import { afterEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Pickup points whose names are several words, as English-speaking groups name them ("East
 * Gate", "West Gate"): a member writes the whole name in an order or as the answer the bot asked
 * for, a keeper writes it in `/arrived`; none of it is left behind as a note or refused as a count.
 */

const START = '2026-11-25T08:00:00Z';

describe('pickup points named in several words', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function gates(): Promise<{ t: TestBot; group: GroupChat }> {
    const t = await TestBot.create({ start: START });
    cleanup.push(() => t.close());
    const group = t.group();
    await group.as('owner').says('/pickup add "East Gate" times="Sat 10:00-12:00"');
    await group.as('owner').says('/pickup add "West Gate"');
    await group.as('owner').says('/deal new "Crabs" price=88 min=2 ends=48h options="L,S"');
    return { t, group };
  }
  const lines = (t: TestBot) =>
    [...t.store.tables.orders.values()].map((o) => ({
      user: o.userId,
      qty: o.qty,
      option: o.option,
      point: o.pointId && t.store.tables.pickupPoints.get(o.pointId)?.name,
      note: o.note,
    }));

  it('the answer "West Gate", as the question suggests, places the order there', async () => {
    const { t, group } = await gates();
    const asked = await group.as('erin').says('+1 S');
    expect(asked.join('\n')).toContain(
      'which pickup point? East Gate, West Gate — reply with one, e.g. East Gate',
    );
    await group.as('erin').says('West Gate');
    expect(lines(t)).toEqual([{ user: 'erin', qty: 1, option: 'S', point: 'West Gate', note: undefined }]);
  });

  it('an order naming the whole point keeps none of its name as the note', async () => {
    const { t, group } = await gates();
    await group.as('frank').says('+1 S East Gate');
    await group.as('bob').says('+2 L west gate see you sunday');
    await group.as('gina').says('/join #1 1 L East Gate');
    expect(lines(t)).toEqual([
      { user: 'frank', qty: 1, option: 'S', point: 'East Gate', note: undefined },
      { user: 'bob', qty: 2, option: 'L', point: 'West Gate', note: 'see you sunday' },
      { user: 'gina', qty: 1, option: 'L', point: 'East Gate', note: undefined },
    ]);
  });

  it('/arrived #1 West Gate S=1 records the arrival at West Gate', async () => {
    const { group } = await gates();
    await group.as('bob').says('+1 S West');
    await group.as('carol').says('+1 S East');
    await group.as('owner').says('/deal close #1');
    const out = await group.as('owner').says('/arrived #1 West Gate S=1');
    expect(out[0]).toBe(
      '📦 #1 Crabs has arrived at West Gate.\nArrived of ordered: S 1/1.\nEach buyer got their pickup code privately (also in /myorders).',
    );
  });
});
