import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, tempDataDir } from './run-bot.js';

/** Resolves with the port of the health server once the bot has logged it. */
function healthPort(bot: ReturnType<typeof startBot>): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    bot.stderr.on('data', (d: Buffer) => {
      seen += d.toString();
      const match = /health check on http:\/\/localhost:(\d+)\/healthz/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    bot.on('close', () => reject(new Error(`the bot exited: ${seen}`)));
  });
}

describe('HEALTH_PORT', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN HEALTH_PORT THEN npm start serves GET /healthz: 200 once the adapters run, with what it checked', async () => {
    dir = await tempDataDir();
    const bot = startBot(dir, { HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    const port = await healthPort(bot);
    bot.stdin.write('/start\n');
    // The console may still be starting when the server already answers (503, starting), and the
    // reply to /start is owed until the console has printed it and the store has dropped its record.
    let response = await fetch(`http://127.0.0.1:${port}/healthz`);
    let body = (await response.json()) as { outbox?: { owed?: number } };
    for (let i = 0; i < 100 && (response.status !== 200 || body.outbox?.owed !== 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await fetch(`http://127.0.0.1:${port}/healthz`);
      body = (await response.json()) as typeof body;
    }
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      adapters: { console: 'connected' },
      store: { writable: true },
      outbox: { owed: 0 },
    });
    const exited = new Promise((resolve) => bot.on('close', resolve));
    bot.stdin.end();
    expect(await exited).toBe(0);
  });
});
