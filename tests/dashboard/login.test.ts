import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHarness } from '../helpers/dashboard.js';

let d: DashboardHarness;
afterEach(() => d?.close());

describe('logging in to the dashboard from the chat', () => {
  it('GIVEN an admin asks /dashboard in the group THEN the link goes privately, and the group only hears that it was sent', async () => {
    d = await DashboardHarness.create();
    const said = await d.group.as('boss').says('/dashboard');
    expect(said.filter((l) => !l.startsWith('[dm'))).toEqual([
      'I sent you the dashboard login link privately.',
    ]);
    const dm = said.find((l) => l.startsWith('[dm boss]'));
    expect(dm).toMatch(/works once, within 10 minutes/);
    expect(dm).toMatch(/http:\/\/dash\.test\/login\/[A-Za-z0-9_-]{43}$/);
    // The store keeps only the hash of the secret.
    const secret = dm!.split('/login/')[1]!;
    expect(JSON.stringify([...d.t.store.tables.dashboardLinks.values()])).not.toContain(secret);
  });

  it('GIVEN a member (not an admin) asks THEN no link is made', async () => {
    d = await DashboardHarness.create();
    const said = await d.group.as('alice').says('/dashboard');
    expect(said.join('\n')).not.toMatch(/login\//);
    expect(d.t.store.tables.dashboardLinks.size).toBe(0);
  });

  it('GIVEN the link is opened THEN a preview (GET) spends nothing, Log in opens a session and the overview follows', async () => {
    d = await DashboardHarness.create();
    const path = await d.linkFor('boss');
    const browser = d.client();
    expect((await browser.get(path)).status).toBe(200);
    // A chat app's preview opened it too: still good.
    expect((await d.client().get(path)).status).toBe(200);
    const done = await browser.post('/login', { secret: path.slice(7) });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/');
    const cookie = done.headers['set-cookie'];
    expect(String(cookie)).toMatch(/tuanbot_session=[^;]+;.*HttpOnly/i);
    const audit = await browser.get('/audit');
    expect(audit.status).toBe(200);
    expect(audit.body).toContain('logged in to the dashboard');
  });

  it('GIVEN a used link THEN it is refused with a clear page, and no second session opens', async () => {
    d = await DashboardHarness.create();
    const path = await d.linkFor('boss');
    const first = d.client();
    await first.get(path);
    await first.post('/login', { secret: path.slice(7) });
    const second = d.client();
    const page = await second.get(path);
    expect(page.status).toBe(410);
    expect(page.body).toContain('already used');
    // Opening it again in the first browser says the same.
    expect((await first.get(path)).status).toBe(410);
    expect(d.t.store.tables.dashboardSessions.size).toBe(1);
  });

  it('GIVEN a link older than 10 minutes THEN it is refused as expired', async () => {
    d = await DashboardHarness.create();
    const path = await d.linkFor('boss');
    d.t.clock.advance(10 * 60_000 + 1);
    const page = await d.client().get(path);
    expect(page.status).toBe(410);
    expect(page.body).toContain('expired');
  });

  it('GIVEN a forged link THEN the page says so in both languages and names no group', async () => {
    d = await DashboardHarness.create();
    const page = await d.client().get(`/login/${'A'.repeat(43)}`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('not valid');
    expect(page.body).toContain('登录链接无效');
    expect((await d.client().get('/login/short')).status).toBe(404);
  });

  it('GIVEN the admin was demoted between the link and the login THEN the platform is asked and the login refused', async () => {
    d = await DashboardHarness.create();
    const path = await d.linkFor('boss');
    d.t.adapter.standingOf = () => 'member';
    const browser = d.client();
    await browser.get(path);
    const page = await browser.post('/login', { secret: path.slice(7) });
    expect(page.status).toBe(403);
    expect(page.body).toContain('not an admin of main');
    expect(d.t.store.tables.dashboardSessions.size).toBe(0);
  });

  it('GIVEN a session WHEN the platform says the user is no longer an admin THEN the next page after the recheck ends it', async () => {
    d = await DashboardHarness.create();
    const browser = await d.login('boss');
    expect((await browser.get('/audit')).status).toBe(200);
    d.t.adapter.standingOf = () => 'member';
    // Within the recheck interval the last answer stands; after it, the platform is asked again.
    expect((await browser.get('/audit')).status).toBe(200);
    d.t.clock.advance(5 * 60_000);
    const page = await browser.get('/audit');
    expect(page.status).toBe(403);
    d.t.adapter.standingOf = () => 'admin';
    expect((await browser.get('/audit')).status).toBe(401);
  });

  it('GIVEN the bot sees the admin speak as a plain member THEN the platform is asked at the next page, not minutes later', async () => {
    d = await DashboardHarness.create();
    const browser = await d.login('boss');
    d.t.demote('main', 'boss');
    d.t.adapter.standingOf = () => 'member';
    await d.group.as('boss').says('hello');
    const page = await browser.get('/audit');
    expect(page.status).toBe(403);
    expect(page.body).toContain('not an admin of main');
  });

  it('GIVEN no session THEN pages are refused; a form without its CSRF token changes nothing', async () => {
    d = await DashboardHarness.create();
    expect((await d.client().get('/audit')).status).toBe(401);
    const browser = await d.login('boss');
    const out = await browser.post('/logout', {}, { csrf: '' });
    expect(out.status).toBe(403);
    expect(out.body).toContain('out of date');
    expect((await browser.get('/audit')).status).toBe(200);
  });

  it("GIVEN another session's CSRF cookie and token planted in a browser THEN its forms are refused: tokens are bound to the session", async () => {
    d = await DashboardHarness.create();
    d.group.admin('eve');
    const victim = await d.login('boss');
    const attacker = await d.login('eve');
    await victim.get('/audit');
    await attacker.get('/audit');
    // A sibling subdomain can set the victim's `_csrf` cookie to the attacker's secret.
    victim.cookies.set('_csrf', attacker.cookies.get('_csrf')!);
    const forged = await victim.post('/logout', {}, { csrf: attacker.csrf });
    expect(forged.status).toBe(403);
    expect((await victim.get('/audit')).status).toBe(200);
    // The victim's own page and token still work.
    expect((await victim.post('/logout', {})).body).toContain('logged out');
  });

  it('GIVEN logout THEN the session ends and the cookie no longer opens pages', async () => {
    d = await DashboardHarness.create();
    const browser = await d.login('boss');
    const cookie = browser.cookies.get('tuanbot_session')!;
    await browser.get('/audit');
    const out = await browser.post('/logout', {});
    expect(out.body).toContain('logged out');
    const replay = d.client();
    replay.cookies.set('tuanbot_session', cookie);
    expect((await replay.get('/audit')).status).toBe(401);
  });

  it('GIVEN a Chinese group THEN the link, the pages and the refusals are in Chinese without English', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    const said = await d.group.as('boss').says('管理后台');
    expect(said.find((l) => l.startsWith('[dm boss]'))).toContain('仅限本人使用一次');
    const browser = await d.login('boss');
    const page = await browser.get('/audit');
    expect(page.body).toContain('操作记录');
    expect(page.body).toContain('登录了管理后台');
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
    expect(text.replace(/boss|main|\d|http\S*/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('GIVEN an admin of two groups THEN the switcher changes group after asking the platform, and refuses a group where they are not admin', async () => {
    d = await DashboardHarness.create();
    const other = d.t.group('second').admin('boss');
    await other.as('boss').says('hello');
    await d.t.group('third').as('boss').says('hello');
    const browser = await d.login('boss');
    const page = await browser.get('/audit');
    expect(page.body).toContain('<option value="memory:second"');
    expect(page.body).not.toContain('memory:third');
    const switched = await browser.post('/switch', { community: 'memory:second' });
    expect(switched.status).toBe(303);
    expect((await browser.get('/audit')).body).toMatch(/<option value="memory:second" selected/);
    const refused = await browser.post('/switch', { community: 'memory:third' });
    expect(refused.status).toBe(404);
  });
});
