import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHarness } from '../helpers/dashboard.js';

let d: DashboardHarness;
afterEach(() => d?.close());

describe('the audit log page', () => {
  it("GIVEN money actions in two groups THEN the page lists its own group's, worded as /audit words them, never the other's", async () => {
    d = await DashboardHarness.create();
    await d.group.as('boss').says('/deal new "Mangoes" price=10 min=1 stock=5');
    await d.group.as('alice').says('+1');
    await d.group.as('boss').says('/paid #1 @alice');
    const other = d.t.group('other').admin('boss');
    await other.as('boss').says('/deal new "Pears" price=7 min=1 stock=5');
    await other.as('carol').says('+1');
    await other.as('boss').says('/paid #1 @carol');
    const chat = (await d.group.as('boss').says('/audit')).join('\n');
    const browser = await d.login('boss');
    const page = await browser.get('/audit');
    expect(page.status).toBe(200);
    const paidLine = chat.split('\n').find((l) => l.includes('alice'))!;
    expect(page.body).toContain(paidLine.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(page.body).not.toContain('carol');
  });

  it('GIVEN more than 50 entries THEN pages of 50, newest first; a page that is not one shows the first with a note', async () => {
    d = await DashboardHarness.create();
    await d.group.as('boss').says('/deal new "Mangoes" price=10 min=1 stock=100 limit=100');
    for (let i = 0; i < 60; i++) await d.group.as(`m${i}`).says('+1');
    for (let i = 0; i < 60; i++) await d.group.as('boss').says(`/paid #1 @m${i}`);
    d.t.clock.advance(60_000);
    const browser = await d.login('boss');
    const first = await browser.get('/audit');
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('logged in to the dashboard');
    const second = await browser.get('/audit?page=2');
    expect(second.body).toContain('Page 2 of 2');
    expect(second.body).not.toContain('logged in to the dashboard');
    for (const bad of ['0', '3', 'abc', '1e3', '-1']) {
      const page = await browser.get(`/audit?page=${bad}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('There is no such page; showing the first.');
      expect(page.body).toContain('Page 1 of 2');
    }
  });
});

describe('changes made in the dashboard, in the audit log', () => {
  it('GIVEN the admin closes a deal from the dashboard THEN /audit and the page both say it came from the dashboard, by whom', async () => {
    d = await DashboardHarness.create({ locale: 'zh' });
    await d.group.as('boss').says('/deal new "芒果" price=10 min=1 stock=5');
    await d.group.as('alice').says('+1');
    const browser = await d.login('boss');
    await browser.get('/deals/1/close');
    const closed = await browser.post('/deals/1/close', { confirm: 'yes' });
    expect(closed.status).toBe(200);
    const chat = (await d.group.as('boss').says('/audit')).join('\n');
    expect(chat).toContain('在管理后台对 #1 执行：立即截团（人数够则成团，否则未成团） · boss — 操作人 boss');
    const page = await browser.get('/audit');
    expect(page.body).toContain('在管理后台对 #1 执行：立即截团');
    // A refused command (nothing ran) leaves no such line.
    const again = await d.t.bot.perform({
      command: 'deal close',
      args: { deal: 'x' },
      community: d.t.store.tables.communities.get('memory:main')!,
      sender: { id: 'boss', name: 'boss' },
      role: 'admin',
    });
    expect(again.kind).toBe('refused');
    expect([...d.t.store.tables.audit.values()].filter((e) => e.action === 'dashboard_action')).toHaveLength(
      1,
    );
  });
});
