// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the text as the browser renders it, what a leader reads.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from '../../dashboard/server.js';
import { follow, headerText, mainText, press, screenshot, useBrowser } from '../helpers/browser.js';
import { DashboardHarness } from '../helpers/dashboard.js';

/**
 * The dashboard in a real browser: Debian's Chromium, headless, through playwright-core, against
 * the bot's dashboard listening on a port of localhost, over a temp store seeded through the chat
 * (memory adapter, fake clock). One browser for the file; each test a fresh context (no cookies).
 *
 * GIVEN the group `main` (English, Asia/Shanghai), admin boss:
 *   #1 Mangoes ¥45, min 2: alice ×1, bob ×2, carol ×1 — all three say they paid
 *   #2 Eggs ¥12, min 1: alice ×3
 * and the group `other` (admin olga, boss a plain member): #1 Crabs ¥80, dave ×1, who says he paid.
 * Screenshots of the pages land in test-artifacts/screenshots/ (gitignored), and one of the page
 * a failed test was on (tests/helpers/browser.ts).
 */

const b = useBrowser();
let d: DashboardHarness;
let dash: RunningDashboard;

beforeEach(async () => {
  d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  const main = d.group;
  await main.as('boss').says('/deal new "Mangoes" price=45 min=2 ends=48h');
  await main.as('alice').says('+1');
  await main.as('bob').says('+2');
  await main.as('carol').says('+1');
  await main.as('boss').says('/deal new "Eggs" price=12 min=1 ends=48h');
  await main.as('alice').says('/join #2 3');
  for (const member of ['alice', 'bob', 'carol']) await main.as(member).says('I paid #1');
  const other = d.t.group('other').admin('olga');
  await other.as('olga').says('/deal new "Crabs" price=80 min=1 ends=48h');
  await other.as('boss').says('hello');
  await other.as('dave').says('+1');
  await other.as('dave').says('I paid #1');
  // The same bot and store as the harness's app, served for real on a free port of localhost.
  dash = await startDashboard(d.deps, 0, '127.0.0.1');
});

afterEach(async () => {
  await dash.close();
  await d.close();
});

/**
 * The login link `user` got privately for `/dashboard` in `group`, pointed at this port: the chat
 * says DASHBOARD_URL (the operator's proxy in front), which here is the harness's made-up host.
 */
async function linkFor(user: string, group = d.group): Promise<string> {
  return `${dash.url}${await d.linkFor(user, group)}`;
}

/** Opens `link` and presses Log in (`button`: its words), as an admin does from the chat; lands on the overview. */
async function logIn(page: Page, link: string, button = 'Log in'): Promise<void> {
  await page.goto(link);
  await press(page, button);
  expect(page.url()).toBe(`${dash.url}/`);
}

/** The members of the order lines the table shows, top to bottom. */
const rowsShown = (page: Page) =>
  page
    .locator('tbody tr td:nth-child(4)')
    .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent?.trim() ?? ''));

/**
 * The figure at a dotted path of the `/report json` document, as the overview's cards carry it
 * raw: a metric's value (`commerce.gmvCents`), a tier's count, money still owed in cents.
 */
function figureAt(json: unknown, path: string): string {
  const found = path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], json);
  if (typeof found !== 'object' || found === null) return `no figure at ${path}`;
  const { value, count, cents } = found as { value?: unknown; count?: unknown; cents?: unknown };
  const figure = value !== undefined ? value : count !== undefined ? count : cents;
  return figure === null ? '' : String(figure);
}

describe('an admin in the browser', () => {
  it('logs in from the chat link, reads the overview as /report json says it, and logs out', async () => {
    const { page } = b;
    await logIn(page, await linkFor('boss'));
    expect(await headerText(page)).toContain('Signed in as boss');
    await screenshot(page, 'overview');

    // The chat's own numbers, as the same admin asks for them (the request is a message of the
    // period too: the page is read again after it).
    const [sent] = await d.group.as('boss').says('/report json');
    const file = sent?.replace(/^\[dm boss\] file: /, '') ?? '';
    const report: unknown = JSON.parse(await readFile(file, 'utf8'));
    await page.reload();
    expect(figureAt(report, 'commerce.gmvCents')).toBe(String(4 * 4500 + 3 * 1200));
    const figures = await page.locator('[data-metric]').evaluateAll((cards) =>
      cards.map((c) => ({
        path: c.getAttribute('data-metric') ?? '',
        raw: c.querySelector('.value')?.getAttribute('data-raw') ?? '',
      })),
    );
    expect(figures.length).toBeGreaterThan(10);
    for (const { path, raw } of figures) expect({ path, raw }).toEqual({ path, raw: figureAt(report, path) });
    expect(await page.locator('[data-metric="commerce.gmvCents"] .value').innerText()).toBe('¥216.00');
    expect(await page.locator('[data-metric="commerce.orders"] .value').innerText()).toBe('4');
    // The chart is drawn in the browser (ECharts, served by the dashboard) …
    expect(await page.locator('#report-chart svg path').count()).toBeGreaterThan(10);
    // … and a figure's definition shows when its label is tapped (focused), as on a phone.
    const gmv = page.locator('[data-metric="commerce.gmvCents"]');
    expect(await gmv.locator('.tooltip').isVisible()).toBe(false);
    await gmv.locator('.term').focus();
    expect(await gmv.locator('.tooltip').isVisible()).toBe(true);
    expect(await gmv.locator('.tooltip').innerText()).toContain('quantity × unit price');

    await press(page, 'Log out');
    expect(await mainText(page)).toContain('You are logged out.');
    // The session is gone: the overview asks for a login again.
    const again = await page.goto(`${dash.url}/`);
    expect(again?.status()).toBe(401);
    expect(await mainText(page)).toContain('You are not logged in');
  });
  it('filters the orders, confirms payments in bulk (the chat hears it), downloads the CSV', async () => {
    const { page } = b;
    await logIn(page, await linkFor('boss'));
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Orders', exact: true }).click(),
    ]);
    expect(await page.locator('tbody tr').count()).toBe(4);

    // Payment claims of #1 only.
    await page.getByLabel('Deal').selectOption('1');
    await page.getByLabel('Payment').selectOption('claimed');
    await press(page, 'Show');
    expect(new URL(page.url()).searchParams.get('money')).toBe('claimed');
    expect(await rowsShown(page)).toEqual(['alice', 'bob', 'carol']);
    expect(await mainText(page)).toContain('3 lines, 4 units, ¥180.00');
    await screenshot(page, 'orders');

    await page.getByLabel('Check #1 line 1 alice').check();
    await page.getByLabel('Check #1 line 2 bob').check();
    const chat = await d.t.capture(() => press(page, 'Confirm payments'));
    // What the command answered the admin is on the page; each member is told privately, as in the
    // chat, and the deal's card in the group now counts the buyers who paid (nobody named).
    const notices = await page.locator('.notice').allInnerTexts();
    expect(notices.join('\n')).toContain('payment confirmed for alice ¥45.00');
    expect(notices.join('\n')).toContain('payment confirmed for bob ¥90.00');
    expect(chat).toContain('[dm alice] ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. Thank you!');
    expect(chat).toContain('[dm bob] ✓ Your payment of ¥90.00 for #1 Mangoes is confirmed. Thank you!');
    const cardEdits = chat.filter((l) => l.startsWith('edited ') && l.includes('#1 Mangoes'));
    expect(cardEdits.at(-1)).toContain('Paid: 2 of 3 buyers');
    // The filtered table as it stands now: only carol still waits for a confirmation.
    expect(await rowsShown(page)).toEqual(['carol']);
    await screenshot(page, 'orders-confirmed');
    // The chat's own list agrees.
    const listed = (await d.group.as('boss').says('/orders #1')).join('\n');
    expect(listed).toMatch(/alice.*paid/);

    // Every line of #1, downloaded as the page filters it.
    await page.getByLabel('Payment').selectOption('');
    await press(page, 'Show');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('orders-2026-11-25.csv');
    const csv = parse(await readFile(await download.path(), 'utf8'), { bom: true }) as string[][];
    expect(csv[0]?.slice(0, 4)).toEqual(['deal', 'product', 'line', 'member']);
    expect(csv.slice(1).map((row) => `${row[0]} ${row[3]} ${row[9]} ${row[10]}`)).toEqual([
      '#1 alice 45.00 paid',
      '#1 bob 90.00 paid',
      '#1 carol 45.00 claimed',
    ]);
  });

  it('walks every page; a deal opened and one closed in the browser show on their cards in the group', async () => {
    const { page } = b;
    await logIn(page, await linkFor('boss'));
    for (const [name, shot] of [
      ['Deals', 'deals'],
      ['Members', 'members'],
      ['Settings', 'settings'],
      ['Audit log', 'audit'],
    ] as const) {
      await follow(page, name);
      expect(await page.locator('h1').innerText()).toContain(name);
      await screenshot(page, shot);
    }
    // boss's login is in the group's audit log.
    expect(await mainText(page)).toContain('logged in to the dashboard');

    // A deal opened in the browser is posted in the group, as `/deal new` in the chat posts it.
    await follow(page, 'Deals');
    await follow(page, 'New deal');
    await page.getByLabel(/^Title/).fill('Lychee');
    await page.getByLabel(/^Price/).fill('30');
    await page.getByLabel(/^Group size/).fill('2');
    const opened = await d.t.capture(() => press(page, 'Open the deal'));
    expect(opened.some((line) => line.startsWith('🛒 #3 Lychee — ¥30.00'))).toBe(true);
    expect(await mainText(page)).toContain('Deal #3 is open; its card is posted in the group.');

    await follow(page, 'Deals');
    await follow(page, '#2 Eggs');
    await screenshot(page, 'deal');
    await follow(page, 'Close now');
    const chat = await d.t.capture(() => press(page, 'Yes, close it'));
    expect(chat.some((line) => /^edited mem\d+: 🛒 #2 Eggs/.test(line) && /Status: closed/i.test(line))).toBe(
      true,
    );
    expect(d.t.store.tables.deals.get('memory:main#2')?.status).toBe('closed');
  });

  it('fits a phone: the overview and the orders need no sideways scrolling of the page', async () => {
    const { page } = b;
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, await linkFor('boss'));
    // The page's width beyond the screen's, in CSS pixels (a string: the tests' types have no DOM).
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-overview');
    await follow(page, 'Orders');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-orders');
  });

  it("speaks the group's language: a Chinese group's dashboard and its expired link are in Chinese", async () => {
    const { page } = b;
    const cn = d.t.group('cn').admin('boss');
    await cn.as('boss').says('/lang zh');
    await cn.as('boss').says('/deal new "芒果" price=45 min=1 ends=48h');
    await cn.as('alice').says('+2');
    const stale = await linkFor('boss', cn);
    d.t.clock.advance(11 * 60_000);
    await page.goto(stale);
    expect(await mainText(page)).toContain('此登录链接已过期（10分钟内有效）');
    await logIn(page, await linkFor('boss', cn), '登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await headerText(page)).toContain('已登录：boss');
    await follow(page, '订单');
    expect(await mainText(page)).toContain('1 条订单，2 件，¥90.00');
    await screenshot(page, 'orders-zh');
  });
});

describe('links and requests that are refused', () => {
  it('an expired link (11 minutes on) and a used link get a clear page, and no session', async () => {
    const { page, browser } = b;
    const stale = await linkFor('boss');
    d.t.clock.advance(11 * 60_000);
    const expired = await page.goto(stale);
    expect(expired?.status()).toBe(410);
    expect(await mainText(page)).toContain('This login link has expired (links work for 10 minutes)');
    await screenshot(page, 'link-expired');

    // Opened in time, but the button pressed after the 10 minutes: refused too.
    const slow = await linkFor('boss');
    await page.goto(slow);
    d.t.clock.advance(11 * 60_000);
    await press(page, 'Log in');
    expect(await mainText(page)).toContain('This login link has expired');

    const link = await linkFor('boss');
    await logIn(page, link);
    // The same link again, in another browser (someone it was forwarded to).
    const other = await browser.newContext();
    try {
      const second = await other.newPage();
      const reused = await second.goto(link);
      expect(reused?.status()).toBe(410);
      expect(await mainText(second)).toContain('This login link was already used');
      const home = await second.goto(`${dash.url}/`);
      expect(home?.status()).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("a member's /dashboard is refused in the chat; a forged link gets a page in both languages", async () => {
    const { page } = b;
    const said = await d.group.as('alice').says('/dashboard');
    expect(said).toEqual(['Only group admins can use /dashboard. Nothing was changed.']);
    const forged = await page.goto(`${dash.url}/login/${randomBytes(32).toString('base64url')}`);
    expect(forged?.status()).toBe(404);
    const text = await mainText(page);
    expect(text).toContain('This login link is not valid.');
    expect(text).toContain('此登录链接无效。');
    expect(await page.getByRole('button').count()).toBe(0);
    await screenshot(page, 'link-forged');
  });

  it("another group's lines and the switch to it are refused: nothing changes there", async () => {
    const { page } = b;
    await logIn(page, await linkFor('boss'));
    // boss is a member of `other`, not an admin: the switcher does not offer it …
    expect(await page.locator('select[name="community"]').count()).toBe(0);
    // … and a switch forged in the page (its logout form turned into one, with its CSRF token) is refused.
    await page
      .locator('form[action="logout"]')
      .evaluate((form) =>
        form.insertAdjacentHTML('beforeend', '<input type="hidden" name="community" value="memory:other">'),
      );
    await page.locator('form[action="logout"]').evaluate((form) => form.setAttribute('action', 'switch'));
    const [switched] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/switch')),
      press(page, 'Log out'),
    ]);
    expect(switched.status()).toBe(404);
    expect(await mainText(page)).toContain('This is not part of your group, or it does not exist.');
    await page.goto(`${dash.url}/`);
    expect(await headerText(page)).not.toContain('other');

    // A checked line made to carry dave's line of `other` (a forged form): refused, nobody is told.
    await follow(page, 'Orders');
    const box = page.getByLabel('Check #1 line 3 carol');
    await box.evaluate((el) => el.setAttribute('value', 'memory:other#1/dave'));
    await box.check();
    const chat = await d.t.capture(async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/orders/bulk')),
        press(page, 'Confirm payments'),
      ]);
      expect(response.status()).toBe(404);
    });
    expect(await mainText(page)).toContain('This is not part of your group, or it does not exist.');
    expect(chat).toEqual([]);
    const theirs = await d.t.group('other').as('olga').says('/orders #1');
    expect(theirs.join('\n')).toMatch(/dave.*claimed/);
  });
});
