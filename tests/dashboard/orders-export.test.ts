import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyOf } from '../../commands/money-text.js';
import { filterSummary } from '../../dashboard/orders/order-words.js';
import { ordersCsv } from '../../dashboard/orders/orders-csv.js';
import { ordersPdf } from '../../dashboard/orders/orders-pdf.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { type OrderQueryInput, orderRows } from '../../src/services/order-table.js';
import { TestBot } from '../helpers/chat.js';
import { seedOrders } from '../helpers/order-seed.js';
import { readPdf } from '../helpers/pdf-text.js';

/**
 * The orders table's downloads: exactly the lines the filters keep (every page), headers in the
 * community's language, money as decimals, times in the community's timezone (Asia/Shanghai,
 * UTC+8). GIVEN the community of tests/helpers/order-seed.ts.
 */

const MAIN = 'memory:main';
let t: TestBot;
let dir: string;

beforeAll(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  await seedOrders(t);
  dir = await mkdtemp(join(tmpdir(), 'orders-export-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

function exportOf(locale: Locale, query: OrderQueryInput) {
  const out = orderRows(t.store.tables, MAIN, query);
  if (out.kind !== 'rows') throw new Error(`refused: ${out.kind}`);
  const community = t.store.tables.communities.get(MAIN)!;
  const csv = ordersCsv(locale, community.timezone, out.rows);
  const pdf = () =>
    ordersPdf({
      locale,
      timezone: community.timezone,
      money: moneyOf(community),
      group: community.title,
      filters: filterSummary(locale, t.store.tables, MAIN, out.query),
      rows: out.rows,
      totals: out.totals,
      at: t.clock.now(),
      csv,
    });
  return { csv, pdf };
}

const cells = (csv: string) => parse(csv, { bom: true }) as string[][];

describe('the orders CSV', () => {
  it('holds exactly the filtered lines of every page, money as decimals, local times', () => {
    const { csv } = exportOf('en', { money: 'owing', pageSize: '1', page: '1' });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(cells(csv)).toEqual([
      [
        'deal',
        'product',
        'line',
        'member',
        'member id',
        'ordered for',
        'option',
        'quantity',
        'pickup point',
        'amount',
        'payment',
        'to collect',
        'pickup',
        'ordered at',
      ],
      [
        '#2',
        'Crabs',
        '2',
        'Eve Chen',
        'u5',
        '',
        '小份',
        '2',
        '西门',
        '96.00',
        'owing',
        '96.00',
        'taking orders',
        '2026-11-25 16:05',
      ],
      [
        '#1',
        'Eggs',
        '2',
        'carol',
        'carol',
        '',
        '',
        '3',
        '东门',
        '36.00',
        'owing',
        '36.00',
        'waiting for pickup',
        '2026-11-25 16:03',
      ],
    ]);
  });

  it('says it in Chinese for a Chinese group, a withdrawn line without a number', () => {
    const { csv } = exportOf('zh', { deal: '1', sort: 'line', dir: 'desc' });
    const rows = cells(csv);
    expect(rows[0]).toEqual([
      '团购',
      '商品',
      '序号',
      '成员',
      '成员编号',
      '代订对象',
      '规格',
      '数量',
      '自提点',
      '金额',
      '付款',
      '待收',
      '提货',
      '下单时间',
    ]);
    expect(rows.slice(1).map((r) => `${r[2]} ${r[3]} ${r[10]} ${r[12]}`)).toEqual([
      '已取消 dan 待退款 无需提货',
      '3 bob 已报付款 未到货',
      '2 carol 待付款 待提货',
      '1 alice 已付款 已提货',
    ]);
  });
});

describe('the orders PDF', () => {
  it('prints the filtered lines with what was filtered and the totals, the CSV attached', async () => {
    const { csv, pdf } = exportOf('en', { point: '1', pickup: 'waiting' });
    const file = join(dir, 'en.pdf');
    await writeFile(file, await pdf());
    const { pages, attachments } = await readPdf(file);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Showing: point 东门 · pickup: waiting for pickup');
    expect(pages[0]).toMatch(/#1 Eggs\s+2\s+carol/);
    expect(pages[0]).not.toContain('alice');
    expect(pages[0]).toContain('Total: 1 line, 3 units, ¥36.00');
    // PDF.js reads the attachment as text, byte-order mark dropped.
    expect(attachments.get('orders.csv')).toBe(csv.replace(/^\uFEFF/, ''));
  });

  it('prints Chinese for a Chinese group', async () => {
    const { pdf } = exportOf('zh', {});
    const file = join(dir, 'zh.pdf');
    await writeFile(file, await pdf());
    const { pages } = await readPdf(file);
    expect(pages[0]).toContain('范围：全部订单');
    // A Chinese colon after 合计, as every Chinese line of the bot writes it.
    expect(pages[0]).toContain('合计：5 条订单，9 件，¥256.00（另有 1 条已撤回，未计入）');
    expect(pages[0]).toContain('第 1 页，共 1 页');
  });

  it('names a proxy line (代订) as the chat’s card does: for whom, then who ordered it', async () => {
    const proxy = t.group('proxy');
    await proxy.as('owner').says('/deal new "Rice" price=5 min=2 ends=48h');
    await proxy.as('bob').says('+1 帮王阿姨');
    const out = orderRows(t.store.tables, 'memory:proxy', {});
    if (out.kind !== 'rows') throw new Error(out.kind);
    expect(out.rows.map((r) => [r.name, r.for])).toEqual([['bob', '王阿姨']]);
    for (const [locale, shown] of [
      ['zh', '王阿姨（bob 代订）'],
      ['en', '王阿姨 (ordered by bob)'],
    ] as const) {
      const bytes = await ordersPdf({
        locale,
        timezone: 'UTC',
        money: (cents) => `¥${(cents / 100).toFixed(2)}`,
        group: 'proxy',
        filters: '',
        rows: out.rows,
        totals: out.totals,
        at: t.clock.now(),
        csv: ordersCsv(locale, 'UTC', out.rows),
      });
      const file = join(dir, `proxy-${locale}.pdf`);
      await writeFile(file, bytes);
      const { pages } = await readPdf(file);
      expect(pages[0]).toContain(shown);
      expect(pages[0]).not.toContain('→');
    }
  });

  it('takes as many pages as the lines need, each with the column headers', async () => {
    const big = t.group('big');
    await big.as('owner').says('/deal new "Rice" price=5 min=2 ends=48h');
    for (let i = 1; i <= 70; i++) await big.as(`m${i}`).says('+1');
    const out = orderRows(t.store.tables, 'memory:big', { sort: 'line' });
    if (out.kind !== 'rows') throw new Error(out.kind);
    const bytes = await ordersPdf({
      locale: 'en',
      timezone: 'UTC',
      money: (cents) => `¥${(cents / 100).toFixed(2)}`,
      group: 'big',
      filters: 'all orders',
      rows: out.rows,
      totals: out.totals,
      at: t.clock.now(),
      csv: ordersCsv('en', 'UTC', out.rows),
    });
    const file = join(dir, 'big.pdf');
    await writeFile(file, bytes);
    const { pages } = await readPdf(file);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toMatch(/^.*deal line member option/);
    expect(pages.join(' ')).toMatch(/m1 .*m70 /);
    expect(pages.at(-1)).toContain('Total: 70 lines, 70 units, ¥350.00');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });
});
