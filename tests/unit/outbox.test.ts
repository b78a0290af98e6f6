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

  it('a reply mid-burst goes before waiting notices, within the reserve kept for it', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter(
      'memory',
      { pacing: { perChatPerMinute: 20, globalPerSecond: 0, minGapMs: 1_000 } },
      clock,
    );
    for (let i = 0; i < 30; i++) outbox.append(adapter, chat('g'), `notice:${i}`, `notice ${i}`, 'line');
    await runFor(clock, 20);
    outbox.send(adapter, chat('g'), { kind: 'text', text: '/orders answer' });
    const askedAt = clock.now().getTime();
    await runFor(clock, 3);
    const texts = adapter.actions.map((a) => (a.kind === 'send' && a.out.kind === 'text' ? a.out.text : ''));
    const answer = adapter.actions[texts.indexOf('/orders answer')];
    expect((answer?.at ?? Number.POSITIVE_INFINITY) - askedAt).toBeLessThanOrEqual(1_000);
    // Notices alone never spend the reply reserve: 15 of the minute's 20.
    expect(texts.filter((t) => t.startsWith('notice')).length).toBe(15);
    const times = adapter.actions.map((a) => a.at!);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
  });

  it('a private chat the platform refuses is not retried', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const adapter = new MemoryAdapter();
    adapter.unreachable.add('zoe');
    outbox.send(adapter, adapter.directChat('zoe'), { kind: 'text', text: 'your export' });
    await runFor(clock, 120);
    expect(adapter.actions).toEqual([]);
    expect(outbox.stats).toMatchObject({ sent: 0, retried: 0, unreachable: 1 });
  });
});
