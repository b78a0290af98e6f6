import type { EChartsOption } from 'echarts';
import type { Locale } from '../src/core/i18n/index.js';
import type { DailyPoint, Report } from '../src/services/report.js';
import { periodName, reportText } from './report-text.js';

/** Size of the chart in pixels (the chat's PNG; the dashboard gives its box this height). */
export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 640;

/**
 * Noto Sans Hans (Source Han Sans, SIL OFL) from the @embedpdf/fonts-sc package: resvg reads
 * OTF/TTF but not the woff2 that web-font packages ship, and no system font is assumed (a server
 * image may have none with Chinese glyphs). Its family name inside the file is this one; a browser
 * without it falls back to its own sans-serif.
 */
export const FONT_FAMILY = 'Noto Sans S Chinese';

/**
 * The report's chart as an ECharts option: GMV and refunds (bars), money collected and active
 * members (lines) per day (money in the currency's units, not cents), and the tier pyramid below.
 * Plain data only (no functions), so the same object is drawn on the server for the chat
 * (report-chart.ts) and sent as JSON to ECharts in the dashboard's browser.
 */
export function reportChartOption(locale: Locale, report: Report): EChartsOption {
  const t = reportText(locale);
  /** A series over the days of the period, on the upper grid. */
  const perDay = (
    name: string,
    type: 'bar' | 'line',
    yAxisIndex: number,
    color: string,
    value: (day: DailyPoint) => number,
  ) => ({ name, type, xAxisIndex: 0, yAxisIndex, data: report.daily.map(value), itemStyle: { color } });
  const tiers = report.activity.tiers;
  // Bottom to top, so the pyramid stands on its widest layer only when the community is healthy.
  const layers = [
    { name: t.tierZombie, value: tiers.zombie.count, color: '#9e9e9e' },
    { name: t.tierMarginal, value: tiers.marginal.count, color: '#f2a65a' },
    { name: t.tierOrdinary, value: tiers.ordinary.count, color: '#5b8ff9' },
    { name: t.tierCore, value: tiers.core.count, color: '#2f9e44' },
  ];
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY },
    title: [
      { text: t.chartTitle(report.community.title, periodName(locale, report)), left: 'center', top: 8 },
      { text: t.chartTiers, left: 'center', top: 400, textStyle: { fontSize: 14 } },
    ],
    legend: { top: 40, data: [t.chartGmv, t.chartRefunds, t.chartCollected, t.chartActive] },
    grid: [
      { left: 70, right: 70, top: 80, height: 280 },
      { left: 160, right: 70, top: 430, height: 180 },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: report.daily.map((d) => d.day.slice(5)) },
      { type: 'value', gridIndex: 1, minInterval: 1 },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: `${t.chartMoney} (${report.community.currency})` },
      { type: 'value', gridIndex: 0, name: t.chartActive, minInterval: 1, splitLine: { show: false } },
      { type: 'category', gridIndex: 1, data: layers.map((l) => l.name) },
    ],
    series: [
      // Money per day on the left axis (in the currency's units), active members on the right.
      perDay(t.chartGmv, 'bar', 0, '#5b8ff9', (d) => d.gmvCents / 100),
      perDay(t.chartRefunds, 'bar', 0, '#c92a2a', (d) => d.refundsCents / 100),
      perDay(t.chartCollected, 'line', 0, '#2f9e44', (d) => d.collectedCents / 100),
      perDay(t.chartActive, 'line', 1, '#e8684a', (d) => d.activeMembers),
      {
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 2,
        data: layers.map((l) => ({ value: l.value, itemStyle: { color: l.color } })),
        label: { show: true, position: 'right' },
      },
    ],
  };
}
