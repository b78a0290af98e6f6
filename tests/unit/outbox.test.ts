import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import { DeliveryError, RateLimitedError } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { Outbox } from '../../src/core/outbox.js';

const chat = (id: string): ChatRef => ({ platform: 'memory', chatId: id, kind: 'group' });
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function runFor(clock: ManualClock, seconds: number): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    clock.advance(1_000);
    await settle();
  }
}

describe('outbox', () => {
  it('a platform outage of several minutes is waited out: the message arrives, nothing is dropped', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter();
    adapter.failNext = Array.from({ length: 15 }, () => new DeliveryError('502 Bad Gateway', true));
    outbox.send(adapter, chat('a'), { kind: 'text', text: 'order confirmed' });
    await runFor(clock, 600);
    expect(adapter.actions.map((a) => a.kind === 'send' && a.out.kind === 'text' && a.out.text)).toEqual([
      'order confirmed',
    ]);
    expect(outbox.stats).toMatchObject({ sent: 1, dropped: 0, retried: 15 });
  });

  it('waits as a rate limit says, in that chat only', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter();
    adapter.failNext = [new RateLimitedError(30_000)];
    outbox.send(adapter, chat('slow'), { kind: 'text', text: 'first' });
    await settle();
    outbox.send(adapter, chat('other'), { kind: 'text', text: 'second' });
    await settle();
    expect(adapter.actions.map((a) => a.chat.chatId)).toEqual(['other']);
    await runFor(clock, 29);
    expect(adapter.actions).toHaveLength(1);
    await runFor(clock, 2);
    expect(adapter.actions.map((a) => a.chat.chatId)).toEqual(['other', 'slow']);
  });

  it('a refusal that will not change (no rights) drops the message and moves on', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter();
    adapter.failNext = [new DeliveryError('403 Forbidden', false)];
    outbox.send(adapter, chat('a'), { kind: 'text', text: 'lost' });
    outbox.send(adapter, chat('a'), { kind: 'text', text: 'next' });
    await outbox.idle();
    expect(outbox.stats).toMatchObject({ sent: 1, dropped: 1 });
  });

  it('shutdown does not hang on a platform that is down', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter();
    adapter.failNext = Array.from({ length: 100 }, () => new DeliveryError('timeout', true));
    outbox.send(adapter, chat('a'), { kind: 'text', text: 'stuck' });
    const flushed = outbox.flush(10_000);
    await runFor(clock, 11);
    await expect(flushed).resolves.toBeUndefined();
  });
});
