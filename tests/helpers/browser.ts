// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the text as the browser renders it, what a person reads.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`, which .ci/run does): no package downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

const ROOT = resolve(import.meta.dirname, '../..');

/** Where the browser tests keep what a person may want to look at after a run (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * Starts headless Chromium through playwright-core. The flags keep it off the network on its own
 * account (no sync, no component or field-trial downloads, no QUIC probes: tests talk to localhost
 * only) and let it run as root in a container (no sandbox, no GPU).
 * Errors: rejects when /usr/bin/chromium is missing or cannot start, saying how to install it.
 */
export async function launchChromium(): Promise<Browser> {
  // Chromium puts a unix socket in TMPDIR, and a socket path is at most 107 bytes: the test run's
  // own TMPDIR (nested under /dev/shm by tests/setup/global.ts) is too deep for it. A short one of
  // its own, removed when the browser closes.
  const tmp = await mkdtemp(join(tmpdir().length <= 40 ? tmpdir() : '/tmp', 'tb-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env: { ...process.env, TMPDIR: tmp },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser.on('disconnected', () => void rm(tmp, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(
      `could not start ${CHROMIUM} (install Debian's chromium: apt-get install chromium, as .ci/run does): ${
        (error as Error).message
      }`,
    );
  }
}

/** How long a step (a click, waiting for an element or a page) may take before it fails, in ms. */
export const ACTION_TIMEOUT_MS = 10_000;

/** One browser for a test file, and a fresh context (no cookies, no storage) with one page per test. */
export interface BrowserFixture {
  /** The file's browser, for extra contexts (a second person at once). */
  readonly browser: Browser;
  /** This test's context: its cookies are the test's session. */
  readonly context: BrowserContext;
  /** This test's page. */
  readonly page: Page;
}

/**
 * Registers the hooks of a browser test file: Chromium starts once before the file's tests (a
 * start costs about a second) and closes after them; each test gets a new context and page, so
 * no session cookie leaks from one test into the next; a failed test leaves a screenshot of its
 * page (test-artifacts/screenshots/failed-<test name>.png). Read the fields inside tests only.
 * `locale` is the browser's Accept-Language (e.g. 'zh-CN'), default 'en-US'.
 */
export function useBrowser(options: { locale?: string } = {}): BrowserFixture {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('the browser did not start');
    context = await browser.newContext({ locale: options.locale ?? 'en-US', acceptDownloads: true });
    // A missing element fails the step in seconds, naming it, not at the test's own timeout.
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page = await context.newPage();
  });
  afterEach(async ({ task }) => {
    // What the browser showed when a step failed: the first thing to look at in CI's artifacts. A
    // picture that cannot be taken (the page crashed) must not hide the test's own error.
    if (task.result?.state === 'fail' && page && !page.isClosed())
      await screenshot(page, `failed-${task.name.replace(/[^\w-]+/g, '-').slice(0, 80)}`).catch(() => {});
    await context?.close();
    context = undefined;
    page = undefined;
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} outside a test`);
    return value;
  };
  return {
    get browser() {
      return need(browser, 'browser');
    },
    get context() {
      return need(context, 'browser context');
    },
    get page() {
      return need(page, 'page');
    },
  };
}

/**
 * Saves a full-page PNG of `page` as test-artifacts/screenshots/<name>.png (name: letters, digits,
 * dashes); returns the file's path. Kept after the run for people to look at, never committed.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w-]+$/.test(name))
    throw new Error(`screenshot name ${JSON.stringify(name)}: use letters, digits, -`);
  const dir = join(ARTIFACTS, 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Presses the button named `name` (exactly) and waits for the page it leads to. */
export async function press(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** Follows the first link named `name` (exactly: a nav item, a row, an action) and waits for its page. */
export async function follow(page: Page, name: string): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('link', { name, exact: true }).first().click(),
  ]);
}

/** The text of the page's `<main>` as the browser renders it (what a person reads). */
export function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

/** The text of the page's `<header>` as rendered (who is signed in, the group, the nav). */
export function headerText(page: Page): Promise<string> {
  return page.locator('header').innerText();
}
