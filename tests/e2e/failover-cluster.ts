/**
 * Two (or more) bot processes on one PostgreSQL database and one data dir, as an operator runs them
 * for failover: the compiled bot (`npm start`'s JavaScript), the real Telegram adapter, and one
 * local fake Bot API (tests/adapters/telegram/fake-bot-api.ts) on the real clock that all of them
 * talk to with the same token. Used by tests/e2e/failover.test.ts and bench/failover.ts.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, Message } from 'telegraf/types';
import { FakeBotApi, type FloodLimits } from '../adapters/telegram/fake-bot-api.js';
import { textMessage, updates, user } from '../adapters/telegram/fixtures.js';
import { throwawayDatabase } from '../helpers/pg.js';
import { startBot } from './run-bot.js';

/** A member (or the lead) as the fake's updates name them. */
export interface Person {
  id: number;
  name: string;
}

/** A message pushed to the fake: who said it where, its ids, and when (Date.now ms). */
export interface Pushed {
  from: Person;
  chatId: number;
  messageId: number;
  updateId: number;
  at: number;
}

/** One bot process of the cluster, with the tail of its log. */
export interface BotProcess {
  name: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything it logged (stderr), for failure messages and the health port. */
  log(): string;
  /** Resolves with its health server's port once logged (HEALTH_PORT=0). */
  healthPort(): Promise<number>;
  exited: Promise<void>;
}

/** A supergroup of the cluster: i-th group (ids are negative, as Telegram's supergroups are). */
export function group(i: number): Chat.SupergroupChat {
  return { id: -1_001_600_000_000 - i, type: 'supergroup', title: `Group ${i}` };
}

/** Member i: fixed-width names, so one name is never part of another in a card. */
export function member(i: number): Person {
  return { id: 200_000_000 + i, name: `m${String(i).padStart(6, '0')}` };
}

export const LEAD: Person = { id: 900_000_002, name: 'Lead' };

export class FailoverCluster {
  private nextMessageId = 1;
  readonly processes: BotProcess[] = [];

  private constructor(
    readonly api: FakeBotApi,
    readonly dataDir: string,
    readonly databaseUrl: string,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /**
   * A throwaway database (tests/helpers/pg.ts) and data dir, and a fake Bot API on the real clock
   * (`limits` loosens Telegram's flood limits for experiments); close() removes them all.
   */
  static async start(label: string, limits?: Partial<FloodLimits>): Promise<FailoverCluster> {
    const db = await throwawayDatabase(label);
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-failover-'));
    const api = await FakeBotApi.start(limits ? { limits } : {});
    return new FailoverCluster(api, dir, db.url, async () => {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    });
  }

  /** Makes the lead the creator of these groups (getChatAdministrators), so `/deal new` is theirs. */
  leadOf(groups: readonly Chat.SupergroupChat[]): void {
    for (const g of groups)
      this.api.admins.set(String(g.id), [{ id: LEAD.id, name: LEAD.name, status: 'creator' }]);
  }

  /** Starts a bot process on the cluster's database and data dir; `standby`: STORE_STANDBY=1. */
  spawn(name: string, { standby = false, env = {} as Record<string, string> } = {}): BotProcess {
    const child = startBot(this.dataDir, {
      ADAPTERS: 'telegram',
      TELEGRAM_BOT_TOKEN: this.api.token,
      TELEGRAM_API_ROOT: this.api.url,
      DATABASE_URL: this.databaseUrl,
      LOG_LEVEL: 'info',
      ...(standby ? { STORE_STANDBY: '1' } : {}),
      ...env,
    });
    let log = '';
    const listeners: (() => void)[] = [];
    child.stderr.on('data', (d: Buffer) => {
      // Keep the start (the health port, standing by) and the tail; a burst logs a lot between.
      log =
        log.length < 200_000 ? log + d.toString() : log.slice(0, 100_000) + log.slice(-99_000) + d.toString();
      for (const l of listeners) l();
    });
    child.stdout.resume();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const process: BotProcess = {
      name,
      child,
      log: () => log,
      exited,
      healthPort: () =>
        new Promise((resolve, reject) => {
          const check = () => {
            const match = /health check on http:\/\/localhost:(\d+)\/healthz/.exec(log);
            if (match) resolve(Number(match[1]));
          };
          listeners.push(check);
          check();
          void exited.then(() => reject(new Error(`${name} exited: ${log.slice(-2_000)}`)));
        }),
    };
    this.processes.push(process);
    return process;
  }

  /** Queues a group message from `from` for getUpdates. */
  say(from: Person, chat: Chat.SupergroupChat, text: string): Pushed {
    const messageId = this.nextMessageId++;
    const message = textMessage(user(from.id, from.name), text, {
      chat,
      id: messageId,
      date: Math.floor(Date.now() / 1000),
    }) as Message;
    const update = this.api.push(updates.message(message));
    return { from, chatId: chat.id, messageId, updateId: update.update_id, at: Date.now() };
  }

  /** When the fake first accepted a 👌 on this message (Date.now ms), if it did. */
  reactedAt(pushed: Pushed): number | undefined {
    const key = String(pushed.chatId);
    return this.api.calls.find(
      (c) =>
        c.method === 'setMessageReaction' &&
        c.refused === undefined &&
        String(c.params.chat_id) === key &&
        Number(c.params.message_id) === pushed.messageId,
    )?.at;
  }

  /** Accepted group posts and edits (the card among them) in this chat whose text contains `text`. */
  postsWith(chatId: number, text: string, methods = ['sendMessage', 'editMessageText']): number {
    return this.api.calls.filter(
      (c) =>
        methods.includes(c.method) &&
        c.refused === undefined &&
        String(c.params.chat_id) === String(chatId) &&
        String(c.params.text ?? '').includes(text),
    ).length;
  }

  /** Whether every update up to this one was confirmed to the fake (a later getUpdates' offset passed it). */
  confirmed(updateId: number): boolean {
    return this.api.polls.some((p) => p.offset > updateId);
  }

  /** Waits until check holds; throws after ms with the bot's last messages and the processes' logs. */
  async expectSoon(check: () => boolean, what: string, ms = 20_000): Promise<void> {
    if (await until(check, ms)) return;
    const logs = this.processes.map((p) => `--- ${p.name}:\n${p.log().slice(-3_000)}`).join('\n');
    const said = this.api.calls
      .filter((call) => call.method === 'sendMessage')
      .slice(-8)
      .map((call) => `${call.refused ?? 'ok'}: ${String(call.params.text).slice(0, 200)}`)
      .join('\n');
    throw new Error(`timed out waiting for ${what}\nthe bot's last messages:\n${said}\n${logs}`);
  }

  /**
   * Starts A (serving) and then B (STORE_STANDBY=1, its /healthz on a free port); resolves once A
   * polls and B has logged that it stands by, with B's health port.
   */
  async activeAndStandby(env: Record<string, string> = {}) {
    const a = this.spawn('A', { env });
    await this.expectSoon(() => this.api.polls.length > 0, 'A to poll', 30_000);
    const b = this.spawn('B', { standby: true, env: { ...env, HEALTH_PORT: '0' } });
    const bHealth = await b.healthPort();
    await this.expectSoon(() => /standing by/.test(b.log()), 'B to stand by', 30_000);
    return { a, b, bHealth };
  }

  /** SIGKILLs every process still running, closes the fake, drops the database and the data dir. */
  async close(): Promise<void> {
    for (const p of this.processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    await this.api.close();
    await this.cleanup();
  }
}

/** What GET /healthz answered: the HTTP status and the fields the failover tests read. */
export interface Health {
  status: number;
  body: { status?: string; outbox?: { owed?: number } };
}

export async function healthOf(port: number): Promise<Health> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Health['body'] };
}

/** Polls check every stepMs until it holds; false after ms. */
export async function until(check: () => boolean, ms: number, stepMs = 10): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}
