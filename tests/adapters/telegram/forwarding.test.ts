import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwardingWebhook } from '../../../adapters/telegram/forwarding.js';
import { webhookSecret } from '../../../adapters/telegram/webhook.js';
import { SystemClock } from '../../../src/core/clock.js';
import { InboxDrain, InboxWriter } from '../../../src/store/postgres/inbox.js';
import { PgStore } from '../../../src/store/postgres/pg-store.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../../helpers/pg.js';

/**
 * A standby's webhook: what Telegram (or a load balancer) delivers to a process that does not
 * serve the bot is stored in the database's inbox and handed to the serving process, once, in order.
 */

const TOKEN = '123:forwarding-test';
let db: ThrowawayDatabase;

beforeAll(async () => {
  db = await throwawayDatabase('forwarding');
  // The schema, as the serving process's store makes it.
  const store = await PgStore.open({
    url: db.url,
    dir: `/tmp/tuanbot-forwarding-${process.pid}`,
    clock: new SystemClock(),
  });
  await store.close();
});
afterAll(() => db?.drop());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const inboxRows = async () =>
  (await query<{ id: string }>('SELECT id FROM inbox ORDER BY received_at, id')).map((r) => r.id);

async function post(port: number, body: string, secret = webhookSecret(TOKEN), path = '/tg') {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body,
  });
}

/**
 * The serving side: drains the inbox into `seen` (update ids handled, in order), after `check`,
 * which throws to make handling fail; failures are collected in `errors`.
 */
function drainInto(seen: number[], errors: unknown[], sweepMs: number, check: (id: number) => void) {
  return InboxDrain.start(
    db.url,
    new Map([
      [
        'telegram',
        async (payload: unknown) => {
          const id = (payload as { update_id: number }).update_id;
          check(id);
          seen.push(id);
        },
      ],
    ]),
    { sweepMs, onError: (error) => errors.push(error) },
  );
}

describe('GIVEN a standby receiving Telegram webhook deliveries', () => {
  it('THEN a genuine update is stored once (a repeat too) and answered 200; forged or broken ones change nothing', async () => {
    const writer = new InboxWriter(db.url, () => {});
    const server = await startForwardingWebhook({
      token: TOKEN,
      url: 'https://bot.example.com/tg',
      port: 0,
      forward: (id, update) => writer.forward('telegram', id, update),
    });
    const { port } = server.address() as AddressInfo;
    try {
      const update = JSON.stringify({ update_id: 501, message: { message_id: 1, text: '+1' } });
      expect((await post(port, update)).status).toBe(200);
      // Telegram repeats a delivery it did not see answered: stored once.
      expect((await post(port, update)).status).toBe(200);
      expect((await post(port, update, 'wrong-secret')).status).toBe(403);
      expect((await post(port, update, webhookSecret(TOKEN), '/other')).status).toBe(404);
      expect((await post(port, '{not json')).status).toBe(400);
      expect((await post(port, JSON.stringify({ message: {} }))).status).toBe(400);
      expect(await inboxRows()).toEqual(['telegram:501']);
    } finally {
      server.close();
      await writer.close();
    }
  });

  it('THEN a delivery the database cannot take is answered 503, so Telegram delivers it again', async () => {
    const server = await startForwardingWebhook({
      token: TOKEN,
      url: 'https://bot.example.com/tg',
      port: 0,
      forward: () => Promise.reject(new Error('connection refused')),
    });
    const { port } = server.address() as AddressInfo;
    try {
      expect((await post(port, JSON.stringify({ update_id: 777 }))).status).toBe(503);
    } finally {
      server.close();
    }
  });

  it('THEN the serving process gets every stored update in arrival order and the inbox empties', async () => {
    await query('DELETE FROM inbox');
    const writer = new InboxWriter(db.url, () => {});
    for (const id of [601, 602, 603]) await writer.forward('telegram', String(id), { update_id: id });
    const seen: number[] = [];
    const errors: unknown[] = [];
    let failing = true;
    // A long sweep: what happens below comes from notifications.
    const drain = await drainInto(seen, errors, 60_000, (id) => {
      if (id === 602 && failing) throw new Error('the store refused it');
    });
    try {
      // Drained at start; 602 failed: reported, kept for another try, the others not held up.
      expect(seen).toEqual([601, 603]);
      expect(errors).toHaveLength(1);
      expect(await inboxRows()).toEqual(['telegram:602']);
      // A later delivery is noticed through LISTEN/NOTIFY; the kept row is tried again then.
      failing = false;
      await writer.forward('telegram', '604', { update_id: 604 });
      await expect.poll(() => seen, { timeout: 4_000 }).toEqual([601, 603, 602, 604]);
      expect(await inboxRows()).toEqual([]);
    } finally {
      await drain.stop();
      await writer.close();
    }
  });

  it('THEN an update that keeps failing is dropped after five tries, and a lost connection is made again', async () => {
    await query('DELETE FROM inbox');
    const writer = new InboxWriter(db.url, () => {});
    await writer.forward('telegram', '701', { update_id: 701 });
    const seen: number[] = [];
    const errors: unknown[] = [];
    const drain = await drainInto(seen, errors, 50, (id) => {
      if (id === 701) throw new Error('unreadable');
    });
    try {
      await expect.poll(() => inboxRows(), { timeout: 5_000 }).toEqual([]);
      expect(errors.filter((e) => (e as Error).message === 'unreadable')).toHaveLength(5);
      // The drain's session is ended (a server restart, a proxy's idle cut): the next sweep connects anew.
      await query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'tuanbot-inbox' AND datname = current_database()`,
      );
      await writer.forward('telegram', '702', { update_id: 702 });
      await expect.poll(() => seen, { timeout: 5_000 }).toEqual([702]);
    } finally {
      await drain.stop();
      await writer.close();
    }
  });
});
