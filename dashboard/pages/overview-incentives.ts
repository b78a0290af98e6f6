import { type ReportMetricKey, reportDefinitions } from '../../commands/report-definitions.js';
import { incentiveText } from '../../commands/report-incentive-lines.js';
import { formatMetric } from '../../commands/report-text.js';
import type { Locale } from '../../src/core/i18n/index.js';
import { INCENTIVE_SOURCES, noIncentives } from '../../src/services/report/incentives.js';
import type { IncentiveFigures, Metric, Report } from '../../src/services/report.js';
import { type Html, html } from '../html.js';
import { incentivesText } from '../text/incentives.js';
import { overviewText } from '../text/overview.js';
import { defined } from './overview-figures.js';

type Column = keyof IncentiveFigures;

/**
 * The incentive ROI table of the overview: one row per source and the total, each cell the value
 * with the previous period's and the change (as the chat shows them). The archived column only
 * where archived days hold some of the points. Rows carry `data-source`, cells `data-raw`.
 */
export function incentivesSection(report: Report, locale: Locale): Html {
  const t = incentivesText(locale);
  const d = reportDefinitions(locale);
  const names = incentiveText(locale);
  const { sources, total } = report.incentives;
  const heading = defined('incentives', t.heading, d['incentives.total']);
  if (noIncentives(report.incentives))
    return html`<section><h2>${heading}</h2><p class="muted">${overviewText(locale).nothing}</p></section>`;
  const archived = Boolean(total.archivedPoints.value || total.archivedPoints.previous);
  const columns: [Column, string][] = [
    ['points', t.columns.points],
    ...(archived ? [['archivedPoints', t.columns.archived] as [Column, string]] : []),
    ['earners', t.columns.earners],
    ['earnersGmvCents', t.columns.gmv],
    ['gmvPerPointCents', t.columns.perPoint],
  ];
  const has = report.period.previous !== null;
  const cur = report.community.currency;
  const cell = (m: Metric) =>
    html`<td class="num" data-raw="${m.value === null ? '' : String(m.value)}">${formatMetric(m, cur, has, undefined, locale)}</td>`;
  const row = (key: string, label: Html, figures: IncentiveFigures) =>
    html`<tr data-source="${key}"><td>${label}</td>${columns.map(([c]) => cell(figures[c]))}</tr>`;
  return html`<section><h2>${heading}</h2><div class="table-wrap"><table>
    <thead><tr><th>${t.columns.source}</th>${columns.map(
      ([c, label]) =>
        html`<th class="num">${defined(`incentives-${c}`, label, d[`incentives.total.${c}` as ReportMetricKey])}</th>`,
    )}</tr></thead>
    <tbody>${INCENTIVE_SOURCES.map((s) =>
      row(s, defined(`incentives-${s}`, names.source(s), d[`incentives.sources.${s}`]), sources[s]),
    )}${row('total', html`<strong>${names.source('total')}</strong>`, total)}</tbody>
  </table></div>${has && html`<p class="muted">${t.note}</p>`}</section>`;
}
