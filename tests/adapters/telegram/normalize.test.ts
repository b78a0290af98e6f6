import { describe, expect, it } from 'vitest';
import {
  changesAdminRole,
  chatRef,
  commandText,
  normalizeChatMember,
  normalizeMessage,
  serviceMemberEvents,
} from '../../../adapters/telegram/normalize.js';
import {
  ALICE,
  anonymousAdminMessage,
  BOB,
  CHANNEL,
  channelMessage,
  GROUP,
  GROUP_ANONYMOUS_BOT,
  joinedMessage,
  leftMessage,
  memberChange,
  privateChat,
  textMessage,
  user,
} from './fixtures.js';

const BOT = 'TuanTestBot';

describe('telegram normalize: messages', () => {
  it('a group message becomes a MessageEvent with a chat-scoped id, the role and the reply target', () => {
    const event = normalizeMessage(textMessage(ALICE, '+1', { id: 55, replyTo: 40 }), BOT, 'admin');
    expect(event).toEqual({
      type: 'message',
      id: `${GROUP.id}:55`,
      chat: { platform: 'telegram', chatId: String(GROUP.id), kind: 'group', title: 'Veggie Buyers' },
      sender: { id: '1001', name: 'Alice Wang', role: 'admin' },
      text: '+1',
      replyTo: '40',
      at: '2025-11-25T08:00:00.000Z',
    });
  });

  it('an edited message keeps the original id and carries editedAt from edit_date', () => {
    const original = textMessage(ALICE, '+1', { id: 55 });
    const edited = { ...original, text: '+3', edit_date: 1_764_057_900 };
    expect(normalizeMessage(edited, BOT)).toMatchObject({
      id: `${GROUP.id}:55`,
      text: '+3',
      editedAt: '2025-11-25T08:05:00.000Z',
      at: '2025-11-25T08:00:00.000Z',
    });
    expect(normalizeMessage(original, BOT)).not.toHaveProperty('editedAt');
  });

  it('the same message gives the same id (redelivery is recognised by the core)', () => {
    const message = textMessage(ALICE, 'hi', { id: 9 });
    expect(normalizeMessage(message, BOT)?.id).toBe(normalizeMessage({ ...message }, BOT)?.id);
  });

  it('a private message is a direct chat with the user id as chat id and no role', () => {
    const event = normalizeMessage(textMessage(BOB, '/start', { chat: privateChat(BOB) }), BOT, 'admin');
    expect(event?.chat).toEqual({ platform: 'telegram', chatId: '1002', kind: 'direct', title: 'Bob' });
    expect(event?.sender.role).toBeUndefined();
  });

  it('commands addressed to this bot lose the @suffix; commands for another bot get no text', () => {
    expect(normalizeMessage(textMessage(ALICE, '/help@TuanTestBot lang'), BOT)?.text).toBe('/help lang');
    expect(normalizeMessage(textMessage(ALICE, '/help@tuantestbot'), BOT)?.text).toBe('/help');
    const other = normalizeMessage(textMessage(ALICE, '/help@OtherBot'), BOT);
    expect(other?.text).toBe('');
    expect(commandText('mail me at x@TuanTestBot', BOT)).toBe('mail me at x@TuanTestBot');
  });

  it('bots are marked, channels and service notices are not messages', () => {
    const fromBot = normalizeMessage(textMessage(user(5, 'Spam', { is_bot: true }), 'buy now'), BOT);
    expect(fromBot?.sender.isBot).toBe(true);
    expect(chatRef({ id: -100, type: 'channel', title: 'News' })).toBeUndefined();
    expect(normalizeMessage(joinedMessage([BOB], BOB), BOT)).toBeUndefined();
  });

  it('a photo caption is the text; a sticker counts as a message with no text', () => {
    const photo = { ...textMessage(ALICE, ''), text: undefined, caption: '/help', photo: [] };
    expect(normalizeMessage(photo as never, BOT)?.text).toBe('/help');
    const sticker = { ...textMessage(ALICE, ''), text: undefined, sticker: { file_id: 'x' } };
    expect(normalizeMessage(sticker as never, BOT)?.text).toBe('');
  });
});

describe('telegram normalize: who posted (anonymous admins, channels)', () => {
  it('an anonymous admin is an admin of this group posting as it, under their custom title: no person', () => {
    const event = normalizeMessage(anonymousAdminMessage('/help', { signature: 'Alice' }), BOT);
    expect(event?.sender).toEqual({
      id: String(GROUP.id),
      name: 'Alice',
      role: 'admin',
      persona: { kind: 'anonymous_admin', signature: 'Alice' },
    });
    expect(event?.sender.isBot).toBeUndefined(); // not dropped as GroupAnonymousBot
    const unsigned = normalizeMessage(anonymousAdminMessage('/help'), BOT);
    expect(unsigned?.sender).toMatchObject({ name: 'Veggie Buyers', persona: { kind: 'anonymous_admin' } });
  });

  it("a post made as a channel is that channel, with no role; its linked channel's forwards are nobody's", () => {
    expect(normalizeMessage(channelMessage('+1'), BOT)?.sender).toEqual({
      id: String(CHANNEL.id),
      name: 'Veggie News',
      persona: { kind: 'channel' },
    });
    expect(normalizeMessage(channelMessage('New harvest!', { automatic: true }), BOT)).toBeUndefined();
  });

  it('someone an anonymous admin added has no inviter (GroupAnonymousBot is nobody)', () => {
    const added = memberChange(BOB, 'left', 'member', { by: GROUP_ANONYMOUS_BOT });
    expect(normalizeChatMember(added)).not.toHaveProperty('inviter');
    const [joined] = serviceMemberEvents(joinedMessage([BOB], GROUP_ANONYMOUS_BOT));
    expect(joined).not.toHaveProperty('inviter');
  });
});

describe('telegram normalize: chat_member updates', () => {
  it('a join through an invite link carries the link and no inviter', () => {
    const event = normalizeChatMember(
      memberChange(BOB, 'left', 'member', { invite: 'https://t.me/+abc', date: 1_764_057_700 }),
    );
    expect(event).toMatchObject({
      type: 'member_joined',
      id: 'join:1002:1764057700',
      member: { id: '1002', name: 'Bob' },
      invite: 'https://t.me/+abc',
    });
    expect(event).not.toHaveProperty('inviter');
  });

  it('an admin adding someone is the inviter', () => {
    const event = normalizeChatMember(memberChange(BOB, 'left', 'member', { by: ALICE }));
    expect(event).toMatchObject({ type: 'member_joined', inviter: { id: '1001' } });
  });

  it('leaving by oneself has no remover; a kick names who did it', () => {
    expect(normalizeChatMember(memberChange(BOB, 'member', 'left'))).not.toHaveProperty('removedBy');
    expect(normalizeChatMember(memberChange(BOB, 'member', 'kicked', { by: ALICE }))).toMatchObject({
      type: 'member_left',
      removedBy: { id: '1001' },
    });
  });

  it('promotions and the unban after a kick are not joins or leaves, but promotions change the admin list', () => {
    const promote = memberChange(BOB, 'member', 'administrator', { by: ALICE });
    expect(normalizeChatMember(promote)).toBeUndefined();
    expect(changesAdminRole(promote)).toBe(true);
    expect(normalizeChatMember(memberChange(BOB, 'kicked', 'left', { by: ALICE }))).toBeUndefined();
    expect(changesAdminRole(memberChange(BOB, 'kicked', 'left'))).toBe(false);
  });

  it('a restricted member who is still in the chat is present', () => {
    const change = memberChange(BOB, 'left', 'restricted');
    (change.new_chat_member as { is_member?: boolean }).is_member = true;
    expect(normalizeChatMember(change)?.type).toBe('member_joined');
  });
});

describe('telegram normalize: service messages (fallback)', () => {
  it('new_chat_members gives one join per person with the same id a chat_member update would have', () => {
    const events = serviceMemberEvents(joinedMessage([BOB, ALICE], ALICE, { date: 1_764_057_700 }));
    expect(events.map((e) => e.id)).toEqual(['join:1002:1764057700', 'join:1001:1764057700']);
    expect(events[0]).toMatchObject({ type: 'member_joined', inviter: { id: '1001' } });
    expect(events[1]).not.toHaveProperty('inviter'); // joined by themselves
    const update = normalizeChatMember(memberChange(BOB, 'left', 'member', { date: 1_764_057_700 }));
    expect(update?.id).toBe(events[0]!.id);
  });

  it('left_chat_member names the remover when someone else removed them', () => {
    expect(serviceMemberEvents(leftMessage(BOB, ALICE))[0]).toMatchObject({
      type: 'member_left',
      member: { id: '1002' },
      removedBy: { id: '1001' },
    });
    expect(serviceMemberEvents(leftMessage(BOB, BOB))[0]).not.toHaveProperty('removedBy');
  });
});
