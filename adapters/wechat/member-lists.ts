import type { Wechaty } from 'wechaty';
import type { Adapter, BotHandle } from '../../src/core/adapter.js';
import type { ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import type { ChatOrder } from '../chat-order.js';
import { selfIdOf } from './lookup.js';
import { PLATFORM } from './normalize.js';

/** What the member lists read from the adapter, as it is at the time (bot and wechaty are unset before start). */
export interface MemberListsHost {
  adapter: Adapter;
  order: ChatOrder;
  log: Logger;
  bot(): BotHandle | undefined;
  wechaty(): Wechaty | undefined;
}

/** Hands the core each room's member list once a run (see list). */
export class MemberLists {
  /** Rooms whose member list went to the core in this run, or is being asked for (see list). */
  private readonly listed = new Set<string>();
  /** Rooms whose member list came back without the bot's account in this run: logged once (see list). */
  private readonly incomplete = new Set<string>();

  constructor(private readonly host: MemberListsHost) {}

  /** Lists every room the account is in (at ready: see list). */
  async listRooms(wechaty: Wechaty): Promise<void> {
    try {
      for (const roomId of await wechaty.puppet.roomList()) this.list(roomId);
    } catch (error) {
      this.host.log.warn({ platform: PLATFORM, err: error }, 'wechat: could not list rooms');
    }
  }

  /**
   * Hands the core a room's member list, once a run: at ready, when the bot's account is added to
   * the room, else before the room's first event. WeChat does not report every join (QR-code joins
   * come without an inviter, which wechaty turns into an error), so the core keeps the first list it
   * gets of a room as who was there before the bot, and takes anyone it first sees there later for a
   * new member (see BotHandle.membersListed). Later lists change nothing in the core.
   *
   * So a list that cannot be the whole room is not handed over: one without the bot's own account
   * (a puppet that has not synced the room yet answers with an empty or partial list) would make
   * everyone left off it a new member for good, free to use anyone's referral code. It is logged
   * (once a room) and asked for again at the room's next event, as is a list the puppet failed to give.
   */
  list(roomId: string): void {
    if (this.listed.has(roomId)) return;
    this.listed.add(roomId);
    const { host } = this;
    const handed = host.order.add(roomId, async () => {
      const bot = host.bot();
      const wechaty = host.wechaty();
      if (!bot?.membersListed || !wechaty) return [];
      // The ids alone: loading every member's contact (room.memberAll) costs a call each, and drops those that fail.
      const userIds = await wechaty.puppet.roomMemberList(roomId);
      const self = selfIdOf(host.wechaty());
      if (self === undefined || !userIds.includes(self)) {
        this.listed.delete(roomId);
        if (!this.incomplete.has(roomId))
          host.log.warn(
            { platform: PLATFORM, room: roomId, members: userIds.length },
            "wechat: a room's member list without the bot's own account is incomplete: not kept; asked again at the room's next event",
          );
        this.incomplete.add(roomId);
        return [];
      }
      const chat: ChatRef = { platform: PLATFORM, chatId: roomId, kind: 'group' };
      return [bot.membersListed(host.adapter, chat, userIds)];
    });
    handed.catch((error: unknown) => {
      this.listed.delete(roomId);
      host.log.warn({ platform: PLATFORM, err: error }, 'wechat: room members not listed');
    });
  }
}
