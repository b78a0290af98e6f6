import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Locale } from '../src/core/i18n/index.js';
import type { Report } from '../src/services/report.js';
import { writeExport } from '../src/store/exports.js';
import { fontFile } from './cjk-font.js';
import { CHART_HEIGHT, CHART_WIDTH, FONT_FAMILY, reportChartOption } from './report-chart-option.js';

export { CHART_HEIGHT, CHART_WIDTH } from './report-chart-option.js';

/**
 * The chart as SVG (see reportChartOption). The money axis shows plain numbers (`1000`, not
 * ECharts' `1,000`): a formatter is a function, so it is added here rather than in the option.
 */
export function reportChartSvg(locale: Locale, report: Report): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  const option = reportChartOption(locale, report);
  const yAxis = option.yAxis as Record<string, unknown>[];
  chart.setOption({
    ...option,
    yAxis: yAxis.map((axis, i) =>
      i === 0 ? { ...axis, axisLabel: { formatter: (v: number) => String(v) } } : axis,
    ),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** SVG → PNG with the bundled CJK font only (no system fonts: the same picture on every server). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [fontFile()],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** Renders the chart and writes it under DATA_DIR/exports/; returns the file's path. */
export async function writeReportChart(dataDir: string, locale: Locale, report: Report): Promise<string> {
  const stamp = report.generatedAt.replace(/[:.]/g, '-');
  const name = `report-${report.community.id.replace(/[^\w-]/g, '_')}-${report.period.key}-${stamp}.png`;
  return writeExport(dataDir, name, svgToPng(reportChartSvg(locale, report)), new Date(report.generatedAt));
}
