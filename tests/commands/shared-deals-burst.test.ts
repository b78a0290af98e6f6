import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/core/events.js';
import { describe as describeAction, type TestBot } from '../helpers/chat.js';
import { linkedPair } from '../helpers/network.js';

const order = (group: string, user: string, i: number): MessageEvent => ({
  type: 'message',
  id: `burst-${group}-${i}`,
  chat: { platform: 'memory', chatId: group, kind: 'group', title: group },
  sender: { id: user, name: user, role: 'member' },
  text: '+1',
});

describe('a burst on a shared deal across two linked groups', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await linkedPair();
  });
  afterEach(async () => {
    await t.close();
  });

  it('stock=10, 40 members of two groups ordering at once: exactly 10 sold in all, and both cards agree', async () => {
    await t.group().as('owner').says('/deal new "Flash mangoes" price=9.9 min=5 stock=10 ends=2h groups=all');
    const events = Array.from({ length: 40 }, (_, i) => order(i % 2 ? 'b' : 'main', `m${i}`, i));
    await Promise.all(events.map((e) => t.bot.handle(t.adapter, e)));
    await t.bot.idle();

    const a = t.store.tables.deals.get('memory:main#1')!;
    const b = t.store.tables.deals.get('memory:b#1')!;
    expect(a.sold + b.sold).toBe(10);
    const active = [...t.store.tables.orders.values()].filter((o) => o.status === 'active');
    expect(active.reduce((n, o) => n + o.qty, 0)).toBe(10);
    // 10 buyers ≥ 5: both groups formed together.
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    const last = (chat: string) =>
      t.adapter.actions
        .filter((x) => x.chat.chatId === chat)
        .map(describeAction)
        .filter((s) => s.includes('🛒'))
        .at(-1);
    expect(last('main')).toContain('10 sold in all · 0 left');
    expect(last('b')).toContain('10 sold in all · 0 left');

    // On disk too: what a restart reads.
    await t.bot.stop();
    const reopened = await t.openStoreAgain();
    const sold = ['memory:main#1', 'memory:b#1'].reduce(
      (n, id) => n + reopened.tables.deals.get(id)!.sold,
      0,
    );
    expect(sold).toBe(10);
    await reopened.close();
  });
});
