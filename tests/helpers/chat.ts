import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { type MemoryAction, MemoryAdapter } from '../../adapters/memory/index.js';
import { features as allFeatures } from '../../commands/index.js';
import type { ButtonRows, Capabilities } from '../../src/core/adapter.js';
import { Bot } from '../../src/core/bot.js';
import { ManualClock } from '../../src/core/clock.js';
import { parseDuration } from '../../src/core/duration.js';
import type { ChatRef, Role } from '../../src/core/events.js';
import type { Feature } from '../../src/core/feature.js';
import { silentLogger } from '../../src/core/logger.js';
import { communityRecords } from '../../src/services/community-records.js';
import type { BotStore, StoreEngine } from '../../src/store/contract.js';
import type { ThrowawayDatabase } from './pg.js';
import { migratedDatabase, openEngine } from './stores.js';

export interface TestBotOptions {
  start?: string;
  capabilities?: Partial<Capabilities>;
  features?: Feature[];
  ownerIds?: string[];
  /** TZ of the bot (default UTC); null leaves it unset, as when TZ is not configured. */
  timezone?: string | null;
  locale?: 'en' | 'zh';
  dir?: string;
  /** BACKUP_KEEP_DAYS of the store (default 7). */
  backupKeepDays?: number;
  /**
   * The store's engine: the JSON store in `dir`, or PostgreSQL on a throwaway database dropped at
   * close() (or on `databaseUrl`, kept). Default: env TUANBOT_TEST_STORE, else 'json'.
   */
  store?: StoreEngine;
  /** With store 'postgres': this database (a restart on the same one), not a throwaway one. */
  databaseUrl?: string;
}

/**
 * The throwaway databases of TestBots on PostgreSQL, by data dir: a TestBot started again on the
 * same dir (a restart) opens the same database, as the JSON store reads the same files.
 */
const databases = new Map<string, ThrowawayDatabase>();

/**
 * The database of data dir `dir`, made on first use. It is dropped with the dir (close() of the
 * TestBot that made the dir) or when the test ends (many tests end with bot.stop(), or restart
 * on a dir of their own); one made outside a test goes at close() or at the next run's sweep.
 */
async function databaseOf(dir: string): Promise<string> {
  const known = databases.get(dir);
  if (known) return known.url;
  const database = await migratedDatabase('testbot');
  databases.set(dir, database);
  try {
    onTestFinished(() => dropDatabaseOf(dir));
  } catch {
    // Not inside a test (a beforeAll): see above.
  }
  return database.url;
}

async function dropDatabaseOf(dir: string): Promise<void> {
  const database = databases.get(dir);
  databases.delete(dir);
  await database?.drop();
}

/** The engine TestBots use unless told: TUANBOT_TEST_STORE=postgres runs the chat tests on PostgreSQL. */
function defaultEngine(): StoreEngine {
  const env = process.env.TUANBOT_TEST_STORE;
  if (env === undefined || env === '' || env === 'json') return 'json';
  if (env === 'postgres') return 'postgres';
  throw new Error(`TUANBOT_TEST_STORE=${env}: expected json or postgres`);
}

/** Text of what the bot did: `bot: …`, `edited mem3: …`, `removed bob`, `image: path`. */
export function describe(action: MemoryAction): string {
  const where = action.chat.kind === 'direct' ? `[dm ${action.chat.chatId.slice(3)}] ` : '';
  if (action.kind === 'edit') return `${where}edited ${action.messageId}: ${action.text}`;
  if (action.kind === 'remove') return `${where}removed ${action.userId}`;
  const out = action.out;
  return `${where}${out.kind === 'text' ? out.text : `${out.kind}: ${out.path}`}`;
}

/**
 * Drives the real bot core (commands, services, store on a temp dir, outbox) through an
 * in-memory platform, so tests read like a chat: `await group.as('alice').says('+1')`.
 */
export class TestBot {
  private messageSeq = 0;
  private admins = new Map<string, Set<string>>();
  /** Members who left a group on the platform without the bot hearing of it, by group. */
  private departed = new Map<string, Set<string>>();

  private constructor(
    readonly bot: Bot,
    readonly adapter: MemoryAdapter,
    readonly clock: ManualClock,
    readonly store: BotStore,
    readonly dir: string,
    private readonly ownsDir: boolean,
    /** The database of a postgres store. */
    private readonly databaseUrl?: string,
  ) {
    // The platform knows who is an admin now and who is gone, whatever the bot last saw.
    adapter.standingOf = (group, user) =>
      this.departed.get(group)?.has(user) ? 'gone' : this.roleIn(group, user);
  }

  static async create(options: TestBotOptions = {}): Promise<TestBot> {
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'tuanbot-test-')));
    const clock = new ManualClock(options.start);
    const engine = options.store ?? defaultEngine();
    const url = engine === 'postgres' ? (options.databaseUrl ?? (await databaseOf(dir))) : undefined;
    const store = await openEngine(engine, {
      dir,
      clock,
      ...(url ? { url } : {}),
      ...(options.backupKeepDays ? { backupKeepDays: options.backupKeepDays } : {}),
    });
    const bot = new Bot(
      store,
      clock,
      {
        ownerIds: options.ownerIds ?? [],
        locale: options.locale,
        // null: no TZ configured, so each new group's language picks its timezone.
        timezone: options.timezone === null ? undefined : (options.timezone ?? 'UTC'),
        dataDir: dir,
      },
      silentLogger,
      communityRecords,
    ).use(...(options.features ?? allFeatures));
    const adapter = new MemoryAdapter('memory', options.capabilities, clock);
    await bot.start([adapter]);
    bot.scheduler.stop(); // tests move time themselves
    return new TestBot(bot, adapter, clock, store, dir, options.dir === undefined, url);
  }

  group(name = 'main'): GroupChat {
    return new GroupChat(this, name);
  }

  dm(user: string): Speaker {
    return new Speaker(this, { platform: 'memory', chatId: `dm:${user}`, kind: 'direct', title: user }, user);
  }

  nextMessageId(): string {
    return `t${++this.messageSeq}`;
  }

  roleIn(group: string, user: string): Role {
    if (user === 'owner') return 'owner';
    return this.admins.get(group)?.has(user) ? 'admin' : 'member';
  }

  /** The member leaves the group on the platform, and no event reaches the bot (a missed leave). */
  leaveUnseen(group: string, user: string): void {
    const set = this.departed.get(group) ?? new Set();
    set.add(user);
    this.departed.set(group, set);
  }

  /** The user is no longer an admin of the group (the platform and the next events they send say so). */
  demote(group: string, user: string): void {
    this.admins.get(group)?.delete(user);
  }

  makeAdmin(group: string, user: string): void {
    const set = this.admins.get(group) ?? new Set();
    set.add(user);
    this.admins.set(group, set);
  }

  /**
   * The buttons the bot shows now under its newest message that has any in a chat (a deal's card):
   * the message, the labels row by row, and the action of a label (failing if there is none).
   */
  buttons(chatId = 'main'): { messageId: string; rows: string[][]; action(label: string): string } {
    const shown = new Map<string, ButtonRows | undefined>();
    for (const a of this.adapter.actions) {
      if (a.chat.chatId !== chatId) continue;
      if (a.kind === 'send' && a.out.kind === 'text') shown.set(a.messageId, a.out.buttons);
      if (a.kind === 'edit') shown.set(a.messageId, a.buttons);
    }
    const found = [...shown].reverse().find(([, rows]) => rows && rows.length > 0);
    if (!found) throw new Error(`no message with buttons in ${chatId}`);
    const [messageId, rows] = found as [string, ButtonRows];
    return {
      messageId,
      rows: rows.map((row) => row.map((b) => b.label)),
      action(label) {
        const button = rows.flat().find((b) => b.label === label);
        if (!button) throw new Error(`no button "${label}" under ${messageId}`);
        return button.action;
      },
    };
  }

  /**
   * Runs fn and returns what the bot did because of it (after its replies went out): messages and
   * edits as `describe` writes them, then reactions as `👌 on t5` (the message reacted to), then
   * private answers to taps as `[to alice] ✓ …` (seen by that member only).
   */
  async capture(fn: () => Promise<void>): Promise<string[]> {
    const before = this.adapter.actions.length;
    const reactionsBefore = this.adapter.reactions.length;
    const answersBefore = this.adapter.answers.length;
    await fn();
    await this.bot.idle();
    // Reactions go out beside the outbox: let their calls finish too.
    await new Promise((resolve) => setImmediate(resolve));
    return [
      ...this.adapter.actions.slice(before).map(describe),
      ...this.adapter.reactions.slice(reactionsBefore).map((r) => `${r.emoji} on ${r.messageId}`),
      ...this.adapter.answers
        .slice(answersBefore)
        .map((a) => `[to ${a.interactionId.split('/')[0]}] ${a.text}`),
    ];
  }

  /** Moves the clock (`90m`, `2d`) and runs the timed work that fell due; returns what the bot did. */
  advance(duration: string): Promise<string[]> {
    const ms = parseDuration(duration);
    if (ms === undefined) throw new Error(`bad duration ${duration}`);
    return this.capture(async () => {
      this.clock.advance(ms);
      await this.bot.scheduler.runDue();
    });
  }

  async close(): Promise<void> {
    await this.bot.stop();
    if (this.ownsDir) {
      await rm(this.dir, { recursive: true, force: true });
      await dropDatabaseOf(this.dir);
    }
  }

  /**
   * Opens this bot's data again in a store of its own (its data dir, and its database on
   * PostgreSQL), after bot.stop(): what a restart would read. The caller closes it.
   */
  openStoreAgain(): Promise<BotStore> {
    return openEngine(this.store.engine, {
      dir: this.dir,
      clock: this.clock,
      ...(this.databaseUrl ? { url: this.databaseUrl } : {}),
    });
  }
}

export class GroupChat {
  readonly chat: ChatRef;

  constructor(
    readonly t: TestBot,
    readonly name: string,
  ) {
    this.chat = { platform: 'memory', chatId: name, kind: 'group', title: name };
  }

  /** Speaks as user id `user`, shown under display name `name` (the id unless given). */
  as(user: string, name = user): Speaker {
    return new Speaker(this.t, this.chat, user, name);
  }

  admin(user: string): this {
    this.t.makeAdmin(this.name, user);
    return this;
  }

  join(user: string, extra: { invite?: string; inviter?: string; isBot?: boolean } = {}): Promise<string[]> {
    return this.t.capture(() =>
      this.t.bot.handle(this.t.adapter, {
        type: 'member_joined',
        id: this.t.nextMessageId(),
        chat: this.chat,
        member: { id: user, name: user, ...(extra.isBot ? { isBot: true } : {}) },
        ...(extra.invite ? { invite: extra.invite } : {}),
        ...(extra.inviter ? { inviter: { id: extra.inviter, name: extra.inviter } } : {}),
      }),
    );
  }

  leave(user: string, removedBy?: string): Promise<string[]> {
    return this.t.capture(() =>
      this.t.bot.handle(this.t.adapter, {
        type: 'member_left',
        id: this.t.nextMessageId(),
        chat: this.chat,
        member: { id: user, name: user },
        ...(removedBy ? { removedBy: { id: removedBy, name: removedBy } } : {}),
      }),
    );
  }
}

/** A picture a test member sends: its bytes, and what the platform declares about it. */
export interface SentImage {
  data: Uint8Array;
  mime?: string;
  bytes?: number;
  name?: string;
}

export class Speaker {
  constructor(
    readonly t: TestBot,
    readonly chat: ChatRef,
    readonly user: string,
    readonly name = user,
  ) {}

  /**
   * Sends text as this user (with `images`: pictures attached, the text their caption; each is put
   * on the platform for readImage, its `mime` and `bytes` declared as the platform would); returns
   * what the bot did in response.
   */
  says(text: string, extra: { id?: string; replyTo?: string; images?: SentImage[] } = {}): Promise<string[]> {
    const images = extra.images?.map((image) => {
      const ref = `file${this.t.nextMessageId()}`;
      this.t.adapter.files.set(ref, image.data);
      const { data: _data, ...declared } = image;
      return { ref, ...declared };
    });
    return this.t.capture(() =>
      this.t.bot.handle(this.t.adapter, {
        type: 'message',
        id: extra.id ?? this.t.nextMessageId(),
        chat: this.chat,
        sender: { id: this.user, name: this.name, role: this.t.roleIn(this.chat.chatId, this.user) },
        text,
        ...(extra.replyTo ? { replyTo: extra.replyTo } : {}),
        ...(images ? { images } : {}),
      }),
    );
  }

  /**
   * Taps the button with `action` under message `messageId` (see TestBot.buttons) as this user;
   * returns what the bot did, its private answer as `[to alice] …`.
   */
  taps(messageId: string, action: string): Promise<string[]> {
    const id = this.t.nextMessageId();
    return this.t.capture(() =>
      this.t.bot.handle(this.t.adapter, {
        type: 'button',
        id,
        chat: this.chat,
        sender: { id: this.user, name: this.name, role: this.t.roleIn(this.chat.chatId, this.user) },
        messageId,
        action,
        // Who tapped travels in the interaction id, so the answer can say to whom it went.
        interactionId: `${this.user}/${id}`,
      }),
    );
  }

  /** The bot's single reply text, failing if it said nothing or several things. */
  async reply(text: string): Promise<string> {
    const out = await this.says(text);
    if (out.length !== 1)
      throw new Error(`expected one reply to ${JSON.stringify(text)}, got ${JSON.stringify(out)}`);
    return out[0]!;
  }
}
