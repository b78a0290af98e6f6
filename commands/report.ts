import { z } from 'zod';
import type { Adapter, Outgoing } from '../src/core/adapter.js';
import { defineCommand } from '../src/core/command.js';
import type { Feature, Job, JobContext } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { splitText } from '../src/core/split-text.js';
import { buildReport, DEFAULT_PERIOD, isPeriodText, type Report } from '../src/services/report.js';
import { dueDigests, recordDigest } from '../src/services/report-digest.js';
import { writeExport } from '../src/store/exports.js';
import type { Community } from '../src/store/schema.js';
import { periodName, reportSummary, reportText } from './report-text.js';

/** Writes the report as JSON under DATA_DIR/exports/; returns the file's path. */
export async function writeReportJson(dataDir: string, report: Report): Promise<string> {
  const stamp = report.generatedAt.replace(/[:.]/g, '-');
  const name = `report-${report.community.id.replace(/[^\w-]/g, '_')}-${report.period.key}-${stamp}.json`;
  return writeExport(dataDir, name, `${JSON.stringify(report, null, 2)}\n`, new Date(report.generatedAt));
}

/** The chart, where the platform shows images; a drawing failure costs the picture, never the numbers. */
async function chartFor(
  adapter: Adapter,
  dataDir: string,
  locale: Locale,
  report: Report,
  log: (error: unknown) => void,
): Promise<string | undefined> {
  if (!adapter.capabilities.images) return undefined;
  try {
    // Loaded on the first chart, not at start: echarts and resvg add ~70 MB to a bot's RSS,
    // and a bot on platforms without images, or whose admins never ask for /report, never needs them.
    const { writeReportChart } = await import('./report-chart.js');
    return await writeReportChart(dataDir, locale, report);
  } catch (error) {
    log(error);
    return undefined;
  }
}

/** A period as a Chinese group writes it (`7天`, `2026年11月`) in the form the report reads (`7d`, `2026-11`). */
export function periodFromWords(text: string): string {
  const days = /^(\d{1,3})\s*天$/.exec(text);
  if (days) return `${days[1]}d`;
  const month = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/.exec(text);
  if (month) return `${month[1]}-${month[2]!.padStart(2, '0')}`;
  return text;
}

export const reportCommand = defineCommand({
  name: 'report',
  keywords: ['报告', '数据'],
  role: 'admin',
  scope: 'group',
  args: z.object({
    period: z.string().optional(),
    format: z.enum(['json']).optional(),
  }),
  positional: ['period', 'format'],
  help: {
    en: {
      summary: 'community, sales and money metrics for a period, with the change against the previous one',
      usage: '/report [7d|30d|90d|YYYY-MM] [json]',
      examples: ['/report', '/report 7d', '/report 2026-11', '/report json'],
    },
    zh: {
      summary: '社群、销售与收款数据报告（含环比）',
      usage: '/report [7天|30天|90天|年-月] [json]',
      examples: ['报告', '报告 7天', '报告 2026年11月', '报告 json'],
    },
  },
  async run(ctx, args) {
    const t = reportText(ctx.locale);
    const community = ctx.community;
    // `/report json` and `/report 7d json` both ask for JSON.
    const json = args.format === 'json' || args.period === 'json';
    const periodText =
      args.period && args.period !== 'json' ? periodFromWords(args.period.toLowerCase()) : DEFAULT_PERIOD;
    if (!isPeriodText(periodText)) return ctx.reply(t.badPeriod(periodText));
    const outcome = buildReport(ctx.tables, community, periodText, ctx.clock.now());
    if (outcome.kind === 'bad_period') return ctx.reply(t.badPeriod(outcome.text));
    if (outcome.kind === 'future_month') return ctx.reply(t.futureMonth(outcome.text));
    const { report } = outcome;
    if (json) {
      const file = await writeReportJson(ctx.dataDir, report);
      const caption = t.jsonCaption(report.community.title, periodName(ctx.locale, report));
      // Kept for an admin the platform will not let the bot write to first (told in the group).
      if (ctx.adapter.capabilities.files)
        return ctx.dm({ kind: 'file', path: file, caption }, { onUnreachable: 'hold' });
      for (const part of splitText(JSON.stringify(report), ctx.adapter.capabilities.maxMessageLength))
        ctx.dm({ kind: 'text', text: part }, { onUnreachable: 'hold' });
      return;
    }
    ctx.reply(reportSummary(ctx.locale, report, ctx.adapter.capabilities.maxMessageLength, ctx.tables));
    const chart = await chartFor(ctx.adapter, ctx.dataDir, ctx.locale, report, () =>
      ctx.reply(t.chartFailed),
    );
    if (chart) ctx.send({ kind: 'image', path: chart });
  },
});

/** The digest's messages: the 7-day summary and its chart (rendered now, before anything is recorded). */
async function renderDigest(ctx: JobContext, community: Community, adapter: Adapter): Promise<Outgoing[]> {
  const outcome = buildReport(ctx.tables, community, '7d', ctx.clock.now());
  if (outcome.kind !== 'report') return [];
  const t = reportText(community.locale);
  const max = adapter.capabilities.maxMessageLength;
  const header = t.weeklyHeader;
  const digest: Outgoing[] = [
    {
      kind: 'text',
      text: `${header}\n${reportSummary(community.locale, outcome.report, max - header.length - 1, ctx.tables)}`,
    },
  ];
  const chart = await chartFor(adapter, ctx.dataDir, community.locale, outcome.report, (error) =>
    ctx.log.warn({ err: error, community: community.id }, 'weekly report chart failed'),
  );
  if (chart) digest.push({ kind: 'image', path: chart });
  return digest;
}

/**
 * The weekly digest: a sweep on every scheduler tick that posts each due community's 7-day
 * report once per weekly slot. The slot's marker is written with the digest's messages in one
 * transaction (the chart is rendered first): a crash neither doubles a digest nor loses one.
 */
export const weeklyReportJob: Job = {
  name: 'report-weekly',
  async run(ctx) {
    const now = ctx.clock.now();
    for (const step of dueDigests(ctx.tables, now)) {
      const adapter = ctx.adapterFor(step.community);
      // A community whose platform is not running here keeps its slot for when it is.
      if (step.kind === 'post' && !adapter) continue;
      const digest = step.kind === 'post' && adapter ? await renderDigest(ctx, step.community, adapter) : [];
      ctx.mutate((tx) => {
        recordDigest(tx, step, now);
        for (const out of digest) ctx.post(step.community, out);
      });
    }
  },
};

export const reportFeature: Feature = {
  name: 'report',
  commands: [reportCommand],
  jobs: [weeklyReportJob],
  messages: [reportText],
};
