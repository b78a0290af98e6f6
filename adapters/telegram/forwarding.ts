import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { webhookSecret } from './webhook.js';

/** The most a webhook request body may hold (Telegram's updates are a few KB; a forged flood is cut). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A standby's webhook server: while another process serves the bot, Telegram (or the load
 * balancer in front) may still deliver here. Each update is checked like the serving webhook
 * checks it (path and secret token), handed to `forward` (the database's inbox), and answered 200
 * only once `forward` resolved, so Telegram keeps and retries anything not stored. `also` answers
 * the requests it knows first (the health check on the same port).
 */
export async function startForwardingWebhook(options: {
  token: string;
  url: string;
  port: number;
  forward: (updateId: string, update: unknown) => Promise<void>;
  also?: (req: IncomingMessage, res: ServerResponse) => boolean;
}): Promise<Server> {
  const secret = webhookSecret(options.token);
  const path = new URL(options.url).pathname || '/';
  const server = createServer((req, res) => {
    if (options.also?.(req, res)) return;
    if (req.method !== 'POST' || req.url !== path) return end(res, 404);
    if (req.headers['x-telegram-bot-api-secret-token'] !== secret) return end(res, 403);
    void readBody(req).then(
      async (body) => {
        let update: { update_id?: unknown };
        try {
          update = JSON.parse(body) as { update_id?: unknown };
        } catch {
          return end(res, 400);
        }
        if (typeof update?.update_id !== 'number') return end(res, 400);
        try {
          await options.forward(String(update.update_id), update);
          end(res, 200);
        } catch {
          // Not stored: Telegram delivers it again later.
          end(res, 503);
        }
      },
      () => end(res, 413),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  return server;
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : '');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
