import { describe, expect, it } from 'vitest';
import { periodFromWords } from '../../commands/report.js';
import { MAX_RANGE_DAYS, resolvePeriod } from '../../src/services/report/period.js';
import { buildReport, type Report, type ReportOutcome } from '../../src/services/report.js';
import { community, fillReportFixture, NOW } from '../helpers/report-fixture.js';

/** The fixture's report for a period, or the refusal. */
const outcome = (period: string): ReportOutcome => buildReport(fillReportFixture(), community, period, NOW);

function report(period: string): Report {
  const out = outcome(period);
  if (out.kind !== 'report') throw new Error(`no report: ${JSON.stringify(out)}`);
  return out.report;
}

/** Everything but the period's name and the previous period (which differ by construction). */
function figures(r: Report): unknown {
  const { period: _period, ...rest } = r;
  return JSON.parse(JSON.stringify(rest));
}

/** Each metric's current value only (`{ value }` of every `{ unit, value, previous, change }`). */
function currentValues(r: Report): unknown {
  return JSON.parse(
    JSON.stringify(figures(r), (_key, v) =>
      v && typeof v === 'object' && 'unit' in v && 'change' in v ? v.value : v,
    ),
  );
}

describe('report over a date range (community in Asia/Shanghai, now 2026-11-25 16:00 local)', () => {
  it('covers the local days from the first to the last, both included; previous = as many days before', () => {
    const r = report('2026-11-01..2026-11-15');
    expect(r.period).toEqual({
      key: '2026-11-01..2026-11-15',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-15T16:00:00.000Z',
      days: 15,
      previous: { from: '2026-10-16T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z', days: 15 },
    });
    expect(r.daily[0]!.day).toBe('2026-11-01');
    expect(r.daily.at(-1)!.day).toBe('2026-11-15');
  });

  it('a range ending after today stops at now and is compared with as many days as it covered', () => {
    const r = report('2026-11-20..2026-12-10');
    expect(r.period.to).toBe(NOW.toISOString());
    expect(r.period.days).toBe(6);
    expect(r.period.previous).toEqual({
      from: '2026-11-13T16:00:00.000Z',
      to: '2026-11-19T16:00:00.000Z',
      days: 6,
    });
  });

  it('the last 7 days written as a range give the same figures and 环比 as 7d', () => {
    const range = report('2026-11-19..2026-11-25');
    const rolling = report('7d');
    expect(range.period.key).toBe('2026-11-19..2026-11-25');
    expect({ ...range.period, key: '7d' }).toEqual(rolling.period);
    expect(figures(range)).toEqual(figures(rolling));
  });

  it('a calendar month written as a range gives the month’s figures', () => {
    expect(currentValues(report('2026-11-01..2026-11-30'))).toEqual(currentValues(report('2026-11')));
    expect(currentValues(report('2026-10-01..2026-10-31'))).toEqual(currentValues(report('2026-10')));
  });

  it(`a ${MAX_RANGE_DAYS}-day range counts each day where it happened (daily active, member-days)`, () => {
    const year = report('2025-11-25..2026-11-25');
    expect(year.period.days).toBe(366);
    // The same days, a month at a time (windows short enough to be computed apart), put together.
    const pieces = ['2025-11-25..2025-11-30'];
    for (let m = 0; m < 11; m++) {
      const month = new Date(Date.UTC(2025, 11 + m, 1)).toISOString().slice(0, 7);
      const last = new Date(Date.UTC(2025, 12 + m, 0)).toISOString().slice(0, 10);
      pieces.push(`${month}-01..${last}`);
    }
    pieces.push('2026-11-01..2026-11-25');
    const stitched = pieces.flatMap((p) => report(p).daily);
    expect(year.daily).toEqual(stitched);
    // Orders on days members did not speak (bob on 11-19, and later days) land on those days.
    expect(year.daily.slice(-7)).toEqual(report('7d').daily);
    const memberDays = stitched.reduce((sum, d) => sum + d.activeMembers, 0);
    expect(memberDays).toBeGreaterThan(0);
    expect(year.activity.dailyActiveAvg.value).toBeCloseTo(memberDays / 366);
    const gmv = pieces.reduce((sum, p) => sum + report(p).commerce.gmvCents.value!, 0);
    expect(year.commerce.gmvCents.value).toBe(gmv);
  });

  it('local days follow the timezone across a DST change', () => {
    const out = resolvePeriod(
      '2026-10-30..2026-11-05',
      'America/New_York',
      new Date('2026-11-20T15:00:00Z'),
      '2026-01-01T00:00:00Z',
    );
    if (out.kind !== 'ok') throw new Error(out.kind);
    expect(out.period.current.days).toHaveLength(7);
    expect(out.period.current.from).toBe('2026-10-30T04:00:00.000Z'); // midnight EDT
    expect(out.period.current.to).toBe('2026-11-06T05:00:00.000Z'); // midnight EST
    expect(out.period.previous!.from).toBe('2026-10-23T04:00:00.000Z');
  });

  it('refuses, with the reason, ranges that cannot be reported', () => {
    const refused = (period: string) => {
      const out = outcome(period);
      return out.kind === 'bad_range' ? out : out.kind;
    };
    expect(refused('2026-11-15..2026-11-01')).toMatchObject({ problem: 'start_after_end' });
    expect(refused('2026-11-26..2026-11-30')).toMatchObject({ problem: 'start_in_future' });
    expect(refused('2026-02-30..2026-03-05')).toMatchObject({
      problem: 'impossible_date',
      date: '2026-02-30',
    });
    expect(refused('2026-01-01..2026-13-01')).toMatchObject({
      problem: 'impossible_date',
      date: '2026-13-01',
    });
    expect(refused('2026-11-1..2026-11-15')).toMatchObject({ problem: 'malformed' });
    expect(refused('2026-11-01..')).toMatchObject({ problem: 'malformed' });
    expect(refused('2025-11-24..2026-11-25')).toMatchObject({ problem: 'too_long', days: 367, maxDays: 366 });
    expect(refused('2024-01-01..2024-12-31')).toBe('report'); // a leap year: 366 days
  });
});

describe('a period as a group writes it', () => {
  const today = '2026-11-25';
  it.each([
    ['2026-11-01..2026-11-15', '2026-11-01..2026-11-15'],
    ['2026-11-01 至 2026-11-15', '2026-11-01..2026-11-15'],
    ['2026-11-01 2026-11-15', '2026-11-01..2026-11-15'],
    ['2026年11月1日至2026年11月15日', '2026-11-01..2026-11-15'],
    ['11月1日-11月15日', '2026-11-01..2026-11-15'],
    ['11月1日 到 15日', '2026-11-01..2026-11-15'],
    ['11月1号～11月15号', '2026-11-01..2026-11-15'],
    // A day after today without a year is last year's; a last day before the first, the next year's.
    ['12月1日至12月31日', '2025-12-01..2025-12-31'],
    ['12月20日-1月5日', '2025-12-20..2026-01-05'],
    ['2月30日至3月1日', '2026-02-30..2026-03-01'],
    ['11月15日至11月1日', '2026-11-15..2026-11-01'],
    ['7天', '7d'],
    ['2026年11月', '2026-11'],
  ])('%s → %s', (words, period) => {
    expect(periodFromWords(words, today)).toBe(period);
  });
});
