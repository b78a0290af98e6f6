import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Telegraf } from 'telegraf';
import { ALLOWED_UPDATES } from './polling.js';

/**
 * Webhook mode: our own HTTP server (so the port, including 0 in tests, is ours to know) running
 * telegraf's webhook handler, and the webhook registered with Telegram. Only Telegram knows the
 * secret (it is derived from the token), so forged updates are refused. `also` is offered each
 * request first and answers those it knows (the health check's GET /healthz, so one port serves both).
 */
export async function startWebhook(
  telegraf: Telegraf,
  token: string,
  url: string,
  port: number,
  also?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<Server> {
  const secretToken = webhookSecret(token);
  const path = new URL(url).pathname || '/';
  const callback = telegraf.webhookCallback(path, { secretToken });
  const server = createServer((req, res) => {
    if (!also?.(req, res)) void callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  await telegraf.telegram.setWebhook(url, {
    allowed_updates: [...ALLOWED_UPDATES],
    secret_token: secretToken,
    // Updates that arrived while the bot was down are still wanted.
    drop_pending_updates: false,
  });
  return server;
}

/** The secret Telegram sends with every webhook request (derived from the token, so only Telegram knows it). */
export function webhookSecret(token: string): string {
  return createHash('sha256').update(`tuanbot-webhook:${token}`).digest('hex');
}

/** Closes the server; the webhook stays registered, so Telegram keeps updates until the next start. */
export async function stopWebhook(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
