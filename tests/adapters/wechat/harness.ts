import type { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FileBox } from 'file-box';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WechatAdapter } from '../../../adapters/wechat/index.js';
import type { Bot } from '../../../src/core/bot.js';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { Store } from '../../../src/store/store.js';
import { botOnStore } from '../../helpers/bot.js';

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;

// The mock's event typings name a global TypedEventEmitter this project does not load; they are EventEmitters.
function onMessage(target: RoomMock | ContactMock, listener: (message: mock.MessageMock) => void): void {
  (target as unknown as EventEmitter).on('message', listener);
}

/** A picture (or file) a contact sends: these bytes under this name. */
export function box(bytes: Uint8Array, name: string): FileBox {
  return FileBox.fromBase64(Buffer.from(bytes).toString('base64'), name);
}

/** What a contact (usually the bot account) posted, as the other WeChat users would see it. */
export interface Said {
  by: string;
  /** The room id, or the contact id of a direct chat. */
  to: string;
  text?: string;
  /** Set for images and files. */
  file?: string;
  /** The test clock's time when it arrived (ms), to check pacing. */
  at: number;
}

/**
 * How fast a WeChat account may post before it is restricted. WeChat publishes no numbers; accounts
 * that post in bursts get restricted (FIELD-NOTES), so the fake holds each conversation to one post
 * a second and 10 a minute (half of Telegram's 20 in a group).
 */
export const WECHAT_LIMITS = { gapMs: 1_000, perMinute: 10 };

/** A post the fake refused because it came too fast: what a restricted account would have cost. */
export interface Restriction {
  to: string;
  at: number;
  reason: 'gap' | 'minute';
}

/**
 * Polls until cond holds, moving the test's clock stepMs per round: the outbox's WeChat pacing
 * (1 message a second) waits on that clock, so waiting here is also time passing there.
 */
export async function waitFor(
  cond: () => boolean,
  clock?: ManualClock,
  what = 'condition',
  stepMs = 1_000,
): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    clock?.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The real bot core with the WeChat adapter on real wechaty, whose puppet is wechaty-puppet-mock:
 * fake contacts and rooms speak through the mocker, and what the bot says comes back as mock messages.
 */
export class WechatWorld {
  readonly said: Said[] = [];
  /** Posts refused for coming too fast (the fake's stand-in for an account restriction). */
  readonly restrictions: Restriction[] = [];
  qrText = '';
  /** Accepted posts per conversation (test clock ms), for WECHAT_LIMITS. */
  private readonly posts = new Map<string, number[]>();

  private constructor(
    readonly dir: string,
    readonly clock: ManualClock,
    readonly store: Store,
    readonly bot: Bot,
    readonly mocker: mock.Mocker,
    readonly puppet: PuppetMock,
    readonly adapter: WechatAdapter,
    readonly me: ContactMock,
    qr: PassThrough,
  ) {
    qr.on('data', (chunk: Buffer) => {
      this.qrText += chunk.toString();
    });
    this.enforceLimits();
    this.ownRoomsOnly();
  }

  /**
   * Makes the mock puppet refuse posts that come faster than WECHAT_LIMITS, like WeChat restricting
   * a bursty account; each refusal is recorded in `restrictions`.
   */
  /**
   * Like a real puppet, the room list holds only rooms the bot's account is in (the mock's holds
   * every room it made).
   */
  private ownRoomsOnly(): void {
    this.puppet.roomList = async () =>
      [...this.mocker.cacheRoomPayload.values()]
        .filter((room) => room.memberIdList.includes(this.me.id))
        .map((room) => room.id);
  }

  private enforceLimits(): void {
    const puppet = this.puppet;
    const text = puppet.messageSendText.bind(puppet);
    const file = puppet.messageSendFile.bind(puppet);
    puppet.messageSendText = async (to, ...rest) => {
      this.admit(to);
      return text(to, ...rest);
    };
    puppet.messageSendFile = async (to, box) => {
      this.admit(to);
      // A real puppet reads the bot's local file; the mock passes on only FileBoxes that serialize
      // to JSON, so the file is read here and handed on as base64 (`said` then shows it).
      const bytes = await box.toBuffer();
      return file(to, FileBox.fromBase64(bytes.toString('base64'), box.name));
    };
  }

  private admit(to: string): void {
    const now = this.clock.now().getTime();
    const times = (this.posts.get(to) ?? []).filter((t) => t > now - 60_000);
    const last = times.at(-1);
    const reason =
      last !== undefined && now - last < WECHAT_LIMITS.gapMs
        ? 'gap'
        : times.length >= WECHAT_LIMITS.perMinute
          ? 'minute'
          : undefined;
    if (reason) {
      this.restrictions.push({ to, at: now, reason });
      throw new Error(`wechat: sending too fast, the account would be restricted (${reason})`);
    }
    times.push(now);
    this.posts.set(to, times);
  }

  static async create(): Promise<WechatWorld> {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-wechat-'));
    const clock = new ManualClock();
    const store = await Store.open({ dir, clock });
    const bot = botOnStore(store, clock, dir);
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const me = mocker.createContact({ name: 'tuanbot' });
    const qr = new PassThrough();
    const adapter = new WechatAdapter({
      log: silentLogger,
      puppetInstance: puppet,
      dataDir: dir,
      qrOutput: qr,
      // The parts of a long message are spaced on test time, which the fake's limits count on.
      clock,
    });
    const world = new WechatWorld(dir, clock, store, bot, mocker, puppet, adapter, me, qr);
    await bot.start([adapter]);
    bot.scheduler.stop();
    return world;
  }

  /**
   * Logs the bot's account in; then, as real puppets do once they have synced contacts and rooms,
   * the puppet says `ready`, and the bot lists the members of the rooms it is in (waited for here).
   */
  async login(): Promise<void> {
    this.mocker.login(this.me);
    await waitFor(() => this.puppet.isLoggedIn, undefined, 'login');
    this.puppet.emit('ready', { data: 'ready' });
    const mine = [...this.mocker.cacheRoomPayload.values()].filter((r) =>
      r.memberIdList.includes(this.me.id),
    );
    await waitFor(() => mine.every((r) => this.listed(r.id)), this.clock, 'rooms listed');
  }

  /** Whether the bot has kept the room's member list from when it arrived. */
  listed(roomId: string): boolean {
    return this.store.tables.arrivals.get(`wechat:${roomId}`) !== undefined;
  }

  contact(name: string): ContactMock {
    const contact = this.mocker.createContact({ name });
    this.record(contact);
    return contact;
  }

  /** A room with the bot account in it (unless `withBot` is false); records everything said there. */
  room(topic: string, members: ContactMock[], owner: ContactMock, withBot = true): RoomMock {
    const room = this.mocker.createRoom({
      topic,
      memberIdList: [...(withBot ? [this.me.id] : []), ...members.map((m) => m.id)],
      ownerId: owner.id,
    });
    onMessage(room, (message) => this.push(message, room.id));
    return room;
  }

  /** `by` adds the bot's account to a room it was not in; waits until the bot has listed its members. */
  async addBot(room: RoomMock, by: ContactMock): Promise<void> {
    this.joinPayload(room, [this.me], by.id);
    await waitFor(() => this.listed(room.id), this.clock, 'room listed');
  }

  /**
   * A QR-code join as some puppets report it: the newcomer named as their own inviter (nobody
   * invited them). wechaty passes it on as a room-join.
   */
  joinByQrCode(room: RoomMock, contact: ContactMock): void {
    this.joinPayload(room, [contact], contact.id);
  }

  /**
   * A QR-code join as other puppets report it: no inviter at all. wechaty finds no inviter, emits
   * an error instead of the room-join, and the join is lost; the newcomer is simply in the room.
   */
  joinUnreported(room: RoomMock, contact: ContactMock): void {
    this.joinPayload(room, [contact], '');
  }

  /** The contact leaves the room with no room-leave reaching the bot (a missed event): only the member list says so. */
  leaveUnseen(room: RoomMock, contact: ContactMock): void {
    room.payload.memberIdList = room.payload.memberIdList.filter((id) => id !== contact.id);
  }

  /** The room owner makes the contact a room admin (管理员); WeChat tells the bot nothing. */
  makeAdmin(room: RoomMock, contact: ContactMock): void {
    room.payload.adminIdList = [...(room.payload.adminIdList ?? []), contact.id];
  }

  /** What the mock's room.add().by() does, with any inviter id (the mock picks a random one when none is given). */
  private joinPayload(room: RoomMock, invitees: ContactMock[], inviterId: string): void {
    room.payload.memberIdList.push(...invitees.map((c) => c.id));
    this.puppet.emit('room-join', {
      inviteeIdList: invitees.map((c) => c.id),
      inviterId,
      roomId: room.id,
      timestamp: this.clock.now().getTime(),
    });
  }

  /** What the bot account said in a room or to a contact. */
  botSaid(to: string): Said[] {
    return this.said.filter((s) => s.by === this.me.id && s.to === to);
  }

  /** Waits for the bot to have said at least n things to `to`; returns them all. */
  async botSays(to: string, n = 1): Promise<Said[]> {
    await waitFor(() => this.botSaid(to).length >= n, this.clock, `${n} bot message(s) to ${to}`);
    return this.botSaid(to);
  }

  /** Lets every queued event and reply finish (time moves on the manual clock meanwhile). */
  async settle(): Promise<void> {
    let idle = false;
    void this.bot.idle().then(() => {
      idle = true;
    });
    await waitFor(() => idle, this.clock, 'outbox idle');
  }

  async close(): Promise<void> {
    await this.settle();
    await this.bot.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  private record(contact: ContactMock): void {
    // Direct messages to a contact are emitted on that contact; only the bot's ones are kept.
    onMessage(contact, (message) => {
      if (message.talker().id === this.me.id && !message.room()) this.push(message, contact.id);
    });
  }

  private push(message: mock.MessageMock, to: string): void {
    const text = message.text();
    const file = this.mocker.cacheFileBoxPayload.get(message.id);
    this.said.push({
      by: message.talker().id,
      to,
      at: this.clock.now().getTime(),
      ...(text ? { text } : {}),
      ...(file ? { file: file.name } : {}),
    });
  }
}
