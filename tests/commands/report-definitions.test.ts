import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFINITION_ROWS,
  type ReportMetricKey,
  ROW_DEFINITIONS,
  reportDefinitions,
} from '../../commands/report-definitions.js';
import { englishWords } from '../helpers/english.js';
import { fixtureReport } from '../helpers/report-fixture.js';

/** README.md's "Report metrics" table as { row: definition }, Markdown taken out. */
function readmeDefinitions(): Record<string, string> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(
    readme.indexOf('## Report metrics'),
    readme.indexOf('In the JSON (`/report json`'),
  );
  const plain = (cell: string) => cell.trim().replaceAll('\\|', '|').replaceAll('`', '').replaceAll('**', '');
  const rows: Record<string, string> = {};
  for (const line of table.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| ---') || line.startsWith('| metric ')) continue;
    const [row, definition] = line.slice(1, -1).split(/(?<!\\)\|/);
    rows[plain(row!)] = plain(definition!);
  }
  return rows;
}

/** Paths (`commerce.gmvCents`) of every metric ({ unit, value, previous, change }) in a report's JSON. */
function metricPaths(value: unknown, path: string[] = []): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  if ('unit' in value && 'change' in value) return [path.join('.')];
  return Object.entries(value).flatMap(([key, child]) => metricPaths(child, [...path, key]));
}

describe('report metric definitions', () => {
  it('the English ones are README’s "Report metrics" table, row for row', () => {
    expect(ROW_DEFINITIONS.en).toEqual(readmeDefinitions());
  });

  it('every metric the report computes has a definition, and every definition names a part of the report', () => {
    const report = JSON.parse(JSON.stringify(fixtureReport()));
    const defined = new Set<string>(Object.keys(DEFINITION_ROWS));
    const metrics = metricPaths(report);
    expect(metrics.length).toBeGreaterThan(40);
    // Collected by way is defined with collected, as the summary shows it.
    const undefinedMetrics = metrics.filter(
      (p) => !defined.has(p) && !defined.has(p.split('.').slice(0, -1).join('.')),
    );
    expect(undefinedMetrics).toEqual([]);
    const at = (path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], report);
    const dangling = [...defined].filter((k) => !/^(period\.|change$)/.test(k) && at(k) === undefined);
    expect(dangling).toEqual([]);
  });

  it('each locale defines every metric; the Chinese ones have no English words', () => {
    const en = reportDefinitions('en');
    const zh = reportDefinitions('zh');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text, key).not.toBe('');
      expect(englishWords(text), `${key}: ${text}`).toEqual([]);
    }
    const key: ReportMetricKey = 'commerce.gmvCents';
    expect(en[key]).toMatch(/^sum over those orders of quantity × unit price − points discount/);
    expect(zh[key]).toMatch(/数量 × 单价 − 积分抵扣/);
  });
});
