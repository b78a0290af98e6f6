import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardDeps } from '../../../dashboard/deps.js';
import { buildDashboard } from '../../../dashboard/server.js';
import { SystemClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { DashboardClient } from '../../helpers/dashboard.js';
import { type FakeUser, OWNER } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/**
 * The dashboard's login on Discord, through the real adapter and the fake Discord: the link goes to
 * the admin's DM channel only, and the login asks Discord where the user stands (their roles).
 */

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const URL_BASE = 'https://shop.example.com/dash';
const memberPath = /^\/guilds\/\d+\/members\/\d+$/;

describe('Discord: logging in to the dashboard', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('GIVEN the server owner sends /dashboard THEN the link goes by DM only, and the login asks Discord; a member gets no link', async () => {
    h = await DiscordHarness.create();
    h.bot.dashboardAt(URL_BASE);
    const before = h.fake.calls.length;
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(OWNER, '/dashboard'));
    const dm = await waitFor(
      () =>
        h.fake.calls
          .slice(before)
          .find((c) => /^\/channels\/5\d+\/messages$/.test(c.path) && c.method === 'POST'),
      'the private message',
    );
    const text = String((dm.body as { content?: string }).content);
    expect(text).toContain(`${URL_BASE}/login/`);
    // In the channel: only that it was sent.
    await waitFor(() => h.posted(before).find((t) => t.includes('privately')), 'the note in the channel');
    expect(
      h
        .posted(before)
        .filter((t) => !t.includes('/login/'))
        .join('\n'),
    ).not.toContain(URL_BASE);

    const deps: DashboardDeps = {
      bot: h.bot,
      store: h.store,
      clock: new SystemClock(),
      log: silentLogger,
      publicUrl: URL_BASE,
      sessionMs: 12 * 3_600_000,
    };
    const app = await buildDashboard(deps);
    try {
      const secret = text.split('/login/')[1]!.trim();
      const browser = new DashboardClient(app);
      expect((await browser.get(`/login/${secret}`)).status).toBe(200);
      const asked = h.calls('GET', memberPath).length;
      const login = await browser.post('/login', { secret });
      expect(login.status).toBe(303);
      // Discord was asked where the owner stands (their roles), not the store.
      expect(h.calls('GET', memberPath).length).toBeGreaterThan(asked);
      await browser.get(login.location ?? '/');
      expect((await browser.get('/audit')).status).toBe(200);
    } finally {
      await app.close();
    }

    // A plain member asking gets the chat's refusal, and no link is made.
    const links = h.store.tables.dashboardLinks.size;
    const mark = h.fake.calls.length;
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '/dashboard'));
    await waitFor(() => h.posted(mark).find((t) => /admin/i.test(t)), 'the refusal');
    expect(h.store.tables.dashboardLinks.size).toBe(links);
  });
});
