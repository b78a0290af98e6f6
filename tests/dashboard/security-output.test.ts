import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard/server.js';
import { createLogger } from '../../src/core/logger.js';
import type { DashboardClient, DashboardHarness } from '../helpers/dashboard.js';
import { attackScene, tokenFrom } from './security-fixture.js';

/**
 * What the dashboard gives out under attack: members' text that is markup or a spreadsheet formula,
 * cookies and headers, rate limits, and logs without secrets. The scene: security-fixture.ts.
 */

describe('the dashboard under attack: what it gives out', () => {
  let d: DashboardHarness;
  let boss: DashboardClient;

  beforeEach(async () => {
    ({ d, boss } = await attackScene());
  });
  afterEach(async () => {
    await d.close();
  });

  it('GIVEN markup in member names, titles, options and pickup points THEN no page, CSV or chart carries it live', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const close = '"><script>alert(2)</script>';
    const point = await d.group.as('owner').says('/pickup add "P<script>alert(4)</script>&"');
    expect(point.join('\n')).toContain('Pickup point 3');
    // Through the dashboard's own form: a title with `"` cannot be typed in the chat.
    await boss.get('/deals/new');
    const opened = await boss.post('/deals/new', {
      title: `T${close}</script><script>alert(3)</script>`,
      price: '5',
      min: '1',
      ends: '48h',
      options: `A${close}:5,=HYPERLINK(1):5`,
    });
    expect(opened.location, opened.body.slice(-800)).toContain('deals/3');
    const joined = [
      ...(await d.group.as('x1', evil).says('/join #3 1 =HYPERLINK(1) P<script>alert(4)</script>&')),
      ...(await d.group
        .as('x2', '=HYPERLINK("http://evil.test","hi")')
        .says('/join #3 2 =HYPERLINK(1) 东门')),
    ];
    expect(d.t.store.tables.orders.by('deal', 'memory:main#3').length, joined.join('\n')).toBe(2);
    const pages = [
      '/',
      '/deals',
      '/deals/3',
      '/deals/3/edit',
      '/deals/3/copy',
      '/deals/3/close',
      '/orders',
      '/members',
      '/members/x1',
      '/audit',
      '/settings',
    ];
    for (const path of pages) {
      const page = await boss.get(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).not.toMatch(/<img src=x|<script>alert|onerror=alert\(1\)>/);
    }
    const csv = await boss.get('/orders.csv');
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv.body, csv.body).toContain("'=HYPERLINK");
    const pdf = await boss.get('/orders.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const secret = await tokenFrom(d.group, 'boss');
    const api = await d.app.inject({
      url: '/api/v1/members',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    // Members' names and money: no browser or proxy keeps a copy.
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('GIVEN a session THEN its cookie is HttpOnly and SameSite, pages are not cached or framed, and no page echoes the session', async () => {
    const secure = await buildDashboard({ ...d.deps, publicUrl: 'https://dash.test/dash' });
    const link = await d.linkFor('boss');
    const opened = await secure.inject({ url: link.replace('/login/', '/login/') });
    const csrfCookie = opened.cookies.find((c) => c.name === '_csrf')!;
    expect(csrfCookie.secure).toBe(true);
    const token = /name="_csrf" value="([^"]+)"/.exec(opened.body)![1]!;
    const done = await secure.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: `_csrf=${csrfCookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(token)}&secret=${link.slice('/login/'.length)}`,
    });
    const session = done.cookies.find((c) => c.name === 'tuanbot_session')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/dash/' });
    await secure.close();
    for (const path of ['/', '/orders', '/members', '/settings', '/audit', '/deals']) {
      const page = await boss.get(path);
      expect(page.headers['cache-control'], path).toBe('no-store');
      expect(page.headers['x-frame-options'], path).toBe('DENY');
      expect(page.body, path).not.toContain(boss.cookies.get('tuanbot_session'));
    }
    expect((await boss.get('/orders.csv')).headers['cache-control']).toBe('no-store');
  });

  it('GIVEN a flood of logins THEN the 11th in a minute is 429 in both languages, whatever X-Forwarded-For says', async () => {
    // Straight at the port (the header is the attacker's own), and through a proxy on the machine
    // that appends the address it saw (nginx's $proxy_add_x_forwarded_for).
    for (const [remoteAddress, forwarded] of [
      ['203.0.113.9', (i: number) => `10.0.0.${i}`],
      ['127.0.0.1', (i: number) => `10.0.1.${i}, 198.51.100.7`],
    ] as const) {
      const statuses: number[] = [];
      let last = '';
      let retryAfter: unknown;
      for (let i = 0; i < 11; i++) {
        const res = await d.app.inject({
          url: `/login/${'A'.repeat(43)}`,
          remoteAddress,
          headers: { 'x-forwarded-for': forwarded(i) },
        });
        statuses.push(res.statusCode);
        last = res.body;
        retryAfter = res.headers['retry-after'];
      }
      expect(
        statuses.slice(0, 10).every((s) => s === 404),
        remoteAddress,
      ).toBe(true);
      expect(statuses[10], remoteAddress).toBe(429);
      expect(Number(retryAfter), remoteAddress).toBeGreaterThan(0);
      expect(last).toContain('Too many');
      expect(last).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('GIVEN a login page that fails THEN the log names the route, never the link secret in its path', async () => {
    const lines: string[] = [];
    d.deps.log = createLogger(
      'debug',
      [],
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const link = await d.linkFor('boss');
    d.t.store.tables.dashboardLinks.get = () => {
      throw new Error('disk gone');
    };
    const res = await d.client().get(link);
    expect(res.status).toBe(500);
    expect(lines.join('')).toContain('dashboard: request failed');
    expect(lines.join('')).not.toContain(link.slice('/login/'.length));
  });

  it('GIVEN a token past its calls a minute THEN 429 with Retry-After, in the group language', async () => {
    await d.group.as('boss').says('/lang zh');
    const secret = await tokenFrom(d.group, 'boss');
    let res = await d.app.inject({ url: '/api/v1/deals', headers: { authorization: `Bearer ${secret}` } });
    for (let i = 0; i < 130 && res.statusCode !== 429; i++)
      res = await d.app.inject({
        url: '/api/v1/deals?pageSize=1',
        headers: { authorization: `Bearer ${secret}` },
      });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json().error).toBe('rate_limited');
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.json().message).not.toMatch(/[A-Za-z]{3,}/);
  });
});
