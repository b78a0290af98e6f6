import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/**
 * What a bot remembers for a few minutes about a member (a /forget waiting for its confirm, the
 * 接龙 hint already given) belongs to that bot: two bots in one process (the test suite, the
 * benchmark) with the same group and member ids, on clocks at the same time, never share it.
 */
describe('short-lived memory is per bot', () => {
  const bots: TestBot[] = [];
  const twoBots = async () => {
    for (let i = 0; i < 2; i++) bots.push(await TestBot.create({ start: '2026-11-25T08:00:00Z' }));
    return bots.slice(-2) as [TestBot, TestBot];
  };
  afterEach(async () => {
    for (const t of bots.splice(0)) await t.close();
  });

  it('a /forget asked on one bot is not confirmed on another', async () => {
    const [first, second] = await twoBots();
    for (const t of [first, second]) await t.group().as('alice').says('hi');
    expect(await first.group().as('alice').reply('/forget')).toMatch(/Send \/forget confirm/);
    expect(await second.group().as('alice').reply('/forget confirm')).toMatch(/Send \/forget first/);
    expect(second.store.tables.members.get('memory:main/alice')?.name).toBe('alice');
  });

  it('the 接龙 hint given on one bot does not silence it on another', async () => {
    const [first, second] = await twoBots();
    for (const t of [first, second]) await t.group().as('owner').says('/deal new "Tea" price=5');
    expect(await first.group().as('bob').says('+几个')).toHaveLength(1);
    expect(await second.group().as('bob').says('+几个')).toHaveLength(1);
  });
});
