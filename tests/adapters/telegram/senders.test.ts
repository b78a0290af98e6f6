import { afterEach, describe, expect, it } from 'vitest';
import { personaText } from '../../../src/core/persona.js';
import type { ApiCall } from './fake-bot-api.js';
import {
  ALICE,
  anonymousAdminMessage,
  CAROL,
  channelMessage,
  FORUM,
  GROUP,
  textMessage,
  updates,
} from './fixtures.js';
import { harnessFor, MODES, type TelegramHarness } from './harness.js';

/**
 * Senders who are not people, as Telegram sends them: anonymous admins (GroupAnonymousBot, with
 * the group as sender_chat) and posts made as a channel (Channel_Bot, or the linked channel's own
 * posts forwarded by Telegram). Through the real adapter against the fake Bot API, in both modes.
 */

const CHAT_ID = String(GROUP.id);
const COMMUNITY = `telegram:${CHAT_ID}`;
const FORUM_ID = String(FORUM.id);
const TOPIC = 42;

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The messages the bot got into a chat (refused calls left out). */
function posted(chatId = CHAT_ID): ApiCall[] {
  return h!.api.acceptedOf('sendMessage').filter((c) => String(c.params.chat_id) === chatId);
}
const texts = (chatId = CHAT_ID) => posted(chatId).map((c) => String(c.params.text));

describe.each(MODES)('telegram senders who are not people (%s)', (mode) => {
  const start = harnessFor(mode);

  it('GIVEN an anonymous admin WHEN they send /help and /deal new THEN both are answered, with admin rights, in the group', async () => {
    h = await start(); // getChatAdministrators lists nobody: the anonymous admin is known by sender_chat
    h.api.push(updates.message(anonymousAdminMessage('/help admin', { signature: 'Alice' })));
    const help = await h.until(() => texts()[0], 'the /help answer');
    expect(help).toContain('/deal new');
    h.clock.advance(1_000);
    h.api.push(
      updates.message(anonymousAdminMessage('/deal new "Mangoes" price=10', { signature: 'Alice' })),
    );
    await h.until(() => texts().find((t) => t.startsWith('🛒 #1 Mangoes')), 'the deal card');
    const deal = h.store.tables.deals.get(`${COMMUNITY}#1`);
    expect(deal?.createdBy).toBe('anonymous-admin:Alice');
    // Nobody's member record: not the group, not GroupAnonymousBot.
    expect([...h.store.tables.members.values()]).toEqual([]);
    expect(h.api.refused(400) + h.api.refused(403)).toBe(0);
  });

  it("an anonymous admin's +1 gets one line saying orders need their own account; no order, no member", async () => {
    h = await start((api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]));
    h.api.push(updates.message(textMessage(ALICE, '/deal new "Mangoes" price=10')));
    await h.until(() => texts()[0], 'the deal card');
    h.clock.advance(1_000);
    const plusOne = anonymousAdminMessage('+1');
    h.api.push(updates.message(plusOne));
    const hint = await h.until(
      () => posted().find((c) => String(c.params.text).startsWith('Anonymous admins have no account')),
      'the hint',
    );
    expect(hint.params.reply_parameters).toMatchObject({ message_id: plusOne.message_id });
    await h.settle();
    expect(h.store.tables.orders.size).toBe(0);
    expect([...h.store.tables.members.values()].map((m) => m.userId)).toEqual([String(ALICE.id)]);
  });

  it('in a forum topic the anonymous admin is answered in that topic', async () => {
    h = await start((api) => api.forums.add(FORUM_ID));
    h.api.push(updates.message(anonymousAdminMessage('/help admin', { chat: FORUM, topic: TOPIC })));
    const [answer] = await h.until(() => posted(FORUM_ID).length > 0 && posted(FORUM_ID), 'the answer');
    expect(Number(answer!.params.message_thread_id)).toBe(TOPIC);
    expect(String(answer!.params.text)).toContain('/deal new');
  });

  it('a channel posting a command and an order is told once to post as a person; linked-channel forwards get nothing', async () => {
    h = await start((api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]));
    h.api.push(updates.message(textMessage(ALICE, '/deal new "Mangoes" price=10')));
    await h.until(() => texts()[0], 'the deal card');
    h.api.push(updates.message(channelMessage('+1 from the farm', { automatic: true })));
    h.api.push(updates.message(channelMessage('/help')));
    h.api.push(updates.message(channelMessage('+1')));
    await h.until(() => h!.events.length === 3, 'the card command and two channel posts');
    await h.settle();
    expect(texts().filter((t) => t.startsWith('Posts made as a channel'))).toHaveLength(1);
    expect(texts()).toHaveLength(2); // the card and the one hint
    expect(h.store.tables.orders.size).toBe(0);
    expect([...h.store.tables.members.values()].map((m) => m.userId)).toEqual([String(ALICE.id)]);
  });

  it("GIVEN a Chinese group WHEN an anonymous admin exempts a member, reads /audit and asks for their own /invites THEN they are named in Chinese, never by the bot's internal id", async () => {
    h = await start((api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]));
    h.api.push(updates.message(textMessage(ALICE, '/lang zh')));
    h.api.push(updates.message(textMessage(CAROL, '大家好')));
    await h.until(() => texts()[0], 'the /lang answer');
    for (const text of ['/exempt @Carol', '/audit', '/invites']) {
      h.clock.advance(1_000);
      const before = texts().length;
      h.api.push(updates.message(anonymousAdminMessage(text, { signature: 'Boss' })));
      await h.until(() => texts().length > before, `the answer to ${text}`);
    }
    const [, exempted, audit, invites] = texts();
    expect(exempted).toContain('Carol');
    // Who did it, as the group reads it.
    expect(audit).toContain('匿名管理员（Boss）');
    // An anonymous admin has no invites of their own: told to ask as themselves, as for /points.
    expect(invites).toBe(personaText('zh').ownAccount);
    for (const text of texts()) expect(text).not.toContain('anonymous-admin');
  });
});
