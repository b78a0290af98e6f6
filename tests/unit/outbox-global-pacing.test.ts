import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import type { Outgoing } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { silentLogger } from '../../src/core/logger.js';
import { Outbox } from '../../src/core/outbox.js';

/**
 * The bot-wide limit (Telegram: about 30 messages a second in all) with many groups at once, on a
 * platform that takes time to answer, as a real one does: every chat's queue must not find the
 * second's window open while the first sends are still on their way (found by the 2,000-group
 * failover benchmark: tens of thousands of 429s).
 */

const chat = (id: string): ChatRef => ({ platform: 'memory', chatId: id, kind: 'group' });
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A platform whose every send is answered 300 ms later (the clock's time). */
class SlowPlatform extends MemoryAdapter {
  readonly startedAt: number[] = [];
  constructor(private readonly time: ManualClock) {
    super('memory', { pacing: { perChatPerMinute: 20, globalPerSecond: 30, minGapMs: 1_000 } }, time);
  }
  override async send(to: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    this.startedAt.push(this.time.now().getTime());
    await new Promise<void>((resolve) => this.time.setTimer(resolve, 300));
    return super.send(to, out);
  }
}

describe('the bot-wide send limit across many groups', () => {
  it('GIVEN 100 groups each owed a message THEN no second starts more than 30 sends', async () => {
    const clock = new ManualClock();
    const outbox = new Outbox(clock, silentLogger);
    const platform = new SlowPlatform(clock);
    for (let g = 0; g < 100; g++) outbox.send(platform, chat(`g${g}`), { kind: 'text', text: `deal ${g}` });
    for (let t = 0; t < 100; t++) {
      clock.advance(100);
      await settle();
    }
    expect(platform.startedAt).toHaveLength(100);
    for (const start of platform.startedAt) {
      const inSecond = platform.startedAt.filter((at) => at >= start && at < start + 1_000).length;
      expect(inSecond).toBeLessThanOrEqual(30);
    }
  });
});
