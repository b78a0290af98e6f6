import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, RateLimitedError, UnreachableError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { ALICE, BOB, GROUP, memberChange, privateChat, textMessage, updates, user } from './fixtures.js';
import { harnessFor, MODES, startHarness, type TelegramHarness } from './harness.js';

/**
 * The Telegram adapter against a fake Bot API that refuses like Telegram: flood limits, private
 * chats the bot may not open, reactions outside Telegram's list; and updates handed to the core
 * in order within a chat without one fsync each.
 */

const CHAT_ID = String(GROUP.id);
const GROUP_REF: ChatRef = { platform: 'telegram', chatId: CHAT_ID, kind: 'group' };

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const text = (t: string) => ({ kind: 'text' as const, text: t });

describe.each(MODES)('telegram: flood limits (%s)', (mode) => {
  const start = harnessFor(mode);
  it('a second message within a second of the first in a chat is refused with retry_after, then accepted', async () => {
    h = await start();
    await h.adapter.send(GROUP_REF, text('one'));
    h.clock.advance(400);
    const refused = await h.adapter.send(GROUP_REF, text('two')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBe(1_000);
    h.clock.advance(600);
    await expect(h.adapter.send(GROUP_REF, text('two'))).resolves.toMatchObject({
      messageId: expect.any(String),
    });
    expect(h.api.refused(429)).toBe(1);
  });

  it('a group takes 20 messages a minute, edits included; the 21st waits for the minute to pass', async () => {
    h = await start();
    const { messageId } = await h.adapter.send(GROUP_REF, text('card v1'));
    for (let i = 2; i <= 20; i++) {
      h.clock.advance(1_000);
      if (i % 2 === 0) await h.adapter.edit(GROUP_REF, messageId, `card v${i}`);
      else await h.adapter.send(GROUP_REF, text(`line ${i}`));
    }
    h.clock.advance(1_000);
    const refused = await h.adapter.send(GROUP_REF, text('one too many')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // The first of the 20 went out 20 s ago: the minute's budget frees up 40 s from now.
    expect((refused as RateLimitedError).retryAfterMs).toBe(40_000);
    expect(h.api.refused(429)).toBe(1);
    h.clock.advance(40_000);
    await expect(h.adapter.send(GROUP_REF, text('one too many'))).resolves.toBeDefined();
  });

  it('replies to members paced by the bot through the fake raise no 429 when a member waits a second between commands', async () => {
    h = await start();
    for (const command of ['/start', '/whoami', '/help']) {
      const before = h.api.acceptedOf('sendMessage').length;
      h.api.push(updates.message(textMessage(ALICE, command)));
      await h.until(() => h!.api.acceptedOf('sendMessage').length > before, command);
      h.clock.advance(1_000);
    }
    expect(h.api.refused(429)).toBe(0);
  });
});

describe.each(MODES)('telegram: private chats the bot may not open (%s)', (mode) => {
  const start = harnessFor(mode);
  it('GIVEN a member who never opened the bot THEN a private message is UnreachableError, not a retry', async () => {
    h = await start();
    const failed = await h.adapter
      .send(h.adapter.directChat(String(BOB.id)), text('your data'))
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnreachableError);
    expect((failed as UnreachableError).userId).toBe(String(BOB.id));
    expect(h.api.refused(403)).toBe(1);
    expect(h.api.refusals[0]?.description).toBe("Forbidden: bot can't initiate conversation with a user");
  });

  it('GIVEN a member who sent /start privately THEN private messages reach them, until they block the bot', async () => {
    h = await start();
    h.api.push(updates.message(textMessage(BOB, '/start', { chat: privateChat(BOB) })));
    await h.until(
      () => h!.api.acceptedOf('sendMessage').some((c) => String(c.params.chat_id) === String(BOB.id)),
      'the welcome',
    );
    h.clock.advance(1_000);
    await expect(
      h.adapter.send(h.adapter.directChat(String(BOB.id)), text('your data')),
    ).resolves.toBeDefined();
    h.api.blocked.add(BOB.id);
    h.clock.advance(1_000);
    const failed = await h.adapter
      .send(h.adapter.directChat(String(BOB.id)), text('again'))
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnreachableError);
  });

  it('a 403 in a group (the bot was removed) is a final delivery error, not an unreachable member', async () => {
    h = await start();
    h.api.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });
    const failed = await h.adapter.send(GROUP_REF, text('x')).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect(failed).not.toBeInstanceOf(UnreachableError);
  });
});

describe.each(MODES)('telegram: reactions (%s)', (mode) => {
  const start = harnessFor(mode);
  it('react puts an allowed emoji on the member message without spending the chat budget', async () => {
    h = await start();
    expect(h.adapter.capabilities.reactions).toBe(true);
    await h.adapter.send(GROUP_REF, text('card'));
    await h.adapter.react(GROUP_REF, `${CHAT_ID}:55`, '👌');
    await h.adapter.react(GROUP_REF, '56', '✍');
    expect(h.api.reactions.get(`${CHAT_ID}:55`)).toEqual(['👌']);
    expect(h.api.reactions.get(`${CHAT_ID}:56`)).toEqual(['✍']);
    expect(h.api.refused(429)).toBe(0);
  });

  it("an emoji outside Telegram's list is refused for good (REACTION_INVALID)", async () => {
    h = await start();
    const failed = await h.adapter.react(GROUP_REF, '55', '✅').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).retryable).toBe(false);
    expect(h.api.refusals[0]?.description).toBe('Bad Request: REACTION_INVALID');
  });
});

describe.each(MODES)('telegram: edits arrive as events (%s)', (mode) => {
  const start = harnessFor(mode);
  it('a member editing "+1" into "+3" reaches the core as the same message id with editedAt', async () => {
    h = await start();
    const original = textMessage(ALICE, '+1', { id: 55 });
    h.api.push(updates.message(original));
    h.api.push(updates.edited({ ...original, text: '+3' }, 1_764_057_660));
    await h.until(() => h!.events.length === 2, 'both versions');
    expect(h.events[1]).toMatchObject({
      type: 'message',
      id: `${CHAT_ID}:55`,
      text: '+3',
      editedAt: '2025-11-25T08:01:00.000Z',
    });
    expect(h.api.allowedUpdates).toContain('edited_message');
  });
});

// Long polling only: by webhook Telegram sends a chat's next update only once the bot answered the
// one before (see FakeBotApi), so there is no batch of one chat to share a commit.
describe('telegram: a poll batch feeds the group commit', () => {
  it('100 messages from 100 members in one batch are all handled, in order, in far fewer journal writes', async () => {
    h = await startHarness();
    // The first message settles the one-off lookups (the bot's rights, the admin list).
    h.api.push(updates.message(textMessage(ALICE, 'hello')));
    await h.until(() => h!.events.length === 1, 'the first message');
    await h.store.flushed();
    const writesBefore = h.store.stats.writes;
    const members = Array.from({ length: 100 }, (_, i) => user(5000 + i, `M${i}`));
    for (const [i, member] of members.entries())
      h.api.push(updates.message(textMessage(member, `+1 #${i}`, { id: 10_000 + i })));
    await h.until(
      () => members.every((m) => h!.store.tables.members.get(`telegram:${CHAT_ID}/${m.id}`)),
      'all 100',
    );
    await h.store.flushed();
    const texts = h.events.slice(1).map((e) => (e.type === 'message' ? e.text : e.type));
    expect(texts).toEqual(members.map((_, i) => `+1 #${i}`));
    expect(h.store.stats.writes - writesBefore).toBeLessThanOrEqual(10);
  });

  it('within a chat the order holds: a join is handed to the core before that member first speaks', async () => {
    h = await startHarness();
    const newcomers = Array.from({ length: 50 }, (_, i) => user(6000 + i, `N${i}`));
    for (const member of newcomers) {
      h.api.push(updates.chatMember(memberChange(member, 'left', 'member', { invite: 'https://t.me/+x' })));
      h.api.push(updates.message(textMessage(member, 'hi all')));
    }
    await h.until(() => h!.events.length === 100, 'all 100 updates');
    const order = h.events.map((e) => `${'member' in e ? e.member.id : e.sender.id}:${e.type}`);
    expect(order).toEqual(newcomers.flatMap((m) => [`${m.id}:member_joined`, `${m.id}:message`]));
  });
});
