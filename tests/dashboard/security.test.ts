import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import type { DashboardClient, DashboardHarness } from '../helpers/dashboard.js';
import { attackScene, expectClean, tokenFrom } from './security-fixture.js';

/**
 * The dashboard and its API attacked with another group's ids and sessions, no session, forged and
 * odd input, CSRF. Every refusal changes nothing. The scene: security-fixture.ts.
 */

describe('the dashboard under attack: ids, sessions and input', () => {
  let d: DashboardHarness;
  let other: GroupChat;
  let boss: DashboardClient;
  let mallory: DashboardClient;
  let stateOf: () => string;

  beforeEach(async () => {
    ({ d, other, boss, mallory, stateOf } = await attackScene());
  });
  afterEach(async () => {
    await d.close();
  });

  it("GIVEN a session of another group THEN every page, form and bulk row naming the victim's things is refused and changes nothing", async () => {
    const before = stateOf();
    const pointsBefore = d.t.store.tables.members.get('memory:main/alice')?.points;
    const order = [...d.t.store.tables.orders.values()].find((o) => o.communityId === 'memory:main')!;
    for (const path of ['/deals/2', '/deals/2/edit', '/deals/2/copy', '/deals/2/close', '/members/alice']) {
      const page = await mallory.get(path);
      expect(page.status, path).toBe(404);
      expect(page.body, path).not.toContain('Crabs');
    }
    expect((await mallory.get('/orders?deal=2')).body).not.toContain('Crabs');
    expect((await mallory.get('/orders.csv?deal=2')).body).not.toContain('Crabs');
    expect((await mallory.get('/orders.csv')).body).not.toContain('alice');
    const pdf = await mallory.get('/orders.pdf?deal=2');
    expect(pdf.headers['content-type']).not.toBe('application/pdf');
    expect(pdf.body).not.toContain('Crabs');
    for (const [path, form] of [
      ['/deals/2/close', { confirm: 'yes' }],
      ['/deals/2/cancel', { confirm: 'yes' }],
      ['/deals/2/edit', { title: 'Pwned' }],
      ['/deals/2/copy', { title: 'Pwned' }],
      ['/members/alice/points', { change: 'award', amount: '100', reason: 'x' }],
      ['/orders/bulk', { action: 'refund', row: order.id }],
    ] as const) {
      expect((await mallory.post(path, form)).status, path).toBe(404);
    }
    // The switcher to a group where mallory is a member, not an admin.
    expect((await mallory.post('/switch', { community: 'memory:main' })).status).toBe(404);
    expect((await mallory.get('/audit')).body).not.toContain('memory:main');
    expect(stateOf()).toBe(before);
    expect(d.t.store.tables.members.get('memory:main/alice')?.points).toBe(pointsBefore);
  });

  it('GIVEN no session (never logged in, or logged out with a good CSRF token) THEN every route refuses and changes nothing', async () => {
    const before = stateOf();
    const gets = [
      '/',
      '/deals',
      '/deals/2',
      '/deals/new',
      '/deals/2/edit',
      '/deals/2/copy',
      '/deals/2/close',
      '/deals/2/cancel',
      '/orders',
      '/orders.csv',
      '/orders.pdf',
      '/members',
      '/members/alice',
      '/settings',
      '/audit',
    ];
    const posts: [string, Record<string, string>][] = [
      ['/deals/new', { title: 'X', price: '1', ends: '48h' }],
      ['/deals/2/edit', { title: 'X' }],
      ['/deals/2/copy', { title: 'X' }],
      ['/deals/2/close', { confirm: 'yes' }],
      ['/deals/2/cancel', { confirm: 'yes' }],
      ['/orders/bulk', { action: 'refund', row: 'memory:main#2/u5' }],
      ['/members/alice/points', { change: 'award', amount: '5' }],
      ['/settings', { key: 'tz', value: 'UTC' }],
      ['/switch', { community: 'memory:main' }],
    ];
    const stranger = d.client();
    for (const path of gets) {
      const page = await stranger.get(path);
      expect(page.status, path).toBe(401);
      expect(page.body, path).not.toMatch(/Crabs|alice/);
    }
    for (const [path, form] of posts) expect((await stranger.post(path, form)).status, path).toBe(403);
    await boss.get('/audit');
    await boss.post('/logout', {});
    expect(boss.cookies.has('tuanbot_session')).toBe(false);
    // The token of the ended session is bound to it: refused as a forged form (403) before anything.
    for (const [path, form] of posts) expect((await boss.post(path, form)).status, path).toBe(403);
    expect(stateOf()).toBe(before);
  });

  it("GIVEN another group's API token THEN none of the victim's data comes back", async () => {
    const secret = await tokenFrom(other, 'mallory');
    const get = (url: string) => d.app.inject({ url, headers: { authorization: `Bearer ${secret}` } });
    expect((await get('/api/v1/orders?deal=2')).statusCode).toBe(404);
    for (const url of ['/api/v1/deals', '/api/v1/orders', '/api/v1/members', '/api/v1/report']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/Crabs|Eggs|alice|carol/);
    }
  });

  it('GIVEN the bot removed from the group THEN its tokens read nothing (they cannot be revoked from a chat the bot is not in)', async () => {
    const secret = await tokenFrom(d.group, 'boss');
    const community = d.t.store.tables.communities.get('memory:main')!;
    await d.t.store.mutate((tx) =>
      tx.put('communities', { ...community, removedAt: d.t.clock.now().toISOString() }),
    );
    const res = await d.app.inject({ url: '/api/v1/orders', headers: { authorization: `Bearer ${secret}` } });
    expect(res.statusCode).toBe(410);
    expect(res.json().error).toBe('community_gone');
    expect(res.body).not.toContain('alice');
    expect((await boss.get('/orders')).status).toBe(410);
  });

  it('GIVEN odd query values on every page THEN each is answered with a page, never a crash, and nothing changes', async () => {
    const before = stateOf();
    const long = 'x'.repeat(100_000);
    const values = [
      '-1',
      '0',
      '1e9',
      '99999999999999999999',
      'abc',
      '١٢',
      '２',
      '2026-02-30',
      '__proto__',
      long,
      '',
    ];
    const fields = [
      'page',
      'pageSize',
      'sort',
      'dir',
      'status',
      'from',
      'to',
      'period',
      'deal',
      'point',
      'money',
      'tier',
      'q',
      'member',
      'name',
    ];
    const paths = ['/', '/deals', '/orders', '/orders.csv', '/members', '/audit', '/deals/new'];
    for (const path of paths)
      for (const field of fields)
        for (const value of values) {
          const query = `${field}=${encodeURIComponent(value)}`;
          const page = await boss.get(`${path}?${query}`);
          expectClean(page, `${path}?${query.slice(0, 40)}`);
          expect(page.body.length, `${path}?${query.slice(0, 40)}`).toBeLessThan(400_000);
        }
    for (const path of paths)
      expectClean(await boss.get(`${path}?page=1&page=2&sort=a&sort=b&from=1&from=2`), path);
    for (const path of [
      '/deals/abc',
      '/deals/-1',
      '/deals/1e3',
      '/deals/99999999999',
      `/members/${'%00'}`,
      '/members/..%2Fx',
    ])
      expect((await boss.get(path)).status, path).toBe(404);
    expect(stateOf()).toBe(before);
  });

  it('GIVEN values out of range in forms and queries THEN a clear 400 and nothing changes', async () => {
    const before = stateOf();
    const points = () => d.t.store.tables.members.get('memory:main/alice')?.points;
    const had = points();
    await boss.get('/members/alice');
    for (const amount of ['-100', '0', '1e9', '１００', '99999999999999999999', 'x'.repeat(100_000)]) {
      const res = await boss.post('/members/alice/points', { change: 'award', amount, reason: 'test' });
      expect(res.status, amount.slice(0, 20)).toBe(400);
    }
    const reason = await boss.post('/members/alice/points', {
      change: 'award',
      amount: '5',
      reason: 'r'.repeat(100_000),
    });
    expect(reason.status).toBe(400);
    expect(points()).toBe(had);
    const title = await boss.post('/deals/new', { title: 't'.repeat(100_000), price: '5', ends: '48h' });
    expect(title.body).toContain('class="notice error"');
    expect((await boss.post('/settings', { key: 'tz', value: 'Mars/Olympus_Mons' })).status).toBe(400);
    expect((await boss.post('/settings', { key: '__proto__', value: '1' })).status).toBe(400);
    for (const path of [
      '/?from=2026-02-30&to=2026-03-01',
      '/?from=2026-11-05&to=2026-11-01',
      '/?period=1e9',
      '/?from=2026-11-01',
      '/orders?pageSize=1e9',
      '/orders?pageSize=-1',
      '/orders?sort=__proto__',
      '/orders?deal=99',
      '/members?pageSize=500',
      '/members?sort=constructor',
    ]) {
      const page = await boss.get(path);
      expect(page.status, path).toBe(400);
      expect(page.body, path).toContain('class="notice error"');
    }
    expect(stateOf()).toBe(before);
  });

  it('GIVEN the widest period anyone could ask THEN the overview answers within a second or refuses', async () => {
    const started = performance.now();
    const page = await boss.get('/?from=1970-01-01&to=2026-11-25');
    expect([200, 400]).toContain(page.status);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('GIVEN odd query values on every API route THEN a JSON answer, never a crash', async () => {
    // Enough tokens that no call meets the rate limit (120 a minute per token).
    const secrets: string[] = [];
    for (let i = 0; i < 7; i++) secrets.push(await tokenFrom(d.group, 'boss'));
    let calls = 0;
    const values = [
      '-1',
      '0',
      '1.5',
      '1e9',
      'abc',
      '١٢',
      '2026-02-30..2026-03-01',
      '__proto__',
      'x'.repeat(10_000),
      '',
    ];
    const fields = [
      'page',
      'pageSize',
      'sort',
      'dir',
      'status',
      'period',
      'deal',
      'point',
      'money',
      'tier',
      'member',
      'name',
      'search',
    ];
    for (const path of ['/api/v1/report', '/api/v1/deals', '/api/v1/orders', '/api/v1/members'])
      for (const field of fields)
        for (const query of [
          ...values.map((v) => `${field}=${encodeURIComponent(v)}`),
          `${field}=1&${field}=2`,
          `${field}[a]=1`,
        ]) {
          const secret = secrets[Math.floor(calls++ / 100)];
          const res = await d.app.inject({
            url: `${path}?${query}`,
            headers: { authorization: `Bearer ${secret}` },
          });
          const what = `${path}?${query.slice(0, 40)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          expect(res.statusCode, what).not.toBe(429);
          expect(res.headers['content-type'], what).toMatch(/^application\/json/);
          if (res.statusCode >= 400) expect(res.json().message, what).toBeTruthy();
        }
  });

  it('GIVEN forged forms THEN a missing or foreign _csrf is 403, a big body 413, JSON and odd types change nothing', async () => {
    const before = stateOf();
    await boss.get('/deals/2/close');
    expect((await boss.post('/deals/2/close', { confirm: 'yes' }, { csrf: '' })).status).toBe(403);
    await mallory.get('/audit');
    expect((await boss.post('/deals/2/close', { confirm: 'yes' }, { csrf: mallory.csrf })).status).toBe(403);
    const big = await boss.post('/settings', { key: 'tz', value: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    expect(big.body).toContain('<html');
    const cookie = [...boss.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    await boss.get('/orders');
    for (const [type, payload] of [
      ['application/json', JSON.stringify({ _csrf: boss.csrf, action: ['refund'], row: [{ $ne: 1 }, 7] })],
      ['application/json', JSON.stringify({ _csrf: boss.csrf, action: 'refund', row: { length: 1e9 } })],
      ['application/json', '{"_csrf":'],
      ['text/plain', `_csrf=${boss.csrf}&action=refund`],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      const res = await d.app.inject({
        method: 'POST',
        url: '/orders/bulk',
        headers: { cookie, 'content-type': type },
        payload,
      });
      expect(res.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type} ${payload}`).toBeLessThan(500);
    }
    expect(stateOf()).toBe(before);
  });
});
