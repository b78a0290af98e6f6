import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../../adapters/telegram/index.js';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/logger.js';
import { BOT_USER, FakeBotApi } from './fake-bot-api.js';
import {
  ALICE,
  BOB,
  CAROL,
  GROUP,
  joinedMessage,
  memberChange,
  OTHER_GROUP,
  textMessage,
  updates,
} from './fixtures.js';
import { harnessFor, MODES, startHarness, type TelegramHarness } from './harness.js';

const CHAT_ID = String(GROUP.id);
const COMMUNITY = `telegram:${CHAT_ID}`;
const GROUP_REF: ChatRef = { platform: 'telegram', chatId: CHAT_ID, kind: 'group' };

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Waits for check on the harness's clock (time moves while waiting). */
function until<T>(check: () => T | undefined | null | false, what?: string, ms?: number): Promise<T> {
  return h!.until(check, what, ms);
}

/** Texts the bot sent to a chat, in order. */
function sentTo(chatId: string): string[] {
  return h!.api
    .callsOf('sendMessage')
    .filter((c) => String(c.params.chat_id) === chatId)
    .map((c) => String(c.params.text));
}

describe.each(MODES)('telegram adapter against a local Bot API (%s)', (mode) => {
  const start = harnessFor(mode);
  it('GIVEN a group WHEN a member sends /help THEN the command list is sent to that group', async () => {
    h = await start();
    h.api.push(updates.message(textMessage(ALICE, '/help')));
    const reply = await until(() => sentTo(CHAT_ID)[0], 'the /help reply');
    expect(reply).toContain('/whoami');
    expect(reply).not.toContain('/lang'); // Alice is not an admin
  });

  it('at start it publishes the command menu in English and Chinese', async () => {
    h = await start();
    const calls = h.api.callsOf('setMyCommands');
    expect(calls).toHaveLength(2);
    const en = calls.find((c) => c.params.language_code === undefined)!.params.commands as {
      command: string;
      description: string;
    }[];
    const zh = calls.find((c) => c.params.language_code === 'zh')!.params.commands as typeof en;
    expect(en).toContainEqual({ command: 'help', description: 'list commands, or explain one' });
    expect(zh).toContainEqual({ command: 'lang', description: '设置本群语言' });
    expect(en.map((c) => c.command)).not.toContain('h'); // aliases stay out of the menu
  });

  it('/lang by a member is refused and the locale stays; an admin per getChatAdministrators changes it', async () => {
    h = await start((api) => api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'administrator' }]));
    h.api.push(updates.message(textMessage(ALICE, '/lang zh')));
    expect(await until(() => sentTo(CHAT_ID)[0], 'refusal')).toMatch(/Only group admins/);
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('en');

    h.api.push(updates.message(textMessage(BOB, '/lang zh')));
    expect(await until(() => sentTo(CHAT_ID)[1], 'confirmation')).toContain('简体中文');
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('zh');
    expect(h.api.callsOf('getChatAdministrators')).toHaveLength(1); // cached, not asked per message
  });

  it('a demotion seen in a chat_member update takes effect on the next message', async () => {
    h = await start((api) => api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'administrator' }]));
    h.api.push(updates.message(textMessage(BOB, '/help admin')));
    expect(await until(() => sentTo(CHAT_ID)[0])).toContain('/lang');
    h.api.admins.set(CHAT_ID, []);
    h.api.push(updates.chatMember(memberChange(BOB, 'administrator', 'member', { by: CAROL })));
    h.api.push(updates.message(textMessage(BOB, '/lang zh')));
    // /help admin takes more than one message: the refusal is the one after its parts.
    expect(await until(() => sentTo(CHAT_ID).find((t) => /Only group admins/.test(t)))).toBeDefined();
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('en');
  });

  it('a join through an invite link records the member and hands the core the link', async () => {
    h = await start();
    h.api.push(
      updates.chatMember(memberChange(BOB, 'left', 'member', { invite: 'https://t.me/+ref-alice' })),
    );
    const member = await until(() => h!.store.tables.members.get(`${COMMUNITY}/1002`), 'member record');
    expect(member).toMatchObject({ name: 'Bob', status: 'active' });
    expect(member.joinedAt).toBeDefined();
    expect(h.events).toContainEqual(
      expect.objectContaining({ type: 'member_joined', invite: 'https://t.me/+ref-alice' }),
    );
  });

  it('the same message delivered twice is counted once', async () => {
    h = await start();
    const message = textMessage(ALICE, 'good morning', { id: 4242 });
    h.api.push(updates.message(message));
    h.api.push(updates.message(message)); // redelivered under a new update id
    h.api.push(updates.message(textMessage(ALICE, 'second', { id: 4243 })));
    await until(() => h!.events.length === 3, 'three deliveries');
    await until(() => h!.store.tables.members.get(`${COMMUNITY}/1001`)?.messageCount === 2, 'two counted');
    await h.settle();
    expect(h.store.tables.members.get(`${COMMUNITY}/1001`)?.messageCount).toBe(2);
  });

  it('a join update delivered again after the member left does not bring them back', async () => {
    h = await start();
    const join = memberChange(BOB, 'left', 'member', { invite: 'https://t.me/+x', date: 1_764_057_700 });
    h.api.push(updates.chatMember(join));
    h.api.push(updates.chatMember(memberChange(BOB, 'member', 'left', { date: 1_764_057_800 })));
    h.api.push(updates.chatMember(join));
    await until(() => h!.events.length === 3, 'three deliveries');
    await h.settle();
    expect(h.store.tables.members.get(`${COMMUNITY}/1002`)?.status).toBe('left');
  });

  it('where chat_member updates arrive, the join service message for the same join is not a second join', async () => {
    h = await start();
    h.api.push(updates.message(textMessage(ALICE, 'hello'))); // the bot learns it is admin here
    h.api.push(
      updates.chatMember(
        memberChange(BOB, 'left', 'member', { invite: 'https://t.me/+x', date: 1_764_057_700 }),
      ),
    );
    h.api.push(updates.message(joinedMessage([BOB], BOB, { date: 1_764_057_701 })));
    h.api.push(updates.message(textMessage(ALICE, 'after')));
    await until(() => h!.store.tables.members.get(`${COMMUNITY}/1001`)?.messageCount === 2, 'both messages');
    expect(h.events.filter((e) => e.type === 'member_joined')).toHaveLength(1);
  });

  it('where the bot is not admin, join service messages are the fallback', async () => {
    h = await start((api) => api.botStatus.set(CHAT_ID, 'member'));
    h.api.push(updates.message(joinedMessage([BOB], ALICE)));
    const member = await until(() => h!.store.tables.members.get(`${COMMUNITY}/1002`), 'member record');
    expect(member.invitedBy).toBe('1001');
  });

  it('GIVEN the bot is not an admin THEN the group is told once in plain words', async () => {
    h = await start((api) => api.botStatus.set(CHAT_ID, 'member'));
    h.api.push(updates.message(textMessage(ALICE, 'one')));
    h.api.push(updates.message(textMessage(ALICE, 'two')));
    h.api.push(updates.message(textMessage(ALICE, '/whoami')));
    await until(() => sentTo(CHAT_ID).some((t) => t.includes('Messages: 3')), 'the /whoami reply');
    await h.settle();
    const notices = sentTo(CHAT_ID).filter((t) => t.includes('I am not an admin in this group'));
    expect(notices).toHaveLength(1);
    expect(h.api.callsOf('getChatMember')).toHaveLength(1);
  });

  it('when the bot is added to a group without admin rights (my_chat_member) the group is told', async () => {
    h = await start();
    const other = String(OTHER_GROUP.id);
    const added = memberChange({ ...BOT_USER }, 'left', 'member', { by: ALICE, chat: OTHER_GROUP });
    h.api.push(updates.myChatMember(added));
    expect(await until(() => sentTo(other)[0], 'notice')).toContain('Please make me an admin');
  });

  it('a 429 with retry_after is waited out and the message still arrives once', async () => {
    const harness = await start();
    h = harness;
    h.api.rateLimitNext('sendMessage', 1, 1);
    const started = h.clock.now().getTime();
    h.api.push(updates.message(textMessage(ALICE, '/start')));
    // The fake records the call before the bot has read its answer: wait for both sides.
    await until(
      () => sentTo(CHAT_ID).length === 2 && harness.bot.outbox.stats.sent === 1,
      'the retried send',
      8_000,
    );
    const [refused, accepted] = h.api.callsOf('sendMessage');
    expect(refused!.at).toBeGreaterThanOrEqual(started);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    expect(h.api.refused(429)).toBe(1);
    expect(h.bot.outbox.stats).toMatchObject({ sent: 1, retried: 1, dropped: 0 });
  });

  it('edit reaches editMessageText; "message is not modified" counts as success', async () => {
    h = await start();
    const { messageId } = await h.adapter.send(GROUP_REF, { kind: 'text', text: 'Roster: 1' });
    h.clock.advance(1_000); // an edit costs like a send: one a second in a chat
    await h.adapter.edit(GROUP_REF, messageId, 'Roster: 2');
    expect(h.api.callsOf('editMessageText').at(-1)?.params).toMatchObject({
      chat_id: CHAT_ID,
      message_id: Number(messageId),
      text: 'Roster: 2',
    });
    h.api.failNext('editMessageText', {
      error_code: 400,
      description: 'Bad Request: message is not modified',
    });
    await expect(h.adapter.edit(GROUP_REF, messageId, 'Roster: 2')).resolves.toBeUndefined();
  });

  it('send replies to a message, and splits a text longer than Telegram allows', async () => {
    h = await start();
    await h.adapter.send(GROUP_REF, { kind: 'text', text: 'noted', replyTo: `${CHAT_ID}:77` });
    expect(h.api.callsOf('sendMessage')[0]?.params.reply_parameters).toMatchObject({ message_id: 77 });
    h.clock.advance(1_000);
    const long = { kind: 'text' as const, text: `${'a'.repeat(3000)}\n${'b'.repeat(3000)}` };
    // Two parts back to back would exceed one message a second (the fake answers 429, as Telegram
    // does): the second waits a second of the clock, and the outbox counts both (cost).
    expect(h.adapter.cost(long)).toBe(2);
    let sent = false;
    const sending = h.adapter.send(GROUP_REF, long).then(() => {
      sent = true;
    });
    await until(() => h!.api.acceptedOf('sendMessage').length === 2, 'the first part');
    expect(sent).toBe(false);
    await until(() => sent, 'the second part, a second later');
    await sending;
    const parts = h.api.acceptedOf('sendMessage').map((c) => String(c.params.text));
    expect(parts.slice(1)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    expect(h.api.refused(429)).toBe(0);
  });

  it('removeMember kicks (ban, then unban only if banned) rather than banning for good', async () => {
    h = await start();
    await h.adapter.removeMember(GROUP_REF, '1002');
    expect(h.api.calls.map((c) => c.method).filter((m) => /ban/i.test(m))).toEqual([
      'banChatMember',
      'unbanChatMember',
    ]);
    expect(h.api.callsOf('unbanChatMember')[0]?.params).toMatchObject({
      user_id: 1002,
      only_if_banned: true,
    });
  });

  it('invite links are named (at most 32 characters); without the right the group is told', async () => {
    h = await start();
    const link = await h.adapter.createInviteLink(GROUP_REF, 'referral for alice wang from the veggie group');
    expect(link).toMatch(/^https:\/\/t\.me\/\+/);
    expect(String(h.api.callsOf('createChatInviteLink')[0]?.params.name)).toHaveLength(32);

    h.api.failNext('createChatInviteLink', {
      error_code: 400,
      description: 'Bad Request: not enough rights to manage chat invite link',
    });
    const failed = h.adapter.createInviteLink(GROUP_REF, 'x');
    await expect(failed).rejects.toBeInstanceOf(DeliveryError);
    await expect(failed).rejects.toMatchObject({ retryable: false });
    expect(await until(() => sentTo(CHAT_ID)[0], 'notice')).toContain('create invite links');
  });

  it('images and files are uploaded from disk with sendPhoto and sendDocument', async () => {
    h = await start();
    const path = join(tmpdir(), `tuanbot-tg-${process.pid}.txt`);
    await writeFile(path, 'order list');
    await h.adapter.send(GROUP_REF, { kind: 'image', path, caption: 'menu' });
    h.clock.advance(1_000);
    await h.adapter.send(GROUP_REF, { kind: 'file', path });
    expect(h.api.callsOf('sendPhoto')[0]?.params).toMatchObject({ chat_id: CHAT_ID, caption: 'menu' });
    expect(h.api.callsOf('sendPhoto')[0]?.params.photo).toMatchObject({ bytes: 10 });
    expect(h.api.callsOf('sendDocument')[0]?.params.document).toBeDefined();
  });

  it('server errors are retryable, other client errors are not', async () => {
    h = await start();
    h.api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    await expect(h.adapter.send(GROUP_REF, { kind: 'text', text: 'x' })).rejects.toMatchObject({
      retryable: true,
    });
    h.api.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });
    await expect(h.adapter.send(GROUP_REF, { kind: 'text', text: 'x' })).rejects.toMatchObject({
      retryable: false,
    });
  });

  it("commands for another bot are ignored; commands with this bot's name are answered", async () => {
    h = await start();
    h.api.push(updates.message(textMessage(ALICE, '/help@OtherBot')));
    h.api.push(updates.message(textMessage(ALICE, '/start@TuanTestBot')));
    const reply = await until(() => sentTo(CHAT_ID)[0], 'reply');
    await h.settle();
    expect(reply).toContain('group buys');
    expect(sentTo(CHAT_ID)).toHaveLength(1);
  });
});

describe('telegram adapter in webhook mode', () => {
  it('registers the webhook with a secret and answers updates posted to it; forged posts are refused', async () => {
    h = await startHarness(() => {}, { webhook: true });
    const [setWebhook] = h.api.callsOf('setWebhook');
    expect(setWebhook?.params).toMatchObject({ url: 'https://bot.example.com/tg/hook' });
    expect(setWebhook?.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'chat_member',
      'my_chat_member',
      'callback_query',
      'pre_checkout_query',
    ]);
    const secret = String(setWebhook?.params.secret_token);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(h.api.callsOf('deleteWebhook')).toHaveLength(0);

    const post = (headers: Record<string, string>, update: unknown) =>
      fetch(`http://127.0.0.1:${h!.adapter.webhookPort}/tg/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(update),
      });
    const forged = await post({}, { update_id: 1, ...updates.message(textMessage(ALICE, '/start')) });
    expect(forged.status).toBe(403);
    const real = await post(
      { 'x-telegram-bot-api-secret-token': secret },
      { update_id: 2, ...updates.message(textMessage(ALICE, '/start')) },
    );
    expect(real.status).toBe(200);
    expect(await until(() => sentTo(CHAT_ID)[0], 'reply')).toContain('group buys');
    expect(h.events).toHaveLength(1);
  });
});

describe('telegram webhook delivery (the fake as Telegram)', () => {
  it("pushed updates reach the bot through its webhook, a chat's in order; nothing polls, and getUpdates is refused", async () => {
    h = await startHarness(() => {}, { mode: 'webhook' });
    h.api.push(updates.chatMember(memberChange(BOB, 'left', 'member', { invite: 'https://t.me/+x' })));
    h.api.push(updates.message(textMessage(BOB, 'hi all')));
    h.api.push(updates.message(textMessage(BOB, '/start')));
    await until(() => sentTo(CHAT_ID)[0], 'the /start reply');
    expect(h.events.map((e) => e.type)).toEqual(['member_joined', 'message', 'message']);
    expect(h.api.webhookAnswers).toEqual([200, 200, 200]);
    expect(h.api.polls).toEqual([]);
    const polled = await fetch(`${h.api.url}/bot${h.api.token}/getUpdates`, { method: 'POST' });
    expect(polled.status).toBe(409);
  });
});

describe('telegram adapter start-up', () => {
  it('a wrong token fails start with a message naming the setting, not the token', async () => {
    const api = await FakeBotApi.start();
    try {
      const adapter = new TelegramAdapter({ token: '1:wrong', apiRoot: api.url, log: silentLogger });
      const bot = { handle: async () => {}, commands: () => [], problem: () => {} };
      const failed = adapter.start(bot);
      await expect(failed).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
      await expect(failed).rejects.not.toThrow(/wrong/);
    } finally {
      await api.close();
    }
  });
});
