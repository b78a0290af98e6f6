import { count, defineMessages } from '../src/core/i18n/index.js';
import { INCENTIVE_SOURCES, type IncentiveSource, noIncentives } from '../src/services/report/incentives.js';
import type { IncentiveFigures, Metric, Report } from '../src/services/report.js';

/** Wording of the incentive ROI section (激励投入产出) of /report, in both languages. */
export const incentiveText = defineMessages('report-incentives', {
  en: {
    header: '🎯 Incentive ROI: points issued · earners · their GMV · GMV per point',
    none: '🎯 Incentive ROI: no points issued',
    row: (name: string, points: string, earners: string, gmv: string, perPoint: string) =>
      `   ${name} ${points} · ${earners} · ${gmv} · ${perPoint}`,
    source: (source: IncentiveSource | 'total') =>
      ({
        checkin: 'Check-ins',
        referral: 'Referrals',
        topic: 'Topic prompts',
        award: 'Awards',
        order: 'Per-order points',
        total: 'Total',
      })[source],
    archived: (current: number, previous: number | null) =>
      `   Archived days: ${count(current, 'point', 'points')}${previous === null ? '' : ` (previous period ${previous})`} no longer say who earned them; GMV per point counts the rest`,
  },
  zh: {
    header: '🎯 激励投入产出：发放积分 · 获得人数 · 其成交额 · 每积分成交额',
    none: '🎯 激励投入产出：没有发放积分',
    row: (name: string, points: string, earners: string, gmv: string, perPoint: string) =>
      `   ${name} ${points} · ${earners} · ${gmv} · ${perPoint}`,
    source: (source: IncentiveSource | 'total') =>
      ({
        checkin: '签到',
        referral: '邀请',
        topic: '话题',
        award: '奖励',
        order: '下单积分',
        total: '合计',
      })[source],
    archived: (current: number, previous: number | null) =>
      `   已归档的日子：${current} 分${previous === null ? '' : `（上期 ${previous} 分）`}已不记录获得者；每积分成交额只按其余积分计算`,
  },
});

/** A line of the summary; optional ones are dropped first when the message would be too long. */
interface Line {
  text: string;
  optional: boolean;
}

/**
 * The incentive lines of the /report summary: a header, one row per source that issued points in
 * either period, the total, and a note when archived days hide who earned some points. `m` formats
 * a metric with its previous value and change (report-text.ts passes it).
 */
export function incentiveLines(locale: 'en' | 'zh', report: Report, m: (metric: Metric) => string): Line[] {
  const t = incentiveText(locale);
  const { sources, total } = report.incentives;
  if (noIncentives(report.incentives)) return [{ text: t.none, optional: false }];
  const row = (name: IncentiveSource | 'total', f: IncentiveFigures) =>
    t.row(t.source(name), m(f.points), m(f.earners), m(f.earnersGmvCents), m(f.gmvPerPointCents));
  const rows = INCENTIVE_SOURCES.filter((s) => sources[s].points.value || sources[s].points.previous).map(
    (s) => ({ text: row(s, sources[s]), optional: true }),
  );
  const archived = total.archivedPoints;
  const note =
    archived.value || archived.previous
      ? [
          {
            text: t.archived(archived.value ?? 0, report.period.previous ? (archived.previous ?? 0) : null),
            optional: true,
          },
        ]
      : [];
  return [
    { text: t.header, optional: false },
    ...rows,
    { text: row('total', total), optional: false },
    ...note,
  ];
}
