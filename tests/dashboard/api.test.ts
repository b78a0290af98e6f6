import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_CALLS_PER_MINUTE } from '../../dashboard/api/index.js';
import { createLogger } from '../../src/core/logger.js';
import type { GroupChat } from '../helpers/chat.js';
import { DashboardHarness } from '../helpers/dashboard.js';
import { seedOrders } from '../helpers/order-seed.js';

const SECRET = /Authorization: Bearer (tb_[A-Za-z0-9_-]{43})$/m;

/** Makes a token as `user` in `group` through the chat; returns its secret. */
async function tokenFrom(group: GroupChat, user = 'boss', label = 'sheets'): Promise<string> {
  const said = await group.as(user).says(`/apitoken new ${label}`);
  const secret = said.map((line) => SECRET.exec(line)?.[1]).find(Boolean);
  if (!secret) throw new Error(`no token: ${JSON.stringify(said)}`);
  return secret;
}

describe('the read-only JSON API (/api/v1) with tokens from /apitoken', () => {
  let d: DashboardHarness;
  let logged: Record<string, unknown>[];
  beforeEach(async () => {
    d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    logged = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    d.deps.log = createLogger('info', [], sink);
    await seedOrders(d.t, d.group);
  });
  afterEach(async () => {
    await d.close();
  });

  const call = async (path: string, secret?: string) => {
    const res = await d.app.inject({
      method: 'GET',
      url: path,
      headers: secret ? { authorization: `Bearer ${secret}` } : {},
    });
    // biome-ignore lint/suspicious/noExplicitAny: an answer is read field by field as a client would; the assertions check its shape.
    return { status: res.statusCode, headers: res.headers, json: res.json() as Record<string, any> };
  };

  it('refuses without a token, with a forged or a revoked one (401), and logs the call without the secret', async () => {
    const none = await call('/api/v1/deals');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="tuanbot"');
    expect(none.json.error).toBe('unauthorized');
    expect(none.json.message).toContain('/apitoken new');
    expect(none.json.message).toContain('接口令牌 新建');
    const secret = await tokenFrom(d.group);
    expect((await call('/api/v1/deals', `${secret.slice(0, -2)}xx`)).status).toBe(401);
    expect((await call('/api/v1/deals', secret)).status).toBe(200);
    await d.group.as('boss').says('/apitoken revoke T1');
    expect((await call('/api/v1/deals', secret)).status).toBe(401);
    const calls = logged.filter((l) => l.msg === 'api call').map((l) => l.api);
    expect(calls).toEqual([
      expect.objectContaining({ handle: null, community: null, path: '/api/v1/deals', status: 401 }),
      expect.objectContaining({ handle: null, path: '/api/v1/deals', status: 401 }),
      expect.objectContaining({ handle: 'T1', community: 'memory:main', path: '/api/v1/deals', status: 200 }),
      expect.objectContaining({ handle: null, status: 401 }),
    ]);
    expect(JSON.stringify(logged)).not.toContain(secret.slice(3));
  });

  it('deals: progress and money of each deal, newest first, as an admin sees them', async () => {
    const secret = await tokenFrom(d.group);
    const res = await call('/api/v1/deals', secret);
    expect(res.status).toBe(200);
    expect(
      res.json.data.map((x: { no: number; title: string; status: string }) => [x.no, x.title, x.status]),
    ).toEqual([
      [2, 'Crabs', 'succeeded'],
      [1, 'Eggs', 'closed'],
    ]);
    const crabs = res.json.data[0];
    expect(crabs).toMatchObject({
      buyers: 2,
      min: 2,
      sold: 3,
      taking: true,
      options: [
        { name: '大份', priceCents: 8800, stock: null, sold: 1 },
        { name: '小份', priceCents: 4800, stock: null, sold: 2 },
      ],
      money: { orderedCents: 18400, paidCents: 8800, owedCents: 9600 },
    });
    // The bot's own bookkeeping (message ids, photo paths) is not part of the answer.
    expect(crabs).not.toHaveProperty('rosterMessageId');
    expect(res.json).toMatchObject({ page: 1, pageSize: 50, total: 2, pages: 1, next: null });
    const open = await call('/api/v1/deals?status=closed', secret);
    expect(open.json.data.map((x: { no: number }) => x.no)).toEqual([1]);
  });

  it('orders: filtered, paged with a next link to follow, bad values refused with a clear message', async () => {
    const secret = await tokenFrom(d.group);
    const first = await call('/api/v1/orders?deal=1&pageSize=2', secret);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ page: 1, pageSize: 2, total: 4, pages: 2 });
    expect(first.json.totals).toEqual({ lines: 3, qty: 6, amountCents: 7200, withdrawn: 1 });
    expect(first.json.next).toBe('http://dash.test/api/v1/orders?deal=1&pageSize=2&page=2');
    const second = await call(first.json.next.replace('http://dash.test', ''), secret);
    expect(second.json.page).toBe(2);
    expect(second.json.next).toBeNull();
    const lines = [...first.json.data, ...second.json.data];
    expect(
      lines.map((l: { name: string; qty: number; money: string; pickup: string }) => [
        l.name,
        l.qty,
        l.money,
        l.pickup,
      ]),
    ).toEqual([
      ['alice', 1, 'paid', 'picked_up'],
      ['carol', 3, 'owing', 'waiting'],
      ['bob', 2, 'claimed', 'not_arrived'],
      ['dan', 1, 'refund_due', 'none'],
    ]);
    const carol = await call('/api/v1/orders?member=carol', secret);
    expect(carol.json.data).toEqual([
      expect.objectContaining({
        dealNo: 1,
        lineNo: 2,
        qty: 3,
        amountCents: 3600,
        owedCents: 3600,
        point: { no: 1, name: '东门' },
      }),
    ]);
    // What was paid and given back on a line, not only its state: dan paid, withdrew, and is owed it.
    const dan = (await call('/api/v1/orders?member=dan', secret)).json.data[0];
    expect(dan).toMatchObject({ money: 'refund_due', refundedCents: 0 });
    expect(dan.paidCents).toBeGreaterThan(0);
    expect(dan.refundDueCents).toBe(dan.paidCents);
    const tooBig = await call('/api/v1/orders?pageSize=500', secret);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toMatchObject({ error: 'bad_query' });
    expect(tooBig.json.message).toContain('200');
    expect((await call('/api/v1/orders?sort=price', secret)).json.error).toBe('bad_query');
    // A path the API does not have answers in the same shape as every other error.
    expect((await call('/api/v1/shipments', secret)).json).toEqual({
      error: 'not_found',
      message: 'Not found. / 找不到该页面。',
    });
    const unknown = await call('/api/v1/orders?deal=9', secret);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'unknown_deal', message: 'This community has no deal #9.' });
  });

  it("a token sees its own community only: another group's members and orders never appear", async () => {
    const other = d.t.group('other').admin('olga');
    await other.as('olga').says('hello');
    await other.as('zed').says('/deal new "Tea" price=5 min=1 ends=24h');
    await other.as('olga').says('/deal new "Tea" price=5 min=1 ends=24h');
    await other.as('zed').says('+1');
    const mine = await tokenFrom(d.group);
    const theirs = await tokenFrom(other, 'olga', 'erp');
    const members = await call('/api/v1/members?pageSize=200', mine);
    const names = members.json.data.map((m: { userId: string }) => m.userId);
    expect(names).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']));
    expect(names).not.toContain('zed');
    expect(names).not.toContain('olga');
    const theirMembers = (await call('/api/v1/members', theirs)).json.data.map(
      (m: { userId: string }) => m.userId,
    );
    expect(theirMembers.sort()).toEqual(['olga', 'zed']);
    const theirOrders = (await call('/api/v1/orders', theirs)).json;
    expect(theirOrders.data.map((o: { name: string; dealTitle: string }) => [o.name, o.dealTitle])).toEqual([
      ['zed', 'Tea'],
    ]);
    expect((await call('/api/v1/orders?deal=2', theirs)).status).toBe(404);
  });

  it('members: tier, points, activity and prune standing; a bad tier is refused', async () => {
    const secret = await tokenFrom(d.group);
    const res = await call('/api/v1/members?name=alice', secret);
    expect(res.json.data).toEqual([
      expect.objectContaining({
        userId: 'alice',
        status: 'active',
        tier: expect.any(String),
        points: expect.any(Number),
      }),
    ]);
    expect(res.json.data[0].prune).toMatchObject({ candidate: false });
    const bad = await call('/api/v1/members?tier=gold', secret);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'bad_query', message: 'Bad query (tier=gold); nothing was read.' });
  });

  it('report: the same JSON as /report json in the chat, for any period it takes; a bad period is refused', async () => {
    const secret = await tokenFrom(d.group);
    const said = await d.group.as('boss').says('/report 2026-11-20..2026-11-25 json');
    const file = d.t.adapter.actions.findLast((a) => a.kind === 'send' && a.out.kind === 'file');
    expect(said.length).toBeGreaterThan(0);
    const chat = JSON.parse(await readFile((file as { out: { path: string } }).out.path, 'utf8'));
    const api = await call('/api/v1/report?period=2026-11-20..2026-11-25', secret);
    expect(api.status).toBe(200);
    expect(api.json).toEqual(chat);
    expect(api.json.commerce.gmvCents.value).toBeGreaterThan(0);
    const rolling = await call('/api/v1/report?period=7d', secret);
    expect(rolling.json.period).toMatchObject({ key: '7d', days: 7 });
    const bad = await call('/api/v1/report?period=yesterday', secret);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('bad_period');
    const impossible = await call('/api/v1/report?period=2026-02-30..2026-03-01', secret);
    expect(impossible.json).toMatchObject({ error: 'bad_range', problem: 'impossible_date' });
    expect(impossible.json.message).toContain('2026-02-30 is not a date');
  });

  it('a Chinese community gets its refusals in Chinese', async () => {
    await d.group.as('owner').says('/lang zh');
    const secret = await tokenFrom(d.group);
    const res = await call('/api/v1/orders?deal=9', secret);
    expect(res.json.message).toBe('本群没有团购 #9。');
    expect((await call('/api/v1/members?pageSize=500', secret)).json.message).toBe(
      '每页 500 行太多：每页最多 200 行。',
    );
  });

  it(`rate-limited per token: call ${API_CALLS_PER_MINUTE + 1} in a minute gets 429 with Retry-After`, async () => {
    const secret = await tokenFrom(d.group);
    const other = await tokenFrom(d.group, 'boss', 'erp');
    for (let i = 0; i < API_CALLS_PER_MINUTE; i++)
      expect((await call('/api/v1/deals?pageSize=1', secret)).status).toBe(200);
    const refused = await call('/api/v1/deals?pageSize=1', secret);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({ error: 'rate_limited' });
    expect(refused.json.message).toMatch(/^Too many calls with this token: try again in \d+ s\.$/);
    // Another token of the same community has its own allowance.
    expect((await call('/api/v1/deals?pageSize=1', other)).status).toBe(200);
  });

  it('counts the limit over every endpoint together: a token spreading its calls gets no more', async () => {
    const secret = await tokenFrom(d.group);
    const paths = ['/api/v1/deals', '/api/v1/orders', '/api/v1/members', '/api/v1/report'];
    for (let i = 0; i < API_CALLS_PER_MINUTE; i++)
      expect(
        (await call(`${paths[i % paths.length]}?pageSize=1`.replace('report?pageSize=1', 'report'), secret))
          .status,
      ).toBe(200);
    for (const path of paths) expect((await call(path, secret)).status, path).toBe(429);
  });

  it('counts calls on the token (what /apitoken list shows), written at most once a minute and on shutdown', async () => {
    const secret = await tokenFrom(d.group);
    const token = () => [...d.t.store.tables.apiTokens.values()].find((x) => x.no === 1)!;
    await call('/api/v1/deals', secret);
    expect(token()).toMatchObject({ calls: 1, lastUsedAt: '2026-11-25T08:06:00.000Z' });
    await call('/api/v1/deals', secret);
    await call('/api/v1/orders', secret);
    expect(token().calls).toBe(1);
    d.t.clock.advance(61_000);
    await call('/api/v1/members', secret);
    expect(token()).toMatchObject({ calls: 4, lastUsedAt: '2026-11-25T08:07:01.000Z' });
    await call('/api/v1/members', secret);
    await d.app.close();
    expect(token().calls).toBe(5);
    expect(await d.group.as('boss').reply('/apitoken list')).toContain(
      'T1 "sheets" — made 2026-11-25 16:06 by boss · 5 calls, last 2026-11-25 16:07',
    );
  });

  it('serves an OpenAPI 3 description of the routes without a token', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/deals',
      '/api/v1/members',
      '/api/v1/orders',
      '/api/v1/report',
    ]);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.servers).toEqual([{ url: 'http://dash.test' }]);
    const pageSize = doc.paths['/api/v1/orders'].get.parameters.find(
      (p: { name: string }) => p.name === 'pageSize',
    );
    expect(pageSize.schema).toMatchObject({ type: 'integer', maximum: 200 });
    expect(Object.keys(doc.paths['/api/v1/orders'].get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '429']),
    );
    expect(doc.paths['/api/v1/deals'].get.responses['429'].headers['Retry-After'].schema.type).toBe(
      'integer',
    );
  });

  it('names the address the server listens on (known only once it listens, without DASHBOARD_URL)', async () => {
    // serve.ts learns the port after the routes are registered: a client generated from the
    // description must not be pointed at port 80.
    d.deps.publicUrl = 'http://localhost:18095';
    const doc = (await call('/api/v1/openapi.json')).json;
    expect(doc.servers).toEqual([{ url: 'http://localhost:18095' }]);
  });
});
