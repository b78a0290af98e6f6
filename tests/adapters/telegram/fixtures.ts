import type { Chat, ChatMember, ChatMemberUpdated, Message, Update, User } from 'telegraf/types';

/** Bot API objects shaped like Telegram's, for normalize fixtures and the fake server's updates. */

export const GROUP: Chat.SupergroupChat = { id: -1001234567890, type: 'supergroup', title: 'Veggie Buyers' };
export const OTHER_GROUP: Chat.SupergroupChat = {
  id: -1009876543210,
  type: 'supergroup',
  title: 'Fruit Club',
};

/** A supergroup with topics on: its members' messages carry message_thread_id and is_topic_message. */
export const FORUM: Chat.SupergroupChat = {
  id: -1005550001111,
  type: 'supergroup',
  title: 'Veggie Buyers (topics)',
  is_forum: true,
};

export function user(id: number, firstName: string, extra: Partial<User> = {}): User {
  return { id, is_bot: false, first_name: firstName, ...extra };
}

export const ALICE = user(1001, 'Alice', { last_name: 'Wang', username: 'alicew' });
export const BOB = user(1002, 'Bob');
export const CAROL = user(1003, 'Carol');

export function privateChat(of: User): Chat.PrivateChat {
  return { id: of.id, type: 'private', first_name: of.first_name };
}

let messageSeq = 1;
const DATE = 1_764_057_600; // 2025-11-25T08:00:00Z

export function textMessage(
  from: User,
  text: string,
  opts: { chat?: Chat; id?: number; date?: number; replyTo?: number; topic?: number } = {},
): Message.TextMessage {
  const chat = opts.chat ?? GROUP;
  return {
    message_id: opts.id ?? messageSeq++,
    date: opts.date ?? DATE,
    chat,
    from,
    text,
    // In a forum topic every message carries the topic's id (the id of the topic's first message).
    ...(opts.topic !== undefined ? { message_thread_id: opts.topic, is_topic_message: true } : {}),
    ...(opts.replyTo
      ? { reply_to_message: { message_id: opts.replyTo, date: DATE, chat, from, text: 'earlier' } as never }
      : {}),
  } as Message.TextMessage;
}

export function joinedMessage(
  members: User[],
  from: User,
  opts: { chat?: Chat; date?: number } = {},
): Message.NewChatMembersMessage {
  return {
    message_id: messageSeq++,
    date: opts.date ?? DATE,
    chat: opts.chat ?? GROUP,
    from,
    new_chat_members: members,
  } as Message.NewChatMembersMessage;
}

export function leftMessage(
  member: User,
  from: User,
  opts: { date?: number } = {},
): Message.LeftChatMemberMessage {
  return {
    message_id: messageSeq++,
    date: opts.date ?? DATE,
    chat: GROUP,
    from,
    left_chat_member: member,
  } as Message.LeftChatMemberMessage;
}

export function member(
  of: User,
  status: ChatMember['status'],
  extra: Record<string, unknown> = {},
): ChatMember {
  return { user: of, status, ...extra } as ChatMember;
}

export function memberChange(
  of: User,
  from: ChatMember['status'],
  to: ChatMember['status'],
  opts: { by?: User; invite?: string; date?: number; chat?: Chat } = {},
): ChatMemberUpdated {
  return {
    chat: opts.chat ?? GROUP,
    from: opts.by ?? of,
    date: opts.date ?? DATE,
    old_chat_member: member(of, from),
    new_chat_member: member(of, to),
    ...(opts.invite
      ? {
          invite_link: {
            invite_link: opts.invite,
            creator: user(777000111, 'Tuan', { is_bot: true }),
            creates_join_request: false,
            is_primary: false,
            is_revoked: false,
            name: 'ref-alice',
          },
        }
      : {}),
  };
}

/** Update bodies without ids, for FakeBotApi.push. */
export const updates = {
  message: (message: Message) => ({ message }) as Omit<Update.MessageUpdate, 'update_id'>,
  /** A new version of a message its author edited (Telegram sends the whole message with edit_date). */
  edited: (message: Message, editDate: number) =>
    ({ edited_message: { ...message, edit_date: editDate } }) as Omit<
      Update.EditedMessageUpdate,
      'update_id'
    >,
  chatMember: (change: ChatMemberUpdated) =>
    ({ chat_member: change }) as Omit<Update.ChatMemberUpdate, 'update_id'>,
  myChatMember: (change: ChatMemberUpdated) =>
    ({ my_chat_member: change }) as Omit<Update.MyChatMemberUpdate, 'update_id'>,
  /** `from` taps the inline button with callback_data `data` under the bot's message `messageId` (a callback_query). */
  tap: (from: User, messageId: number, data: string, chat: Chat = GROUP) =>
    ({
      callback_query: {
        id: `q-${from.id}-${messageSeq++}`,
        from,
        chat_instance: `ci-${chat.id}`,
        data,
        message: { message_id: messageId, date: DATE, chat, text: 'card' },
      },
    }) as Omit<Update.CallbackQueryUpdate, 'update_id'>,
};

/** The account anonymous admins post under; sender_chat is then the group itself. */
export const GROUP_ANONYMOUS_BOT = user(1087968824, 'Group', { is_bot: true, username: 'GroupAnonymousBot' });
/** The account posts made as a channel come from; sender_chat is then the channel. */
export const CHANNEL_BOT = user(136817688, 'Channel', { is_bot: true, username: 'Channel_Bot' });
/** Telegram's own account: it forwards a linked channel's posts into the discussion group. */
export const TELEGRAM_SERVICE = user(777000, 'Telegram');
export const CHANNEL: Chat.ChannelChat = { id: -1002223334445, type: 'channel', title: 'Veggie News' };

/**
 * A message an admin posted anonymously ("Remain anonymous" on): from GroupAnonymousBot, with the
 * group as sender_chat and the admin's custom title, if any, as author_signature.
 */
export function anonymousAdminMessage(
  text: string,
  opts: { chat?: Chat.SupergroupChat; signature?: string; topic?: number } = {},
): Message.TextMessage {
  const chat = opts.chat ?? GROUP;
  return {
    ...textMessage(GROUP_ANONYMOUS_BOT, text, {
      chat,
      ...(opts.topic !== undefined ? { topic: opts.topic } : {}),
    }),
    sender_chat: chat,
    ...(opts.signature ? { author_signature: opts.signature } : {}),
  } as Message.TextMessage;
}

/**
 * A message posted in the group as a channel (Channel_Bot, sender_chat the channel); `automatic`:
 * the linked channel's own post, forwarded into its discussion group by Telegram.
 */
export function channelMessage(text: string, opts: { automatic?: boolean } = {}): Message.TextMessage {
  return {
    ...textMessage(opts.automatic ? TELEGRAM_SERVICE : CHANNEL_BOT, text),
    sender_chat: CHANNEL,
    ...(opts.automatic ? { is_automatic_forward: true } : {}),
  } as Message.TextMessage;
}
