import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../../adapters/telegram/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { HealthCheck, type HealthReport } from '../../../src/health.js';
import { Store } from '../../../src/store/store.js';
import { botOnStore } from '../../helpers/bot.js';
import { FakeBotApi } from './fake-bot-api.js';
import { ALICE, textMessage, updates } from './fixtures.js';
import { waitFor } from './harness.js';

/** The real bot core and Telegram adapter (webhook or polling) against the fake Bot API, with a health check. */
async function start(webhook: boolean) {
  const clock = new ManualClock();
  const api = await FakeBotApi.start({ now: () => clock.now().getTime() });
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-telegram-health-'));
  const store = await Store.open({ dir, clock });
  const bot = botOnStore(store, clock, dir);
  let started = false;
  let adapter: TelegramAdapter | undefined;
  const health = new HealthCheck({
    store,
    clock,
    adapters: () => (adapter ? [adapter] : []),
    started: () => started,
  });
  adapter = new TelegramAdapter({
    token: api.token,
    apiRoot: api.url,
    log: silentLogger,
    pollTimeoutSeconds: 1,
    now: () => clock.now().getTime(),
    ...(webhook
      ? { webhookUrl: 'https://bot.example.com/tg/hook', webhookPort: 0, health: health.serve }
      : {}),
  });
  api.webhookTarget = (url) => `http://127.0.0.1:${adapter?.webhookPort}${new URL(url).pathname}`;
  await bot.start([adapter]);
  bot.scheduler.stop();
  started = true;
  return {
    api,
    adapter,
    health,
    async close() {
      await bot.stop();
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('Telegram and the health check', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('GIVEN webhook mode and HEALTH_PORT THEN the webhook server answers GET /healthz too, and still takes updates', async () => {
    const t = await start(true);
    close = t.close;
    const response = await fetch(`http://127.0.0.1:${t.adapter.webhookPort}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthReport;
    expect(body).toMatchObject({ status: 'ok', adapters: { telegram: 'connected' } });
    t.api.push(updates.message(textMessage(ALICE, '/start')));
    await waitFor(() => t.api.webhookAnswers.length > 0, 'the webhook post');
    expect(t.api.webhookAnswers).toEqual([200]);
  });

  it('GIVEN polling WHEN getUpdates fails (another process set a webhook on the token: 409) THEN the health check says telegram is disconnected', async () => {
    const t = await start(false);
    close = t.close;
    expect((await t.health.report()).adapters).toEqual({ telegram: 'connected' });
    // Someone else registers a webhook with this token: Telegram refuses getUpdates from then on.
    await fetch(`${t.api.url}/bot${t.api.token}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://elsewhere.example.com/hook' }),
    });
    // The poll under way ends within its 1 s timeout; the next one is refused.
    await waitFor(() => !t.adapter.connected(), 'the poller to see the refusal');
    const report = await t.health.report();
    expect(report.status).toBe('unhealthy');
    expect(report.problems).toEqual(['telegram is disconnected']);
  });
});
