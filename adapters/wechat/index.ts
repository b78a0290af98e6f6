import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { FileBox } from 'file-box';
import {
  type Contact,
  type Message,
  type Room,
  types,
  type Wechaty,
  WechatyBuilder,
  type WechatyOptions,
} from 'wechaty';
import {
  type Adapter,
  type BotHandle,
  type Capabilities,
  DeliveryError,
  type MemberStanding,
  type Outgoing,
} from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { BotEvent, ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { splitText } from '../../src/core/split-text.js';
import { ChatOrder } from '../chat-order.js';
import { toDeliveryError } from './errors.js';
import { printScan } from './login.js';
import {
  normalizeJoin,
  normalizeLeave,
  normalizeMessage,
  PLATFORM,
  roleIn,
  type WechatContactData,
  type WechatRoomData,
} from './normalize.js';

/** A puppet object (not a module name), e.g. a PuppetMock in tests. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatAdapterOptions {
  log: Logger;
  /** WECHATY_PUPPET: the puppet module; unset means wechaty's default, or the puppet service when a token is set. */
  puppet?: string;
  /** WECHATY_PUPPET_SERVICE_TOKEN. */
  token?: string;
  /** A prebuilt puppet; wins over `puppet` and `token`. */
  puppetInstance?: PuppetInstance;
  /** Data dir: wechaty keeps its login session (memory card) in `<dataDir>/wechat/`. */
  dataDir?: string;
  /** Where the login QR code is printed (stdout by default: the operator scans it from the terminal). */
  qrOutput?: Writable;
  name?: string;
  /** Whose time spaces the parts of a long message (the bot's clock; tests pass their manual one). */
  clock?: Pick<Clock, 'setTimer'>;
}

export const WECHAT_CAPABILITIES: Capabilities = {
  editMessages: false,
  removeMembers: true,
  inviteLinks: false,
  images: true,
  files: true,
  nativeCommands: false,
  // Long posts get folded and skimmed in WeChat groups.
  maxMessageLength: 2000,
  defaultLocale: 'zh',
  // WeChat has no reactions.
  reactions: false,
  // WeChat has no buttons under a bot's messages: members order by text (`+1`).
  buttons: false,
  // WeChat restricts accounts that post quickly; stay well below what the client itself allows.
  pacing: { perChatPerMinute: 10, globalPerSecond: 1, minGapMs: 1_000 },
};

const SERVICE_PUPPET = 'wechaty-puppet-service';

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
  /** Rooms whose member list went to the core in this run, or is being asked for (see list). */
  private readonly listed = new Set<string>();
  /** Rooms whose member list came back without the bot's account in this run: logged once (see list). */
  private readonly incomplete = new Set<string>();
  /** Posts of a message already made, so a retry of the same Outgoing does not post them again. */
  private readonly progress = new WeakMap<Outgoing, { posted: number; messageIds: string[] }>();

  constructor(private readonly options: WechatAdapterOptions) {}

  /** Logged in (false while waiting for the QR code to be scanned, and after a logout). */
  connected(): boolean {
    return this.wechaty?.isLoggedIn ?? false;
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
    const { log } = this.options;
    const wechaty = WechatyBuilder.build(await this.wechatyOptions());
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
    wechaty.on('ready', () => void this.listRooms(wechaty));
    wechaty.on('message', (message) => {
      const room = message.room();
      if (room) this.list(room.id);
      this.enqueue(room?.id ?? message.talker().id, 'message', () => this.onMessage(message));
    });
    wechaty.on('room-join', (room, invitees, inviter, date) => {
      // Also when the bot's account is the one added: who is in the room now was there before it.
      this.list(room.id);
      this.enqueue(room.id, 'room-join', async () => {
        const data = await this.roomData(room);
        const contacts = await Promise.all(invitees.map((c) => this.contactData(c, room)));
        const by = await this.contactData(inviter, room);
        return normalizeJoin(data, contacts, by, date, this.selfId());
      });
    });
    wechaty.on('room-leave', (room, leavers, remover, date) => {
      this.list(room.id);
      this.enqueue(room.id, 'room-leave', async () => {
        const data = await this.roomData(room);
        const contacts = await Promise.all(leavers.map((c) => this.contactData(c)));
        const by = remover ? await this.contactData(remover) : undefined;
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
    const target = await this.conversation(chat);
    const progress = this.progress.get(out) ?? { posted: 0, messageIds: [] };
    this.progress.set(out, progress);
    try {
      if (out.kind !== 'text') {
        // FileBox reads the file lazily, deep in the puppet; a missing file is told apart here, as final.
        await access(out.path);
      }
      const posts = this.posts(out);
      const from = progress.posted;
      for (let i = from; i < posts.length; i++) {
        const post = posts[i]!;
        if (i > from) await this.pause(this.capabilities.pacing.minGapMs ?? 0);
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
    return this.posts(out).length;
  }

  /** The WeChat posts of a message, in order (files built only when posted). */
  private posts(out: Outgoing): (string | (() => FileBox))[] {
    // WeChat has no captions: the file goes first, its caption right after.
    return out.kind === 'text'
      ? splitText(out.text, this.capabilities.maxMessageLength)
      : [() => FileBox.fromFile(out.path), ...(out.caption ? [out.caption] : [])];
  }

  /** Waits ms on the adapter's clock between two posts of one message. */
  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    const clock = this.options.clock;
    return new Promise((resolve) => {
      if (clock) clock.setTimer(resolve, ms);
      else setTimeout(resolve, ms);
    });
  }

  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    if (chat.kind !== 'group') throw new DeliveryError('wechat: members are removed from rooms only', false);
    const room = await this.room(chat.chatId);
    if (room.owner()?.id !== this.selfId()) {
      this.bot?.problem(this, chat, { code: 'cannot_remove', detail: '群主' });
      throw new DeliveryError('wechat: only the room owner can remove members; the bot is not', false);
    }
    const contact = await this.contact(userId);
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
    const room = await this.room(chat.chatId);
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

  private async wechatyOptions(): Promise<WechatyOptions> {
    const { puppetInstance, token, dataDir } = this.options;
    let name = this.options.name ?? 'tuanbot';
    if (dataDir) {
      // wechaty names its session file after the bot (`<name>.memory-card.json`, relative to the working
      // directory); an absolute name keeps it in the data dir, so a restart needs no new scan.
      const dir = join(dataDir, 'wechat');
      await mkdir(dir, { recursive: true });
      name = join(dir, name);
    }
    if (puppetInstance) return { name, puppet: puppetInstance };
    const puppet = this.options.puppet ?? (token ? SERVICE_PUPPET : undefined);
    return {
      name,
      // The configured name is checked by wechaty when it loads the module; its type lists only official puppets.
      ...(puppet ? { puppet: puppet as Extract<WechatyOptions['puppet'], string> } : {}),
      ...(token ? { puppetOptions: { token } } : {}),
    };
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

  /** Lists every room the account is in (at ready: see list). */
  private async listRooms(wechaty: Wechaty): Promise<void> {
    try {
      for (const roomId of await wechaty.puppet.roomList()) this.list(roomId);
    } catch (error) {
      this.options.log.warn({ platform: PLATFORM, err: error }, 'wechat: could not list rooms');
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
  private list(roomId: string): void {
    if (this.listed.has(roomId)) return;
    this.listed.add(roomId);
    const handed = this.order.add(roomId, async () => {
      const bot = this.bot;
      const wechaty = this.wechaty;
      if (!bot?.membersListed || !wechaty) return [];
      // The ids alone: loading every member's contact (room.memberAll) costs a call each, and drops those that fail.
      const userIds = await wechaty.puppet.roomMemberList(roomId);
      const self = this.selfId();
      if (self === undefined || !userIds.includes(self)) {
        this.listed.delete(roomId);
        if (!this.incomplete.has(roomId))
          this.options.log.warn(
            { platform: PLATFORM, room: roomId, members: userIds.length },
            "wechat: a room's member list without the bot's own account is incomplete: not kept; asked again at the room's next event",
          );
        this.incomplete.add(roomId);
        return [];
      }
      const chat: ChatRef = { platform: PLATFORM, chatId: roomId, kind: 'group' };
      return [bot.membersListed(this, chat, userIds)];
    });
    handed.catch((error: unknown) => {
      this.listed.delete(roomId);
      this.options.log.warn({ platform: PLATFORM, err: error }, 'wechat: room members not listed');
    });
  }

  private async onMessage(message: Message): Promise<BotEvent | undefined> {
    if (message.self()) return undefined; // our own posts come back as messages
    const room = message.room();
    const text = message.text();
    return normalizeMessage({
      id: message.id,
      self: false,
      isText: message.type() === types.Message.Text,
      text,
      talker: await this.contactData(message.talker(), room),
      ...(room ? { room: await this.roomData(room) } : {}),
      date: message.date(),
      ...(room && text.trimStart().startsWith('@') ? { selfNames: await this.selfNames(room) } : {}),
    });
  }

  private async roomData(room: Room): Promise<WechatRoomData> {
    return {
      id: room.id,
      topic: this.topics.get(room.id) ?? (await room.topic()),
      ...(room.owner() ? { ownerId: room.owner()!.id } : {}),
      adminIds: room.payload?.adminIdList ?? [],
    };
  }

  /** In a room, members are known by their group nickname (群昵称) where they set one. */
  private async contactData(contact: Contact, room?: Room): Promise<WechatContactData> {
    const alias = room ? await room.alias(contact).catch(() => undefined) : undefined;
    return {
      id: contact.id,
      name: alias || contact.name(),
      ...(contact.type() === types.Contact.Official ? { official: true } : {}),
    };
  }

  private async selfNames(room: Room): Promise<string[]> {
    const self = this.wechaty?.currentUser;
    if (!self) return [];
    const alias = await room.alias(self).catch(() => undefined);
    return [alias, self.name()].filter((n): n is string => Boolean(n));
  }

  private selfId(): string | undefined {
    return this.wechaty?.isLoggedIn ? this.wechaty.currentUser.id : undefined;
  }

  private idOf(sent: Awaited<ReturnType<Room['say']>>): string {
    // Puppets that do not return the sent message's id still get a unique one, for the outbox's bookkeeping.
    return sent ? sent.id : `local:${Date.now().toString(36)}.${++this.localIds}`;
  }

  private loggedIn(): Wechaty {
    const wechaty = this.wechaty;
    if (!wechaty?.isLoggedIn) throw new DeliveryError('wechat: not logged in (yet)', true);
    return wechaty;
  }

  private conversation(chat: ChatRef): Promise<Room | Contact> {
    return chat.kind === 'group' ? this.room(chat.chatId) : this.contact(chat.chatId);
  }

  // wechaty's find() swallows the reason it found nothing; asking the puppet first keeps it, so an
  // unknown room is told apart from a puppet that is down.
  private async room(id: string): Promise<Room> {
    const wechaty = this.loggedIn();
    try {
      await wechaty.puppet.roomPayload(id);
    } catch (error) {
      throw toDeliveryError(error, `room ${id}`);
    }
    const room = await wechaty.Room.find({ id });
    if (!room) throw new DeliveryError(`wechat: room ${id} could not be loaded`, true);
    return room;
  }

  private async contact(id: string): Promise<Contact> {
    const wechaty = this.loggedIn();
    try {
      await wechaty.puppet.contactPayload(id);
    } catch (error) {
      throw toDeliveryError(error, `contact ${id}`);
    }
    const contact = await wechaty.Contact.find({ id });
    if (!contact) throw new DeliveryError(`wechat: contact ${id} could not be loaded`, true);
    return contact;
  }
}
