import { DateTime } from 'luxon';

/**
 * What `/report` is asked for: the last 7, 30 or 90 local days, a calendar month, or an inclusive
 * range of local days (`2026-11-01..2026-11-15`).
 */
export type PeriodKey = '7d' | '30d' | '90d' | `${number}-${number}` | `${string}..${string}`;

/** A span of time [from, to) as UTC ISO strings, with the community's local days it covers. */
export interface Window {
  from: string;
  to: string;
  /** Local calendar days (YYYY-MM-DD) the window touches, first to last. */
  days: string[];
  /** UTC ISO start of each of those days, for placing a moment in its local day without Intl. */
  dayStarts: string[];
}

export interface Period {
  key: string;
  timezone: string;
  current: Window;
  /** The period of the same length just before; undefined when it lies wholly before the community existed. */
  previous: Window | undefined;
}

/** Why a date range (`YYYY-MM-DD..YYYY-MM-DD`) was refused; `maxDays` is the longest range allowed. */
export type RangeProblem =
  | { problem: 'malformed' }
  | { problem: 'impossible_date'; date: string }
  | { problem: 'start_after_end' }
  | { problem: 'start_in_future' }
  | { problem: 'too_long'; days: number; maxDays: number };

export type PeriodOutcome =
  | { kind: 'ok'; period: Period }
  | { kind: 'bad_period'; text: string }
  | { kind: 'future_month'; text: string }
  | ({ kind: 'bad_range'; text: string } & RangeProblem);

/** The longest date range a report covers, in local days (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;

const ROLLING = /^(7|30|90)d$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
/** Anything written as a range: its halves are checked by resolvePeriod, which says what is wrong. */
const RANGE = /^([^.]*)\.\.([^.]*)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for the shapes resolvePeriod reads: `7d`, `30d`, `90d`, `YYYY-MM` or `…..…` (a range, checked there). */
export function isPeriodText(text: string): boolean {
  return ROLLING.test(text) || MONTH.test(text) || RANGE.test(text);
}

function window(start: DateTime, end: DateTime, endCap?: DateTime): Window {
  const to = endCap && endCap < end ? endCap : end;
  const days: string[] = [];
  const dayStarts: string[] = [];
  for (let day = start; day < to; day = day.plus({ days: 1 }).startOf('day')) {
    days.push(day.toISODate()!);
    dayStarts.push(day.toUTC().toISO()!);
  }
  return { from: start.toUTC().toISO()!, to: to.toUTC().toISO()!, days, dayStarts };
}

/** A local calendar day in the timezone, or why it is not one. */
function localDate(text: string, timezone: string): DateTime | RangeProblem {
  const parts = DATE.exec(text.trim());
  if (!parts) return { problem: 'malformed' };
  const day = DateTime.fromObject(
    { year: Number(parts[1]), month: Number(parts[2]), day: Number(parts[3]) },
    { zone: timezone },
  );
  return day.isValid ? day.startOf('day') : { problem: 'impossible_date', date: text.trim() };
}

/**
 * An inclusive range of local days `YYYY-MM-DD..YYYY-MM-DD`: from the first day's local midnight to
 * the end of the last day, capped at now (`justAfter`). Refused (changing nothing): a half that is
 * not a date or not a real one (2026-02-30), a start after the end, a start after today, more than
 * MAX_RANGE_DAYS days as asked.
 */
function resolveRange(
  text: string,
  halves: RegExpExecArray,
  timezone: string,
  local: DateTime,
  justAfter: DateTime,
):
  | { kind: 'range'; key: string; current: Window; start: DateTime }
  | Extract<PeriodOutcome, { kind: 'bad_range' }> {
  const start = localDate(halves[1]!, timezone);
  const end = localDate(halves[2]!, timezone);
  if (!DateTime.isDateTime(start)) return { kind: 'bad_range', text, ...start };
  if (!DateTime.isDateTime(end)) return { kind: 'bad_range', text, ...end };
  const startDay = start.toISODate()!;
  const endDay = end.toISODate()!;
  if (startDay > endDay) return { kind: 'bad_range', text, problem: 'start_after_end' };
  if (startDay > local.toISODate()!) return { kind: 'bad_range', text, problem: 'start_in_future' };
  // Calendar days counted on UTC dates: a local day of 23 or 25 hours is still one day.
  const days =
    Math.round(
      DateTime.fromISO(endDay, { zone: 'utc' }).diff(DateTime.fromISO(startDay, { zone: 'utc' }), 'days')
        .days,
    ) + 1;
  if (days > MAX_RANGE_DAYS)
    return { kind: 'bad_range', text, problem: 'too_long', days, maxDays: MAX_RANGE_DAYS };
  const current = window(start, end.plus({ days: 1 }).startOf('day'), justAfter);
  return { kind: 'range', key: `${startDay}..${endDay}`, current, start };
}

/**
 * Resolves a period in the community's timezone (luxon handles DST: a local day may be 23 or 25 h).
 * `Nd` = today (up to and including now) and the N−1 local days before it; previous = the N full days before that.
 * `YYYY-MM` = that calendar month (up to now if it is the current month); previous = the month before.
 * `YYYY-MM-DD..YYYY-MM-DD` = those local days, both included (the last one up to now); previous = as
 * many local days just before the first (as many as the range covers up to now, so a range reaching
 * past today compares like with like). Refusals: see RangeProblem.
 */
export function resolvePeriod(text: string, timezone: string, now: Date, createdAt: string): PeriodOutcome {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  // The current window includes this very moment (an order placed just now counts): its exclusive end is now + 1 ms.
  const justAfter = local.plus({ milliseconds: 1 });
  const rolling = ROLLING.exec(text);
  let key = text;
  let current: Window;
  let previousStart: DateTime;
  let previousEnd: DateTime;
  const halves = RANGE.exec(text);
  if (halves) {
    const range = resolveRange(text, halves, timezone, local, justAfter);
    if (range.kind !== 'range') return range;
    ({ key, current } = range);
    previousStart = range.start.minus({ days: current.days.length });
    previousEnd = range.start;
  } else if (rolling) {
    key = `${rolling[1]}d`;
    const n = Number(rolling[1]);
    const start = local.startOf('day').minus({ days: n - 1 });
    current = window(start, justAfter);
    previousStart = start.minus({ days: n });
    previousEnd = start;
  } else {
    const month = MONTH.exec(text);
    if (!month) return { kind: 'bad_period', text };
    const start = DateTime.fromObject(
      { year: Number(month[1]), month: Number(month[2]), day: 1 },
      { zone: timezone },
    );
    if (!start.isValid) return { kind: 'bad_period', text };
    if (start > local) return { kind: 'future_month', text };
    current = window(start, start.plus({ months: 1 }), justAfter);
    previousStart = start.minus({ months: 1 });
    previousEnd = start;
  }
  const previous =
    previousEnd.toMillis() > Date.parse(createdAt) ? window(previousStart, previousEnd) : undefined;
  return { kind: 'ok', period: { key, timezone, current, previous } };
}

/** Index of the local day an ISO moment falls in (binary search over the day starts), or -1 outside. */
export function dayIndex(window: Window, iso: string): number {
  if (iso < window.from || iso >= window.to) return -1;
  const starts = window.dayStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= iso) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Which of the two windows an ISO moment falls in. Times are compared as ISO UTC strings (as the store writes them). */
export function placeIn(period: Period, iso: string | undefined): 'current' | 'previous' | undefined {
  if (iso === undefined) return undefined;
  const { current, previous } = period;
  if (iso >= current.from && iso < current.to) return 'current';
  if (previous && iso >= previous.from && iso < previous.to) return 'previous';
  return undefined;
}

/** Which window a local day (YYYY-MM-DD) falls in. */
export function placeDay(period: Period, day: string): 'current' | 'previous' | undefined {
  const { current, previous } = period;
  if (current.days.length && day >= current.days[0]! && day <= current.days.at(-1)!) return 'current';
  if (previous?.days.length && day >= previous.days[0]! && day <= previous.days.at(-1)!) return 'previous';
  return undefined;
}
