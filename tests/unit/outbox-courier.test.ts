import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import type { Outgoing } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { Courier, type OutboxStats } from '../../src/core/outbox/courier.js';
import type { ChatQueue } from '../../src/core/outbox/types.js';
import { TestBot } from '../helpers/chat.js';

/**
 * What the courier remembers to pace a chat, and what it asks the adapter: bounded memory on a
 * platform with a gap but no per-minute budget, one cost question per message, and a gap that
 * holds across a restart (a data dir with communities had a process before this one). All on the
 * manual clock.
 */

const GROUP: ChatRef = { platform: 'memory', chatId: 'g', kind: 'group' };
const GAP_ONLY = { perChatPerMinute: 0, globalPerSecond: 0, minGapMs: 1_000 };
const text = (body: string): Outgoing => ({ kind: 'text', text: body });

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Moves the clock in steps of `step` ms, letting deliveries run between them. */
async function run(clock: ManualClock, ms: number, step = 100): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    clock.advance(step);
    await settle();
  }
}

/** A platform that counts how often it is asked what a message costs (WeChat renders it to answer). */
class CountedCost extends MemoryAdapter {
  asked = 0;
  cost(): number {
    this.asked++;
    return 1;
  }
}

function stats(): OutboxStats {
  return { sent: 0, edited: 0, retried: 0, dropped: 0, unreachable: 0, held: 0 };
}

/** A courier and one chat's queue holding `count` messages, as the outbox would hand them over. */
function chatWith(clock: ManualClock, adapter: MemoryAdapter, count: number) {
  const courier = new Courier(clock, silentLogger, stats(), undefined, {
    closed: () => false,
    relive: () => {},
    durable: () => Promise.resolve(),
    moved: () => {},
  });
  const queue: ChatQueue = {
    adapter,
    chat: GROUP,
    items: [],
    current: undefined,
    running: true,
    sentAt: [],
    live: new Map(),
  };
  const at = clock.now().getTime();
  for (let i = 0; i < count; i++)
    queue.items.push({ kind: 'send', out: text(`notice ${i}`), priority: 'notice', at });
  return { courier, queue };
}

describe('the courier', () => {
  it('GIVEN a platform with a minimum gap and no per-minute budget WHEN 300 messages go out THEN they are spaced and it remembers one send time, not 300', async () => {
    const clock = new ManualClock();
    const adapter = new MemoryAdapter('memory', { pacing: GAP_ONLY }, clock);
    const { courier, queue } = chatWith(clock, adapter, 300);
    const drained = courier.drain(queue);
    await run(clock, 301_000, 1_000);
    await drained;
    expect(adapter.actions).toHaveLength(300);
    const times = adapter.actions.map((a) => a.at!);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(queue.sentAt.length).toBeLessThanOrEqual(1);
  });

  it('asks the adapter what a message costs once, however long it waits for its slot', async () => {
    const clock = new ManualClock();
    const adapter = new CountedCost('memory', { pacing: GAP_ONLY }, clock);
    const { courier, queue } = chatWith(clock, adapter, 5);
    const drained = courier.drain(queue);
    // Small steps: each message waits for its slot through several wake-ups.
    await run(clock, 10_000, 100);
    await drained;
    expect(adapter.actions).toHaveLength(5);
    expect(adapter.asked).toBe(5);
  });
});

describe('the per-chat gap across a restart', () => {
  it('GIVEN the bot answered in a group just before it stopped WHEN it starts again at once THEN its first answer there keeps the gap', async () => {
    const before = await TestBot.create({ capabilities: { pacing: GAP_ONLY } });
    // A new data dir has no past: the first answer goes out at once.
    await before.group().as('alice').says('/whoami');
    const lastAt = before.adapter.actions.at(-1)!.at!;
    expect(lastAt).toBe(before.clock.now().getTime());
    await before.bot.stop();

    // The next process on the same data, 0.3 s later.
    const start = new Date(lastAt + 300).toISOString();
    const after = await TestBot.create({ dir: before.dir, start, capabilities: { pacing: GAP_ONLY } });
    try {
      await after.bot.handle(after.adapter, {
        type: 'message',
        id: 'again',
        chat: after.group().chat,
        sender: { id: 'alice', name: 'alice', role: 'member' },
        text: '/whoami',
      });
      await run(after.clock, 2_000);
      expect(after.adapter.actions).toHaveLength(1);
      const firstAt = after.adapter.actions[0]!.at!;
      expect(firstAt - lastAt).toBeGreaterThanOrEqual(1_000); // Telegram would have answered 429
      expect(firstAt - lastAt).toBeLessThanOrEqual(1_300); // no later than the gap from the start
    } finally {
      await after.close();
      await rm(before.dir, { recursive: true, force: true });
    }
  });
});
