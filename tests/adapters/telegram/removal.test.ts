import type { Chat, ChatMemberUpdated, Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { botStanding } from '../../../adapters/telegram/chat-changes.js';
import type { ManualClock } from '../../../src/core/clock.js';
import { type ApiCall, BOT_USER } from './fake-bot-api.js';
import { ALICE, BOB, CAROL, GROUP, textMessage, updates, user } from './fixtures.js';
import { harnessFor, MODES, type TelegramHarness } from './harness.js';

/**
 * The bot removed from a group (my_chat_member: kicked or left; or a 403 "bot was kicked" from any
 * call): it stops sending there at once, its jobs there pause, the group's data stays, and all of
 * it resumes when the bot is added back.
 */

const CHAT_ID = String(GROUP.id);
const COMMUNITY = `telegram:${CHAT_ID}`;
const HOUR = 3_600_000;

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Telegram's `date` of a message written now (whole seconds). */
const seconds = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);
const here = (c: ApiCall) => String(c.params.chat_id) === CHAT_ID;
/** Every text the group shows: posted, or edited into a message there. */
const shown = () =>
  [...h!.api.acceptedOf('sendMessage'), ...h!.api.acceptedOf('editMessageText')]
    .filter(here)
    .map((c) => String(c.params.text));
const removedAt = () => h!.store.tables.communities.get(COMMUNITY)?.removedAt;
const posted = () =>
  h!.api
    .acceptedOf('sendMessage')
    .filter(here)
    .map((c) => String(c.params.text));

async function dealWithOrders(harness: TelegramHarness): Promise<void> {
  harness.api.push(updates.message(textMessage(BOB, '/deal new "Mangoes" price=10 min=5', { chat: GROUP })));
  harness.api.push(updates.message(textMessage(ALICE, '+2', { chat: GROUP })));
  await harness.until(
    () => harness.api.acceptedOf('editMessageText').some((c) => String(c.params.text).includes('Alice')),
    'the card showing the order',
  );
  await harness.settle();
}

/** Moves the clock past the deal's reminder and deadline and runs the jobs. */
async function deadlinePasses(harness: TelegramHarness): Promise<void> {
  harness.clock.advance(46.5 * HOUR);
  await harness.bot.scheduler.runDue();
  harness.clock.advance(2 * HOUR);
  await harness.bot.scheduler.runDue();
  await harness.settle();
}

describe.each(MODES)('telegram: the bot removed from a group (%s)', (mode) => {
  const start = harnessFor(mode);
  const admins = (api: Parameters<Parameters<typeof start>[0] & object>[0]) =>
    api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]);

  it.each(['kicked', 'left'] as const)(
    'GIVEN a deal with orders WHEN the bot is %s THEN nothing is sent there, owed messages are dropped, jobs pause; added back, it all resumes',
    async (status) => {
      h = await start(admins);
      await dealWithOrders(h);
      expect(h.api.allowedUpdates).toContain('my_chat_member');
      // An order whose card update is still owed when the bot is removed.
      h.api.push(updates.message(textMessage(CAROL, '+1', { chat: GROUP })));
      await h.until(() => h!.store.tables.orders.size === 2, 'the second order');
      const owed = () => [...h!.store.tables.outbox.values()].filter((m) => m.chat.chatId === CHAT_ID);
      expect(owed()).not.toEqual([]);
      const mark = h.api.calls.length;
      h.api.removeBot(GROUP, { by: BOB, status });
      await h.until(() => h!.store.tables.communities.get(COMMUNITY)?.removedAt, 'the group marked removed');
      await h.settle();
      expect(owed()).toEqual([]);

      await deadlinePasses(h); // no reminder, no closing: the jobs are paused here
      const after = h.api.calls.slice(mark).filter(here);
      expect(after.filter((c) => c.refused === undefined)).toEqual([]);
      expect(after.length).toBeLessThanOrEqual(1); // at most a card update already in flight (refused)
      // Its data is kept.
      expect(h.store.tables.deals.get(`${COMMUNITY}#1`)).toMatchObject({
        status: 'open',
        sold: 3,
        buyers: 2,
      });
      expect(h.store.tables.orders.size).toBe(2);

      h.api.addBot(GROUP, { by: BOB });
      await h.until(() => !h!.store.tables.communities.get(COMMUNITY)?.removedAt, 'the group resumed');
      await h.bot.scheduler.runDue();
      const closed = await h.until(
        () => posted().find((t) => t.startsWith('❌ #1 Mangoes')),
        'the deadline notice',
      );
      expect(closed).toContain('did not reach');
    },
  );

  it('GIVEN the removal was not seen WHEN a reminder is refused with 403 "bot was kicked" THEN it means the same', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    // Kicked while the bot was not listening: only the refusals tell.
    h.api.removedFrom.set(CHAT_ID, 'Forbidden: bot was kicked from the supergroup chat');
    const mark = h.api.calls.length;
    h.clock.advance(46.5 * HOUR);
    await h.bot.scheduler.runDue();
    await h.until(() => h!.store.tables.communities.get(COMMUNITY)?.removedAt, 'the group marked removed');
    h.clock.advance(2 * HOUR);
    await h.bot.scheduler.runDue();
    await h.settle();
    // The one refused reminder told; the deadline passed without a call.
    expect(
      h.api.calls
        .slice(mark)
        .filter(here)
        .map((c) => [c.method, c.refused]),
    ).toEqual([['sendMessage', 403]]);
    expect(h.store.tables.deals.get(`${COMMUNITY}#1`)?.status).toBe('open');
    expect(h.store.tables.outbox.size).toBe(0);

    // Added back while that update was lost too: a message written since shows the bot is there.
    h.api.removedFrom.delete(CHAT_ID);
    h.api.push(updates.message(textMessage(ALICE, '/deals', { chat: GROUP, date: seconds(h.clock) })));
    expect(await h.until(() => posted().find((t) => t.startsWith('Open deals:')), '/deals')).toContain('#1');
    expect(h.store.tables.communities.get(COMMUNITY)?.removedAt).toBeUndefined();
  });
  it('GIVEN a burst of orders WHEN the bot is kicked mid-burst and only refusals tell THEN the orders still on their way count but do not bring it back', async () => {
    h = await start(admins);
    h.api.push(updates.message(textMessage(BOB, '/deal new "Mangoes" price=10 stock=100', { chat: GROUP })));
    await h.until(() => posted().some((t) => t.includes('Mangoes')), 'the card');
    await h.settle();
    const buyers = Array.from({ length: 30 }, (_, i) => user(3000 + i, `U${i}`));
    // All written before the kick: Telegram still delivers the updates queued by then.
    const written = seconds(h.clock);
    const plusOne = (buyer: (typeof buyers)[number]) =>
      updates.message(textMessage(buyer, '+1', { chat: GROUP, date: written }));
    for (const buyer of buyers.slice(0, 5)) h.api.push(plusOne(buyer));
    await h.until(() => h!.api.callsOf('setMessageReaction').length > 0, 'a reaction');
    // Kicked, and the my_chat_member update has not reached the bot: only 403s tell.
    h.api.removedFrom.set(CHAT_ID, 'Forbidden: bot was kicked from the supergroup chat');
    const mark = h.api.calls.length;
    for (const buyer of buyers.slice(5)) h.api.push(plusOne(buyer));
    await h.until(() => h!.store.tables.orders.size === 30, 'every order');
    await h.until(() => removedAt(), 'the group marked removed');
    for (let i = 0; i < 10; i++) {
      h.clock.advance(5_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await h.settle();
    // What was in flight when the kick happened told; nothing more was tried there.
    const after = h.api.calls.slice(mark).filter(here);
    expect(after.filter((c) => c.refused !== 403)).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(3);
    expect(removedAt()).toBeDefined();
    h.api.removeBot(GROUP, { by: BOB }); // the late my_chat_member changes nothing
    await h.settle();
    expect(removedAt()).toBeDefined();

    // Added back, the card catches up with the orders taken meanwhile.
    h.api.addBot(GROUP, { by: BOB });
    await h.until(() => !removedAt(), 'the group resumed');
    const card = await h.until(
      () => shown().find((t) => t.includes('Mangoes') && t.includes('U0') && t.includes('U29')),
      'the card with every order',
    );
    expect(card).toContain('30/100');
    expect(h.store.tables.deals.get(`${COMMUNITY}#1`)).toMatchObject({ sold: 30, buyers: 30 });
  });

  it('GIVEN the bot was kicked WHEN a member taps +1 on the card still showing THEN nothing is ordered and the group stays paused', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    const card = h.api.acceptedOf('sendMessage').find((c) => String(c.params.text).includes('Mangoes'))!;
    const plusOne = (card.params.reply_markup as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard[0]![0]!.callback_data;
    h.api.removeBot(GROUP, { by: BOB });
    await h.until(() => removedAt(), 'the group marked removed');
    const tap = (id: string) =>
      h!.api.push({
        callback_query: {
          id,
          from: CAROL,
          chat_instance: 'ci-kicked',
          data: plusOne,
          message: { message_id: 1, date: seconds(h!.clock), chat: GROUP, text: 'card' } as never,
        },
      } as Omit<Update.CallbackQueryUpdate, 'update_id'>);
    tap('q-after-kick');
    const answered = (id: string) => () =>
      h!.api.acceptedOf('answerCallbackQuery').find((c) => c.params.callback_query_id === id);
    const answer = await h.until(answered('q-after-kick'), 'the answer to the tap');
    expect(String(answer.params.text)).toContain('removed from this group');
    expect(h.store.tables.orders.size).toBe(1);
    expect(removedAt()).toBeDefined();

    // Added back, the same button takes the order.
    h.api.addBot(GROUP, { by: BOB });
    await h.until(() => !removedAt(), 'the group resumed');
    tap('q-back');
    await h.until(answered('q-back'), 'the answer to the second tap');
    await h.until(() => h!.store.tables.orders.get(`${COMMUNITY}#1/${CAROL.id}`), "Carol's order");
  });
});

describe('telegram: what my_chat_member says about the bot', () => {
  const change = (from: string, to: string, chat: Chat = GROUP) =>
    botStanding({
      chat,
      from: BOB,
      date: 1_764_057_600,
      old_chat_member: { user: BOT_USER, status: from },
      new_chat_member: { user: BOT_USER, status: to },
    } as ChatMemberUpdated);

  it('kicked or left is a removal, by whoever did it; back in is an addition; a promotion is neither', () => {
    expect(change('administrator', 'kicked')).toMatchObject({
      type: 'bot_removed',
      by: { id: String(BOB.id) },
    });
    expect(change('member', 'left')).toMatchObject({ type: 'bot_removed' });
    expect(change('kicked', 'member')).toMatchObject({ type: 'bot_added' });
    expect(change('member', 'administrator')).toBeUndefined();
    expect(change('member', 'kicked', { id: BOB.id, type: 'private', first_name: 'Bob' })).toBeUndefined();
  });
});
