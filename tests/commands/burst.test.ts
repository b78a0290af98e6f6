import { describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/core/events.js';
import { TestBot, describe as text } from '../helpers/chat.js';

const order = (user: string, body: string, i: number): MessageEvent => ({
  type: 'message',
  id: `burst-${i}`,
  chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
  sender: { id: user, name: user, role: 'member' },
  text: body,
});

/** Lets promise chains and setImmediate-scheduled store flushes run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a flash-deal burst', () => {
  it('2,000 orders from 1,000 members on stock 500: exactly 500 sold, every member answered, all on disk', async () => {
    const t = await TestBot.create();
    await t.group().as('owner').says('/deal new "Flash mangoes" price=9.9 min=10 stock=500 ends=2h');
    const members = Array.from({ length: 1000 }, (_, i) => `m${i}`);
    const events = members.flatMap((m, i) => [order(m, '+1', 2 * i), order(m, '+1', 2 * i + 1)]);
    const before = t.adapter.actions.length;
    await Promise.all(events.map((e) => t.bot.handle(t.adapter, e)));
    await t.bot.idle();

    const deal = t.store.tables.deals.get('memory:main#1')!;
    expect(deal.sold).toBe(500);
    expect(deal.buyers).toBe(500);
    const active = [...t.store.tables.orders.values()].filter((o) => o.status === 'active');
    expect(active.reduce((sum, o) => sum + o.qty, 0)).toBe(500);

    // Every member is answered: 👌 on an order that was taken, or a line in the batched notice.
    const said = t.adapter.actions.slice(before).map(text).join('\n');
    const reacted = new Set(t.adapter.reactions.map((r) => r.messageId));
    const taken = members.filter(
      (_, i) => reacted.has(`burst-${2 * i}`) || reacted.has(`burst-${2 * i + 1}`),
    );
    expect(taken).toHaveLength(500);
    for (const m of members.filter((m) => !taken.includes(m))) expect(said).toContain(`✗ ${m}: sold out`);
    // No message exists only to acknowledge: the group got a card edit and the sold-out notices.
    expect(said).not.toMatch(/✓ m\d+/);

    // Every acknowledged order is on disk: reopen the data dir and count again.
    await t.bot.stop();
    const reopened = await t.openStoreAgain();
    expect(reopened.tables.deals.get('memory:main#1')?.sold).toBe(500);
    await reopened.close();
  });

  it('1,000 orders become a handful of group messages, within the outbox pacing (20 per minute per chat)', async () => {
    const t = await TestBot.create({
      capabilities: { pacing: { perChatPerMinute: 20, globalPerSecond: 30, liveEditMs: 3_000 } },
    });
    await t.group().as('owner').says('/deal new "Flash eggs" price=12 min=50 stock=2000 ends=2h');
    const start = t.adapter.actions.length;
    const members = Array.from({ length: 1000 }, (_, i) => `u${i}`);
    await Promise.all(members.map((m, i) => t.bot.handle(t.adapter, order(m, `+${(i % 3) + 1}`, i))));
    // Let paced messages go out as time passes, one simulated second at a time.
    for (
      let second = 0;
      second < 600 && t.bot.outbox.stats.sent + t.bot.outbox.stats.edited < 1e6;
      second++
    ) {
      t.clock.advance(1_000);
      for (let i = 0; i < 5; i++) await settle();
    }
    await t.bot.outbox.flush();
    const actions = t.adapter.actions.slice(start);

    // zero per-order spam: far fewer messages than orders
    expect(actions.length).toBeLessThanOrEqual(20);
    // never more than 20 in any 60-second window
    const times = actions.map((a) => a.at!);
    for (const at of times)
      expect(times.filter((x) => x >= at && x < at + 60_000).length).toBeLessThanOrEqual(20);
    // Reactions are paced too (half of the 30 calls a second overall), each message at most once;
    // the ones a burst this size cannot reach within 30 s are dropped: the card shows every order.
    const reactedAt = t.adapter.reactions.map((r) => r.at!);
    expect(new Set(t.adapter.reactions.map((r) => r.messageId)).size).toBe(t.adapter.reactions.length);
    expect(t.adapter.reactions.length).toBeGreaterThan(400);
    for (const at of reactedAt)
      expect(reactedAt.filter((x) => x >= at && x < at + 1_000).length).toBeLessThanOrEqual(15);
    const deal = t.store.tables.deals.get('memory:main#1')!;
    expect(deal.buyers).toBe(1000);
    const lastEdit = actions.filter((a) => a.kind === 'edit').at(-1);
    expect(lastEdit && text(lastEdit)).toContain(`${deal.buyers}/50 buyers · ${deal.sold}/2000 sold`);
    expect(t.bot.outbox.stats.dropped).toBe(0);
    await t.close();
  });
});

describe('where the platform cannot edit messages (WeChat)', () => {
  it('the roster is reposted, at most once a minute, always with the latest lines', async () => {
    const t = await TestBot.create({
      capabilities: {
        editMessages: false,
        pacing: { perChatPerMinute: 0, globalPerSecond: 0, liveRepostMs: 60_000 },
      },
    });
    const group = t.group();
    await group.as('owner').says('/deal new "Lychee" price=20 min=3');
    const start = t.adapter.actions.length;
    for (const name of ['a1', 'a2', 'a3', 'a4']) await group.as(name).says('+1');
    const rosterPosts = () =>
      t.adapter.actions.slice(start).filter((a) => text(a).startsWith('🛒 #1 Lychee'));
    // the card went out when the deal opened; the next repost waits for the minute to pass
    expect(rosterPosts()).toHaveLength(0);
    expect(t.adapter.actions.some((a) => a.kind === 'edit')).toBe(false);
    await t.advance('61s');
    await t.bot.idle();
    expect(rosterPosts()).toHaveLength(1);
    expect(text(rosterPosts()[0]!)).toMatch(/1\. a1 ×1\n2\. a2 ×1\n3\. a3 ×1\n4\. a4 ×1/);
    await t.advance('2m');
    expect(rosterPosts()).toHaveLength(1); // nothing changed: no repost
    await t.close();
  });
});
