import { access } from 'node:fs/promises';
import { type Message, type Room, types, type Wechaty, WechatyBuilder } from 'wechaty';
import {
  type Adapter,
  type BotHandle,
  DeliveryError,
  type MemberStanding,
  type Outgoing,
} from '../../src/core/adapter.js';
import { pause } from '../../src/core/clock.js';
import type { BotEvent, ChatRef, ImageRef } from '../../src/core/events.js';
import { ChatOrder } from '../chat-order.js';
import { WECHAT_CAPABILITIES } from './capabilities.js';
import { toDeliveryError } from './errors.js';
import { readMessageFile } from './files.js';
import { printScan } from './login.js';
import { contactData, conversation, findContact, findRoom, roomData, selfIdOf, selfNames } from './lookup.js';
import { MemberLists } from './member-lists.js';
import {
  normalizeJoin,
  normalizeLeave,
  normalizeMessage,
  PLATFORM,
  roleIn,
  type WechatRoomData,
} from './normalize.js';
import { type WechatAdapterOptions, wechatyOptions } from './options.js';
import { postsOf } from './posts.js';

/**
 * WeChat groups through wechaty. WeChat cannot edit messages or create invite links, but it says
 * who added each new member, which is what referrals are credited from. Only the room owner
 * (群主) may remove members, so removal works only where the bot's account owns the room.
 */
export class WechatAdapter implements Adapter {
  readonly platform = PLATFORM;
  readonly capabilities = WECHAT_CAPABILITIES;
  private wechaty: Wechaty | undefined;
  private bot: BotHandle | undefined;
  // room-topic tells the new name before every puppet's cached payload has caught up.
  private readonly topics = new Map<string, string>();
  // Events reach the core in arrival order within a room (a join before that member's first words)
  // and concurrently across rooms, without waiting for each one's fsync.
  private readonly order = new ChatOrder();
  private localIds = 0;
  private readonly lists: MemberLists;
  /** Posts of a message already made, so a retry of the same Outgoing does not post them again. */
  private readonly progress = new WeakMap<Outgoing, { posted: number; messageIds: string[] }>();

  constructor(private readonly options: WechatAdapterOptions) {
    this.lists = new MemberLists({
      adapter: this,
      order: this.order,
      log: options.log,
      bot: () => this.bot,
      wechaty: () => this.wechaty,
    });
  }

  /** Logged in (false while waiting for the QR code to be scanned, and after a logout). */
  connected(): boolean {
    return this.wechaty?.isLoggedIn ?? false;
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
    const { log } = this.options;
    const wechaty = WechatyBuilder.build(await wechatyOptions(this.options));
    this.wechaty = wechaty;
    wechaty.on('scan', (qrcode, status) =>
      printScan(this.options.qrOutput ?? process.stdout, qrcode, status),
    );
    wechaty.on('login', (user) =>
      log.info(
        { platform: PLATFORM, user: { id: user.id, name: user.name() }, capabilities: this.capabilities },
        `wechat: logged in as ${user.name()}`,
      ),
    );
    wechaty.on('logout', (user, reason) =>
      log.warn({ platform: PLATFORM, user: user.id, reason }, 'wechat: logged out; scan the QR code again'),
    );
    // wechaty reports puppet hiccups here; without a listener they would crash the process.
    wechaty.on('error', (error) => log.warn({ platform: PLATFORM, err: error }, 'wechat: puppet error'));
    // The puppet has synced: it knows every room the account is in, and who is in each.
    wechaty.on('ready', () => void this.lists.listRooms(wechaty));
    wechaty.on('message', (message) => {
      const room = message.room();
      if (room) this.lists.list(room.id);
      this.enqueue(room?.id ?? message.talker().id, 'message', () => this.onMessage(message));
    });
    wechaty.on('room-join', (room, invitees, inviter, date) => {
      // Also when the bot's account is the one added: who is in the room now was there before it.
      this.lists.list(room.id);
      this.enqueue(room.id, 'room-join', async () => {
        const data = await roomData(room, this.topics);
        const contacts = await Promise.all(invitees.map((c) => contactData(c, room)));
        const by = await contactData(inviter, room);
        return normalizeJoin(data, contacts, by, date, this.selfId());
      });
    });
    wechaty.on('room-leave', (room, leavers, remover, date) => {
      this.lists.list(room.id);
      this.enqueue(room.id, 'room-leave', async () => {
        const data = await roomData(room, this.topics);
        const contacts = await Promise.all(leavers.map((c) => contactData(c)));
        const by = remover ? await contactData(remover) : undefined;
        return normalizeLeave(data, contacts, by, date, this.selfId());
      });
    });
    wechaty.on('room-topic', (room, newTopic) => {
      this.topics.set(room.id, newTopic);
    });
    await wechaty.start();
    log.info(
      { platform: PLATFORM, puppet: wechaty.puppet.name(), capabilities: this.capabilities },
      'wechat: started; waiting for login',
    );
  }

  async stop(): Promise<void> {
    const wechaty = this.wechaty;
    this.wechaty = undefined;
    if (wechaty) await wechaty.stop();
    await this.order.handedOver();
    this.bot = undefined;
  }

  /**
   * Posts a message: a long text in parts, a file with its caption as a second post. Each post is
   * one WeChat message and WeChat restricts bursts, so the parts are spaced by the minimum gap (the
   * outbox counts them all, see cost), and a failure part-way leaves the rest for the outbox's
   * retry of the same Outgoing, which posts only what is still missing.
   * The origin is not used: WeChat has no threads, and a bot cannot quote a message (a quote is
   * plain text the client builds), so an answer is simply posted to the room.
   */
  async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    const target = await conversation(this.wechaty, chat);
    const progress = this.progress.get(out) ?? { posted: 0, messageIds: [] };
    this.progress.set(out, progress);
    try {
      if (out.kind !== 'text') {
        // FileBox reads the file lazily, deep in the puppet; a missing file is told apart here, as final.
        await access(out.path);
      }
      const posts = postsOf(out, this.capabilities.maxMessageLength);
      const from = progress.posted;
      for (let i = from; i < posts.length; i++) {
        const post = posts[i]!;
        if (i > from) await pause(this.options.clock, this.capabilities.pacing.minGapMs ?? 0);
        progress.messageIds.push(this.idOf(await target.say(typeof post === 'string' ? post : post())));
        progress.posted = i + 1;
      }
    } catch (error) {
      throw toDeliveryError(error, `send to ${chat.chatId}`);
    }
    this.progress.delete(out);
    // A text's id is its last part's (as before); a file's is the file's own.
    const ids = progress.messageIds;
    return { messageId: (out.kind === 'text' ? ids.at(-1) : ids[0]) ?? '' };
  }

  /** WeChat posts a message takes: a long text's parts, a file and its caption. */
  cost(out: Outgoing): number {
    return postsOf(out, this.capabilities.maxMessageLength).length;
  }

  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    if (chat.kind !== 'group') throw new DeliveryError('wechat: members are removed from rooms only', false);
    const room = await findRoom(this.wechaty, chat.chatId);
    if (room.owner()?.id !== this.selfId()) {
      this.bot?.problem(this, chat, { code: 'cannot_remove', detail: '群主' });
      throw new DeliveryError('wechat: only the room owner can remove members; the bot is not', false);
    }
    const contact = await findContact(this.wechaty, userId);
    try {
      await room.remove(contact);
    } catch (error) {
      throw toDeliveryError(error, `remove ${userId} from ${chat.chatId}`);
    }
  }

  /**
   * From the room as WeChat has it now (its payload and member list fetched again: one lookup for
   * the whole room, so nothing is cached): its owner (群主), its admins (管理员, where the puppet
   * reports them), its members; anyone else has left.
   */
  async memberStanding(
    chat: ChatRef,
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, MemberStanding>> {
    if (chat.kind !== 'group') throw new DeliveryError('wechat: members stand in rooms only', false);
    const room = await findRoom(this.wechaty, chat.chatId);
    let present: Set<string>;
    try {
      await room.sync();
      present = new Set((await room.memberAll()).map((contact) => contact.id));
    } catch (error) {
      throw toDeliveryError(error, `room ${chat.chatId} members`);
    }
    const data: WechatRoomData = {
      id: room.id,
      topic: '',
      ...(room.owner() ? { ownerId: room.owner()!.id } : {}),
      adminIds: room.payload?.adminIdList ?? [],
    };
    return new Map(userIds.map((id) => [id, present.has(id) ? roleIn(data, id) : 'gone']));
  }

  directChat(userId: string): ChatRef {
    return { platform: PLATFORM, chatId: userId, kind: 'direct' };
  }

  /** A picture (or file) a member sent: their message's FileBox (toFileBox), read up to maxBytes (files.ts). */
  readImage(image: ImageRef, maxBytes: number): Promise<Uint8Array> {
    return readMessageFile(this.wechaty, image.ref, maxBytes);
  }

  /** Builds the events of one puppet event behind the earlier ones of its room (or contact) and hands them over. */
  private enqueue(key: string, what: string, work: () => Promise<BotEvent[] | BotEvent | undefined>): void {
    const handed = this.order.add(key, async () => {
      const produced = await work();
      const events = produced === undefined ? [] : Array.isArray(produced) ? produced : [produced];
      const bot = this.bot;
      return bot ? events.map((event) => bot.handle(this, event)) : [];
    });
    handed.catch((error: unknown) =>
      this.options.log.error({ platform: PLATFORM, err: error }, `wechat: ${what} not handled`),
    );
  }

  private async onMessage(message: Message): Promise<BotEvent | undefined> {
    if (message.self()) return undefined; // our own posts come back as messages
    const room = message.room();
    const text = message.text();
    const type = message.type();
    return normalizeMessage({
      id: message.id,
      self: false,
      isText: type === types.Message.Text,
      ...(type === types.Message.Image ? { file: 'image' as const } : {}),
      ...(type === types.Message.Attachment ? { file: 'attachment' as const } : {}),
      text,
      talker: await contactData(message.talker(), room),
      ...(room ? { room: await roomData(room, this.topics) } : {}),
      date: message.date(),
      ...(room && text.trimStart().startsWith('@') ? { selfNames: await selfNames(this.wechaty, room) } : {}),
    });
  }

  private selfId(): string | undefined {
    return selfIdOf(this.wechaty);
  }

  private idOf(sent: Awaited<ReturnType<Room['say']>>): string {
    // Puppets that do not return the sent message's id still get a unique one, for the outbox's bookkeeping.
    return sent ? sent.id : `local:${Date.now().toString(36)}.${++this.localIds}`;
  }
}
