import { afterEach, describe, expect, it } from 'vitest';
import { normalizeMessage } from '../../../adapters/telegram/normalize.js';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import type { ApiCall } from './fake-bot-api.js';
import { ALICE, BOB, CAROL, FORUM, GROUP, textMessage, updates } from './fixtures.js';
import { harnessFor, MODES, type TelegramHarness } from './harness.js';

/** Forum topics and replies: answers land where the member asked, as replies to their message. */

const FORUM_ID = String(FORUM.id);
const GROUP_ID = String(GROUP.id);
/** A topic's id is the id of the message that created it. */
const TOPIC = 42;

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The messages the bot got into a chat (refused calls left out). */
function posted(chatId: string): ApiCall[] {
  return h!.api.acceptedOf('sendMessage').filter((c) => String(c.params.chat_id) === chatId);
}

describe.each(MODES)('telegram forum topics and replies (%s)', (mode) => {
  const start = harnessFor(mode);
  it('a message in a forum topic carries its topic; a reply chain outside a forum does not', () => {
    const inTopic = normalizeMessage(textMessage(ALICE, '+1', { chat: FORUM, topic: TOPIC }), 'TuanTestBot');
    expect(inTopic?.threadId).toBe(String(TOPIC));
    // Outside forums Telegram sets message_thread_id on replies too; that is no place to post in.
    const replyChain = { ...textMessage(ALICE, '+1'), message_thread_id: 7 };
    expect(normalizeMessage(replyChain, 'TuanTestBot')?.threadId).toBeUndefined();
  });

  it('GIVEN a forum WHEN a member sends /help in a topic THEN the answer is in that topic, replying to them', async () => {
    h = await start((api) => api.forums.add(FORUM_ID));
    const asked = textMessage(ALICE, '/help', { chat: FORUM, topic: TOPIC });
    h.api.push(updates.message(asked));
    const [answer] = await h.until(() => posted(FORUM_ID).length > 0 && posted(FORUM_ID), 'the /help answer');
    expect(String(answer!.params.text)).toContain('/whoami');
    expect(Number(answer!.params.message_thread_id)).toBe(TOPIC);
    expect(answer!.params.reply_parameters).toMatchObject({
      message_id: asked.message_id,
      allow_sending_without_reply: true,
    });
    expect(h.api.refused(400)).toBe(0);
  });

  it('in a group without topics the answer replies to the member and names no thread', async () => {
    h = await start();
    const asked = textMessage(ALICE, '/help');
    h.api.push(updates.message(asked));
    const [answer] = await h.until(() => posted(GROUP_ID).length > 0 && posted(GROUP_ID), 'the /help answer');
    expect(answer!.params.message_thread_id).toBeUndefined();
    expect(answer!.params.reply_parameters).toMatchObject({ message_id: asked.message_id });
  });

  it('the fake refuses a topic in a chat that is not a forum, as Telegram does, and nothing is posted', async () => {
    h = await start();
    const group: ChatRef = { platform: 'telegram', chatId: GROUP_ID, kind: 'group' };
    const sending = h.adapter.send(group, { kind: 'text', text: 'hello' }, { threadId: '5' });
    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ retryable: false });
    expect(h.api.refusals.at(-1)?.description).toBe('Bad Request: message thread not found');
    expect(posted(GROUP_ID)).toHaveLength(0);
  });

  it('GIVEN a deal opened in a topic WHEN a member orders from the General topic THEN the card stays in the deal topic', async () => {
    h = await start((api) => {
      api.forums.add(FORUM_ID);
      api.admins.set(FORUM_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]);
    });
    h.api.push(
      updates.message(textMessage(BOB, '/deal new "Mangoes" price=10', { chat: FORUM, topic: TOPIC })),
    );
    const [card] = await h.until(() => posted(FORUM_ID).length > 0 && posted(FORUM_ID), 'the deal card');
    expect(String(card!.params.text)).toContain('Mangoes');
    expect(Number(card!.params.message_thread_id)).toBe(TOPIC);
    expect(card!.params.reply_parameters).toBeUndefined(); // a card answers nobody in particular
    const deal = [...h.store.tables.deals.values()][0];
    expect(deal?.threadId).toBe(String(TOPIC));

    // General has no message_thread_id; the order shows on the card, edited where it is.
    h.api.push(updates.message(textMessage(ALICE, '+1', { chat: FORUM })));
    await h.until(
      () => h!.api.acceptedOf('editMessageText').some((c) => String(c.params.text).includes('Alice')),
      'the card showing the order',
    );
    await h.settle();
    const outsideTopic = posted(FORUM_ID).filter((c) => Number(c.params.message_thread_id) !== TOPIC);
    expect(outsideTopic.map((c) => c.params.text)).toEqual([]);
  });

  it('GIVEN a deal opened in a topic THEN its reminder and its closing announcement go to that topic', async () => {
    h = await start((api) => {
      api.forums.add(FORUM_ID);
      api.admins.set(FORUM_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]);
    });
    h.api.push(
      updates.message(textMessage(BOB, '/deal new "Mangoes" price=10 min=2', { chat: FORUM, topic: TOPIC })),
    );
    await h.until(() => posted(FORUM_ID).length > 0, 'the deal card');
    h.api.push(updates.message(textMessage(ALICE, '+1', { chat: FORUM })));
    await h.until(() => h!.store.tables.orders.size === 1, 'the order');
    // 48 h deals are reminded 2 h before their end, then closed (failed: one buyer of two).
    h.clock.advance(46 * 3_600_000 + 60_000);
    await h.bot.scheduler.runDue();
    const reminder = await h.until(
      () => posted(FORUM_ID).find((c) => String(c.params.text).startsWith('⏰')),
      'the reminder',
    );
    expect(Number(reminder.params.message_thread_id)).toBe(TOPIC);
    h.clock.advance(2 * 3_600_000);
    await h.bot.scheduler.runDue();
    const closing = await h.until(
      () => posted(FORUM_ID).find((c) => String(c.params.text).startsWith('❌')),
      'the closing announcement',
    );
    expect(Number(closing.params.message_thread_id)).toBe(TOPIC);
    await h.settle();
    expect(posted(FORUM_ID).filter((c) => Number(c.params.message_thread_id) !== TOPIC)).toEqual([]);
  });

  it('成团 reached by orders from General, and /deal close sent from General, are announced in the deal topic', async () => {
    h = await start((api) => {
      api.forums.add(FORUM_ID);
      api.admins.set(FORUM_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]);
    });
    h.api.push(
      updates.message(textMessage(BOB, '/deal new "Mangoes" price=10 min=2', { chat: FORUM, topic: TOPIC })),
    );
    await h.until(() => posted(FORUM_ID).length > 0, 'the deal card');
    h.api.push(updates.message(textMessage(ALICE, '+1', { chat: FORUM })));
    h.api.push(updates.message(textMessage(CAROL, '+2', { chat: FORUM })));
    const formed = await h.until(
      () => posted(FORUM_ID).find((c) => String(c.params.text).startsWith('🎉')),
      'the 成团 announcement',
    );
    expect(Number(formed.params.message_thread_id)).toBe(TOPIC);
    h.clock.advance(1_000);
    const close = textMessage(BOB, '/deal close #1', { chat: FORUM });
    h.api.push(updates.message(close));
    const closings = await h.until(() => {
      const found = posted(FORUM_ID).filter((c) => String(c.params.text).startsWith('✅'));
      return found.length === 2 && found;
    }, 'the closing, in the topic and as the answer');
    // Members read it in the deal's topic; the admin gets it where they asked, as a reply.
    const inTopic = closings.find((c) => Number(c.params.message_thread_id) === TOPIC);
    const answer = closings.find((c) => c.params.message_thread_id === undefined);
    expect(inTopic?.params.reply_parameters).toBeUndefined();
    expect(answer?.params.reply_parameters).toMatchObject({ message_id: close.message_id });
  });
});
