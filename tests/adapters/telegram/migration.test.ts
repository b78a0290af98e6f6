import type { Chat, Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { appendArchive, readArchive } from '../../../src/store/ledger-archive.js';
import type { ApiCall } from './fake-bot-api.js';
import { ALICE, BOB, CAROL, textMessage, updates, user } from './fixtures.js';
import { harnessFor, MODES, type TelegramHarness } from './harness.js';

/**
 * A group upgraded to a supergroup gets a new chat id: the old id refuses every call with 400 and
 * migrate_to_chat_id, and a service message in each chat says so. The community (deal, roster,
 * orders) must follow to the new id once, from whichever signal comes first.
 */

const BASIC: Chat.GroupChat = { id: -4012345678, type: 'group', title: 'Veggie Buyers' };
const SUPER: Chat.SupergroupChat = { id: -1004012345678, type: 'supergroup', title: 'Veggie Buyers' };
const OLD_ID = String(BASIC.id);
const NEW_ID = String(SUPER.id);
const DAVE = user(1004, 'Dave');
const HOUR = 3_600_000;

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const to = (chatId: string) => (c: ApiCall) => String(c.params.chat_id) === chatId;
/** Texts the bot got into a chat (refused calls left out). */
const posted = (chatId: string) =>
  h!.api
    .acceptedOf('sendMessage')
    .filter(to(chatId))
    .map((c) => String(c.params.text));
/** Every text a chat shows: posted, or edited into a message there. */
const shown = (chatId: string) =>
  [...h!.api.acceptedOf('sendMessage'), ...h!.api.acceptedOf('editMessageText')]
    .filter(to(chatId))
    .map((c) => String(c.params.text));

/** Bob opens a deal in the basic group; Alice and Carol order; the card shows both. */
async function dealWithOrders(harness: TelegramHarness): Promise<void> {
  harness.api.push(updates.message(textMessage(BOB, '/deal new "Mangoes" price=10', { chat: BASIC })));
  harness.api.push(updates.message(textMessage(ALICE, '+2', { chat: BASIC })));
  harness.api.push(updates.message(textMessage(CAROL, '+1', { chat: BASIC })));
  await harness.until(
    () =>
      harness.api
        .acceptedOf('editMessageText')
        .some((c) => String(c.params.text).includes('Alice') && String(c.params.text).includes('Carol')),
    'the card showing both orders',
  );
  await harness.settle();
}

/** After the move: /deals, /myorders, a new order and its card all work in the new chat. */
async function worksInTheNewChat(harness: TelegramHarness): Promise<void> {
  harness.api.push(updates.message(textMessage(ALICE, '/deals', { chat: SUPER })));
  const deals = await harness.until(() => posted(NEW_ID).find((t) => t.startsWith('Open deals:')), '/deals');
  expect(deals).toContain('#1 Mangoes');
  harness.api.push(updates.message(textMessage(ALICE, '/myorders', { chat: SUPER })));
  const mine = await harness.until(
    () => posted(NEW_ID).find((t) => t.startsWith('Your orders:')),
    '/myorders',
  );
  expect(mine).toContain('#1 Mangoes ×2');
  harness.api.push(updates.message(textMessage(DAVE, '+3', { chat: SUPER })));
  // The old card's message id means nothing here: the card was posted afresh, and shows every line.
  const card = await harness.until(
    () => shown(NEW_ID).find((t) => t.includes('Dave') && t.includes('Alice') && t.includes('Carol')),
    'the card in the new chat',
  );
  expect(card).toContain('Mangoes');
  await harness.settle();
  const deal = harness.store.tables.deals.get(`telegram:${NEW_ID}#1`);
  expect(deal).toMatchObject({ sold: 6, buyers: 3 });
  expect(harness.store.tables.deals.get(`telegram:${OLD_ID}#1`)).toBeUndefined();
}

describe.each(MODES)('telegram: a group upgraded to a supergroup (%s)', (mode) => {
  const start = harnessFor(mode);
  const admins = (api: Parameters<Parameters<typeof start>[0] & object>[0]) =>
    api.admins.set(OLD_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]);

  it.each(['to-first', 'from-first'] as const)(
    'GIVEN a deal with orders WHEN the group is upgraded (service messages, %s) THEN the community moves and nothing more goes to the old id',
    async (announce) => {
      h = await start(admins);
      await dealWithOrders(h);
      const mark = h.api.calls.length;
      h.api.migrate(BASIC, SUPER, { announce, by: BOB });
      await h.until(() => h!.store.tables.communities.get(`telegram:${NEW_ID}`), 'the moved community');
      await worksInTheNewChat(h);
      expect(h.api.calls.slice(mark).filter(to(OLD_ID))).toEqual([]);
      // The second service message changed nothing: one move, remembered under the old id.
      expect(h.store.tables.chatMoves.get(`telegram:${OLD_ID}`)?.communityId).toBe(`telegram:${NEW_ID}`);
      expect(h.store.tables.communities.get(`telegram:${OLD_ID}`)).toBeUndefined();
    },
  );

  it.each(['to-first', 'from-first'] as const)(
    'GIVEN a burst of orders WHEN the group is upgraded mid-burst (%s) THEN every order typed in either chat counts once and is answered',
    async (announce) => {
      h = await start(admins);
      h.api.push(
        updates.message(textMessage(BOB, '/deal new "Mangoes" price=10 stock=100', { chat: BASIC })),
      );
      await h.until(() => posted(OLD_ID).some((t) => t.includes('Mangoes')), 'the card');
      // Archived points make the move's file work take a while, as it does in a real data dir.
      const from = `telegram:${OLD_ID}`;
      await appendArchive(h.store.dir, from, [
        {
          id: `checkin:${from}/${ALICE.id}:2026-08-01`,
          communityId: from,
          userId: String(ALICE.id),
          delta: 5,
          reason: 'checkin',
          at: '2026-08-01T08:00:00.000Z',
        },
      ]);
      const buyers = Array.from({ length: 30 }, (_, i) => user(3000 + i, `U${i}`));
      for (const buyer of buyers.slice(0, 15))
        h.api.push(updates.message(textMessage(buyer, '+1', { chat: BASIC })));
      await h.until(() => h!.api.callsOf('editMessageText').length > 0, 'a card edit');
      h.api.migrate(BASIC, SUPER, { announce, by: BOB });
      const typedInNew = buyers.slice(15).map((buyer) => textMessage(buyer, '+1', { chat: SUPER }));
      for (const message of typedInNew) h.api.push(updates.message(message));
      await h.until(() => h!.store.tables.orders.size >= 30, 'every order', 10_000);
      await h.settle();
      expect(h.store.tables.orders.size).toBe(30);
      expect(h.store.tables.deals.get(`telegram:${NEW_ID}#1`)).toMatchObject({ sold: 30, buyers: 30 });
      expect([...h.store.tables.communities.values()].map((c) => c.id)).toEqual([`telegram:${NEW_ID}`]);
      // Each order typed in the new chat is acknowledged there (reactions are paced: wait for them).
      const unanswered = () => {
        const reacted = new Set(
          h!.api
            .acceptedOf('setMessageReaction')
            .filter(to(NEW_ID))
            .map((c) => Number(c.params.message_id)),
        );
        return typedInNew.filter((m) => !reacted.has(m.message_id));
      };
      await h.until(() => unanswered().length === 0, 'a reaction on each order in the new chat');
      const card = await h.until(
        () => shown(NEW_ID).find((t) => t.includes('30/100') && t.includes('U0') && t.includes('U29')),
        'the card with every order',
      );
      expect(card).toContain('Mangoes');
    },
  );

  it('GIVEN open deals whose cards show everything WHEN the group is upgraded THEN each card is posted in the new chat at once', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    h.api.push(updates.message(textMessage(BOB, '/deal new "Lychees" price=20', { chat: BASIC })));
    await h.until(() => posted(OLD_ID).some((t) => t.includes('Lychees')), 'the second card');
    await h.settle();
    expect(h.store.tables.outbox.size).toBe(0); // no card update owed
    h.api.migrate(BASIC, SUPER, { announce: 'to-first', by: BOB });
    const cards = await h.until(() => {
      const found = posted(NEW_ID).filter((t) => t.includes('Mangoes') || t.includes('Lychees'));
      return found.length === 2 && found;
    }, 'both cards in the new chat');
    expect(cards.find((t) => t.includes('Mangoes'))).toMatch(/Alice[\s\S]*Carol/);
    expect(cards.find((t) => t.includes('Lychees'))).toBeDefined();
    await h.settle();
    // Posted once each: a later order edits the new card.
    h.api.push(updates.message(textMessage(DAVE, '#2 +1', { chat: SUPER })));
    await h.until(
      () =>
        h!.api
          .acceptedOf('editMessageText')
          .filter(to(NEW_ID))
          .some((c) => String(c.params.text).includes('Dave')),
      'the new Lychees card edited',
    );
    expect(posted(NEW_ID).filter((t) => t.includes('Lychees'))).toHaveLength(1);
  });

  it('GIVEN points entries archived for the old group WHEN it moves THEN the archive moves with it', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    const from = `telegram:${OLD_ID}`;
    const entry = { communityId: from, userId: String(ALICE.id), delta: 5, reason: 'checkin' as const };
    await appendArchive(h.store.dir, from, [
      { ...entry, id: `checkin:${from}/${ALICE.id}:2026-08-01`, at: '2026-08-01T08:00:00.000Z' },
    ]);
    h.api.migrate(BASIC, SUPER, { announce: 'from-first', by: BOB });
    const to = `telegram:${NEW_ID}`;
    await h.until(() => h!.store.tables.communities.get(to), 'the moved community');
    // The old file is emptied once the move is on disk, just after it.
    for (let i = 0; i < 50 && (await readArchive(h.store.dir, from)).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await readArchive(h.store.dir, to)).toEqual([
      {
        ...entry,
        communityId: to,
        id: `checkin:${to}/${ALICE.id}:2026-08-01`,
        at: '2026-08-01T08:00:00.000Z',
      },
    ]);
    expect(await readArchive(h.store.dir, from)).toEqual([]);
  });

  it('GIVEN an order whose answer and card are still owed WHEN the group is upgraded THEN they go to the new chat, not lost', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    const mark = h.api.calls.length;
    h.api.push(updates.message(textMessage(DAVE, '+3', { chat: BASIC })));
    h.api.migrate(BASIC, SUPER, { announce: 'to-first', by: BOB });
    const card = await h.until(
      () => posted(NEW_ID).find((t) => t.includes('Mangoes') && t.includes('Dave')),
      'the card with the order, in the new chat',
    );
    expect(card).toContain('Alice');
    await h.settle();
    expect(h.store.tables.deals.get(`telegram:${NEW_ID}#1`)).toMatchObject({ sold: 6, buyers: 3 });
    // Whatever reached the old id after the upgrade was refused (at most the one call that told).
    const old = h.api.calls.slice(mark).filter(to(OLD_ID));
    expect(old.every((c) => c.refused === 400)).toBe(true);
    expect(old.length).toBeLessThanOrEqual(1);
    // Nothing stays owed once a card update held back by its interval has gone out.
    h.clock.advance(5_000);
    await h.settle();
    expect(h.store.tables.outbox.size).toBe(0);
  });

  it('GIVEN the move happened WHEN a member taps +1 on the card still showing in the old chat THEN the order counts in the new one', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    const oldCard = h.api.acceptedOf('sendMessage').find((c) => String(c.params.text).includes('Mangoes'))!;
    const plusOne = (oldCard.params.reply_markup as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard[0]![0]!.callback_data;
    h.api.migrate(BASIC, SUPER, { announce: 'to-first', by: BOB });
    await h.until(() => h!.store.tables.communities.get(`telegram:${NEW_ID}`), 'the moved community');
    const mark = h.api.calls.length;
    h.api.push({
      callback_query: {
        id: 'q-old-card',
        from: DAVE,
        chat_instance: 'ci-old',
        data: plusOne,
        message: { message_id: 1000, date: 1_764_057_600, chat: BASIC, text: 'card' } as never,
      },
    } as Omit<Update.CallbackQueryUpdate, 'update_id'>);
    await h.until(() => shown(NEW_ID).find((t) => t.includes('Mangoes') && t.includes('Dave')), 'the card');
    expect(h.api.callsOf('answerCallbackQuery').map((c) => c.params.callback_query_id)).toContain(
      'q-old-card',
    );
    expect(h.store.tables.orders.get(`telegram:${NEW_ID}#1/${DAVE.id}`)).toMatchObject({ qty: 1 });
    expect(h.store.tables.communities.get(`telegram:${OLD_ID}`)).toBeUndefined();
    expect(h.api.calls.slice(mark).filter(to(OLD_ID))).toEqual([]);
  });

  it('GIVEN the upgrade was not announced WHEN a reminder is refused with migrate_to_chat_id THEN it goes to the new chat and the community follows', async () => {
    h = await start(admins);
    await dealWithOrders(h);
    h.api.migrate(BASIC, SUPER, { announce: 'none', by: BOB });
    const mark = h.api.calls.length;
    h.clock.advance(46.5 * HOUR); // two hours before the deadline: the reminder is due
    await h.bot.scheduler.runDue();
    const reminder = await h.until(
      () => posted(NEW_ID).find((t) => t.startsWith('⏰ #1 Mangoes')),
      'reminder',
    );
    expect(reminder).toContain('closes in');
    // One call to the old id (refused: the signal), nothing after it.
    const old = h.api.calls.slice(mark).filter(to(OLD_ID));
    expect(old.map((c) => c.refused)).toEqual([400]);
    await worksInTheNewChat(h);
    // The service messages arriving late (a restart, a slow delivery) change nothing.
    const records = h.store.tables.orders.size;
    h.api.push(
      updates.message({
        message_id: 9,
        date: 1_764_057_600,
        chat: SUPER,
        from: BOB,
        migrate_from_chat_id: BASIC.id,
      } as never),
    );
    h.api.push(updates.message(textMessage(ALICE, '/deals', { chat: SUPER })));
    await h.until(
      () => posted(NEW_ID).filter((t) => t.startsWith('Open deals:')).length === 2,
      'second /deals',
    );
    expect(h.store.tables.orders.size).toBe(records);
    expect(h.store.tables.deals.get(`telegram:${NEW_ID}#1`)).toMatchObject({ sold: 6 });
    expect(h.api.calls.slice(mark).filter(to(OLD_ID))).toHaveLength(1);
  });
});
