import {
  suggestedCommandText,
  suggestionFinding,
  suggestionLines,
  suggestionText,
} from '../../commands/report-suggestion-text.js';
import type { Locale } from '../../src/core/i18n/index.js';
import type { Report } from '../../src/services/report.js';
import type { Tables } from '../../src/store/tables.js';
import { type Html, html } from '../html.js';

/**
 * The overview's suggestions (建议): each finding with its numbers and the command to type in the
 * group, as /report words them; or the chat's statement that the data is too thin, or that no rule
 * fired. Items carry `data-rule`, commands are `<code>` (copied as they are).
 */
export function suggestionsSection(report: Report, locale: Locale, tables: Tables): Html {
  const t = suggestionText(locale);
  const section = report.suggestions;
  if (section.kind === 'thin' || section.items.length === 0)
    return html`<section class="suggestions"><h2>${t.title}</h2><p class="muted">${suggestionLines(locale, report, tables)[0]}</p></section>`;
  return html`<section class="suggestions"><h2>${t.title}</h2><ul>${section.items.map(
    (s) =>
      html`<li data-rule="${s.rule}">${suggestionFinding(locale, s, report, tables, 'admin')}<br><code>${suggestedCommandText(locale, s.command, report, tables)}</code></li>`,
  )}</ul></section>`;
}
