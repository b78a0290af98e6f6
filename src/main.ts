import 'dotenv/config';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdapters } from '../adapters/index.js';
import { features } from '../commands/index.js';
import { type RunningDashboard, serveDashboard } from '../dashboard/serve.js';
import { ConfigError, loadConfig, wantedAdapters } from './config.js';
import type { Adapter } from './core/adapter.js';
import { Bot } from './core/bot.js';
import { SystemClock } from './core/clock.js';
import { createLogger } from './core/logger.js';
import { drainInbox, standbyForwarding } from './forwarding.js';
import {
  HealthCheck,
  type HealthHandler,
  startHealthServer,
  stopHealthServer,
  waitingHealth,
} from './health.js';
import { communityRecords } from './services/community-records.js';
import type { BotStore } from './store/contract.js';
import { openStore, StoreOpenError } from './store/open-store.js';
import type { InboxDrain } from './store/postgres/inbox.js';

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

  let stopping = false;
  let shutdown = (code: number): void => {
    process.exit(code);
  };
  const wanted = wantedAdapters(config);
  // The webhook server answers GET /healthz too; on the webhook's own port it is the only server
  // once the adapters run.
  const webhookServesHealth =
    wanted.includes('telegram') &&
    config.TELEGRAM_WEBHOOK_URL !== undefined &&
    config.HEALTH_PORT === config.TELEGRAM_WEBHOOK_PORT;
  // Served before the store opens, so a standby answers 503 `standby` while it waits for the
  // database's lease (a load balancer sends it nothing) rather than refusing connections; switched
  // to the full check once the store is open.
  let standingBy = false;
  let serveHealth: HealthHandler = waitingHealth(() => standingBy);
  let healthServer: Server | undefined;
  if (config.HEALTH_PORT !== undefined) {
    try {
      healthServer = await startHealthServer(
        { serve: (req, res) => serveHealth(req, res) },
        config.HEALTH_PORT,
      );
    } catch (error) {
      return fail(
        `cannot serve the health check on HEALTH_PORT=${config.HEALTH_PORT}: ${(error as Error).message}`,
      );
    }
    const { port } = healthServer.address() as AddressInfo;
    log.info({ port }, `health check on http://localhost:${port}/healthz`);
  }

  // A standby waits here (STORE_STANDBY): SIGTERM while waiting stops it at once.
  const waiting = new AbortController();
  const stopWaiting = () => waiting.abort(new StoreOpenError('stopped while standing by'));
  process.once('SIGINT', stopWaiting);
  process.once('SIGTERM', stopWaiting);
  // A standby stores what platforms deliver to it for the serving process (src/forwarding.ts).
  // Not when the health check holds the webhook's port: a standby then answers /healthz there
  // and refuses deliveries, which Telegram retries until they reach the serving process.
  const forwarding = standbyForwarding(config, webhookServesHealth ? [] : wanted, log);
  let store: BotStore;
  try {
    store = await openStore(
      {
        dataDir,
        databaseUrl: config.DATABASE_URL,
        standby: config.STORE_STANDBY,
        backupKeepDays: config.BACKUP_KEEP_DAYS,
        // On PostgreSQL this process serves the shards of the platforms it runs; another process
        // may serve the others on the same database (src/store/postgres/lease.ts).
        platforms: wanted,
      },
      clock,
      log,
      {
        signal: waiting.signal,
        onStandby: () => {
          standingBy = true;
          forwarding.onStandby();
        },
        // The connection holding the database's lease ended: another process may serve the state
        // now, so this one must not answer, send or confirm anything more. Not a clean stop: that
        // would flush the outbox (the new owner sends what is owed, from the database) and let the
        // poller confirm updates whose commits were refused (Telegram must send them again, to the
        // new owner). Exit at once, non-zero, for the supervisor to restart it as a standby.
        onLost: (error) => {
          process.stderr.write(`tuanbot: lost the database lease (${error.message}); exiting\n`);
          process.exit(1);
        },
      },
    );
  } catch (error) {
    if (healthServer) await stopHealthServer(healthServer);
    // SIGTERM (or SIGINT) while standing by: a clean stop, exit 0.
    if (
      waiting.signal.aborted &&
      (error === waiting.signal.reason || (error as Error)?.name === 'AbortError')
    )
      return log.info('stopped while standing by');
    if (error instanceof StoreOpenError) return fail(error.message);
    throw error;
  } finally {
    process.off('SIGINT', stopWaiting);
    process.off('SIGTERM', stopWaiting);
    // Taking over (or not starting): the adapters' own servers take the ports.
    await forwarding.stop();
  }
  // SIGTERM came after the lease was taken, while the store was being read: stop, do not serve.
  if (waiting.signal.aborted) {
    await store.close();
    if (healthServer) await stopHealthServer(healthServer);
    return log.info('stopped before serving');
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

  shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    void (inbox?.stop() ?? Promise.resolve())
      .then(() => dashboard?.close())
      .then(() => bot.stop())
      .then(() => process.exit(code))
      .catch((error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  let adapters: Adapter[] = [];
  let inbox: InboxDrain | undefined;
  let dashboard: RunningDashboard | undefined;
  let started = false;
  const health = new HealthCheck({ store, clock, adapters: () => adapters, started: () => started });
  serveHealth = health.serve;
  // The webhook's server takes the port over (it answers /healthz itself).
  if (healthServer && webhookServesHealth) {
    await stopHealthServer(healthServer);
    healthServer = undefined;
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
  inbox = await drainInbox(config, adapters, log);
  if (config.DASHBOARD_PORT !== undefined) {
    try {
      dashboard = await serveDashboard(config, { bot, store, clock, log });
    } catch (error) {
      log.error({ err: error }, 'dashboard not served');
      process.stderr.write(
        `tuanbot: cannot serve the dashboard on DASHBOARD_PORT=${config.DASHBOARD_PORT}: ${(error as Error).message}\n`,
      );
      return shutdown(1);
    }
  }
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
