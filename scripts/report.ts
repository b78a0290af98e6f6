/**
 * npm run report -- --community ID [--period 30d|7d|90d|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD] [--json] [--lang en|zh] [--at ISO-TIME]
 * npm run report -- --list
 *
 * Prints a community's report without starting any adapter (for cron jobs and dashboards). Reads
 * the committed state without the lock or lease and without writing: state.json and the journal
 * as they are on disk, or the PostgreSQL database when DATABASE_URL is set. Safe beside a running
 * bot (it sees what is durable). --at computes the report as of another moment (a past week's
 * numbers, reproducible dashboards).
 */
import { parseArgs } from 'node:util';
import { reportSummary, reportText } from '../commands/report-text.js';
import { isLocale } from '../src/core/i18n/index.js';
import { buildReport, DEFAULT_PERIOD, isPeriodText } from '../src/services/report.js';
import { readDataDir, storeName } from './data-dir.js';

const USAGE =
  'usage: npm run report -- --community ID [--period 7d|30d|90d|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD] [--json] [--lang en|zh] [--at ISO-TIME]\n' +
  '       npm run report -- --list\n';

/** Long enough for any summary: on a terminal the chat limit does not apply. */
const TERMINAL_LENGTH = 100_000;

async function main(): Promise<number> {
  let values: {
    community?: string;
    period?: string;
    json?: boolean;
    list?: boolean;
    lang?: string;
    at?: string;
  };
  try {
    ({ values } = parseArgs({
      options: {
        community: { type: 'string' },
        period: { type: 'string' },
        json: { type: 'boolean' },
        list: { type: 'boolean' },
        lang: { type: 'string' },
        at: { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const tables = await readDataDir();
  if (!tables) return 1;
  const communities = [...tables.communities.values()].sort((a, b) => a.id.localeCompare(b.id));
  const listing = communities.map((c) => `${c.id}\t${c.title}`).join('\n') || '(no communities)';
  if (values.list) {
    process.stdout.write(`${listing}\n`);
    return 0;
  }
  if (!values.community) {
    process.stderr.write(`${USAGE}communities:\n${listing}\n`);
    return 2;
  }
  const community = tables.communities.get(values.community);
  if (!community) {
    process.stderr.write(`No community ${values.community} in ${storeName()}. Communities:\n${listing}\n`);
    return 1;
  }
  const period = values.period ?? DEFAULT_PERIOD;
  if (values.lang !== undefined && !isLocale(values.lang)) {
    process.stderr.write(`--lang must be en or zh\n${USAGE}`);
    return 2;
  }
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) {
    process.stderr.write(`--at must be a time like 2026-11-25T08:00:00Z\n${USAGE}`);
    return 2;
  }
  const outcome = isPeriodText(period)
    ? buildReport(tables, community, period, at)
    : ({ kind: 'bad_period', text: period } as const);
  if (outcome.kind === 'bad_period') {
    process.stderr.write(`${reportText('en').badPeriod(outcome.text)}\n`);
    return 2;
  }
  if (outcome.kind === 'future_month') {
    process.stderr.write(`${outcome.text} has not started yet.\n`);
    return 2;
  }
  if (outcome.kind === 'bad_range') {
    process.stderr.write(`${reportText('en').badRange(outcome)}\n`);
    return 2;
  }
  const locale = values.lang !== undefined && isLocale(values.lang) ? values.lang : community.locale;
  process.stdout.write(
    values.json
      ? `${JSON.stringify(outcome.report, null, 2)}\n`
      : `${reportSummary(locale, outcome.report, TERMINAL_LENGTH)}\n`,
  );
  return 0;
}

process.exitCode = await main();
