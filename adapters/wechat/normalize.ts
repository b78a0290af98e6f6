import type {
  ChatRef,
  ImageRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  MessageEvent,
  Role,
  UserRef,
} from '../../src/core/events.js';

/**
 * WeChat (wechaty) → core events, as pure functions over plain data the adapter reads off
 * wechaty's objects first, so every rule here is testable without a puppet.
 */

export const PLATFORM = 'wechat';

/** A contact as the adapter read it from wechaty. */
export interface WechatContactData {
  id: string;
  name: string;
  /** Official accounts (公众号) are bots, never members. */
  official?: boolean;
}

/** A room (group chat) as the adapter read it from wechaty. */
export interface WechatRoomData {
  id: string;
  topic: string;
  ownerId?: string;
  /** Only newer puppets report room admins; empty elsewhere. */
  adminIds?: readonly string[];
}

/** A message as the adapter read it from wechaty. */
export interface WechatMessageData {
  id: string;
  /** Sent by the logged-in account (wechaty echoes the bot's own messages back). */
  self: boolean;
  /** Text messages carry commands and orders; voice, stickers and links carry nothing for the bot. */
  isText: boolean;
  /**
   * A picture (WeChat's Image type) or a file (Attachment) the message is: fetched by the
   * message's id (readImage). WeChat pictures have no caption, so such a message has no text.
   */
  file?: 'image' | 'attachment';
  text: string;
  talker: WechatContactData;
  room?: WechatRoomData;
  date?: Date;
  /** Names the bot shows under in this chat (its nickname, its room alias): an @mention of these is trimmed. */
  selfNames?: readonly string[];
}

export function roomChat(room: WechatRoomData): ChatRef {
  return { platform: PLATFORM, chatId: room.id, kind: 'group', title: room.topic || room.id };
}

export function directChatOf(contact: WechatContactData): ChatRef {
  return { platform: PLATFORM, chatId: contact.id, kind: 'direct', title: contact.name || contact.id };
}

/** WeChat's own standing of a user in a room: 群主 is the owner, 管理员 (where reported) an admin. */
export function roleIn(room: WechatRoomData, userId: string): Role {
  if (room.ownerId && room.ownerId === userId) return 'owner';
  if (room.adminIds?.includes(userId)) return 'admin';
  return 'member';
}

export function userRef(contact: WechatContactData, room?: WechatRoomData): UserRef {
  return {
    id: contact.id,
    name: contact.name || contact.id,
    ...(contact.official ? { isBot: true } : {}),
    ...(room ? { role: roleIn(room, contact.id) } : {}),
  };
}

// WeChat puts U+2005 (four-per-em space) after an @mention; clients on other systems send a plain space.
const MENTION_END = '[\\u2005\\u0020\\u00a0]';

/** Removes a leading `@<bot name>` so `@tuanbot 帮助` reaches the core as `帮助`; other text is untouched. */
export function stripMention(text: string, selfNames: readonly string[] = []): string {
  const trimmed = text.trim();
  for (const name of selfNames) {
    if (!name) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const match = new RegExp(`^@${escaped}(?:${MENTION_END}+|$)`).exec(trimmed);
    if (match) return trimmed.slice(match[0].length).trim();
  }
  return trimmed;
}

/**
 * A text message, or a picture or file, to a core MessageEvent (a picture's: no text, the message
 * itself as its image); undefined for the bot's own messages and other kinds.
 */
export function normalizeMessage(data: WechatMessageData): MessageEvent | undefined {
  if (data.self || (!data.isText && !data.file)) return undefined;
  const text = data.isText ? stripMention(data.text, data.selfNames) : '';
  if (!text && !data.file) return undefined;
  const images: ImageRef[] | undefined = data.file ? [{ ref: data.id }] : undefined;
  return {
    type: 'message',
    id: data.id,
    chat: data.room ? roomChat(data.room) : directChatOf(data.talker),
    sender: userRef(data.talker, data.room),
    text,
    ...(images ? { images } : {}),
    ...(data.date ? { at: data.date.toISOString() } : {}),
  };
}

/**
 * One event per invitee; WeChat names who added them, which is where referral credit comes from.
 * The bot's own account is never an invitee here (the adapter lists the room instead), and as the
 * inviter it is marked a bot, which the core credits with nothing.
 */
export function normalizeJoin(
  room: WechatRoomData,
  invitees: readonly WechatContactData[],
  inviter: WechatContactData | undefined,
  date: Date | undefined,
  selfId: string | undefined,
): MemberJoinedEvent[] {
  return invitees
    .filter((invitee) => invitee.id !== selfId)
    .map((invitee) => ({
      type: 'member_joined' as const,
      // Joins have no id of their own; who and when is stable across a puppet's redelivery.
      ...(date ? { id: `${invitee.id}@${date.getTime()}` } : {}),
      chat: roomChat(room),
      member: userRef(invitee),
      // Someone who came in by scanning their own QR code invited nobody.
      ...(inviter && inviter.id !== invitee.id
        ? { inviter: inviter.id === selfId ? { ...userRef(inviter), isBot: true } : userRef(inviter) }
        : {}),
      ...(date ? { at: date.toISOString() } : {}),
    }));
}

/** One event per leaver; removedBy when someone else took them out (WeChat only reports removals reliably). */
export function normalizeLeave(
  room: WechatRoomData,
  leavers: readonly WechatContactData[],
  remover: WechatContactData | undefined,
  date: Date | undefined,
  selfId: string | undefined,
): MemberLeftEvent[] {
  return leavers
    .filter((leaver) => leaver.id !== selfId)
    .map((leaver) => ({
      type: 'member_left' as const,
      ...(date ? { id: `${leaver.id}@${date.getTime()}` } : {}),
      chat: roomChat(room),
      member: userRef(leaver),
      ...(remover && remover.id !== leaver.id ? { removedBy: userRef(remover) } : {}),
      ...(date ? { at: date.toISOString() } : {}),
    }));
}
