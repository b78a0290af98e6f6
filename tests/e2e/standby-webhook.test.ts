import { createServer } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { FailoverCluster, group, LEAD, member } from './failover-cluster.js';

/**
 * Issue #20: Telegram webhooks can hit any process. A load balancer (or a stale DNS entry) sends
 * Telegram's deliveries to the standby: it stores each update in the database's inbox before
 * answering 200, and the serving process handles them. Here every delivery goes to the standby.
 */

const GROUP = group(7);
let cluster: FailoverCluster | undefined;

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** A port nobody listens on now (the bots are told their webhook ports up front). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function inboxSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM inbox')).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('a standby receiving Telegram webhook deliveries', () => {
  it('GIVEN A serving and B standing by WHEN Telegram delivers every update to B THEN A handles them all, once, in order', async () => {
    const c = await FailoverCluster.start('standby-webhook');
    cluster = c;
    c.leadOf([GROUP]);
    const [portA, portB] = [await freePort(), await freePort()];
    const hook = { TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg' };
    c.spawn('A', { env: { ...hook, TELEGRAM_WEBHOOK_PORT: String(portA) } });
    await c.expectSoon(
      () => c.api.calls.some((call) => call.method === 'setWebhook'),
      'A to set its webhook',
    );
    const b = c.spawn('B', { standby: true, env: { ...hook, TELEGRAM_WEBHOOK_PORT: String(portB) } });
    await c.expectSoon(() => /webhook deliveries that reach this process/.test(b.log()), 'B to receive');
    // Everything Telegram sends now reaches the standby.
    c.api.webhookTarget = () => `http://127.0.0.1:${portB}/tg`;

    c.say(LEAD, GROUP, '/deal new "Mangoes" price=10 min=2 stock=3');
    await c.expectSoon(() => c.postsWith(GROUP.id, 'Mangoes') > 0, 'the deal card from A');
    const buyers = [1, 2, 3, 4].map(member);
    for (const [i, who] of buyers.entries()) c.say(who, GROUP, i % 2 ? '接龙' : '+1');
    // Stock 3: three lines on the card, the fourth member told it is sold out.
    await c.expectSoon(() => c.postsWith(GROUP.id, buyers[2]!.name) > 0, 'the third line on the card');
    await c.expectSoon(() => c.postsWith(GROUP.id, 'sold out') > 0, 'the sold-out notice');

    expect(c.api.webhookAnswers.length).toBeGreaterThanOrEqual(5);
    expect(c.api.webhookAnswers).toEqual(c.api.webhookAnswers.map(() => 200));
    await expect.poll(() => inboxSize(c.databaseUrl), { timeout: 10_000 }).toBe(0);
    // B only stored them; A posted everything the group saw, and no line twice.
    expect(/tuanbot started/.test(b.log())).toBe(false);
    expect(c.postsWith(GROUP.id, `1. ${buyers[0]!.name}`)).toBeGreaterThan(0);
    const card = c.api.calls
      .filter((call) => ['sendMessage', 'editMessageText'].includes(call.method))
      .at(-1);
    const text = String(card?.params.text ?? '');
    for (const who of buyers.slice(0, 3)) expect(text.split(who.name).length - 1).toBeLessThanOrEqual(1);
    // In order: the first three got the stock, the fourth, last to write, was told it is gone.
    expect(c.postsWith(GROUP.id, `${buyers[3]!.name}: sold out`)).toBeGreaterThan(0);
  });
});
