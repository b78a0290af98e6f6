import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import { TestBot, describe as text } from '../helpers/chat.js';

/**
 * Pacing that spaces, with priorities, against a platform that refuses like Telegram does in a
 * group: at most one message a second and 20 a minute, edits counted like sends, anything faster
 * refused with a 429. All on the manual clock.
 */

const TELEGRAM_PACING = {
  perChatPerMinute: 20,
  globalPerSecond: 30,
  minGapMs: 1_000,
  liveEditMs: 3_000,
};

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Makes the memory platform refuse group messages the way Telegram does; counts the refusals. */
function refuseLikeTelegram(bot: TestBot): { refused: number } {
  const counts = { refused: 0 };
  const accepted: number[] = [];
  const check = (chat: ChatRef) => {
    if (chat.kind !== 'group') return;
    const now = bot.clock.now().getTime();
    const last = accepted.at(-1);
    const inMinute = accepted.filter((at) => at > now - 60_000);
    if (last !== undefined && now - last < 1_000) {
      counts.refused++;
      throw new RateLimitedError(1_000);
    }
    if (inMinute.length >= 20) {
      counts.refused++;
      throw new RateLimitedError(inMinute[0]! + 60_000 - now);
    }
    accepted.push(now);
  };
  const { adapter } = bot;
  const send = adapter.send.bind(adapter);
  const edit = adapter.edit!;
  adapter.send = async (chat, out, origin) => {
    check(chat);
    return send(chat, out, origin);
  };
  adapter.edit = async (chat, messageId, body) => {
    check(chat);
    return edit(chat, messageId, body);
  };
  return counts;
}

function say(bot: TestBot, user: string, body: string): Promise<void> {
  return bot.bot.handle(bot.adapter, {
    type: 'message',
    id: bot.nextMessageId(),
    chat: bot.group().chat,
    sender: { id: user, name: user, role: bot.roleIn('main', user) },
    text: body,
  });
}

/** Moves the clock in steps, letting store writes and deliveries run between them. */
async function run(bot: TestBot, ms: number, step = 100): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    bot.clock.advance(step);
    for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
  }
}

const cardEdits = (bot: TestBot, since: number) =>
  bot.adapter.actions.slice(since).filter((a) => a.kind === 'edit' && text(a).includes('🛒 #1'));

describe('pacing on a Telegram-paced group', () => {
  it('200 orders in 2 s: no 429, the admin answered within 3 s, the card keeps up', async () => {
    t = await TestBot.create({ capabilities: { pacing: TELEGRAM_PACING } });
    t.group().admin('ada');
    await t.group().as('owner').says('/deal new "Flash mangoes" price=9.9 min=10 stock=150 ends=2h');
    const platform = refuseLikeTelegram(t);
    await run(t, 2_000);
    const start = t.adapter.actions.length;
    const t0 = t.clock.now().getTime();
    const handled: Promise<void>[] = [];
    let askedAt = 0;
    for (let i = 0; i < 200; i++) {
      handled.push(say(t, `m${i}`, '+1'));
      if (i === 100) {
        askedAt = t.clock.now().getTime();
        handled.push(say(t, 'ada', '/prune'));
      }
      await run(t, 10, 10);
    }
    await Promise.all(handled);
    await run(t, 60_000);

    const after = t.adapter.actions.slice(start);
    const answer = after.find((a) => text(a).startsWith('Prune dry run'));
    expect((answer?.at ?? Number.POSITIVE_INFINITY) - askedAt).toBeLessThanOrEqual(3_000);
    expect(platform.refused).toBe(0);
    expect(t.bot.outbox.stats.retried).toBe(0);
    // The card shows the final state within seconds of the burst.
    const last = cardEdits(t, start).at(-1);
    expect(last && text(last)).toContain('150/150');
    expect(last!.at! - t0).toBeLessThanOrEqual(10_000);
    expect(t.bot.outbox.stats.dropped).toBe(0);
  });

  it('a steady stream for a minute: card edits never more than ~10 s apart, still no 429', async () => {
    t = await TestBot.create({ capabilities: { pacing: TELEGRAM_PACING } });
    await t.group().as('owner').says('/deal new "Eggs" price=12 min=50 ends=2h');
    const platform = refuseLikeTelegram(t);
    await run(t, 2_000);
    const start = t.adapter.actions.length;
    const handled: Promise<void>[] = [];
    for (let i = 0; i < 120; i++) {
      handled.push(say(t, `s${i}`, '+1'));
      await run(t, 500);
    }
    await Promise.all(handled);
    await run(t, 30_000);
    const times = cardEdits(t, start).map((a) => a.at!);
    expect(times.length).toBeGreaterThan(5);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_500);
    expect(platform.refused).toBe(0);
  });

  it('a new deal’s card is an announcement: it goes out with the replies, not after them', async () => {
    t = await TestBot.create({ capabilities: { pacing: TELEGRAM_PACING } });
    t.group().admin('ada');
    refuseLikeTelegram(t);
    const start = t.adapter.actions.length;
    // Three commands waiting in line, then the deal: its card must not wait behind a later reply.
    const handled = [say(t, 'ada', '/help'), say(t, 'ada', '/deals')];
    handled.push(say(t, 'owner', '/deal new "Flash mangoes" price=9.9 min=10 ends=2h'));
    handled.push(say(t, 'ada', '/whoami'));
    await Promise.all(handled);
    await run(t, 10_000);
    const sent = t.adapter.actions.slice(start).map(text);
    const card = sent.findIndex((line) => line.startsWith('🛒 #1 Flash mangoes'));
    const whoami = sent.findIndex((line) => line.includes('ada'));
    expect(card).toBeGreaterThanOrEqual(0);
    expect(card).toBeLessThan(whoami);
  });
});
