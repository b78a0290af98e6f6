import type { FastifyReply } from 'fastify';
import type { Locale } from '../src/core/i18n/index.js';
import { adminCommunities } from '../src/services/dashboard-access.js';
import { type Html, type HtmlPart, html } from './html.js';
import { type ShellText, shellText } from './text/shell.js';
import type { PageView } from './view.js';

/** The pages of the nav, by the path their link goes to (relative to the dashboard's base). */
export type Section = 'overview' | 'deals' | 'orders' | 'members' | 'settings' | 'audit';
const SECTIONS: { section: Section; href: string }[] = [
  { section: 'overview', href: './' },
  { section: 'deals', href: 'deals' },
  { section: 'orders', href: 'orders' },
  { section: 'members', href: 'members' },
  { section: 'settings', href: 'settings' },
  { section: 'audit', href: 'audit' },
];

/**
 * A note above a page's body: the outcome of an action (`ok`: done, else refused, with what the
 * commands answered in `lines`). `heading` replaces "Done"/"Not done" (empty: none).
 */
export interface Notice {
  ok: boolean;
  lines: string[];
  heading?: string;
}

/** What a page hands the frame: its title, the nav item it is, its body, and notices to show on top. */
export interface PageContent {
  title: string;
  active: Section;
  body: HtmlPart;
  /** Outcomes of the action just taken (what the commands answered), shown above the body. */
  notices?: Notice[];
  /** Extra markup at the end of <body> (a page's own script, e.g. ECharts). */
  scripts?: HtmlPart;
}

/**
 * A whole page in the dashboard's frame: nav, the group switcher (the groups where the admin
 * was last seen as an admin), logout, and the page's body. Relative links resolve against the
 * dashboard's base (`<base href>`), so pages write `href="orders"`, never a leading slash.
 */
export function renderPage(reply: FastifyReply, view: PageView, content: PageContent): FastifyReply {
  const t = shellText(view.locale);
  const choices = adminCommunities(view.tables, view.admin.platform, view.admin.userId);
  if (!choices.some((c) => c.id === view.community.id)) choices.unshift(view.community);
  const nav = SECTIONS.map(
    ({ section, href }) =>
      html`<a href="${href}"${section === content.active ? html` aria-current="page"` : ''}>${t.nav[section]}</a>`,
  );
  const switcher =
    choices.length > 1
      ? html`<form method="post" action="switch">
          <input type="hidden" name="_csrf" value="${view.csrfToken}">
          <label>${t.switchCommunity}<select name="community">${choices.map(
            (c) =>
              html`<option value="${c.id}"${c.id === view.community.id ? html` selected` : ''}>${c.title}</option>`,
          )}</select></label>
          <button type="submit" class="secondary">${t.switchGo}</button>
        </form>`
      : html`<span class="muted">${view.community.title}</span>`;
  const notices = (content.notices ?? []).map((n) => {
    const heading = n.heading ?? (n.ok ? t.done : t.refused);
    return html`<div class="notice ${n.ok ? 'ok' : 'error'}" role="status">${heading && html`<strong>${heading}</strong>\n`}${n.lines.join('\n')}</div>`;
  });
  const body = html`<header>
      <span class="brand">${t.appName}</span>
      ${switcher}
      <nav>${nav}</nav>
      <span class="who">${t.signedInAs(view.admin.name)}</span>
      <form method="post" action="logout">
        <input type="hidden" name="_csrf" value="${view.csrfToken}">
        <button type="submit" class="secondary">${t.logout}</button>
      </form>
    </header>
    <main>
      <h1>${content.title}</h1>
      ${notices}
      ${content.body}
    </main>
    ${content.scripts}`;
  return send(reply, view.locale, `${content.title} · ${view.community.title}`, body);
}

/**
 * A page with one message and no session needed (login, refusals). `message`: the text, or which
 * of the shell's words to say (`(t) => t.notFound`); `bilingual` with the latter says it in both
 * languages, for a visitor whose community is not known (a forged link).
 */
export function noticePage(
  reply: FastifyReply,
  locale: Locale,
  message: string | ((t: ShellText) => string),
  opts: { bilingual?: boolean; extra?: HtmlPart } = {},
): FastifyReply {
  const t = shellText(locale);
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  const say = (l: Locale) => (typeof message === 'string' ? message : message(shellText(l)));
  const translations =
    opts.bilingual && typeof message !== 'string' ? [say(locale), say(other)] : [say(locale)];
  const body = html`<header><span class="brand">${t.appName}</span></header>
    <main><div class="card">${translations.map((m) => html`<p>${m}</p>`)}${opts.extra}</div></main>`;
  return send(reply, locale, t.appName, body);
}

/** The document around `body`; its empty icon keeps browsers from asking for /favicon.ico (a 404) on every page. */
function send(reply: FastifyReply, locale: Locale, title: string, body: Html): FastifyReply {
  const t = shellText(locale);
  const base = reply.request.dashboardBase;
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      html`<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${base}">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/dashboard.css">
</head><body>${body}</body></html>`.text,
    );
}
