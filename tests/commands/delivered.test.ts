import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * `/delivered #3 @member` (已提货): goods handed over without a pickup code are recorded like a
 * code checked at the point: who handed them over, in /audit, and a later check of the code says so.
 */

describe('GIVEN a closed deal with alice paid and bob still owing', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group().admin('wang');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    await group.as('alice').says('+2');
    await group.as('bob').says('+1');
    await group.as('owner').says('/paid #1 @alice');
    await t.advance('24h');
  });
  afterEach(async () => {
    await t.close();
  });

  it('/delivered records who handed it over, and /audit lists it (with what was still owed)', async () => {
    expect(await group.as('wang').reply('/delivered #1 @alice')).toBe(
      "alice's order in #1 is marked delivered.",
    );
    expect(t.store.tables.orders.get('memory:main#1/alice')?.deliveredBy).toBe('wang');
    await group.as('wang').says('/delivered #1 @bob');
    const audit = await group.as('owner').reply('/audit');
    expect(audit).toContain('#1 ×2 picked up · alice — by wang');
    expect(audit).toContain('#1 ×1 handed over unpaid (¥10.00 owed) · bob — by wang');
    expect(await group.as('wang').reply('/delivered #1 @alice')).toBe(
      "alice's order in #1 was already delivered.",
    );
  });
});
