import { afterEach, describe, expect, it } from 'vitest';
import { dealFormsText } from '../../dashboard/text/deal-forms.js';
import { dealsText } from '../../dashboard/text/deals.js';
import { describe as describeAction } from '../helpers/chat.js';
import { type DashboardClient, DashboardHarness } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';

let d: DashboardHarness;
afterEach(() => d?.close());

const MAIN = 'memory:main';
const deal = (no: number, community = MAIN) => d.t.store.tables.deals.get(`${community}#${no}`);

/** A page's text as a leader reads it: entities decoded, tags left (assertions look for words). */
function read(body: string): string {
  return body
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The notice at the top of a page (what the command answered), as text. */
function notice(body: string): string {
  return read(/<div class="notice[^"]*" role="status">([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '').replace(
    /<[^>]+>/g,
    '',
  );
}

/** What the group chat `main` got (posts and edits) after running `fn`. */
async function groupGot(fn: () => Promise<unknown>): Promise<string[]> {
  const from = d.t.adapter.actions.length;
  await fn();
  await d.t.bot.idle();
  return d.t.adapter.actions
    .slice(from)
    .filter((a) => a.chat.chatId === 'main')
    .map(describeAction);
}

async function mangoes(): Promise<DashboardClient> {
  d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  await d.group.as('boss').says('/deal new "Mangoes" min=3 stock=10 ends=48h options="L:45,S:25:2"');
  await d.group.as('alice').says('+2 L');
  await d.group.as('bob').says('+1 S');
  return d.login('boss');
}

describe('the deals list and a deal’s page', () => {
  it('GIVEN deals in every state THEN the list shows each with its status, progress toward 成团, stock and money, and filters them', async () => {
    const browser = await mangoes();
    await d.group.as('boss').says('/deal new "Pears" price=12 min=5 ends=24h');
    await d.group.as('boss').says('/deal new "Plums" price=8 min=1 ends=24h');
    await d.group.as('boss').says('/deal cancel #3');
    const page = await browser.get('/deals');
    expect(page.status).toBe(200);
    const text = read(page.body);
    expect(text).toContain('#1 Mangoes');
    expect(text).toContain('2 / 3');
    expect(text).toContain('1 more to 成团');
    expect(text).toContain('3 / 10');
    expect(text).toContain('¥115.00'); // 2×45 + 25
    expect(text).toContain('2d left');
    expect(text).toContain('cancelled');
    expect(text.indexOf('#3 Plums')).toBeLessThan(text.indexOf('#1 Mangoes'));
    const cancelled = read((await browser.get('/deals?status=cancelled')).body);
    expect(cancelled).toContain('#3 Plums');
    expect(cancelled).not.toContain('#1 Mangoes');
    const search = read((await browser.get('/deals?q=pear')).body);
    expect(search).toContain('#2 Pears');
    expect(search).not.toContain('#1 Mangoes');
    for (const [query, note] of [
      ['status=everything', 'There is no such filter; showing all deals.'],
      ['sort=price', 'There is no such order; showing the newest first.'],
      ['page=9', 'There is no such page; showing the first.'],
      ['page=1e3', 'There is no such page; showing the first.'],
      ['status=open&status=failed', 'There is no such filter; showing all deals.'],
      ['q=a&q=b&page=1&page=2', 'There is no such page; showing the first.'],
    ]) {
      const bad = await browser.get(`/deals?${query}`);
      expect(bad.status).toBe(200);
      expect(notice(bad.body)).toContain(note);
      expect(read(bad.body)).toContain('#1 Mangoes');
    }
  });

  it('GIVEN lines at two pickup points THEN the deal’s page has the roster by point with totals per point and per option', async () => {
    d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    await d.group.as('boss').says('/pickup add 东门');
    await d.group.as('boss').says('/pickup add 北门');
    await d.group.as('boss').says('/deal new "Mangoes" min=2 ends=48h options="L:45,S:25"');
    await d.group.as('alice').says('+2 L 东门');
    await d.group.as('bob').says('+1 S 北门');
    await d.group.as('carol').says('+3 L 东门');
    const browser = await d.login('boss');
    const text = read((await browser.get('/deals/1')).body);
    expect(text).toContain('Per pickup point');
    // 东门: alice and carol, 5 units, ¥225.00; 北门: bob, 1 unit, ¥25.00.
    expect(text).toMatch(
      /东门<\/td><td class="num">2<\/td>\s*<td class="num">5<\/td><td class="num">0<\/td><td class="num">¥225\.00/,
    );
    expect(text).toMatch(/北门<\/td><td class="num">1<\/td>\s*<td class="num">1<\/td>/);
    expect(text).toMatch(/L<\/td><td class="num">5<\/td>\s*<td class="num">¥225\.00/);
    expect(text).toContain('carol');
    expect(text).toContain('orders?deal=1');
  });

  it('GIVEN a deal of another group, or no such deal THEN every deal URL answers 404 and changes nothing', async () => {
    const browser = await mangoes();
    const other = d.t.group('other').admin('boss');
    await other.as('boss').says('/deal new "Pears" price=7 min=1 ends=24h');
    await other.as('boss').says('/deal new "Figs" price=7 min=1 ends=24h');
    for (const path of [
      '/deals/2',
      '/deals/abc',
      '/deals/2/edit',
      '/deals/2/copy',
      '/deals/2/cancel',
      '/deals/0',
    ])
      expect((await browser.get(path)).status).toBe(404);
    expect(read((await browser.get('/deals/2')).body)).toContain('This is not part of your group');
    const posted = await browser.post('/deals/2/cancel', { confirm: 'yes' });
    expect(posted.status).toBe(404);
    expect((await browser.post('/deals/2/edit', { stock: '99' })).status).toBe(404);
    expect(deal(2, 'memory:other')?.status).toBe('open');
    expect(deal(2, 'memory:other')?.stock).toBeUndefined();
    expect(read((await browser.get('/deals')).body)).not.toContain('Figs');
  });
});

describe('create, edit, copy, close and cancel from the dashboard', () => {
  it('WHEN a deal is created by the form THEN the group gets its card, as with /deal new; bad input is refused in the command’s words and opens nothing', async () => {
    d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    const browser = await d.login('boss');
    const form = await browser.get('/deals/new');
    expect(form.body).toContain('name="price"');
    const bad = await browser.post('/deals/new', { title: 'Peaches', price: 'cheap', ends: '24h' });
    expect(notice(bad.body)).toContain('Invalid price');
    // The form comes back with what was typed.
    expect(bad.body).toContain('value="Peaches"');
    const past = await browser.post('/deals/new', {
      title: 'Peaches',
      price: '10',
      ends: '2026-11-01 10:00',
    });
    expect(notice(past.body)).toContain('ends=2026-11-01 10:00 is already past');
    expect(deal(1)).toBeUndefined();
    const group = await groupGot(async () => {
      const done = await browser.post('/deals/new', {
        title: 'Peaches',
        price: '10',
        min: '2',
        stock: '30',
        ends: '24h',
      });
      // Redirected to the new deal's page: a reload does not open it twice.
      expect(done.status).toBe(303);
      expect(done.location).toBe('/deals/1?opened=1');
      const page = await browser.get(done.location!);
      expect(notice(page.body)).toContain('Deal #1 is open');
      expect(read(page.body)).toContain('#1 Peaches');
    });
    expect(group.some((l) => l.includes('🛒 #1 Peaches — ¥10.00'))).toBe(true);
    expect(deal(1)).toMatchObject({
      title: 'Peaches',
      priceCents: 1000,
      min: 2,
      stock: 30,
      createdBy: 'boss',
    });
    // Nobody ordered yet: the cancel confirmation does not speak of "0 buyers" and "¥0.00 paid".
    const ask = read((await browser.get('/deals/1/cancel')).body);
    expect(ask).toContain('Nobody has ordered yet');
    expect(ask).not.toContain('0 buyers');
  });

  it('WHEN a deal is edited THEN only changed fields go to /deal edit, the card is edited in place, and a new price on ordered lines asks first', async () => {
    const browser = await mangoes();
    const form = await browser.get('/deals/1/edit');
    expect(form.body).toContain('value="L:45.00,S:25.00:2"');
    expect(form.body).toContain('value="10"');
    // Every field as the form shows it now, as a browser posts them back.
    const fields = async () =>
      Object.fromEntries(
        [...(await browser.get('/deals/1/edit')).body.matchAll(/<input name="(\w+)" value="([^"]*)"/g)].map(
          (m) => [m[1]!, read(m[2]!)],
        ),
      );
    // Only the stock changed: no question about prices, though the deal has orders.
    const before = await fields();
    const group = await groupGot(async () => {
      const done = await browser.post('/deals/1/edit', { ...before, stock: '20' });
      expect(notice(done.body)).toContain('Deal #1 updated.');
    });
    expect(deal(1)?.stock).toBe(20);
    expect(group.some((l) => l.startsWith('edited') && l.includes('3/20'))).toBe(true);
    const ask = await browser.post('/deals/1/edit', { ...(await fields()), options: 'L:40,S:25:2' });
    // The chat would say to send the command again with reprice=…: the form's menu is the answer here.
    expect(notice(ask.body)).toBe(
      '1 order in #1 was taken at the old price, so nothing was saved yet. Choose under “Existing orders at a new price” below whether they take the new price or keep theirs, then save again.',
    );
    expect(ask.body).not.toContain('reprice=all');
    expect(ask.body).toContain(
      '<label class="attention">Existing orders at a new price <select name="reprice" autofocus>',
    );
    expect(deal(1)?.optionPrices.L).toBe(4500);
    // The form came back with what was typed, to answer the question.
    expect(ask.body).toContain('value="L:40,S:25:2"');
    await browser.post('/deals/1/edit', { ...(await fields()), options: 'L:40,S:25:2', reprice: 'new' });
    expect(deal(1)?.optionPrices.L).toBe(4000);
    const refused = await browser.post('/deals/1/edit', { ...(await fields()), stock: '1' });
    expect(notice(refused.body)).toContain('Deal #1 already sold 3; stock cannot be lower.');
    expect(deal(1)?.stock).toBe(20);
  });

  it('GIVEN a saved template THEN the create form offers it, and a deal opened from it takes every field left empty (deal new from=)', async () => {
    const browser = await mangoes();
    await d.group.as('boss').says('/template save #1 芒果');
    const form = await browser.get('/deals/new');
    expect(form.body).toContain('<option value="芒果">芒果</option>');
    const group = await groupGot(() => browser.post('/deals/new', { from: '芒果', stock: '40' }));
    expect(group.some((l) => l.includes('🛒 #2 Mangoes'))).toBe(true);
    expect(deal(2)).toMatchObject({ title: 'Mangoes', stock: 40, min: 3, options: ['L', 'S'] });
    const unknown = await browser.post('/deals/new', { from: 'kiwi' });
    expect(notice(unknown.body)).toContain('芒果');
    expect(deal(3)).toBeUndefined();
  });

  it('WHEN a deal is copied THEN /deal copy opens the same product with the fields typed replacing its own', async () => {
    const browser = await mangoes();
    const form = await browser.get('/deals/1/copy');
    expect(form.body).toContain('placeholder="Mangoes"');
    const group = await groupGot(() => browser.post('/deals/1/copy', { stock: '100' }));
    expect(group.some((l) => l.includes('🛒 #2 Mangoes'))).toBe(true);
    expect(deal(2)).toMatchObject({ stock: 100, min: 3, options: ['L', 'S'], copiedFrom: `${MAIN}#1` });
  });

  it('WHEN close is asked for THEN a confirmation first; confirmed, the group hears it as with /deal close', async () => {
    const browser = await mangoes();
    const ask = read((await browser.get('/deals/1/close')).body);
    expect(ask).toContain('It has 2 of 3 buyers: it closes as failed');
    const unconfirmed = await browser.post('/deals/1/close', {});
    expect(notice(unconfirmed.body)).toContain('Nothing was done');
    expect(deal(1)?.status).toBe('open');
    const group = await groupGot(() => browser.post('/deals/1/close', { confirm: 'yes' }));
    expect(deal(1)?.status).toBe('failed');
    expect(group.some((l) => !l.startsWith('edited') && l.includes('#1'))).toBe(true);
    // Closed twice: the command's own answer, nothing changed.
    const again = await browser.post('/deals/1/close', { confirm: 'yes' });
    expect(notice(again.body)).toContain('Deal #1 is no longer open.');
  });

  it('WHEN cancel is confirmed on a paid deal THEN the page warned of the refund, and the group and the payer are told as with /deal cancel', async () => {
    const browser = await mangoes();
    await d.group.as('boss').says('/paid #1 @alice');
    const ask = read((await browser.get('/deals/1/cancel')).body);
    expect(ask).toContain('¥90.00 was paid on it');
    const from = d.t.adapter.actions.length;
    const group = await groupGot(() => browser.post('/deals/1/cancel', { confirm: 'yes' }));
    expect(deal(1)?.status).toBe('cancelled');
    expect(group.some((l) => !l.startsWith('edited') && /cancel/i.test(l) && l.includes('alice'))).toBe(true);
    // alice paid: she is told privately that she is owed ¥90.00 back, as after /deal cancel.
    const dms = d.t.adapter.actions.slice(from).map(describeAction);
    expect(dms.some((l) => l.startsWith('[dm alice]') && l.includes('¥90.00'))).toBe(true);
    const page = read((await browser.get('/deals/1')).body);
    expect(page).toContain('To refund');
    expect(page).not.toContain('deals/1/cancel"');
  });

  it('GIVEN a Chinese group THEN the pages and the command’s answers are in Chinese', async () => {
    d = await DashboardHarness.create({
      start: '2026-11-25T08:00:00Z',
      timezone: 'Asia/Shanghai',
      locale: 'zh',
    });
    const browser = await d.login('boss');
    const list = read((await browser.get('/deals')).body);
    expect(list).toContain('还没有团购');
    const bad = await browser.post('/deals/new', { title: '脐橙', ends: '24h' });
    expect(notice(bad.body)).toContain('请填写价格');
    const done = await browser.post('/deals/new', {
      title: '脐橙',
      price: '59',
      min: '2',
      ends: '明天20:00',
    });
    const page = await browser.get(done.location!);
    expect(notice(page.body)).toContain('团购 #1 已开');
    expect(read(page.body)).toContain('还差 2 人成团');
    // A new price on ordered lines: the form's menu is named, not the chat's 改价=全部 command.
    await d.group.as('alice').says('+1');
    const ask = await browser.post('/deals/1/edit', { price: '49' });
    expect(notice(ask.body)).toBe(
      '#1 已有 1 笔订单按原价下单，暂未保存。请在下方“改价时，已下的订单”中选择这些订单按新价还是保持原价，然后再次保存。',
    );
    expect(ask.body).not.toContain('改价=');
    expect(ask.body).toContain(
      '<label class="attention">改价时，已下的订单 <select name="reprice" autofocus>',
    );
    expect(deal(1)?.priceCents).toBe(5900);
    await browser.post('/deals/1/edit', { price: '49', reprice: 'all' });
    expect(deal(1)?.priceCents).toBe(4900);
  });

  it('THEN every Chinese word of the Deals pages and forms is Chinese (no English words), and every English one has its Chinese', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : typeof value === 'function'
          ? [String(value(3, 5))]
          : typeof value === 'object' && value !== null
            ? Object.values(value).flatMap(strings)
            : [];
    for (const words of [dealsText, dealFormsText]) {
      const zh = strings(words('zh'));
      expect(zh.flatMap((w) => englishWords(w, ['L', 'S']))).toEqual([]);
      expect(zh.length).toBe(strings(words('en')).length);
    }
  });
});
