import type { Chat, ChatMember, ChatMemberUpdated, Document, Message, PhotoSize, User } from 'telegraf/types';
import type {
  ChatRef,
  MessageEvent as CoreMessageEvent,
  ImageRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  Role,
  UserRef,
} from '../../src/core/events.js';

/**
 * Pure translation of Bot API objects into core events. Nothing here calls Telegram; the adapter
 * looks up what needs a request (admin roles, the bot's own username) and passes it in.
 */

export const PLATFORM = 'telegram';

/** The message fields this adapter reads; every Bot API message variant fits it. */
interface MessageView {
  message_id: number;
  date: number;
  /** Set on edited_message: when the author last edited it. */
  edit_date?: number;
  chat: Chat;
  from?: User;
  /** Who posted when not a person: the group itself (an anonymous admin) or a channel. */
  sender_chat?: Chat;
  /** An anonymous admin's custom title (or a channel post's author), shown under the post. */
  author_signature?: string;
  /** A post of the group's linked channel, forwarded into the group by Telegram itself. */
  is_automatic_forward?: true;
  text?: string;
  caption?: string;
  /** A photo, in the sizes Telegram made of it (smallest first). */
  photo?: PhotoSize[];
  /** A file sent as a file (a picture sent uncompressed, a PDF). */
  document?: Document;
  reply_to_message?: { message_id: number };
  /** The forum topic (with is_topic_message), or in other groups the reply thread it belongs to. */
  message_thread_id?: number;
  is_topic_message?: boolean;
  new_chat_members?: User[];
  left_chat_member?: User;
}

/** Content a member posts; other keys (title changes, pins, …) are service messages and not activity. */
const CONTENT_KEYS = [
  'text',
  'caption',
  'photo',
  'video',
  'sticker',
  'document',
  'audio',
  'voice',
  'video_note',
  'animation',
  'poll',
  'location',
  'venue',
  'contact',
  'dice',
] as const;

export function chatRef(chat: Chat): ChatRef | undefined {
  if (chat.type === 'private')
    return { platform: PLATFORM, chatId: String(chat.id), kind: 'direct', title: chat.first_name };
  if (chat.type === 'group' || chat.type === 'supergroup')
    return { platform: PLATFORM, chatId: String(chat.id), kind: 'group', title: chat.title };
  return undefined; // channels have no members who talk to the bot
}

export function displayName(user: User): string {
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return full || (user.username ? `@${user.username}` : String(user.id));
}

export function userRef(user: User, role?: Role): UserRef {
  return {
    id: String(user.id),
    name: displayName(user),
    ...(user.is_bot ? { isBot: true } : {}),
    ...(role ? { role } : {}),
  };
}

/** A member's standing as the core sees it. */
export function roleOf(member: ChatMember): Role {
  if (member.status === 'creator') return 'owner';
  if (member.status === 'administrator') return 'admin';
  return 'member';
}

/** Whether this chat member record means the user is in the chat. */
export function isPresent(member: ChatMember): boolean {
  if (member.status === 'restricted') return member.is_member;
  return member.status === 'creator' || member.status === 'administrator' || member.status === 'member';
}

/**
 * Command text as the core should see it: `/help@ThisBot x` → `/help x`. Returns undefined for a
 * command addressed to another bot (`/help@OtherBot`), which is not ours to answer.
 */
export function commandText(text: string, botUsername: string): string | undefined {
  const match = /^([/／][^\s@]+)@(\w+)(?=\s|$)/.exec(text);
  if (!match) return text;
  if (match[2]!.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return match[1]! + text.slice(match[0].length);
}

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/**
 * The picture a message carries, for readImage: a photo's largest size (what the member sent, not
 * a thumbnail; Telegram recompresses photos as JPEG), or a document (a picture sent uncompressed,
 * or any other file: whether it is a picture is checked when it is kept).
 */
export function messageImages(m: { photo?: PhotoSize[]; document?: Document }): ImageRef[] | undefined {
  if (m.photo && m.photo.length > 0) {
    const largest = m.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return [
      {
        ref: largest.file_id,
        mime: 'image/jpeg',
        ...(largest.file_size !== undefined ? { bytes: largest.file_size } : {}),
      },
    ];
  }
  const doc = m.document;
  if (!doc) return undefined;
  return [
    {
      ref: doc.file_id,
      ...(doc.mime_type ? { mime: doc.mime_type } : {}),
      ...(doc.file_size !== undefined ? { bytes: doc.file_size } : {}),
      ...(doc.file_name ? { name: doc.file_name } : {}),
    },
  ];
}

/** Whether a message carries anything a member wrote or posted (not a service notice). */
export function isContent(message: Message): boolean {
  return CONTENT_KEYS.some((key) => key in message);
}

/**
 * Who a message is from, as the core sees it. Where sender_chat is set, `from` is a stand-in
 * account (GroupAnonymousBot, Channel_Bot) and sender_chat says who posted. An anonymous admin
 * (sender_chat = this group) is an admin of this group by Telegram's own rule, under the custom
 * title it signs with; a post made as a channel is that channel. Neither is a person
 * (UserRef.persona). A person is `from`, with `role` as getChatAdministrators reports it (groups only).
 */
function senderRef(m: MessageView, from: User, group: boolean, role: Role | undefined): UserRef {
  const as = m.sender_chat;
  if (as && as.id === m.chat.id) {
    const signature = m.author_signature?.trim() || undefined;
    return {
      id: String(as.id),
      name: signature ?? ('title' in as ? as.title : String(as.id)),
      role: 'admin',
      persona: { kind: 'anonymous_admin', ...(signature ? { signature } : {}) },
    };
  }
  if (as) {
    return {
      id: String(as.id),
      name: 'title' in as ? as.title : String(as.id),
      persona: { kind: 'channel' },
    };
  }
  return userRef(from, group ? role : undefined);
}

/**
 * A member's message, or a new version of one (edited_message: same id, `editedAt` from
 * edit_date). `role` is the sender's standing from getChatAdministrators (groups only).
 * A command for another bot still counts as activity, but with no text, so nothing answers it.
 * A post of the linked channel that Telegram forwards into the group by itself is nobody's
 * message: undefined.
 */
export function normalizeMessage(
  message: Message,
  botUsername: string,
  role?: Role,
): CoreMessageEvent | undefined {
  const m: MessageView = message;
  const chat = chatRef(m.chat);
  if (!chat || !m.from || !isContent(message) || m.is_automatic_forward) return undefined;
  const ours = commandText(m.text ?? m.caption ?? '', botUsername);
  const text = ours ?? '';
  // A picture captioned with a command for another bot is not ours either.
  const images = ours === undefined ? undefined : messageImages(m);
  return {
    type: 'message',
    // Telegram message ids are unique per chat, and a redelivered update carries the same one.
    id: `${m.chat.id}:${m.message_id}`,
    chat,
    sender: senderRef(m, m.from, chat.kind === 'group', role),
    text,
    ...(m.reply_to_message ? { replyTo: String(m.reply_to_message.message_id) } : {}),
    // Only a forum topic is a place to answer in: outside forums message_thread_id names a reply
    // chain, and sending with it to a chat that is not a forum is refused ("message thread not found").
    ...(m.is_topic_message && m.message_thread_id !== undefined
      ? { threadId: String(m.message_thread_id) }
      : {}),
    ...(m.edit_date !== undefined ? { editedAt: isoDate(m.edit_date) } : {}),
    ...(images ? { images } : {}),
    at: isoDate(m.date),
  };
}

/**
 * Stable ids for joins and leaves: the same person at the same second is the same event, whether it
 * came as a chat_member update, as a service message, or was delivered twice.
 */
export function joinId(userId: number, date: number): string {
  return `join:${userId}:${date}`;
}

export function leaveId(userId: number, date: number): string {
  return `leave:${userId}:${date}`;
}

/** Joins and leaves from the `new_chat_members` / `left_chat_member` service messages (the fallback). */
export function serviceMemberEvents(message: Message): (MemberJoinedEvent | MemberLeftEvent)[] {
  const m: MessageView = message;
  const chat = chatRef(m.chat);
  if (chat?.kind !== 'group') return [];
  const events: (MemberJoinedEvent | MemberLeftEvent)[] = [];
  for (const user of m.new_chat_members ?? []) {
    // An anonymous admin adds people as GroupAnonymousBot: a bot account is nobody's inviter.
    const addedBy = m.from && m.from.id !== user.id && !m.from.is_bot ? userRef(m.from) : undefined;
    events.push({
      type: 'member_joined',
      id: joinId(user.id, m.date),
      chat,
      member: userRef(user),
      ...(addedBy ? { inviter: addedBy } : {}),
      at: isoDate(m.date),
    });
  }
  if (m.left_chat_member) {
    const user = m.left_chat_member;
    const removedBy = m.from && m.from.id !== user.id ? userRef(m.from) : undefined;
    events.push({
      type: 'member_left',
      id: leaveId(user.id, m.date),
      chat,
      member: userRef(user),
      ...(removedBy ? { removedBy } : {}),
      at: isoDate(m.date),
    });
  }
  return events;
}

/** Whether a member service message (the fallback for chat_member updates). */
export function isMemberServiceMessage(message: Message): boolean {
  return 'new_chat_members' in message || 'left_chat_member' in message;
}

/**
 * A chat_member update: a join when the user was out and is now in, a leave the other way round.
 * Promotions, restrictions and unbans that do not change presence are not member events.
 */
export function normalizeChatMember(
  update: ChatMemberUpdated,
): MemberJoinedEvent | MemberLeftEvent | undefined {
  const chat = chatRef(update.chat);
  if (chat?.kind !== 'group') return undefined;
  const user = update.new_chat_member.user;
  const wasIn = isPresent(update.old_chat_member);
  const isIn = isPresent(update.new_chat_member);
  const byOther = update.from.id !== user.id ? userRef(update.from) : undefined;
  if (!wasIn && isIn) {
    return {
      type: 'member_joined',
      id: joinId(user.id, update.date),
      chat,
      member: userRef(user),
      // Someone else acting means an admin added them; a link joiner acts themselves. An anonymous
      // admin acts as GroupAnonymousBot: a bot account is nobody's inviter.
      ...(byOther && !byOther.isBot ? { inviter: byOther } : {}),
      ...(update.invite_link ? { invite: update.invite_link.invite_link } : {}),
      at: isoDate(update.date),
    };
  }
  if (wasIn && !isIn) {
    const removedBy =
      byOther ?? (update.new_chat_member.status === 'kicked' ? userRef(update.from) : undefined);
    return {
      type: 'member_left',
      id: leaveId(user.id, update.date),
      chat,
      member: userRef(user),
      ...(removedBy ? { removedBy } : {}),
      at: isoDate(update.date),
    };
  }
  return undefined;
}

/** Whether an update changes someone's admin standing (so the cached admin list is stale). */
export function changesAdminRole(update: ChatMemberUpdated): boolean {
  return roleOf(update.old_chat_member) !== roleOf(update.new_chat_member);
}
