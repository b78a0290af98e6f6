import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import { ChatMovedError } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { Outbox } from '../../src/core/outbox.js';
import { Store } from '../../src/store/store.js';

/** The outbox's side of a chat that moved to a new id: nothing more to the old id, nothing lost. */

const OLD: ChatRef = { platform: 'memory', chatId: 'old', kind: 'group' };
const NEW: ChatRef = { platform: 'memory', chatId: 'new', kind: 'group' };
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};
const text = (out: string) => ({ kind: 'text' as const, text: out });

function sentTo(adapter: MemoryAdapter): string[] {
  return adapter.actions.map(
    (a) => `${a.chat.chatId}: ${a.kind === 'send' && a.out.kind === 'text' ? a.out.text : a.kind}`,
  );
}

describe('outbox: a chat that moved', () => {
  it('GIVEN the chat was found moved WHEN messages are queued for it THEN none goes out until the move, then all go to the new chat in order', async () => {
    const outbox = new Outbox(new ManualClock(), silentLogger);
    const adapter = new MemoryAdapter();
    outbox.holdChat(adapter, OLD);
    outbox.send(adapter, OLD, text('one'));
    outbox.send(adapter, OLD, text('two'));
    await settle();
    expect(adapter.actions).toEqual([]);
    outbox.moveChat(adapter, OLD, NEW, []);
    outbox.send(adapter, OLD, text('three')); // said for the old id after the move
    await outbox.idle();
    expect(sentTo(adapter)).toEqual(['new: one', 'new: two', 'new: three']);
  });

  it('GIVEN the platform refuses a message as moved THEN it is neither dropped nor sent to the old id again; it goes to the new chat once the move comes', async () => {
    const outbox = new Outbox(new ManualClock(), silentLogger);
    const adapter = new MemoryAdapter();
    adapter.failNext = [new ChatMovedError('group chat was upgraded to a supergroup chat', 'new')];
    outbox.send(adapter, OLD, text('refused'));
    outbox.send(adapter, OLD, text('waiting'));
    await settle();
    expect(adapter.actions).toEqual([]);
    expect(outbox.stats).toMatchObject({ sent: 0, dropped: 0 });
    outbox.moveChat(adapter, OLD, NEW, []);
    await outbox.idle();
    expect(sentTo(adapter)).toEqual(['new: refused', 'new: waiting']);
    // A second move of the same chat (the platform's second signal) changes nothing.
    outbox.moveChat(adapter, OLD, NEW, []);
    await outbox.idle();
    expect(adapter.actions).toHaveLength(2);
  });

  it('GIVEN the bot was removed from a group THEN what was queued there is dropped, and other chats go on', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter('memory', {
      pacing: { perChatPerMinute: 0, globalPerSecond: 0, minGapMs: 1_000 },
    });
    outbox.send(adapter, OLD, text('first'));
    outbox.send(adapter, OLD, text('never'));
    outbox.send(adapter, NEW, text('elsewhere'));
    await settle();
    outbox.dropChat(adapter, OLD);
    clock.advance(5_000);
    await outbox.idle();
    expect(sentTo(adapter)).toEqual(['old: first', 'new: elsewhere']);
  });

  it('GIVEN a group the bot was removed from WHEN the bot starts again THEN what was owed there is dropped, not sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-removed-'));
    const clock = new ManualClock('2026-11-25T08:00:00Z');
    const store = await Store.open({ dir, clock });
    try {
      const at = clock.now().toISOString();
      const group = { platform: 'memory', chatId: 'old', kind: 'group' as const };
      store.transact((tx) => {
        tx.put('communities', {
          id: 'memory:old',
          platform: 'memory',
          chatId: 'old',
          title: 'Veggies',
          locale: 'en',
          timezone: 'UTC',
          createdAt: at,
          settings: {},
          removedAt: at,
        });
        tx.put('outbox', {
          id: 'owed',
          communityId: 'memory:old',
          chat: group,
          kind: 'send',
          priority: 'reply',
          out: text('late'),
          createdAt: at,
        });
        tx.put('outbox', {
          id: 'live|memory|old|deal:memory:old#1',
          communityId: 'memory:old',
          chat: group,
          kind: 'live',
          priority: 'card',
          key: 'deal:memory:old#1',
          text: 'card',
          createdAt: at,
        });
      });
      await store.flushed();
      const outbox = new Outbox(clock, silentLogger, store);
      const adapter = new MemoryAdapter();
      outbox.resume([adapter]);
      await outbox.idle();
      await store.flushed();
      expect(adapter.actions).toEqual([]);
      expect(store.tables.outbox.size).toBe(0);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
