import type { FastifyInstance } from 'fastify';
import { auditEntryLine } from '../../commands/audit-lines.js';
import type { DashboardDeps } from '../deps.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { auditText } from '../text/audit.js';
import { requireView } from '../view.js';

/** Entries per page of the audit log. */
const PAGE_SIZE = 50;

/**
 * The audit log (`GET /audit?page=N`): every audited action of the community, newest first, worded
 * as `/audit` words it in the chat, 50 a page. A page number that is not one is answered with the
 * first page and a note.
 */
export function registerAudit(app: FastifyInstance, deps: DashboardDeps): void {
  app.get<{ Querystring: { page?: string } }>('/audit', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const t = auditText(view.locale);
    const entries = view.tables.audit
      .by('community', view.community.id)
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
    const asked = req.query.page === undefined ? 1 : Number(req.query.page);
    const valid = Number.isInteger(asked) && asked >= 1 && asked <= pages;
    const page = valid ? asked : 1;
    const shown = entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const body =
      entries.length === 0
        ? html`<p class="muted">${t.empty}</p>`
        : html`<div class="table-wrap"><table>
            <thead><tr><th>${t.entry}</th></tr></thead>
            <tbody>${shown.map(
              (e) =>
                html`<tr><td>${auditEntryLine(view.locale, view.tables, view.community, e, deps.bot.registry)}</td></tr>`,
            )}</tbody></table></div>
          <div class="pager">
            ${page > 1 && html`<a href="audit?page=${page - 1}">${t.newer}</a>`}
            <span class="muted">${t.page(page, pages)}</span>
            ${page < pages && html`<a href="audit?page=${page + 1}">${t.older}</a>`}
          </div>`;
    return renderPage(reply, view, {
      title: t.title,
      active: 'audit',
      body,
      notices: valid ? [] : [{ ok: false, lines: [t.badPage], heading: '' }],
    });
  });
}
