import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramAdapter } from '../../../adapters/telegram/index.js';
import type { TelegramAdapterOptions } from '../../../adapters/telegram/options.js';
import type { Bot } from '../../../src/core/bot.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { BotEvent } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/logger.js';
import { Store } from '../../../src/store/store.js';
import { botOnStore } from '../../helpers/bot.js';
import { FakeBotApi } from './fake-bot-api.js';

/**
 * Polls until check returns something truthy; fails with what it was waiting for after the deadline.
 * With a clock, each round also moves it on by stepMs: the outbox paces (and waits out retry_after)
 * on that clock, and the fake Bot API counts its flood limits on it, so waiting here is time passing there.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  what = 'condition',
  ms = 5_000,
  clock?: ManualClock,
  stepMs = 250,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    clock?.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How the bot receives updates: long polling (getUpdates), or a webhook the fake posts them to. */
export const MODES = ['polling', 'webhook'] as const;
export type Mode = (typeof MODES)[number];

/** The real bot core and the real telegraf-based adapter, wired to a fake Bot API on 127.0.0.1. */
export interface TelegramHarness {
  api: FakeBotApi;
  bot: Bot;
  store: Store;
  adapter: TelegramAdapter;
  /** Every event the adapter handed the core, in order. */
  events: BotEvent[];
  /** Test time for the bot, its outbox and the fake's flood limits; moves only when told (or in until/settle). */
  clock: ManualClock;
  /** waitFor on this harness's clock. */
  until<T>(check: () => T | undefined | null | false, what?: string, ms?: number): Promise<T>;
  /** Waits, moving the clock, until everything queued went out. */
  settle(): Promise<void>;
  /** Stops the bot and starts a new one on the same data dir and fake (bot, store, adapter replaced). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  prepare: (api: FakeBotApi) => void = () => {},
  options: {
    webhook?: boolean;
    mode?: Mode;
    /** More adapter options, as main would set them from the environment (payments). */
    adapter?: Partial<Pick<TelegramAdapterOptions, 'payments'>>;
  } = {},
): Promise<TelegramHarness> {
  const clock = new ManualClock();
  const api = await FakeBotApi.start({ now: () => clock.now().getTime() });
  prepare(api);
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-telegram-'));
  const webhook = options.webhook ?? options.mode === 'webhook';
  const events: BotEvent[] = [];
  const boot = async () => {
    const store = await Store.open({ dir, clock });
    const bot = botOnStore(store, clock, dir);
    const handle = bot.handle.bind(bot);
    bot.handle = async (adapter, event) => {
      events.push(event);
      await handle(adapter, event);
    };
    const adapter = new TelegramAdapter({
      token: api.token,
      apiRoot: api.url,
      log: silentLogger,
      pollTimeoutSeconds: 1,
      now: () => clock.now().getTime(),
      clock,
      ...(webhook ? { webhookUrl: 'https://bot.example.com/tg/hook', webhookPort: 0 } : {}),
      ...options.adapter,
    });
    // The bot registers its public URL; the fake reaches it where it listens, on 127.0.0.1.
    api.webhookTarget = (url) => `http://127.0.0.1:${adapter.webhookPort}${new URL(url).pathname}`;
    await bot.start([adapter]);
    bot.scheduler.stop();
    return { store, bot, adapter };
  };
  const until = <T>(check: () => T | undefined | null | false, what?: string, ms?: number) =>
    waitFor(check, what, ms, clock);
  const settle = async () => {
    let idle = false;
    void harness.bot.idle().then(() => {
      idle = true;
    });
    await until(() => idle, 'outbox idle');
  };
  const stop = async () => {
    let stopped = false;
    const stopping = harness.bot.stop().finally(() => {
      stopped = true;
    });
    // Shutdown sends what is queued on the clock's time; move it until the bot has stopped.
    await until(() => stopped, 'bot stopped', 15_000).catch(() => {});
    await stopping;
  };
  const harness: TelegramHarness = {
    api,
    ...(await boot()),
    events,
    clock,
    until,
    settle: () => settle(),
    async restart() {
      await stop();
      Object.assign(harness, await boot());
    },
    async close() {
      await stop();
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** startHarness in one of the two modes (for `describe.each(MODES)`: every test in both). */
export function harnessFor(mode: Mode): (prepare?: (api: FakeBotApi) => void) => Promise<TelegramHarness> {
  return (prepare) => startHarness(prepare, { mode });
}
