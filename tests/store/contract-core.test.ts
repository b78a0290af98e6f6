import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { MessageEvent } from '../../src/core/events.js';
import { coreText } from '../../src/core/messages.js';
import type { BotStore } from '../../src/store/contract.js';
import { TestBot } from '../helpers/chat.js';
import { ENGINES, type FreshTarget, freshTarget, openEngine, refuseWrites } from '../helpers/stores.js';

/**
 * The store contract as the core relies on it, the same cases on every engine, through the real
 * bot (commands, services, outbox) on the store: a redelivered event changes nothing, a message
 * the bot owes is durable with the change that caused it, and stock is never oversold under a
 * burst. The store-level cases are contract-durability.test.ts.
 */

const DEAL = 'memory:main#1';
const SAVE_FAILED = coreText('en').saveFailed;

const order = (user: string, id: string, body = '+1'): MessageEvent => ({
  type: 'message',
  id,
  chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
  sender: { id: user, name: user, role: 'member' },
  text: body,
});

/** The platform is down: every send and edit fails with an error worth retrying later. */
function platformDown(t: TestBot): void {
  t.adapter.send = async () => {
    throw new DeliveryError('502 Bad Gateway', true);
  };
  t.adapter.edit = async () => {
    throw new DeliveryError('502 Bad Gateway', true);
  };
}

describe.each(ENGINES)('the store contract on %s: the core', (engine) => {
  let target: FreshTarget;
  const madeTargets: FreshTarget[] = [];
  const running: TestBot[] = [];
  const stores: BotStore[] = [];

  /** A bot on this test's store (its data dir, and for postgres its database). */
  const startBot = async (start = '2026-11-25T08:00:00Z') => {
    const t = await TestBot.create({
      dir: target.dir,
      store: engine,
      start,
      ...(target.url ? { databaseUrl: target.url } : {}),
    });
    running.push(t);
    return t;
  };
  /**
   * Stops the bot (its store closes) and opens the store alone: what a restart would read.
   * `sending: false`: the process stops without sending anything more (the platform is down).
   */
  const stopAndReopen = async (t: TestBot, { sending = true } = {}) => {
    running.splice(running.indexOf(t), 1);
    if (sending) await t.bot.stop();
    else {
      t.bot.outbox.close();
      await t.store.close();
    }
    const store = await openEngine(engine, target);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    target = await freshTarget(engine, `core-${engine}`, new ManualClock('2026-11-25T08:00:00Z'));
    madeTargets.push(target);
  });
  afterEach(async () => {
    for (const t of running.splice(0)) await t.bot.stop().catch(() => {});
    for (const store of stores.splice(0)) await store.close().catch(() => {});
    // Only targets that were made: a beforeEach that failed (no server) leaves none.
    for (const made of madeTargets.splice(0)) await made.dispose();
  });

  it('GIVEN an order delivered twice, and again after a restart THEN it is recorded once and answered once', async () => {
    let t = await startBot();
    await t.group().as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    const first = await t.capture(() => t.bot.handle(t.adapter, order('alice', 'order-1', '+2')));
    expect(first.length).toBeGreaterThan(0);
    expect(await t.capture(() => t.bot.handle(t.adapter, order('alice', 'order-1', '+2')))).toEqual([]);
    expect(t.store.tables.deals.get(DEAL)?.sold).toBe(2);

    await t.bot.stop();
    running.splice(running.indexOf(t), 1);
    t = await startBot(t.clock.now().toISOString());
    expect(await t.capture(() => t.bot.handle(t.adapter, order('alice', 'order-1', '+2')))).toEqual([]);
    const orders = [...t.store.tables.orders.values()].filter((o) => o.userId === 'alice');
    expect(orders.map((o) => o.qty)).toEqual([2]);
    expect(t.store.tables.deals.get(DEAL)?.sold).toBe(2);
  });

  it('GIVEN the platform is down WHEN an order is acknowledged THEN the card update it owes is durable beside it', async () => {
    const t = await startBot();
    await t.group().as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    expect([...t.store.tables.outbox.values()]).toEqual([]);
    platformDown(t);
    await t.bot.handle(t.adapter, order('alice', 'order-1', '+3'));
    const owed = [...t.store.tables.outbox.values()].filter((m) => m.key?.includes('deal:'));
    expect(owed).toHaveLength(1);

    // The process stops without sending: what it owed is in the store, next to the order.
    const store = await stopAndReopen(t, { sending: false });
    expect(store.tables.deals.get(DEAL)?.sold).toBe(3);
    expect([...store.tables.orders.values()].map((o) => `${o.userId}×${o.qty}`)).toEqual(['alice×3']);
    expect([...store.tables.outbox.values()].map((m) => m.id)).toEqual(owed.map((m) => m.id));
  });

  it('GIVEN the write of a new deal fails THEN the member is told it was not saved, and neither the deal nor its card is kept', async () => {
    const t = await startBot();
    const restore = await refuseWrites(engine, target, 'deals', 'Durians');
    const said = await t.group().as('owner').says('/deal new "Durians" price=30 min=2 stock=5');
    expect(said).toEqual([SAVE_FAILED]);
    expect(t.store.tables.deals.get(DEAL)).toBeUndefined();
    const mentions = (store: BotStore) =>
      [...store.tables.outbox.values()].filter((m) => JSON.stringify(m).includes('Durians'));
    expect(mentions(t.store)).toEqual([]);
    await restore();

    // The next attempt is saved as usual.
    await t.group().as('owner').says('/deal new "Durians" price=30 min=2 stock=5');
    expect(t.store.tables.deals.get(DEAL)?.title).toBe('Durians');
    const store = await stopAndReopen(t);
    expect([...store.tables.deals.values()].map((d) => d.title)).toEqual(['Durians']);
  });

  it('GIVEN 300 members ordering at once for a stock of 100 THEN exactly 100 are sold, also after a restart', async () => {
    const t = await startBot();
    await t.group().as('owner').says('/deal new "Flash eggs" price=12 min=10 stock=100 ends=2h');
    const writes = t.store.stats.writes;
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => t.bot.handle(t.adapter, order(`m${i}`, `burst-${i}`))),
    );
    await t.bot.idle();
    const sold = (store: BotStore) => {
      const active = [...store.tables.orders.values()].filter(
        (o) => o.dealId === DEAL && o.status === 'active',
      );
      return {
        sold: store.tables.deals.get(DEAL)?.sold,
        buyers: new Set(active.map((o) => o.userId)).size,
        units: active.reduce((sum, o) => sum + o.qty, 0),
      };
    };
    expect(sold(t.store)).toEqual({ sold: 100, buyers: 100, units: 100 });
    // The burst shares durable writes (group commit), far fewer than its 300 events.
    expect(t.store.stats.writes - writes).toBeLessThan(30);
    const store = await stopAndReopen(t);
    expect(sold(store)).toEqual({ sold: 100, buyers: 100, units: 100 });
  });
});
