import 'dotenv/config';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdapters } from '../adapters/index.js';
import { features } from '../commands/index.js';
import { ConfigError, loadConfig, wantedAdapters } from './config.js';
import type { Adapter } from './core/adapter.js';
import { Bot } from './core/bot.js';
import { SystemClock } from './core/clock.js';
import { createLogger } from './core/logger.js';
import { HealthCheck, startHealthServer } from './health.js';
import { communityRecords } from './services/community-records.js';
import { DataDirLockedError } from './store/lock.js';
import { DataDirUnwritableError, Store, StoreLoadError } from './store/store.js';

/** Composition root: config → store → bot and features → adapters. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const consoleOnly =
    config.ADAPTERS.length === 0 || (config.ADAPTERS.length === 1 && config.ADAPTERS[0] === 'console');
  // The console's chat is on stdout; keep the log (stderr) to warnings there unless asked.
  const secrets = [
    config.TELEGRAM_BOT_TOKEN,
    config.DISCORD_TOKEN,
    config.WECHATY_PUPPET_SERVICE_TOKEN,
  ].filter((s): s is string => typeof s === 'string');
  const log = createLogger(config.LOG_LEVEL ?? (consoleOnly ? 'warn' : 'info'), secrets);
  const clock = new SystemClock();
  const dataDir = resolve(config.DATA_DIR);

  let store: Store;
  try {
    store = await Store.open({ dir: dataDir, clock, log, backupKeepDays: config.BACKUP_KEEP_DAYS });
  } catch (error) {
    if (
      error instanceof StoreLoadError ||
      error instanceof DataDirLockedError ||
      error instanceof DataDirUnwritableError
    )
      return fail(error.message);
    throw error;
  }

  const bot = new Bot(
    store,
    clock,
    {
      ownerIds: config.OWNER_IDS,
      locale: config.BOT_LOCALE,
      timezone: config.TZ || undefined,
      dataDir,
      exportsKeepMs: config.EXPORTS_KEEP,
    },
    log,
    communityRecords,
  ).use(...features);

  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void bot
      .stop()
      .then(() => process.exit(code))
      .catch((error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  let adapters: Adapter[] = [];
  let started = false;
  const health = new HealthCheck({ store, clock, adapters: () => adapters, started: () => started });
  const wanted = wantedAdapters(config);
  // The webhook server answers GET /healthz too; on the webhook's own port it is the only server.
  const webhookServesHealth =
    wanted.includes('telegram') &&
    config.TELEGRAM_WEBHOOK_URL !== undefined &&
    config.HEALTH_PORT === config.TELEGRAM_WEBHOOK_PORT;
  let healthServer: Server | undefined;
  if (config.HEALTH_PORT !== undefined && !webhookServesHealth) {
    try {
      healthServer = await startHealthServer(health, config.HEALTH_PORT);
    } catch (error) {
      await store.close();
      return fail(
        `cannot serve the health check on HEALTH_PORT=${config.HEALTH_PORT}: ${(error as Error).message}`,
      );
    }
    const { port } = healthServer.address() as AddressInfo;
    log.info({ port }, `health check on http://localhost:${port}/healthz`);
  }
  try {
    adapters = await createAdapters(wanted, {
      config,
      clock,
      log,
      runDue: () => bot.scheduler.runDue(),
      idle: () => bot.idle(),
      quit: () => shutdown(0),
      ...(config.HEALTH_PORT !== undefined ? { health: health.serve } : {}),
    });
  } catch (error) {
    healthServer?.close();
    await store.close();
    return fail((error as Error).message);
  }
  await bot.start(adapters);
  started = true;
  log.info(
    { adapters: adapters.map((a) => ({ platform: a.platform, capabilities: a.capabilities })) },
    'tuanbot started',
  );
}

function fail(message: string): void {
  process.stderr.write(`tuanbot: ${message}\n`);
  process.exitCode = 1;
}

await main();
