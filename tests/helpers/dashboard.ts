import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from '../../dashboard/deps.js';
import { buildDashboard } from '../../dashboard/server.js';
import { silentLogger } from '../../src/core/logger.js';
import { type GroupChat, TestBot, type TestBotOptions } from './chat.js';

/** Where the test dashboard says it is reached (nothing listens there: requests are injected). */
export const TEST_DASHBOARD_URL = 'http://dash.test';

/** One answer of the dashboard, as a test reads it. */
export interface Page {
  status: number;
  /** The body as text (HTML, CSV, JSON). */
  body: string;
  headers: Record<string, string | number | string[] | undefined>;
  /** The Location of a redirect, if any. */
  location: string | undefined;
}

/**
 * A browser in a test: keeps cookies (the session, the CSRF secret) from one request to the next
 * and the newest page's CSRF token for its next form. `get` and `post` inject into the app (no port).
 */
export class DashboardClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  /**
   * Posts a form (`form` as name → value, an array for a repeated field: checked rows), with
   * the newest page's CSRF token unless `opts.csrf` gives another (or '' for none).
   */
  post(path: string, form: Record<string, string | string[]>, opts: { csrf?: string } = {}): Promise<Page> {
    const params = new URLSearchParams();
    const token = opts.csrf ?? this.csrf;
    if (token) params.append('_csrf', token);
    for (const [name, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    return this.request('POST', path, params.toString());
  }

  private async request(method: 'GET' | 'POST', path: string, payload?: string): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url: path,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    const location = res.headers.location;
    return {
      status: res.statusCode,
      body: res.body,
      headers: res.headers,
      location: typeof location === 'string' ? location : undefined,
    };
  }
}

/**
 * A bot with the dashboard, for page tests: a TestBot (memory adapter, fake clock) whose group
 * `main` has the admin `boss`, and the dashboard's app built on it (requests injected, no port).
 * `login(user)` asks `/dashboard` in the group as that user and opens the link it got privately.
 */
export class DashboardHarness {
  private constructor(
    readonly t: TestBot,
    readonly group: GroupChat,
    readonly app: FastifyInstance,
    readonly deps: DashboardDeps,
  ) {}

  static async create(options: TestBotOptions & { sessionMs?: number } = {}): Promise<DashboardHarness> {
    const t = await TestBot.create(options);
    const deps: DashboardDeps = {
      bot: t.bot,
      store: t.store,
      clock: t.clock,
      log: silentLogger,
      publicUrl: TEST_DASHBOARD_URL,
      sessionMs: options.sessionMs ?? 12 * 3_600_000,
    };
    t.bot.dashboardAt(TEST_DASHBOARD_URL);
    const app = await buildDashboard(deps);
    const group = t.group('main').admin('boss');
    return new DashboardHarness(t, group, app, deps);
  }

  /** A fresh browser with no cookies. */
  client(): DashboardClient {
    return new DashboardClient(this.app);
  }

  /**
   * The login link `user` gets privately for `/dashboard` said in `group` (default `main`), as a
   * path (`/login/SECRET`); fails if the bot sent none.
   */
  async linkFor(user: string, group: GroupChat = this.group): Promise<string> {
    const said = await group.as(user).says('/dashboard');
    const dm = said.find(
      (line) => line.startsWith(`[dm ${user}]`) && line.includes(`${TEST_DASHBOARD_URL}/login/`),
    );
    if (!dm) throw new Error(`no login link for ${user}: ${JSON.stringify(said)}`);
    const path = dm.slice(dm.indexOf(TEST_DASHBOARD_URL) + TEST_DASHBOARD_URL.length).split(/\s/)[0]!;
    return path;
  }

  /** Logs `user` in through a link from the chat, as a browser would (open, then press Log in). */
  async login(user = 'boss', group: GroupChat = this.group): Promise<DashboardClient> {
    const path = await this.linkFor(user, group);
    const client = this.client();
    const opened = await client.get(path);
    if (opened.status !== 200) throw new Error(`login page ${opened.status}: ${opened.body}`);
    const done = await client.post('/login', { secret: path.slice('/login/'.length) });
    if (done.status !== 303) throw new Error(`login ${done.status}: ${done.body}`);
    // As a browser follows the redirect: the page's forms carry tokens bound to the new session.
    await client.get(done.location ?? '/');
    return client;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.t.close();
  }
}

/** What a reader sees of a page: its text without tags, entities read back, spaces collapsed. */
export function pageText(body: string): string {
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
