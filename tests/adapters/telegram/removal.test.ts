import type { Chat, ChatMemberUpdated } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { botStanding } from '../../../adapters/telegram/chat-changes.js';
import { type ApiCall, BOT_USER } from './fake-bot-api.js';
import { ALICE, BOB, CAROL, GROUP, textMessage, updates } from './fixtures.js';
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

const here = (c: ApiCall) => String(c.params.chat_id) === CHAT_ID;
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

    // Added back while that update was lost too: a message from the group shows the bot is there.
    h.api.removedFrom.delete(CHAT_ID);
    h.api.push(updates.message(textMessage(ALICE, '/deals', { chat: GROUP })));
    expect(await h.until(() => posted().find((t) => t.startsWith('Open deals:')), '/deals')).toContain('#1');
    expect(h.store.tables.communities.get(COMMUNITY)?.removedAt).toBeUndefined();
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
