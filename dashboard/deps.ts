import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { Bot } from '../src/core/bot.js';
import type { Clock } from '../src/core/clock.js';
import type { Logger } from '../src/core/logger.js';
import type { BotStore } from '../src/store/contract.js';

/** What the dashboard is given by the composition root (src/main.ts) or a test. */
export interface DashboardDeps {
  /** The running bot: commands run through it (see actions.ts), adapters are asked for rights. */
  bot: Bot;
  store: BotStore;
  clock: Clock;
  log: Logger;
  /**
   * The dashboard's address as browsers reach it (DASHBOARD_URL, no trailing slash), e.g.
   * `https://shop.example.com/dash`: links in the chat start so, pages resolve relative links
   * against it (`<base href>`), and cookies are `Secure` when it is https.
   */
  publicUrl: string;
  /** How long a session lasts at most after its login (DASHBOARD_SESSION), in ms. */
  sessionMs: number;
}

/** The path part of the public URL (`/dash`, or `` at the root): where redirects point. */
export function basePath(deps: Pick<DashboardDeps, 'publicUrl'>): string {
  return new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The dashboard's base path with a trailing slash (`/dash/`, `/`): pages' `<base href>`. */
    dashboardBase: string;
  }
}
