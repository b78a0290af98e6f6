import { afterEach, describe, expect, it } from 'vitest';
import { DashboardHarness } from '../helpers/dashboard.js';

let d: DashboardHarness;
afterEach(() => d?.close());

const deal = (no: number) => d.t.store.tables.deals.get(`memory:main#${no}`);

describe('deal categories on the dashboard’s deal forms', () => {
  it('a deal is created and edited with its categories, as with category=; a bad one is refused and changes nothing', async () => {
    d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    const browser = await d.login('boss');
    expect((await browser.get('/deals/new')).body).toContain('name="category"');
    const done = await browser.post('/deals/new', { title: 'Peaches', price: '10', category: '水果,生鲜' });
    expect(done.status).toBe(303);
    expect(deal(1)?.categories).toEqual(['水果', '生鲜']);
    // The edit form starts from them, as an admin would type them.
    expect((await browser.get('/deals/1/edit')).body).toContain('value="水果,生鲜"');
    await browser.post('/deals/1/edit', { title: 'Peaches', price: '10.00', category: '年货' });
    expect(deal(1)?.categories).toEqual(['年货']);
    const bad = await browser.post('/deals/1/edit', { category: 'x'.repeat(30) });
    expect(bad.body).toContain('I cannot use category=');
    expect(deal(1)?.categories).toEqual(['年货']);
  });
});
