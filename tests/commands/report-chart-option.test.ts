import { describe, expect, it } from 'vitest';
import { reportChartSvg } from '../../commands/report-chart.js';
import { reportChartOption } from '../../commands/report-chart-option.js';
import type { Report } from '../../src/services/report.js';
import { fixtureReport } from '../helpers/report-fixture.js';

/** The fixture's report with one day of ¥1,234 GMV, to see how the money axis writes thousands. */
function withBigDay(): Report {
  const report = fixtureReport();
  return { ...report, daily: report.daily.map((d, i) => (i === 0 ? { ...d, gmvCents: 123_400 } : d)) };
}

describe('the report chart as an ECharts option', () => {
  it('is plain data: the JSON a browser receives is the same option', () => {
    const option = reportChartOption('en', fixtureReport());
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
    const series = option.series as { name?: string; data: unknown[] }[];
    // Money in the currency's units, one point per day of the period.
    expect(series.find((s) => s.name === 'GMV')!.data).toEqual(
      fixtureReport().daily.map((d) => d.gmvCents / 100),
    );
  });

  it('speaks the locale: a Chinese option has the Chinese labels', () => {
    const text = JSON.stringify(reportChartOption('zh', fixtureReport('芒果团')));
    for (const label of ['芒果团', '近 7 天', '成交额', '退款', '已收款', '活跃成员', '核心', '僵尸候选'])
      expect(text).toContain(label);
  });

  it('the chat picture drawn from it writes money without thousands separators', () => {
    const svg = reportChartSvg('en', withBigDay());
    expect(svg).not.toMatch(/>1,\d{3}</);
    expect(svg).toMatch(/>1[0-9]{3}</);
  });
});
