import type { GroupContext } from '../src/core/context.js';
import { defineMessages, type Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { splitText } from '../src/core/split-text.js';
import { buildNetworkReport, type NetworkReport } from '../src/services/network-report.js';
import type { Metric, Report } from '../src/services/report.js';
import { writeExport } from '../src/store/exports.js';
import { formatMetric, periodName, reportText } from './report-text.js';

/**
 * `/report network` (报告 联营; a word of /report, see commands/report.ts): every linked group's members, active members, buyers, orders, GMV
 * and conversion for a period, with 环比, and the total (src/services/network-report.ts). Every
 * parameter is text already formatted (numbers with their previous value and change).
 */
export const networkReportText = defineMessages('network-report', {
  en: {
    header: (period: string, compared: boolean) =>
      `🔗 Network of groups — ${period}${compared ? ' · in brackets: previous period, change' : ''}`,
    figures: (
      members: string,
      active: string,
      buyers: string,
      orders: string,
      gmv: string,
      conversion: string,
    ) =>
      `members ${members} · active ${active} · buyers ${buyers} · orders ${orders} · GMV ${gmv} · conversion ${conversion}`,
    groupLine: (title: string, figures: string) => `${title}: ${figures}`,
    totalLine: (figures: string) => `Σ All groups: ${figures}`,
    people: (buyers: string) => `👤 Distinct buyers across the groups: ${buyers}`,
    howCounted:
      'Members, active members and buyers are counted per group (a person in two groups counts in each); distinct buyers count each person once. Conversion of all groups: buyers ÷ active members.',
    mixedCurrencies: 'GMV is not added up: the groups keep their money in different currencies.',
    notLinked: 'This group is not linked with other groups, so there is no network report: see /network.',
    jsonCaption: (period: string) => `Network report, ${period} (JSON)`,
  },
  zh: {
    header: (period: string, compared: boolean) =>
      `🔗 联营各群数据 — ${period}${compared ? ' · 括号内：上期、环比' : ''}`,
    figures: (
      members: string,
      active: string,
      buyers: string,
      orders: string,
      gmv: string,
      conversion: string,
    ) =>
      `成员 ${members} · 活跃 ${active} · 下单人数 ${buyers} · 订单 ${orders} · 成交额 ${gmv} · 转化率 ${conversion}`,
    groupLine: (title: string, figures: string) => `${title}：${figures}`,
    totalLine: (figures: string) => `Σ 全部群：${figures}`,
    people: (buyers: string) => `👤 各群合计去重的下单人数：${buyers}`,
    howCounted:
      '成员、活跃成员和下单人数按群分别统计（同时在两个群的人在每个群各算一次）；去重下单人数每人只算一次。全部群的转化率：下单人数 ÷ 活跃成员。',
    mixedCurrencies: '各群使用不同的币种，成交额不合计。',
    notLinked: '本群未与其他群联营，没有联营报告：发送「联营」查看。',
    jsonCaption: (period: string) => `联营报告，${period}（JSON）`,
  },
});

/** The report as chat text: a header, a line per group, the total, distinct buyers, how it counts. */
export function networkReportLines(locale: Locale, report: NetworkReport, first: Report): string[] {
  const t = networkReportText(locale);
  const has = report.compared;
  const m = (metric: Metric, currency: string, compared = has) =>
    formatMetric(metric, currency, compared, undefined, locale);
  const cur = report.currency ?? '';
  const { total } = report;
  return [
    t.header(periodName(locale, first), has),
    // A group the bot did not know in the previous period shows its numbers alone.
    ...report.groups.map((g, i) => {
      const gm = (metric: Metric) => m(metric, g.community.currency, g.compared);
      return t.groupLine(
        `${i + 1}. ${showName(g.community.title)}`,
        t.figures(
          gm(g.members),
          gm(g.activeMembers),
          gm(g.buyers),
          gm(g.orders),
          gm(g.gmvCents),
          gm(g.conversion),
        ),
      );
    }),
    t.totalLine(
      t.figures(
        m(total.members, cur),
        m(total.activeMembers, cur),
        m(total.buyers, cur),
        m(total.orders, cur),
        total.gmvCents ? m(total.gmvCents, cur) : '—',
        m(total.conversion, cur),
      ),
    ),
    t.people(m(report.people.buyers, cur)),
    ...(report.currency === null ? [t.mixedCurrencies] : []),
    t.howCounted,
  ];
}

/** `network` or `联营` as the first word after /report (报告): the network report is asked for. */
export function isNetworkWord(word: string | undefined): boolean {
  return word !== undefined && ['network', '联营'].includes(word.toLowerCase());
}

/**
 * Answers `/report network [period] [json]` (报告 联营 …) for a period already read by /report
 * (`7d`, `2026-11`, a range): the text in the group, or the JSON file privately.
 */
export async function sendNetworkReport(ctx: GroupContext, periodText: string, json: boolean): Promise<void> {
  const t = networkReportText(ctx.locale);
  const bad = reportText(ctx.locale);
  const outcome = buildNetworkReport(ctx.tables, ctx.community, periodText, ctx.clock.now());
  switch (outcome.kind) {
    case 'not_linked':
      return ctx.reply(t.notLinked);
    case 'bad_period':
      return ctx.reply(bad.badPeriod(outcome.text));
    case 'future_month':
      return ctx.reply(bad.futureMonth(outcome.text));
    case 'bad_range':
      return ctx.reply(bad.badRange(outcome));
  }
  const { report, reports } = outcome;
  const period = periodName(ctx.locale, reports[0]!);
  if (json) {
    const stamp = report.generatedAt.replace(/[:.]/g, '-');
    const name = `report-network-${report.network.id.replace(/[^\w-]/g, '_')}-${report.period.key}-${stamp}.json`;
    const body = `${JSON.stringify(report, null, 2)}\n`;
    const file = await writeExport(ctx.dataDir, name, body, new Date(report.generatedAt));
    // Kept for an admin the platform will not let the bot write to first (told in the group).
    if (ctx.adapter.capabilities.files)
      return ctx.dm({ kind: 'file', path: file, caption: t.jsonCaption(period) }, { onUnreachable: 'hold' });
    for (const part of splitText(JSON.stringify(report), ctx.adapter.capabilities.maxMessageLength))
      ctx.dm({ kind: 'text', text: part }, { onUnreachable: 'hold' });
    return;
  }
  const text = networkReportLines(ctx.locale, report, reports[0]!).join('\n');
  for (const part of splitText(text, ctx.adapter.capabilities.maxMessageLength)) ctx.reply(part);
}
