import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OrderQueryInput,
  type OrderRow,
  orderRows,
  orderTable,
} from '../../src/services/order-table.js';
import { TestBot } from '../helpers/chat.js';
import { seedOrders } from '../helpers/order-seed.js';

/**
 * The orders table a leader reads in the dashboard: every line of every deal of the community
 * with its money and pickup state, filtered, sorted and paged, totals over what is filtered, and
 * bad queries refused by name. GIVEN the community of tests/helpers/order-seed.ts, and another
 * group with a deal of its own.
 */

const MAIN = 'memory:main';
let t: TestBot;

beforeAll(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  await seedOrders(t);
  const other = t.group('other');
  await other.as('owner').says('/deal new "Tea" price=30 min=2 ends=48h');
  await other.as('pat').says('+1');
});
afterAll(async () => {
  await t.close();
});

/** `#deal.line member` per row (`–` for a withdrawn line), in the table's order. */
const labels = (rows: OrderRow[]) => rows.map((r) => `#${r.dealNo}.${r.lineNo ?? '–'} ${r.name}`);

function rows(query: OrderQueryInput = {}): OrderRow[] {
  const out = orderRows(t.store.tables, MAIN, query);
  if (out.kind !== 'rows') throw new Error(`refused: ${JSON.stringify(out)}`);
  return out.rows;
}

describe('the orders table', () => {
  it('lists every line of the community, newest deal first, each deal in card order', () => {
    expect(labels(rows())).toEqual([
      '#2.1 alice',
      '#2.2 Eve Chen',
      '#1.1 alice',
      '#1.2 carol',
      '#1.3 bob',
      '#1.– dan',
    ]);
    const [crab] = rows({ member: 'u5' });
    expect(crab).toMatchObject({
      dealTitle: 'Crabs',
      option: '小份',
      qty: 2,
      point: { no: 2, name: '西门' },
      amountCents: 9600,
      money: 'owing',
      pickup: 'ordering',
      orderedAt: '2026-11-25T08:05:00.000Z',
    });
  });

  it('shows each line’s money and pickup state', () => {
    const states = rows({ deal: '1' }).map((r) => `${r.name} ${r.money} ${r.pickup}`);
    expect(states).toEqual([
      'alice paid picked_up',
      'carol owing waiting',
      'bob claimed not_arrived',
      'dan refund_due none',
    ]);
  });

  it('filters by deal, option, point, money state, pickup state and member', () => {
    expect(labels(rows({ deal: '#2', option: '小份' }))).toEqual(['#2.2 Eve Chen']);
    expect(labels(rows({ point: '2' }))).toEqual(['#2.2 Eve Chen', '#1.3 bob']);
    expect(labels(rows({ point: 'none' }))).toEqual([]);
    expect(labels(rows({ money: 'refund_due' }))).toEqual(['#1.– dan']);
    expect(labels(rows({ money: 'claimed' }))).toEqual(['#1.3 bob']);
    expect(labels(rows({ pickup: 'waiting' }))).toEqual(['#1.2 carol']);
    expect(labels(rows({ member: 'CHEN' }))).toEqual(['#2.2 Eve Chen']);
    expect(labels(rows({ member: '@alice', deal: '1' }))).toEqual(['#1.1 alice']);
    // Empty form fields filter nothing.
    expect(rows({ deal: '', money: ' ', member: '' })).toHaveLength(6);
  });

  it('sorts by any column, both ways', () => {
    expect(labels(rows({ sort: 'amount', dir: 'desc' })).slice(0, 3)).toEqual([
      '#2.2 Eve Chen',
      '#2.1 alice',
      '#1.2 carol',
    ]);
    expect(labels(rows({ sort: 'orderedAt' }))).toEqual([
      '#1.1 alice',
      '#1.– dan',
      '#1.3 bob',
      '#1.2 carol',
      '#2.1 alice',
      '#2.2 Eve Chen',
    ]);
    expect(labels(rows({ sort: 'deal', dir: 'asc' }))[0]).toBe('#1.1 alice');
    expect(rows({ sort: 'qty', dir: 'desc' }).map((r) => r.qty)).toEqual([3, 2, 2, 1, 1, 1]);
    expect(rows({ sort: 'money' }).map((r) => r.money)).toEqual([
      'owing',
      'owing',
      'claimed',
      'paid',
      'paid',
      'refund_due',
    ]);
  });

  it('pages the rows and totals every page of what is filtered', () => {
    const page = orderTable(t.store.tables, MAIN, { deal: '1', pageSize: '3', page: '2' });
    expect(page).toMatchObject({ kind: 'table', page: 2, pageSize: 3, pages: 2 });
    if (page.kind !== 'table') return;
    expect(labels(page.rows)).toEqual(['#1.– dan']);
    // dan's withdrawn line is listed but not counted, as on the card.
    expect(page.totals).toEqual({ lines: 3, qty: 6, amountCents: 7200, withdrawn: 1 });
    const past = orderTable(t.store.tables, MAIN, { page: '9' });
    expect(past).toMatchObject({ kind: 'table', rows: [], pages: 1 });
  });

  it('refuses what it cannot read, by name', () => {
    const ask = (q: OrderQueryInput) => orderTable(t.store.tables, MAIN, q);
    expect(ask({ deal: '9' })).toEqual({ kind: 'unknown_deal', no: 9 });
    expect(ask({ deal: 'x' })).toEqual({ kind: 'bad_value', field: 'deal', value: 'x' });
    expect(ask({ money: 'lost' })).toEqual({ kind: 'bad_value', field: 'money', value: 'lost' });
    expect(ask({ pickup: 'gone' })).toEqual({ kind: 'bad_value', field: 'pickup', value: 'gone' });
    expect(ask({ sort: 'price' })).toEqual({ kind: 'bad_value', field: 'sort', value: 'price' });
    expect(ask({ page: '0' })).toEqual({ kind: 'bad_value', field: 'page', value: '0' });
    expect(ask({ pageSize: '500' })).toEqual({ kind: 'page_too_big', asked: 500, max: 200 });
    expect(ask({ pageSize: '200' }).kind).toBe('table');
    expect(ask({ point: '7' })).toEqual({ kind: 'unknown_point', no: 7 });
  });

  it('never shows another community’s lines', () => {
    expect(rows().some((r) => r.name === 'pat')).toBe(false);
    expect(orderTable(t.store.tables, 'memory:other', { deal: '2' })).toEqual({
      kind: 'unknown_deal',
      no: 2,
    });
    const other = orderRows(t.store.tables, 'memory:other', {});
    expect(other.kind === 'rows' && labels(other.rows)).toEqual(['#1.1 pat']);
  });
});
