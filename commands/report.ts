import { z } from 'zod';
import type { Adapter, Outgoing } from '../src/core/adapter.js';
import { defineCommand } from '../src/core/command.js';
import type { Feature, Job, JobContext } from '../src/core/feature.js';
import { localDay } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { splitText } from '../src/core/split-text.js';
import {
  buildReport,
  DEFAULT_PERIOD,
  isPeriodText,
  MAX_RANGE_DAYS,
  type Report,
} from '../src/services/report.js';
import { dueDigests, recordDigest } from '../src/services/report-digest.js';
import { writeExport } from '../src/store/exports.js';
import type { Community } from '../src/store/schema.js';
import { isNetworkWord, sendNetworkReport } from './network-report.js';
import { incentiveText } from './report-incentive-lines.js';
import { offerReportText } from './report-offer-lines.js';
import { suggestionText } from './report-suggestion-text.js';
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

/** A day as a Chinese group writes it: `2026年11月1日`, `11月1日`, or (for a range's end) `15日`, `15号`. */
const ZH_DAY = String.raw`(?:(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号]?`;
const ISO_DAY = String.raw`\d{4}-\d{2}-\d{2}`;
/** What stands between a range's first and last day: `至`, `到`, a dash, a tilde, `..` or a space. */
const RANGE_SEPARATOR = String.raw`\s*(?:至|到|\.\.|-|－|—|–|~|～)\s*|\s+`;
const ZH_RANGE = new RegExp(`^${ZH_DAY}(?:${RANGE_SEPARATOR})${ZH_DAY}$`);
const ISO_RANGE = new RegExp(`^(${ISO_DAY})(?:${RANGE_SEPARATOR})(${ISO_DAY})$`);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A Chinese range (`11月1日-11月15日`, `2026年11月1日至2026年11月15日`, `11月1日至15日`) as
 * `YYYY-MM-DD..YYYY-MM-DD`. `today` (local `YYYY-MM-DD`) supplies a missing year: the latest
 * such first day not after today (in January, `12月1日-12月31日` is last December); a last day
 * without a year or month takes the first day's, a year later when its month comes before the first's.
 * Impossible days (`2月30日`) pass through for the report to refuse by name.
 */
function zhRange(text: string, today: string): string | undefined {
  const m = ZH_RANGE.exec(text);
  // The first day needs its month: `1-15` alone is no date.
  if (!m || m[2] === undefined) return undefined;
  const [, y1, m1, d1, y2, m2, d2] = m;
  const startMonth = Number(m1);
  const startDay = Number(d1);
  let startYear = Number(y1 ?? today.slice(0, 4));
  if (y1 === undefined && `${startYear}-${pad(startMonth)}-${pad(startDay)}` > today) startYear--;
  const endMonth = m2 === undefined ? startMonth : Number(m2);
  const endDay = Number(d2);
  let endYear = Number(y2 ?? startYear);
  // December to January crosses the year; an earlier day of the same month is a mistake to refuse.
  if (y2 === undefined && endMonth < startMonth) endYear++;
  return `${startYear}-${pad(startMonth)}-${pad(startDay)}..${endYear}-${pad(endMonth)}-${pad(endDay)}`;
}

/**
 * A period as a group writes it, in the form the report reads: `7天` → `7d`, `2026年11月` →
 * `2026-11`, `11月1日-11月15日` or `2026-11-01 至 2026-11-15` → `2026-11-01..2026-11-15` (see
 * zhRange for the year). `today`: the community's local date, `YYYY-MM-DD`. Anything else is
 * returned as it came, for the report to accept or refuse.
 */
export function periodFromWords(text: string, today: string): string {
  const words = text.trim();
  const days = /^(\d{1,3})\s*天$/.exec(words);
  if (days) return `${days[1]}d`;
  const month = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/.exec(words);
  if (month) return `${month[1]}-${month[2]!.padStart(2, '0')}`;
  const iso = ISO_RANGE.exec(words);
  if (iso) return `${iso[1]}..${iso[2]}`;
  return zhRange(words, today) ?? words;
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
  // The period takes every word: a range is often written with spaces (`11月1日 至 11月15日`).
  positional: ['period'],
  rest: 'period',
  help: {
    en: {
      summary: 'community, sales and money metrics for a period, with the change against the previous one',
      usage: '/report [7d|30d|90d|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD] [json]',
      examples: [
        '/report',
        '/report 7d',
        '/report 2026-11',
        '/report 2026-11-01..2026-11-15',
        '/report json',
        '/report network 7d',
      ],
      details: `A date range includes its first and last day (at most ${MAX_RANGE_DAYS} days, up to now); it is compared with as many days just before it.`,
    },
    zh: {
      summary: '社群、销售与收款数据报告（含环比）',
      usage: '/report [7天|30天|90天|年-月|开始日期至结束日期] [json]',
      examples: [
        '报告',
        '报告 7天',
        '报告 2026年11月',
        '报告 11月1日至11月15日',
        '报告 2026年11月1日-2026年11月15日',
        '报告 json',
        '报告 联营 7天',
      ],
      details: `日期范围包含首尾两天（最多 ${MAX_RANGE_DAYS} 天，截至现在），与紧挨在它之前同样天数的时段比较（环比）。`,
    },
  },
  async run(ctx, args) {
    const t = reportText(ctx.locale);
    const community = ctx.community;
    // `/report json`, `/report 7d json` and `/report format=json 7d` all ask for JSON.
    const words = (args.period ?? '').split(/\s+/).filter((w) => w !== '');
    const json = args.format === 'json' || words.some((w) => w.toLowerCase() === 'json');
    // `/report network …` (报告 联营 …): the linked groups' report (commands/network-report.ts).
    // A word of /report, not a subcommand: Discord's menu keeps `/report` with its period then.
    const network = isNetworkWord(words[0]);
    const asked = words
      .slice(network ? 1 : 0)
      .filter((w) => w.toLowerCase() !== 'json')
      .join(' ');
    const now = ctx.clock.now();
    const today = localDay(now, community.timezone);
    const periodText = asked ? periodFromWords(asked.toLowerCase(), today) : DEFAULT_PERIOD;
    if (!isPeriodText(periodText)) return ctx.reply(t.badPeriod(periodText));
    if (network) return sendNetworkReport(ctx, periodText, json);
    const outcome = buildReport(ctx.tables, community, periodText, now);
    if (outcome.kind === 'bad_period') return ctx.reply(t.badPeriod(outcome.text));
    if (outcome.kind === 'future_month') return ctx.reply(t.futureMonth(outcome.text));
    if (outcome.kind === 'bad_range') return ctx.reply(t.badRange(outcome));
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
  messages: [reportText, incentiveText, suggestionText, offerReportText],
};
