/**
 * The bot as `npm start` runs it (its own node process, the real Telegram adapter on telegraf),
 * talking HTTP to a local fake Bot API that refuses like Telegram (flood limits with 429 and
 * retry_after, private chats the bot may not open). The fake runs here, on the real clock; the
 * delivery benchmark plays the members through it and reads what the bot did from its call log.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Message } from 'telegraf/types';
import { FakeBotApi, type FloodLimits } from '../tests/adapters/telegram/fake-bot-api.js';
import { textMessage, updates, user } from '../tests/adapters/telegram/fixtures.js';
import { startBot } from '../tests/e2e/run-bot.js';

/** The benchmark's supergroup (a negative id, as Telegram's supergroups have). */
export const GROUP = { id: -1_001_500_000_001, type: 'supergroup' as const, title: 'Flash Deals' };
export const GROUP_ID = String(GROUP.id);
/** The group's creator (an admin by getChatAdministrators, not by OWNER_IDS). */
export const LEAD = { id: 900_000_001, name: 'Lead' };

/** A member's message as the fake queued it. */
export interface Said {
  userId: number;
  name: string;
  messageId: number;
  updateId: number;
  /** When the update became available to getUpdates (Date.now ms, the fake's clock). */
  at: number;
}

/** One bot process at a time on one data dir, against one fake Bot API that outlives restarts. */
export class TelegramBench {
  private child: ChildProcessWithoutNullStreams | undefined;
  private stderr = '';
  private nextMessageId = 1;

  private constructor(
    readonly api: FakeBotApi,
    readonly dataDir: string,
  ) {
    api.admins.set(GROUP_ID, [{ id: LEAD.id, name: LEAD.name, status: 'creator' }]);
  }

  /** `limits` loosens the fake's flood limits for experiments (default: Telegram's). */
  static async start(dataDir: string, limits?: Partial<FloodLimits>): Promise<TelegramBench> {
    return new TelegramBench(await FakeBotApi.start(limits ? { limits } : {}), dataDir);
  }

  /**
   * Starts the bot process and resolves once it polls for updates (signed in, menu published).
   * Throws with the bot's stderr if it exits or takes longer than `ms`.
   */
  async startBot(ms = 30_000): Promise<void> {
    const pollsBefore = this.api.polls.length;
    this.stderr = '';
    const child = startBot(this.dataDir, {
      ADAPTERS: 'telegram',
      TELEGRAM_BOT_TOKEN: this.api.token,
      TELEGRAM_API_ROOT: this.api.url,
      LOG_LEVEL: 'warn',
    });
    this.child = child;
    child.stderr.on('data', (d: Buffer) => {
      // The tail is enough to say why a run failed.
      this.stderr = (this.stderr + d.toString()).slice(-4_000);
    });
    child.stdout.resume();
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await waitUntil(() => this.api.polls.length > pollsBefore || exited, ms);
    if (exited || this.api.polls.length === pollsBefore)
      throw new Error(`the bot did not start polling: ${this.stderr}`);
  }

  /**
   * Sends the bot process a signal and waits for it to exit (SIGKILL after `ms`).
   * Resolves with how long it took to exit, in ms.
   */
  async stopBot(signal: NodeJS.Signals = 'SIGTERM', ms = 20_000): Promise<number> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return 0;
    const t0 = Date.now();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await exited;
    clearTimeout(timer);
    return Date.now() - t0;
  }

  /** The last lines the bot logged (warnings and errors). */
  get log(): string {
    return this.stderr;
  }

  /** Queues a group message from this member for getUpdates. */
  say(from: { id: number; name: string }, text: string): Said {
    const messageId = this.nextMessageId++;
    const message = textMessage(user(from.id, from.name), text, {
      chat: GROUP,
      id: messageId,
      date: Math.floor(Date.now() / 1000),
    }) as Message;
    const update = this.api.push(updates.message(message));
    return { userId: from.id, name: from.name, messageId, updateId: update.update_id, at: Date.now() };
  }

  async close(): Promise<void> {
    await this.stopBot('SIGKILL');
    await this.api.close();
  }
}

/** Resolves when check() holds, or after ms (the caller looks at what it got). */
export async function waitUntil(check: () => boolean, ms: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Member i of a run: fixed-width names, so one name is never part of another in a card. */
export function member(i: number): { id: number; name: string } {
  return { id: 100_000_000 + i, name: `m${String(i).padStart(5, '0')}` };
}
