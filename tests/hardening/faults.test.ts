import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from '../../adapters/memory/index.js';
import { DeliveryError, type Outgoing, RateLimitedError } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';
import { Store } from '../../src/store/store.js';
import { DiscordHarness, waitFor as waitForDiscord } from '../adapters/discord/harness.js';
import { ALICE, BOB, GROUP, OTHER_GROUP, textMessage, updates } from '../adapters/telegram/fixtures.js';
import { startHarness, waitFor } from '../adapters/telegram/harness.js';
import { botOnStore } from '../helpers/bot.js';
import { scratchDir } from './world.js';

/**
 * Platform faults: 429 storms, 5xx, timeouts and dropped connections. The outbox waits as told
 * on a 429 (not counted as a failed attempt), retries other retryable failures with backoff, keeps
 * serving other chats meanwhile, and loses no outgoing message (within its retry budget of six
 * attempts per message for failures other than 429).
 */

/** A memory platform whose sends to one chat fail with the errors queued for that chat. */
class FlakyPlatform extends MemoryAdapter {
  readonly failures = new Map<string, Error[]>();

  override async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    const error = this.failures.get(chat.chatId)?.shift();
    if (error) throw error;
    return super.send(chat, out);
  }
}

async function memoryBot(adapter: MemoryAdapter, clock: ManualClock) {
  const dir = await scratchDir('faults');
  const store = await Store.open({ dir, clock });
  const bot = botOnStore(store, clock, dir);
  await bot.start([adapter]);
  bot.scheduler.stop();
  return bot;
}

/** Moves the manual clock in small steps, letting promises run, until cond holds. */
async function runClock(clock: ManualClock, cond: () => boolean, what: string, stepMs = 100): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (cond()) return;
    clock.advance(stepMs);
    for (let j = 0; j < 3; j++) await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what}`);
}

const group = (chatId: string): ChatRef => ({ platform: 'memory', chatId, kind: 'group', title: chatId });

function message(chat: ChatRef, user: string, text: string, id: string) {
  return {
    type: 'message' as const,
    id,
    chat,
    sender: { id: user, name: user, role: 'member' as const },
    text,
  };
}

describe('platform faults at the outbox (memory platform, manual clock)', () => {
  it('a storm of 429s, 5xx, timeouts and dropped connections: every reply arrives once, in order, after backing off', async () => {
    const clock = new ManualClock();
    const adapter = new MemoryAdapter('memory', {}, clock);
    const bot = await memoryBot(adapter, clock);
    const chat = group('storm');
    const start = clock.now().getTime();
    adapter.failNext = [
      ...Array.from({ length: 8 }, () => new RateLimitedError(3_000)),
      new DeliveryError('502 Bad Gateway', true),
      new DeliveryError('ETIMEDOUT: request timed out', true),
      new RateLimitedError(10_000),
      new DeliveryError('ECONNRESET: socket hang up', true),
      new DeliveryError('503 Service Unavailable', true),
    ];
    for (let i = 0; i < 5; i++) await bot.handle(adapter, message(chat, `user${i}`, '/whoami', `m${i}`));
    const texts = () =>
      adapter.actions.flatMap((a) => (a.kind === 'send' && a.out.kind === 'text' ? [a.out.text] : []));
    await runClock(clock, () => texts().length === 5, 'five replies');
    expect(texts().map((t) => t.split('\n')[0])).toEqual([0, 1, 2, 3, 4].map((i) => `user${i} in storm`));
    expect(adapter.failNext).toEqual([]);
    expect(bot.outbox.stats).toMatchObject({ sent: 5, dropped: 0, retried: 13 });
    // 8 × 3 s + 10 s told by the 429s, and backoff 0.5 + 1 s, then 0.5 + 1 s for the next message.
    const firstAt = adapter.actions[0]!.at! - start;
    expect(firstAt).toBeGreaterThanOrEqual(8 * 3_000 + 500 + 1_000 + 10_000);
    await bot.stop();
  });

  it('a 429 storm in one chat does not hold up another chat; both lose nothing', async () => {
    const clock = new ManualClock();
    const adapter = new FlakyPlatform('memory', {}, clock);
    const bot = await memoryBot(adapter, clock);
    const stormy = group('stormy');
    const calm = group('calm');
    adapter.failures.set('stormy', [
      ...Array.from({ length: 6 }, () => new RateLimitedError(20_000)),
      new DeliveryError('502 Bad Gateway', true),
    ]);
    const start = clock.now().getTime();
    await bot.handle(adapter, message(stormy, 'alice', '/whoami', 's1'));
    await bot.handle(adapter, message(stormy, 'bob', '/whoami', 's2'));
    const sentTo = (chatId: string) =>
      adapter.actions.filter((a) => a.kind === 'send' && a.chat.chatId === chatId);
    // While the stormy chat waits out two minutes of 429s, the calm one is answered at once.
    for (let i = 0; i < 4; i++) {
      clock.advance(15_000);
      await bot.handle(adapter, message(calm, `carol${i}`, '/whoami', `c${i}`));
      await runClock(clock, () => sentTo('calm').length === i + 1, `calm reply ${i}`, 10);
      expect(sentTo('calm')[i]!.at! - clock.now().getTime()).toBeGreaterThan(-100);
    }
    expect(sentTo('stormy')).toHaveLength(0);
    await runClock(clock, () => sentTo('stormy').length === 2, 'the stormy replies');
    expect(sentTo('stormy')[0]!.at! - start).toBeGreaterThanOrEqual(6 * 20_000 + 500);
    expect(bot.outbox.stats.dropped).toBe(0);
    await bot.stop();
  });
});

describe('platform faults against the fake platforms', () => {
  it('Telegram: 429, 502 and a dropped connection on sendMessage; the other group is served meanwhile; nothing lost', async () => {
    const h = await startHarness();
    try {
      let drop = 0;
      const api = h.api as unknown as { serve(req: IncomingMessage, res: ServerResponse): Promise<void> };
      const serve = api.serve.bind(h.api);
      // A dropped connection: the socket closes before any answer, as a flaky network does.
      api.serve = async (req, res) => {
        if (drop > 0 && req.url?.endsWith('/sendMessage')) {
          drop--;
          req.socket.destroy();
          return;
        }
        return serve(req, res);
      };
      const sentTo = (chat: number) =>
        h.api
          .callsOf('sendMessage')
          .filter((c) => String(c.params.chat_id) === String(chat))
          .map((c) => String(c.params.text));
      h.api.rateLimitNext('sendMessage', 1, 2);
      h.api.push(updates.message(textMessage(ALICE, '/whoami')));
      // The clock stands still (waitFor without it) until the retries: retry_after is 2 s of it.
      await waitFor(() => sentTo(GROUP.id).length === 1, 'the rate-limited send');
      h.api.push(updates.message(textMessage(BOB, '/whoami', { chat: OTHER_GROUP })));
      const other = await waitFor(() => sentTo(OTHER_GROUP.id)[0], 'the other group served meanwhile');
      expect(other).toContain('Bob in Fruit Club');
      expect(sentTo(GROUP.id)).toHaveLength(1); // still waiting out retry_after
      h.api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
      drop = 1;
      // The outbox waits out retry_after and its backoff on the harness's clock: move it.
      await h.until(() => sentTo(GROUP.id).length === 3, 'the retries');
      await h.settle();
      const delivered = sentTo(GROUP.id);
      expect(delivered[2]).toContain('Alice Wang in Veggie Buyers');
      expect(drop).toBe(0);
      expect(h.bot.outbox.stats).toMatchObject({ sent: 2, dropped: 0, retried: 3 });
    } finally {
      await h.close();
    }
  });

  it('Discord: a run of 502s (past discord.js own retries) is retried by the outbox; the reply arrives', async () => {
    const h = await DiscordHarness.create();
    try {
      const alice = { id: '200000000000000002', username: 'alice' };
      // discord.js retries a 5xx three times itself; eight failures are two failed sends for the outbox.
      for (let i = 0; i < 8; i++) h.fake.failNext('POST', /^\/channels\/\d+\/messages$/, 502);
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, '/whoami'));
      await waitForDiscord(
        () => h.posted().filter((p) => p.includes('alice in')).length === 9,
        'the ninth try',
        15_000,
      );
      await h.bot.idle();
      expect(h.bot.outbox.stats).toMatchObject({ sent: 1, dropped: 0, retried: 2 });
    } finally {
      await h.close();
    }
  }, 20_000);
});
