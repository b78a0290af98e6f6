import type { FastifyInstance, FastifyReply } from 'fastify';
import { moneyOf } from '../../commands/money-text.js';
import { showName } from '../../src/core/names.js';
import {
  DEAL_FILTERS,
  DEAL_SORTS,
  type DealDetail,
  type DealFilter,
  type DealSort,
  dealDetail,
  dealTable,
} from '../../src/services/deal-table.js';
import { runCommand } from '../actions.js';
import type { DashboardDeps } from '../deps.js';
import { type Html, html } from '../html.js';
import { type Notice, noticePage, renderPage } from '../layout.js';
import { dealFormsText } from '../text/deal-forms.js';
import { dealsText } from '../text/deals.js';
import { shellText } from '../text/shell.js';
import { type PageView, requireView } from '../view.js';
import { registerDealForms } from './deal-forms.js';
import { dealBody, dealsTable } from './deal-views.js';

/** Deals per page of the list. */
const PAGE_SIZE = 50;
/** A deal number as it may stand in a URL: the chat's `#3` without the `#`. */
const DEAL_NO = /^\d{1,6}$/;

type ListQuery = {
  status?: string | string[];
  sort?: string | string[];
  q?: string | string[];
  page?: string | string[];
};

/**
 * The Deals pages: `GET /deals` (filter by state, search the title, sort, 50 a page), `GET /deals/:no`
 * (a deal with its money, options, totals per point and per option, and its roster), and the close
 * and cancel confirmations (`GET` asks, `POST` runs `deal close` / `deal cancel` as the chat does).
 * The create, edit and copy forms are in deal-forms.ts. A deal number that is not the group's is a 404.
 */
export function registerDeals(app: FastifyInstance, deps: DashboardDeps): void {
  app.get<{ Querystring: ListQuery }>('/deals', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    return listPage(reply, view, req.query);
  });

  app.get<{ Params: { no: string }; Querystring: { opened?: string } }>('/deals/:no', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const d = dealOr404(view, reply, req.params.no);
    if (!d) return reply;
    // Just opened from a form (deal-forms.ts redirects here): say so, and where its card went.
    const opened = req.query.opened === '1' && d.row.deal.createdBy === view.admin.userId;
    const lines = [dealFormsText(view.locale).created(d.row.deal.no)];
    return dealPage(reply, view, d, opened ? [{ ok: true, lines }] : []);
  });

  for (const step of ['close', 'cancel'] as const) {
    app.get<{ Params: { no: string } }>(`/deals/:no/${step}`, async (req, reply) => {
      const view = await requireView(deps, req, reply);
      if (!view) return reply;
      const d = dealOr404(view, reply, req.params.no);
      return d ? confirmPage(reply, view, d, step) : reply;
    });
    app.post<{ Params: { no: string }; Body: { confirm?: string } }>(
      `/deals/:no/${step}`,
      { preHandler: app.csrfProtection },
      async (req, reply) => {
        const view = await requireView(deps, req, reply);
        if (!view) return reply;
        const d = dealOr404(view, reply, req.params.no);
        if (!d) return reply;
        // Closing or cancelling announces in the group (and refunds are owed): only from the page that asks.
        if (req.body?.confirm !== 'yes')
          return dealPage(reply, view, d, [{ ok: false, lines: [dealFormsText(view.locale).notConfirmed] }]);
        const before = d.row.deal.status;
        const result = await runCommand(deps, view, `deal ${step}`, { deal: String(d.row.deal.no) });
        const after = dealDetail(view.tables, view.community.id, d.row.deal.no, deps.clock.now()) ?? d;
        const ok = result.ok && after.row.deal.status !== before;
        return dealPage(reply, view, after, [{ ok, lines: result.said }]);
      },
    );
  }

  registerDealForms(app, deps);
}

/**
 * The deal the URL names, when it is one of the community's; else a 404 page already sent
 * (another group's deal, a number nobody has, or something that is no number).
 */
export function dealOr404(view: PageView, reply: FastifyReply, no: string): DealDetail | undefined {
  const d = DEAL_NO.test(no) ? dealDetail(view.tables, view.community.id, Number(no), view.now) : undefined;
  if (!d) noticePage(reply.code(404), view.locale, shellText(view.locale).notYours);
  return d;
}

/** The list page; a bad filter, sort or page is named in a note and the default shown instead. */
function listPage(reply: FastifyReply, view: PageView, query: ListQuery): FastifyReply {
  const t = dealsText(view.locale);
  const notes: string[] = [];
  const filter = pick<DealFilter>(DEAL_FILTERS, one(query.status), 'all', () => notes.push(t.badFilter));
  const sort = pick<DealSort>(DEAL_SORTS, one(query.sort), 'newest', () => notes.push(t.badSort));
  // A repeated parameter (`?q=a&q=b`) comes as a list: only a single value is read.
  const search = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
  const table = dealTable(view.tables, view.community.id, view.now, { filter, sort, search });
  const pages = Math.max(1, Math.ceil(table.rows.length / PAGE_SIZE));
  const page0 = one(query.page);
  const asked = page0 === undefined || page0 === '' ? 1 : Number(page0);
  const validPage = Number.isInteger(asked) && asked >= 1 && asked <= pages;
  if (!validPage) notes.push(t.badPage);
  const page = validPage ? asked : 1;
  const rows = table.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const link = (n: number) =>
    `deals?${new URLSearchParams({ status: filter, sort, ...(search ? { q: search } : {}), page: String(n) })}`;
  const empty = view.tables.deals.countBy('community', view.community.id) === 0;
  const body = html`<p><a class="button" href="deals/new">${t.newDeal}</a></p>
    <form class="filters" method="get" action="deals">
      <label>${t.filter} ${select('status', DEAL_FILTERS, filter, t.filters)}</label>
      <label>${t.sort} ${select('sort', DEAL_SORTS, sort, t.sorts)}</label>
      <label>${t.search} <input name="q" value="${search}" maxlength="100"></label>
      <button type="submit" class="secondary">${t.show}</button>
    </form>
    ${
      rows.length === 0
        ? html`<p class="muted">${empty ? t.empty : t.noMatch}</p>`
        : html`${dealsTable(view, rows, table.totals)}
      <div class="pager">
        ${page > 1 && html`<a href="${link(page - 1)}">${t.newer}</a>`}
        <span class="muted">${t.page(page, pages)}</span>
        ${page < pages && html`<a href="${link(page + 1)}">${t.older}</a>`}
      </div>`
    }`;
  return renderPage(reply, view, {
    title: t.title,
    active: 'deals',
    body,
    notices: notes.length ? [{ ok: false, lines: notes, heading: '' }] : [],
  });
}

/** A query value given once; a repeated one (a list) is no value of ours: `'?'`, refused as unknown. */
function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? '?' : value;
}

/** `value` when it is one of `allowed`, else `fallback` (and `bad()` when a value was given). */
function pick<T extends string>(
  allowed: readonly T[],
  value: string | undefined,
  fallback: T,
  bad: () => void,
): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  bad();
  return fallback;
}

function select<T extends string>(
  name: string,
  values: readonly T[],
  chosen: T,
  words: Record<T, string>,
): Html {
  return html`<select name="${name}">${values.map(
    (v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${words[v]}</option>`,
  )}</select>`;
}

/** A deal's page, with the outcome of what was just done on top. */
export function dealPage(
  reply: FastifyReply,
  view: PageView,
  d: DealDetail,
  notices: Notice[] = [],
): FastifyReply {
  const t = dealsText(view.locale);
  const { deal } = d.row;
  const live = d.row.taking || deal.status === 'scheduled';
  const actions = html`<p class="actions">
    ${live && html`<a class="button secondary" href="deals/${deal.no}/edit">${t.actions.edit}</a>`}
    <a class="button secondary" href="deals/${deal.no}/copy">${t.actions.copy}</a>
    ${d.row.taking && html`<a class="button secondary" href="deals/${deal.no}/close">${t.actions.close}</a>`}
    ${deal.status !== 'cancelled' && html`<a class="button secondary" href="deals/${deal.no}/cancel">${t.actions.cancel}</a>`}
  </p>`;
  return renderPage(reply, view, {
    title: `#${deal.no} ${showName(deal.title)}`,
    active: 'deals',
    body: dealBody(view, d, actions),
    notices,
  });
}

/** Asks before closing or cancelling: what it will do to the buyers and the money. */
function confirmPage(
  reply: FastifyReply,
  view: PageView,
  d: DealDetail,
  step: 'close' | 'cancel',
): FastifyReply {
  const t = dealFormsText(view.locale);
  const { deal, money } = d.row;
  const held = moneyOf(view.community)(money.paidCents - money.refundedCents);
  const ask = step === 'close' ? t.closeAsk(deal.buyers, deal.min) : t.cancelAsk(deal.buyers, held);
  const body = html`<div class="card"><p><strong>#${deal.no} ${showName(deal.title)}</strong></p><p>${ask}</p>
    <form method="post" action="deals/${deal.no}/${step}">
      <input type="hidden" name="_csrf" value="${view.csrfToken}">
      <input type="hidden" name="confirm" value="yes">
      <button type="submit" class="danger">${step === 'close' ? t.confirmClose : t.confirmCancel}</button>
      <a class="button secondary" href="deals/${deal.no}">${t.goBack}</a>
    </form></div>`;
  return renderPage(reply, view, {
    title: step === 'close' ? t.closeTitle(deal.no) : t.cancelTitle(deal.no),
    active: 'deals',
    body,
  });
}
