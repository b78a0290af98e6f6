import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { reportChartOption } from '../../commands/report-chart-option.js';
import { reportDefinitions } from '../../commands/report-definitions.js';
import { periodName, reportText } from '../../commands/report-text.js';
import { localDay } from '../../src/core/format.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { buildReport, DEFAULT_PERIOD, type Report, type ReportOutcome } from '../../src/services/report.js';
import { readAsset } from '../assets.js';
import type { DashboardDeps } from '../deps.js';
import { type Html, html, raw } from '../html.js';
import { renderPage } from '../layout.js';
import { overviewText } from '../text/overview.js';
import type { PageView } from '../view.js';
import { requireView } from '../view.js';
import { defined, figureSections, listSections, nowSection } from './overview-figures.js';
import { incentivesSection } from './overview-incentives.js';
import { suggestionsSection } from './overview-suggestions.js';

/** A query value as asked: one string, or nothing (a repeated or over-long value is not a date). */
type Asked = string | undefined;
const LONGEST_ASKED = 64;

/** What the overview was asked for: the period text buildReport reads, or why it cannot be one. */
type Asking =
  | { kind: 'period'; text: string; from: Asked; to: Asked }
  | { kind: 'one_date'; from: Asked; to: Asked };

function asked(value: unknown): Asked {
  if (typeof value !== 'string') return value === undefined ? undefined : '?';
  const trimmed = value.trim();
  return trimmed.length > LONGEST_ASKED ? `${trimmed.slice(0, LONGEST_ASKED)}…` : trimmed;
}

/**
 * The period from the query: `from` and `to` (a date range, `YYYY-MM-DD` as `<input type=date>`
 * sends it) or `period` (`7d`, `30d`, `90d`, `YYYY-MM`, `YYYY-MM-DD..YYYY-MM-DD`); nothing: 30 days.
 */
function askedPeriod(query: Record<string, unknown>): Asking {
  const from = asked(query.from) || undefined;
  const to = asked(query.to) || undefined;
  if (from || to)
    return from && to ? { kind: 'period', text: `${from}..${to}`, from, to } : { kind: 'one_date', from, to };
  return { kind: 'period', text: asked(query.period) || DEFAULT_PERIOD, from, to };
}

/** The refusal of a period, worded as the chat words it. */
function refusal(outcome: Exclude<ReportOutcome, { kind: 'report' }>, locale: Locale): string {
  const t = reportText(locale);
  if (outcome.kind === 'bad_range') return t.badRange(outcome);
  if (outcome.kind === 'future_month') return t.futureMonth(outcome.text);
  return t.badPeriod(outcome.text);
}

/** Local first and last day of a span [from, to). */
function localDays(from: string, to: string, timezone: string): [string, string] {
  const last = DateTime.fromISO(to, { zone: timezone }).minus({ milliseconds: 1 });
  return [DateTime.fromISO(from, { zone: timezone }).toISODate()!, last.toISODate()!];
}

/** Preset links and the date-range form; the preset or dates in use are marked. */
function periodPicker(view: PageView, current: string | undefined, from: Asked, to: Asked): Html {
  const t = overviewText(view.locale);
  const today = localDay(view.now, view.community.timezone);
  const month = DateTime.fromISO(today, { zone: view.community.timezone });
  const presets: [string, string][] = [
    ['7d', t.presets.d7],
    ['30d', t.presets.d30],
    ['90d', t.presets.d90],
    [month.toFormat('yyyy-MM'), t.presets.thisMonth],
    [month.minus({ months: 1 }).toFormat('yyyy-MM'), t.presets.lastMonth],
  ];
  return html`<nav class="presets" aria-label="${t.presetsLabel}">${presets.map(
    ([key, label]) =>
      html`<a class="button secondary" href="./?period=${key}"${key === current ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav>
  <form class="filters" method="get" action="./">
    <label>${t.from}<input type="date" name="from" value="${from ?? ''}" max="${today}" required></label>
    <label>${t.to}<input type="date" name="to" value="${to ?? ''}" required></label>
    <button type="submit">${t.show}</button>
  </form>`;
}

/** The period line: its name, first and last local day, and what it is compared with. */
function periodLine(report: Report, locale: Locale): Html {
  const t = overviewText(locale);
  const d = reportDefinitions(locale);
  const tz = report.community.timezone;
  const [first, last] = localDays(report.period.from, report.period.to, tz);
  const rule = /^\d+d$/.test(report.period.key)
    ? d['period.rolling']
    : report.period.key.includes('..')
      ? d['period.range']
      : d['period.month'];
  const previous = report.period.previous;
  const compared = previous
    ? html`${defined('change', t.comparedWith(...localDays(previous.from, previous.to, tz)), d.change)}`
    : html`${defined('no-previous', t.noPrevious, d['period.previous'])}`;
  return html`<p class="period" data-period="${report.period.key}">${defined('period', t.period(periodName(locale, report), first, last, tz), rule)}<br>${compared}</p>`;
}

/**
 * The chart: the chat's ECharts option as JSON, drawn in the browser by ECharts served from this
 * dashboard (`assets/echarts.min.js`, never a CDN) and a small script (`assets/overview-chart.js`).
 */
function chart(report: Report, locale: Locale): Html {
  const t = overviewText(locale);
  // `<` escaped: the JSON holds deal and group titles, and must not close the script element.
  const option = JSON.stringify(reportChartOption(locale, report)).replaceAll('<', '\\u003c');
  return html`<section><h2>${t.sections.chart}</h2>
    <div class="table-wrap"><div id="report-chart" class="report-chart" role="img" aria-label="${t.chartNote}"></div></div>
    <script type="application/json" id="report-chart-option">${raw(option)}</script>
  </section>`;
}

/** Where the ECharts file is in the installed package (resolved, not assumed under the cwd). */
function echartsFile(): string {
  return createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
}

/**
 * The overview (`GET /`): the report for the chosen period (presets, or a date range) with every
 * metric's 环比 and definition, the per-day chart and the lists. The same numbers as `/report json`
 * for that period (both are buildReport). A period that cannot be reported (a malformed or
 * impossible date, a range too long or in the future) is answered 400 with the chat's reason.
 * Also serves ECharts (`/assets/echarts.min.js`, read once on first use) and the page's script.
 */
export function registerOverview(app: FastifyInstance, deps: DashboardDeps): void {
  let echarts: Buffer | undefined;
  app.get('/assets/echarts.min.js', (_req, reply) => {
    echarts ??= readFileSync(echartsFile());
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(echarts);
  });
  const script = readAsset('overview-chart.js');
  app.get('/assets/overview-chart.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script),
  );

  app.get<{ Querystring: Record<string, unknown> }>('/', async (req, reply) => {
    const view = await requireView(deps, req, reply);
    if (!view) return reply;
    const t = overviewText(view.locale);
    const wanted = askedPeriod(req.query);
    const outcome: ReportOutcome | undefined =
      wanted.kind === 'period' ? buildReport(view.tables, view.community, wanted.text, view.now) : undefined;
    if (outcome?.kind !== 'report') {
      const message = outcome ? refusal(outcome, view.locale) : t.bothDates;
      return renderPage(reply.code(400), view, {
        title: t.title,
        active: 'overview',
        body: periodPicker(view, undefined, wanted.from, wanted.to),
        notices: [{ ok: false, lines: [message], heading: '' }],
      });
    }
    const { report } = outcome;
    // The form shows the period's days, so a preset is a starting point for a range.
    const [from, to] = localDays(report.period.from, report.period.to, report.community.timezone);
    return renderPage(reply, view, {
      title: t.title,
      active: 'overview',
      body: html`${periodPicker(view, report.period.key, from, to)}
        ${periodLine(report, view.locale)}
        ${suggestionsSection(report, view.locale, view.tables)}
        ${figureSections(report, view.locale)}
        ${nowSection(report, view.locale)}
        ${chart(report, view.locale)}
        ${listSections(report, view.locale, view.tables)}
        ${incentivesSection(report, view.locale)}`,
      scripts: html`<script src="assets/echarts.min.js"></script><script src="assets/overview-chart.js"></script>`,
    });
  });
}
