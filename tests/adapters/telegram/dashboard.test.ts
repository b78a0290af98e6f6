import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardDeps } from '../../../dashboard/deps.js';
import { buildDashboard } from '../../../dashboard/server.js';
import { silentLogger } from '../../../src/core/logger.js';
import { DashboardClient } from '../../helpers/dashboard.js';
import { BOB, GROUP, privateChat, textMessage, updates } from './fixtures.js';
import { startHarness, type TelegramHarness } from './harness.js';

/**
 * The dashboard's login on Telegram, through the real adapter and the fake Bot API: the link goes
 * privately (held until the admin opens a private chat with the bot, as Telegram refuses a bot's
 * first message), and admin rights are asked with getChatMember at login and every 5 minutes.
 */

const CHAT_ID = String(GROUP.id);
const URL_BASE = 'https://shop.example.com/dash';
let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sent = (chatId: string) =>
  h!.api
    .acceptedOf('sendMessage')
    .filter((c) => String(c.params.chat_id) === chatId)
    .map((c) => String(c.params.text));

describe('telegram: logging in to the dashboard', () => {
  it('GIVEN Bob (the creator) never opened a private chat WHEN he sends /dashboard THEN the link waits until he does, and login asks Telegram who he is', async () => {
    h = await startHarness((api) =>
      api.admins.set(CHAT_ID, [{ id: BOB.id, name: 'Bob', status: 'creator' }]),
    );
    h.bot.dashboardAt(URL_BASE);
    h.api.push(updates.message(textMessage(BOB, '/dashboard', { chat: GROUP })));
    // Telegram refuses the private message (403): the group is told to open a private chat; no link in the group.
    await h.until(
      () => sent(CHAT_ID).some((t) => /privately|private chat/i.test(t)),
      'the hint in the group',
    );
    expect(sent(CHAT_ID).join('\n')).not.toContain('/login/');
    // Bob opens the private chat: the link kept for him goes out.
    h.api.push(updates.message(textMessage(BOB, '/start', { chat: privateChat(BOB) })));
    const dm = await h.until(
      () => sent(String(BOB.id)).find((t) => t.includes(`${URL_BASE}/login/`)),
      'the login link in private',
    );
    const secret = dm.split('/login/')[1]!.trim();

    const deps: DashboardDeps = {
      bot: h.bot,
      store: h.store,
      clock: h.clock,
      log: silentLogger,
      publicUrl: URL_BASE,
      sessionMs: 12 * 3_600_000,
    };
    const app = await buildDashboard(deps);
    try {
      const browser = new DashboardClient(app);
      expect((await browser.get(`/login/${secret}`)).status).toBe(200);
      const asked = h.api.callsOf('getChatMember').length;
      const login = await browser.post('/login', { secret });
      expect(login.status).toBe(303);
      expect(login.location).toBe('/dash/');
      expect(String(login.headers['set-cookie'])).toMatch(/Path=\/dash\/;.*HttpOnly;.*Secure/);
      expect(h.api.callsOf('getChatMember').length).toBeGreaterThan(asked);
      expect((await browser.get('/audit')).body).toContain('Bob');
      // Bob is demoted on Telegram; the bot hears nothing. The next check (5 minutes on) ends the session.
      h.api.admins.set(CHAT_ID, []);
      h.clock.advance(5 * 60_000);
      const page = await browser.get('/audit');
      expect(page.status).toBe(403);
      expect(page.body).toContain('not an admin of Veggie Buyers');
    } finally {
      await app.close();
    }
  });
});
