import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { AdapterName, Config } from '../src/config.js';
import type { Adapter } from '../src/core/adapter.js';
import type { SystemClock } from '../src/core/clock.js';
import type { Logger } from '../src/core/logger.js';
import { ConsoleAdapter } from './console/index.js';

/** What main hands every adapter factory. */
export interface AdapterDeps {
  config: Config;
  clock: SystemClock;
  log: Logger;
  runDue(): Promise<void>;
  idle(): Promise<void>;
  quit(): void;
  /** HEALTH_PORT's handler, offered every request of a server the adapter runs (Telegram's webhook). */
  health?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

type Factory = (deps: AdapterDeps) => Adapter | Promise<Adapter>;

/** One factory per platform; each imports its own SDK, so only adapters/ ever does. */
const FACTORIES: Partial<Record<AdapterName, Factory>> = {
  console: (deps) => new ConsoleAdapter({ ...deps, dataDir: resolve(deps.config.DATA_DIR) }),
  discord: async (deps) =>
    new (await import('./discord/index.js')).DiscordAdapter({
      token: deps.config.DISCORD_TOKEN ?? '',
      appId: deps.config.DISCORD_APP_ID ?? '',
      apiRoot: deps.config.DISCORD_API_ROOT,
      log: deps.log,
    }),
  telegram: async ({ config, log, health, clock }) =>
    new (await import('./telegram/index.js')).TelegramAdapter({
      clock,
      token: config.TELEGRAM_BOT_TOKEN ?? '',
      apiRoot: config.TELEGRAM_API_ROOT,
      webhookUrl: config.TELEGRAM_WEBHOOK_URL,
      webhookPort: config.TELEGRAM_WEBHOOK_PORT,
      health,
      log,
      ...telegramPayments(config),
    }),
  // Loaded on demand: wechaty is heavy, and a console-only run should not pay for it.
  wechat: async (deps) =>
    new (await import('./wechat/index.js')).WechatAdapter({
      log: deps.log,
      puppet: deps.config.WECHATY_PUPPET,
      token: deps.config.WECHATY_PUPPET_SERVICE_TOKEN,
      dataDir: resolve(deps.config.DATA_DIR),
      clock: deps.clock,
    }),
};

/** In-chat payment on Telegram as configured: Stars, or a provider's currency, or none. */
function telegramPayments(config: Config) {
  if (config.TELEGRAM_PAYMENT_STARS !== undefined)
    return { payments: { kind: 'stars', centsPerStar: config.TELEGRAM_PAYMENT_STARS } as const };
  const token = config.TELEGRAM_PAYMENT_PROVIDER_TOKEN;
  if (!token) return {};
  return {
    payments: { kind: 'provider', providerToken: token, currency: config.TELEGRAM_PAYMENT_CURRENCY } as const,
  };
}

export async function createAdapters(names: AdapterName[], deps: AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const name of names) {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`the ${name} adapter is not available in this version`);
    adapters.push(await factory(deps));
  }
  return adapters;
}

/**
 * What a standby process runs while another serves the bot (STORE_STANDBY with DATABASE_URL):
 * receivers for what platforms may still deliver to it, each update handed to `forward` (the
 * database's inbox, drained by the serving process). Today Telegram's webhook; polling needs
 * nothing (a standby never polls: Telegram refuses a second poller). Resolves to the stop
 * function, or undefined when nothing is to be received.
 */
export async function startStandbyReceivers(
  names: AdapterName[],
  deps: Pick<AdapterDeps, 'config' | 'health'>,
  forward: (platform: string, updateId: string, payload: unknown) => Promise<void>,
): Promise<(() => Promise<void>) | undefined> {
  const { config } = deps;
  if (!names.includes('telegram') || !config.TELEGRAM_WEBHOOK_URL || !config.TELEGRAM_BOT_TOKEN)
    return undefined;
  const { startForwardingWebhook } = await import('./telegram/forwarding.js');
  const server = await startForwardingWebhook({
    token: config.TELEGRAM_BOT_TOKEN,
    url: config.TELEGRAM_WEBHOOK_URL,
    port: config.TELEGRAM_WEBHOOK_PORT ?? 8443,
    forward: (id, update) => forward('telegram', id, update),
    ...(deps.health ? { also: deps.health } : {}),
  });
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
