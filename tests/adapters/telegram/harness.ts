import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramAdapter } from '../../../adapters/telegram/index.js';
import { features } from '../../../commands/index.js';
import { Bot } from '../../../src/core/bot.js';
import { SystemClock } from '../../../src/core/clock.js';
import type { BotEvent } from '../../../src/core/events.js';
import { silentLogger } from '../../../src/core/logger.js';
import { Store } from '../../../src/store/store.js';
import { FakeBotApi } from './fake-bot-api.js';

/** Polls until check returns something truthy; fails with what it was waiting for after the deadline. */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  what = 'condition',
  ms = 5_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The real bot core and the real telegraf-based adapter, wired to a fake Bot API on 127.0.0.1. */
export interface TelegramHarness {
  api: FakeBotApi;
  bot: Bot;
  store: Store;
  adapter: TelegramAdapter;
  /** Every event the adapter handed the core, in order. */
  events: BotEvent[];
  close(): Promise<void>;
}

export async function startHarness(
  prepare: (api: FakeBotApi) => void = () => {},
  options: { webhook?: boolean } = {},
): Promise<TelegramHarness> {
  const api = await FakeBotApi.start();
  prepare(api);
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-telegram-'));
  // Real time: the outbox waits out Telegram's retry_after on this clock.
  const clock = new SystemClock();
  const store = await Store.open({ dir, clock });
  const bot = new Bot(store, clock, { ownerIds: [], timezone: 'UTC', dataDir: dir }, silentLogger).use(
    ...features,
  );
  const events: BotEvent[] = [];
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
    ...(options.webhook ? { webhookUrl: 'https://bot.example.com/tg/hook', webhookPort: 0 } : {}),
  });
  await bot.start([adapter]);
  bot.scheduler.stop();
  return {
    api,
    bot,
    store,
    adapter,
    events,
    async close() {
      await bot.stop();
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
