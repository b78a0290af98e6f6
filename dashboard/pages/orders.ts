import type { FastifyInstance, FastifyReply } from 'fastify';
import { moneyOf } from '../../commands/money-text.js';
import { localDay } from '../../src/core/format.js';
import { type OrderQueryInput, orderRows, orderTable, QUERY_FIELDS } from '../../src/services/order-table.js';
import { listField } from '../actions.js';
import type { DashboardDeps } from '../deps.js';
import { html } from '../html.js';
import { type Notice, noticePage, renderPage } from '../layout.js';
import { filterSummary } from '../orders/order-words.js';
import { bulkRefusalText, checkedLines, runBulk } from '../orders/orders-bulk.js';
import { ordersCsv } from '../orders/orders-csv.js';
import { filterForm, ordersTable, refusalText } from '../orders/orders-html.js';
import { ordersPdf } from '../orders/orders-pdf.js';
import { refundConfirmBody } from '../orders/orders-refund.js';
import { ordersText } from '../text/orders.js';
import { shellText } from '../text/shell.js';
import { type PageView, requireView } from '../view.js';

/**
 * The Orders page: every order line of the group's deals in one table (src/services/order-table.ts)
 * with filters, sortable columns and pages (`GET /orders?deal=3&money=owing&sort=amount&dir=desc`),
 * downloads of exactly what is filtered (`GET /orders.csv?…`, `GET /orders.pdf?…`), and bulk
 * actions on checked lines (`POST /orders/bulk`: confirm payments, record refunds, verify pickups)
 * through the chat commands; record refunds first answers a page listing what would be recorded,
 * and runs only when that page posts back `confirm=yes`. A query the table cannot read is told on
 * the page with no table; a checked id that is not one of the group's lines is a 404 and nothing runs.
 */
export function registerOrders(app: FastifyInstance, deps: DashboardDeps): void {
  app.get('/orders', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    return ordersPage(reply, view, queryOf(req.query), []);
  });

  app.get('/orders.csv', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const input = queryOf(req.query);
    const all = orderRows(view.tables, view.community.id, input);
    if (all.kind !== 'rows') return ordersPage(reply, view, input, []);
    const csv = ordersCsv(view.locale, view.community.timezone, all.rows);
    return download(reply, view, 'csv', 'text/csv; charset=utf-8').send(csv);
  });

  app.get('/orders.pdf', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const input = queryOf(req.query);
    const all = orderRows(view.tables, view.community.id, input);
    if (all.kind !== 'rows') return ordersPage(reply, view, input, []);
    const pdf = await ordersPdf({
      locale: view.locale,
      timezone: view.community.timezone,
      money: moneyOf(view.community),
      group: view.community.title,
      filters: filterSummary(view.locale, view.tables, view.community.id, all.query),
      rows: all.rows,
      totals: all.totals,
      at: view.now,
      csv: ordersCsv(view.locale, view.community.timezone, all.rows),
    });
    return download(reply, view, 'pdf', 'application/pdf').send(Buffer.from(pdf));
  });

  app.post('/orders/bulk', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const input = queryOf(req.body);
    const action = queryOf(req.body, ['action']).action;
    const checked = checkedLines(view, action, listField(req.body, 'row'));
    if (checked.kind === 'not_yours')
      return noticePage(reply.code(404), view.locale, shellText(view.locale).notYours);
    if (checked.kind !== 'lines')
      return ordersPage(reply.code(400), view, input, [
        { ok: false, lines: [bulkRefusalText(view, checked)] },
      ]);
    // Recording refunds marks money as given back and tells each member: only from the page that
    // lists what would be recorded (a misclick on the table must not refund everyone checked).
    if (checked.action === 'refund' && queryOf(req.body, ['confirm']).confirm !== 'yes')
      return renderPage(reply, view, {
        title: ordersText(view.locale).refundTitle,
        active: 'orders',
        body: refundConfirmBody(view, input, checked.lines),
      });
    const unpaid = queryOf(req.body, ['unpaid']).unpaid === 'confirm';
    const notices = await runBulk(deps, view, checked.action, checked.lines, unpaid);
    // The table again as it stands now: the lines just confirmed, refunded or handed over show it.
    return ordersPage(reply, view, input, notices);
  });
}

/** The page for a query: the form, then the table, or the refusal of the query (400) and no table. */
function ordersPage(
  reply: FastifyReply,
  view: PageView,
  input: OrderQueryInput,
  notices: Notice[],
): FastifyReply {
  const t = ordersText(view.locale);
  const table = orderTable(view.tables, view.community.id, input);
  if (table.kind !== 'table') {
    return renderPage(reply.code(400), view, {
      title: t.title,
      active: 'orders',
      body: filterForm(view, input),
      notices: [...notices, { ok: false, heading: '', lines: [refusalText(t, table)] }],
    });
  }
  return renderPage(reply, view, {
    title: t.title,
    active: 'orders',
    body: html`${filterForm(view, input)}${ordersTable(view, input, table)}`,
    notices,
  });
}

/**
 * The query's fields from a URL query or a form body, as strings: a field given twice counts by
 * its first value, anything not a string is left out (the table reads the rest and refuses bad values).
 */
function queryOf(
  source: unknown,
  names: readonly string[] = QUERY_FIELDS,
): Record<string, string> & OrderQueryInput {
  const out: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const name of names) {
    const value = (source as Record<string, unknown>)[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string') out[name] = text;
  }
  return out;
}

/** Headers of a download: a file name with the group's local date, never cached. */
function download(reply: FastifyReply, view: PageView, ext: 'csv' | 'pdf', type: string): FastifyReply {
  const day = localDay(view.now, view.community.timezone);
  return reply
    .type(type)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="orders-${day}.${ext}"`);
}
