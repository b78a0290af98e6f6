import type { Config } from '../src/config.js';
import type { Bot } from '../src/core/bot.js';
import type { Clock } from '../src/core/clock.js';
import type { Logger } from '../src/core/logger.js';
import type { BotStore } from '../src/store/contract.js';
import { type RunningDashboard, startDashboard } from './server.js';

export type { RunningDashboard };

/**
 * Serves the dashboard as the configuration says (DASHBOARD_PORT, DASHBOARD_URL,
 * DASHBOARD_SESSION) and tells the bot where it is, so `/dashboard` hands out links to it.
 * Rejects when the port cannot be taken.
 */
export async function serveDashboard(
  config: Config,
  parts: { bot: Bot; store: BotStore; clock: Clock; log: Logger },
): Promise<RunningDashboard> {
  const port = config.DASHBOARD_PORT ?? 0;
  // Without DASHBOARD_URL the links point at this machine; the port is known once listening.
  let publicUrl = config.DASHBOARD_URL ?? 'http://localhost';
  const deps = {
    ...parts,
    sessionMs: config.DASHBOARD_SESSION,
    get publicUrl() {
      return publicUrl;
    },
  };
  const running = await startDashboard(deps, port);
  if (config.DASHBOARD_URL === undefined) publicUrl = running.url.replace('127.0.0.1', 'localhost');
  parts.bot.dashboardAt(publicUrl);
  parts.log.info({ url: publicUrl, port: new URL(running.url).port }, `dashboard on ${publicUrl}`);
  return running;
}
