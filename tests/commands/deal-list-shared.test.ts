import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';
import { linkGroups } from '../helpers/network.js';

/**
 * `/deals` (团购) of a shared deal (linked groups) shows the share's progress — buyers and units
 * sold across every group — not the group's own part, in the group and privately.
 */
describe('/deals of a shared deal', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    await t.group('main').as('owner').says('/deals');
    await t.group('b').as('owner').says('/deals');
    await linkGroups(t, ['memory:main', 'memory:b']);
    await t.group().as('owner').says('/deal new "Mangoes" price=39 min=3 stock=10 ends=48h groups=all');
    await t.group().as('alice').says('+4');
    await t.group('b').as('bob').says('+3');
    await t.group('b').as('carol').says('+2');
  });
  afterEach(async () => {
    await t.close();
  });

  it('in a group, the line counts the whole share', async () => {
    expect(await t.group().as('dave').reply('/deals')).toMatch(/#1 Mangoes — 3\/3 buyers · 9\/10 sold/);
    expect(await t.group('b').as('dave').reply('/deals')).toMatch(/#1 Mangoes — 3\/3 buyers · 9\/10 sold/);
  });

  it('privately too, in Chinese', async () => {
    for (const g of ['main', 'b']) await t.group(g).as('owner').says('/lang zh');
    const said = (await t.dm('alice').says('团购')).join('\n');
    expect(said).toMatch(/#1 Mangoes — 3\/3 人 · 已售 9\/10/);
  });
});
