import { type Contact, type Room, types, type Wechaty } from 'wechaty';
import { DeliveryError } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import { toDeliveryError } from './errors.js';
import type { WechatContactData, WechatRoomData } from './normalize.js';

/** The bot account's contact id; undefined while not logged in. */
export function selfIdOf(wechaty: Wechaty | undefined): string | undefined {
  return wechaty?.isLoggedIn ? wechaty.currentUser.id : undefined;
}

/** Throws a retryable DeliveryError while not logged in. */
function loggedIn(wechaty: Wechaty | undefined): Wechaty {
  if (!wechaty?.isLoggedIn) throw new DeliveryError('wechat: not logged in (yet)', true);
  return wechaty;
}

/** The room (group chat) or contact (direct chat) to post to; DeliveryError when it cannot be loaded. */
export function conversation(wechaty: Wechaty | undefined, chat: ChatRef): Promise<Room | Contact> {
  return chat.kind === 'group' ? findRoom(wechaty, chat.chatId) : findContact(wechaty, chat.chatId);
}

// wechaty's find() swallows the reason it found nothing; asking the puppet first keeps it, so an
// unknown room is told apart from a puppet that is down.
export async function findRoom(wechaty: Wechaty | undefined, id: string): Promise<Room> {
  const w = loggedIn(wechaty);
  try {
    await w.puppet.roomPayload(id);
  } catch (error) {
    throw toDeliveryError(error, `room ${id}`);
  }
  const room = await w.Room.find({ id });
  if (!room) throw new DeliveryError(`wechat: room ${id} could not be loaded`, true);
  return room;
}

export async function findContact(wechaty: Wechaty | undefined, id: string): Promise<Contact> {
  const w = loggedIn(wechaty);
  try {
    await w.puppet.contactPayload(id);
  } catch (error) {
    throw toDeliveryError(error, `contact ${id}`);
  }
  const contact = await w.Contact.find({ id });
  if (!contact) throw new DeliveryError(`wechat: contact ${id} could not be loaded`, true);
  return contact;
}

/** A room as normalize takes it; `topics` holds names from room-topic events, newer than the puppet's cache. */
export async function roomData(room: Room, topics: ReadonlyMap<string, string>): Promise<WechatRoomData> {
  return {
    id: room.id,
    topic: topics.get(room.id) ?? (await room.topic()),
    ...(room.owner() ? { ownerId: room.owner()!.id } : {}),
    adminIds: room.payload?.adminIdList ?? [],
  };
}

/** In a room, members are known by their group nickname (群昵称) where they set one. */
export async function contactData(contact: Contact, room?: Room): Promise<WechatContactData> {
  const alias = room ? await room.alias(contact).catch(() => undefined) : undefined;
  return {
    id: contact.id,
    name: alias || contact.name(),
    ...(contact.type() === types.Contact.Official ? { official: true } : {}),
  };
}

/** The names the bot account goes by in a room (its group nickname, its own name), for @-mentions. */
export async function selfNames(wechaty: Wechaty | undefined, room: Room): Promise<string[]> {
  const self = wechaty?.currentUser;
  if (!self) return [];
  const alias = await room.alias(self).catch(() => undefined);
  return [alias, self.name()].filter((n): n is string => Boolean(n));
}
