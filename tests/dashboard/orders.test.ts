import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordersText } from '../../dashboard/text/orders.js';
import { type DashboardClient, DashboardHarness } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';
import { seedOrders } from '../helpers/order-seed.js';

/**
 * The Orders page: the group's order lines across deals, filtered and sorted, downloads of exactly
 * what is filtered, and bulk actions that run the chat's own commands (the members hear of them as
 * in the chat). GIVEN the orders of tests/helpers/order-seed.ts and the admin boss logged in.
 */

let d: DashboardHarness;
let browser: DashboardClient;

beforeEach(async () => {
  d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  await seedOrders(d.t, d.group);
  browser = await d.login('boss');
});
afterEach(async () => {
  await d.close();
});

/** The page's text without tags, spaces squeezed: what a leader reads. */
const text = (body: string) =>
  body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The order ids of the check boxes on a page, in table order. */
const rowIds = (body: string) => [...body.matchAll(/name="row" value="([^"]+)"/g)].map((m) => m[1]!);

/** Everything the store holds about orders, to show nothing changed. */
const ordersNow = () => JSON.stringify([...d.t.store.tables.orders.values()]);

describe('the Orders page', () => {
  it('lists every line with its money and pickup state, filtered and sorted, totals of what is filtered', async () => {
    const all = await browser.get('/orders');
    expect(all.status).toBe(200);
    expect(text(all.body)).toContain('5 lines, 9 units, ¥256.00 (and 1 withdrawn line, not counted)');
    expect(text(all.body)).toContain(
      '#1 Eggs 2 carol carol 3 东门 ¥36.00 owing ¥36.00 waiting for pickup 2026-11-25 16:03',
    );
    expect(text(all.body)).toContain('#1 Eggs withdrawn dan dan 1 东门 ¥12.00 refund due ¥12.00 no goods');
    const west = await browser.get('/orders?point=2&sort=amount&dir=desc');
    expect(rowIds(west.body)).toEqual(['memory:main#2/u5|小份|', 'memory:main#1/bob']);
    expect(text(west.body)).toContain('2 lines, 4 units, ¥120.00');
    // The sorted column's header sorts the other way; the others keep the filters.
    expect(west.body).toContain('href="orders?point=2&amp;sort=amount&amp;dir=asc">amount ▼');
    expect(west.body).toContain('href="orders?point=2&amp;sort=qty&amp;dir=asc"');
    const paged = await browser.get('/orders?deal=1&pageSize=25&member=a');
    expect(text(paged.body)).toContain('2 lines, 4 units, ¥48.00 (and 1 withdrawn line, not counted)');
    expect(rowIds(paged.body)).toEqual(['memory:main#1/alice', 'memory:main#1/carol', 'memory:main#1/dan']);
  });

  it('downloads exactly the filtered lines, every page, as CSV and PDF', async () => {
    const csv = await browser.get('/orders.csv?money=owing&pageSize=25&page=2');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="orders-2026-11-25.csv"');
    const rows = parse(csv.body, { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => `${r[0]} ${r[3]} ${r[9]} ${r[13]}`)).toEqual([
      '#2 Eve Chen 96.00 2026-11-25 16:05',
      '#1 carol 36.00 2026-11-25 16:03',
    ]);
    const pdf = await browser.get('/orders.pdf?money=owing');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF')).toBe(true);
    const page = await browser.get('/orders?money=owing');
    expect(page.body).toContain('href="orders.csv?money=owing"');
    expect(page.body).toContain('href="orders.pdf?money=owing"');
  });

  it('confirms the checked payments through /confirm: the member is told, chat and page agree', async () => {
    const claimed = await browser.get('/orders?money=claimed');
    expect(rowIds(claimed.body)).toEqual(['memory:main#1/bob']);
    let page = { status: 0, body: '' };
    const chat = await d.t.capture(async () => {
      page = await browser.post('/orders/bulk', {
        action: 'confirm',
        row: rowIds(claimed.body),
        money: 'claimed',
      });
    });
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain(
      '#1 line 3 bob ✓ #1: payment confirmed for bob ¥24.00 (¥24.00 in all).',
    );
    expect(page.body).toMatch(/class="notice ok" role="status"><strong>#1 line 3 bob</);
    expect(chat[0]).toBe('[dm bob] ✓ Your payment of ¥24.00 for #1 Eggs is confirmed. Thank you!');
    // The group sees the deal's card count one more buyer paid (no name, no amount).
    expect(chat).toHaveLength(2);
    expect(chat[1]).toMatch(/^edited mem3: 🛒 #1 Eggs/);
    expect(chat[1]).toContain('Paid: 2 of 3 buyers');
    // The page shows the filter it was posted from, now empty of bob; the chat's /orders agrees.
    expect(text(page.body)).toContain('0 lines, 0 units, ¥0.00');
    const bob = await browser.get('/orders?member=bob');
    expect(text(bob.body)).toContain('¥24.00 paid not arrived');
    expect(await d.group.as('boss').reply('/orders #1')).toContain('3. bob ×2 — ¥24.00 · paid');
    // Confirming it again changes nothing: the command's answer is shown as a refusal, not as done.
    const again = await browser.post('/orders/bulk', { action: 'confirm', row: rowIds(claimed.body) });
    expect(again.body).toMatch(/class="notice error" role="status"><strong>#1 line 3 bob</);
    expect(again.body).not.toContain('class="notice ok"');
  });

  it('marks a line nobody claimed as paid in cash (/paid), as the chat would, and the card counts it', async () => {
    let page = { status: 0, body: '' };
    const chat = await d.t.capture(async () => {
      page = await browser.post('/orders/bulk', { action: 'confirm', row: ['memory:main#1/carol'] });
    });
    expect(page.status).toBe(200);
    expect(chat.some((l) => l.startsWith('[dm carol]') && l.includes('¥36.00'))).toBe(true);
    expect(chat.find((l) => l.startsWith('edited mem3'))).toContain('Paid: 2 of 3 buyers');
    expect(await d.group.as('boss').reply('/orders #1')).toMatch(/2\. carol ×3 — ¥36\.00 · paid/);
  });

  it('records refunds through /refund, one call per member and deal, once the page listing them is confirmed', async () => {
    const due = await browser.get('/orders?money=refund_due');
    expect(rowIds(due.body)).toEqual(['memory:main#1/dan']);
    let page = { status: 0, body: '' };
    const chat = await d.t.capture(async () => {
      page = await browser.post('/orders/bulk', {
        action: 'refund',
        row: rowIds(due.body),
        money: 'refund_due',
        confirm: 'yes',
      });
    });
    expect(text(page.body)).toContain('#1 line withdrawn dan Recorded: ¥12.00 refunded to dan in #1.');
    expect(page.body).toMatch(/class="notice ok" role="status"><strong>#1 line withdrawn dan</);
    expect(chat.some((line) => line.startsWith('[dm dan]') && line.includes('¥12.00'))).toBe(true);
    const dan = await browser.get('/orders?member=dan');
    expect(text(dan.body)).toContain('¥12.00 refunded');
  });

  it('asks before recording refunds: who, which lines and how much; nothing is recorded until confirmed', async () => {
    const before = ordersNow();
    let ask = { status: 0, body: '' };
    // Dan is owed ¥12 back; alice paid and is owed nothing, so /refund would give back all she paid.
    const chat = await d.t.capture(async () => {
      ask = await browser.post('/orders/bulk', {
        action: 'refund',
        row: ['memory:main#1/dan', 'memory:main#1/alice', 'memory:main#1/carol'],
        deal: '1',
      });
    });
    expect(ask.status).toBe(200);
    expect(chat).toEqual([]);
    expect(ordersNow()).toBe(before);
    const said = text(ask.body);
    expect(said).toContain('Record these refunds?');
    expect(said).toContain('#1 Eggs withdrawn dan dan ¥12.00 it is owed back');
    expect(said).toContain('#1 Eggs 1 alice alice ¥12.00 nothing is owed back: everything they paid');
    expect(said).toContain('#1 Eggs 2 carol carol ¥0.00 nothing paid: nothing is recorded');
    expect(said).toContain('In all: ¥24.00');
    // The confirmation posts the same lines and filters back, and a way back keeps the filters.
    expect(ask.body).toContain('<input type="hidden" name="confirm" value="yes">');
    expect(rowIds(ask.body)).toEqual(['memory:main#1/dan', 'memory:main#1/alice', 'memory:main#1/carol']);
    expect(ask.body).toContain('href="orders?deal=1">No, go back</a>');
    // A post without the page's confirm=yes (or with another value) records nothing.
    await browser.post('/orders/bulk', { action: 'refund', row: ['memory:main#1/dan'], confirm: 'no' });
    expect(ordersNow()).toBe(before);
    const done = await browser.post('/orders/bulk', {
      action: 'refund',
      row: ['memory:main#1/dan'],
      confirm: 'yes',
    });
    expect(text(done.body)).toContain('Recorded: ¥12.00 refunded to dan in #1.');
    expect(d.t.store.tables.orders.get('memory:main#1/alice')!.refundedCents ?? 0).toBe(0);
  });

  it('asks in Chinese in a Chinese group', async () => {
    await d.group.as('boss').says('/lang zh');
    const ask = text(
      (await browser.post('/orders/bulk', { action: 'refund', row: ['memory:main#1/dan'] })).body,
    );
    expect(ask).toContain('确认记录这些退款？');
    expect(ask).toContain('#1 Eggs 已取消 dan dan ¥12.00 应退金额');
    expect(ask).toContain('合计：¥12.00');
    expect(ask).toContain('确定记录退款');
  });

  it('verifies pickups through /verify: a line owing money is held back, one without a code is told', async () => {
    const ids = ['memory:main#1/carol', 'memory:main#1/bob'];
    const first = await browser.post('/orders/bulk', { action: 'verify', row: ids });
    const said = text(first.body);
    expect(said).toMatch(/#1 line 2 carol ⚠ \w+: carol #1 Eggs ×3 — unpaid ¥36\.00\. Not handed over yet\./);
    expect(said).toContain('#1 line 3 bob: no pickup code yet (its goods have not arrived here)');
    expect(d.t.store.tables.orders.get('memory:main#1/carol')!.deliveredAt).toBeUndefined();
    // Held back is no success: the answer is shown as a refusal.
    expect(first.body).toMatch(/class="notice error" role="status"><strong>#1 line 2 carol</);
    expect(first.body).not.toContain('class="notice ok"');
    // The leader hands it over anyway, as `/verify CODE confirm` in the chat.
    let handed = { status: 0, body: '' };
    const chat = await d.t.capture(async () => {
      handed = await browser.post('/orders/bulk', {
        action: 'verify',
        row: ['memory:main#1/carol'],
        unpaid: 'confirm',
      });
    });
    expect(handed.body).toMatch(/class="notice ok" role="status"><strong>#1 line 2 carol</);
    expect(chat.some((line) => line.startsWith('[dm carol]'))).toBe(true);
    const carol = await browser.get('/orders?member=carol');
    expect(text(carol.body)).toContain('owing ¥36.00 picked up');
  });
});

describe('bad requests to the Orders page change nothing', () => {
  it('refuses forged ids and other groups’ lines with a 404', async () => {
    const other = d.t.group('other');
    await other.as('owner').says('/deal new "Tea" price=30 min=2 ends=48h');
    await other.as('pat').says('+1');
    await other.as('pat').says('/paid #1');
    const before = ordersNow();
    const actions = d.t.adapter.actions.length;
    for (const row of [['memory:other#1/pat'], ['memory:main#1/bob', 'memory:main#9/nobody'], ['../../x']]) {
      const page = await browser.post('/orders/bulk', { action: 'confirm', row });
      expect(page.status).toBe(404);
      expect(text(page.body)).toContain('This is not part of your group, or it does not exist.');
    }
    expect(ordersNow()).toBe(before);
    expect(d.t.adapter.actions.length).toBe(actions);
  });

  it('answers a bad query with a message and no table', async () => {
    const cases: [string, string][] = [
      ['/orders?pageSize=5000', 'At most 200 lines fit on a page (5000 were asked). Nothing was changed.'],
      ['/orders?sort=price', 'Sort: “price” could not be read. Nothing was changed.'],
      ['/orders?money=lost', 'Payment: “lost” could not be read.'],
      ['/orders?deal=9', 'This group has no deal #9.'],
      ['/orders?point=7', 'This group has no pickup point 7.'],
      ['/orders.csv?pageSize=999', 'At most 200 lines fit on a page'],
      ['/orders.pdf?deal=%3Cscript%3E', 'Deal: “&lt;script&gt;” could not be read.'],
    ];
    for (const [path, message] of cases) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(400);
      expect(page.headers['content-type'], path).toContain('text/html');
      expect(page.body, path).toContain(message);
      expect(rowIds(page.body), path).toEqual([]);
    }
  });

  it('refuses a bulk action without lines, with too many, of no known kind, or without the form’s token', async () => {
    const before = ordersNow();
    const none = await browser.post('/orders/bulk', { action: 'confirm' });
    expect(none.status).toBe(400);
    expect(text(none.body)).toContain('No lines were checked: nothing was done.');
    const many = Array.from({ length: 201 }, (_, i) => `memory:main#1/m${i}`);
    const tooMany = await browser.post('/orders/bulk', { action: 'confirm', row: many });
    expect(text(tooMany.body)).toContain('At most 200 lines at once: nothing was done.');
    const odd = await browser.post('/orders/bulk', { action: 'delete', row: ['memory:main#1/bob'] });
    expect(text(odd.body)).toContain('Choose what to do with the checked lines: nothing was done.');
    const forged = await browser.post(
      '/orders/bulk',
      { action: 'confirm', row: ['memory:main#1/bob'] },
      { csrf: '' },
    );
    expect(forged.status).toBe(403);
    expect(ordersNow()).toBe(before);
  });

  it('sends a visitor without a session to log in, nothing shown', async () => {
    const page = await d.client().get('/orders.csv');
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('carol');
  });
});

describe('the Orders page in a Chinese group', () => {
  it('says it in Chinese', async () => {
    await d.group.as('boss').says('/lang zh');
    const page = await browser.get('/orders?deal=1');
    expect(text(page.body)).toContain('3 条订单，6 件，¥72.00（另有 1 条已撤回，未计入）');
    expect(text(page.body)).toContain('#1 Eggs 2 carol carol 3 东门 ¥36.00 待付款 ¥36.00 待提货');
    expect(page.body).toContain('确认收款');
    const bad = await browser.get('/orders?pageSize=500');
    expect(text(bad.body)).toContain('每页最多 200 条（请求了 500 条）。未做任何更改。');
  });
});

describe('a proxy line (代订) on the Orders page', () => {
  it('reads as on the chat’s card: for whom, then who ordered it, in the group’s language', async () => {
    await d.group.as('bob').says('+1 小份 西门 帮王阿姨');
    const en = text((await browser.get('/orders?deal=2&member=bob')).body);
    expect(en).toContain('王阿姨 (ordered by bob) bob 小份 1 西门');
    expect(en).not.toContain('→');
    await d.group.as('boss').says('/lang zh');
    const zh = text((await browser.get('/orders?deal=2&member=bob')).body);
    expect(zh).toContain('王阿姨（bob 代订） bob 小份 1 西门');
    expect(await d.group.as('boss').reply('/deal #2')).toContain('王阿姨（bob 代订）');
  });
});

describe('the Orders page’s Chinese words', () => {
  it('hold no English word', () => {
    // Every message, a function called with numbers and Chinese for its arguments.
    const words = Object.values(ordersText.zh).map((m) =>
      typeof m === 'string' ? m : (m as (...args: unknown[]) => string)(3, 5, '东门'),
    );
    expect(words.flatMap((w) => englishWords(w))).toEqual([]);
  });
});
