import { DateTime } from 'luxon';

/** What `/report` is asked for: the last 7, 30 or 90 local days, or a calendar month. */
export type PeriodKey = '7d' | '30d' | '90d' | `${number}-${number}`;

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

export type PeriodOutcome =
  | { kind: 'ok'; period: Period }
  | { kind: 'bad_period'; text: string }
  | { kind: 'future_month'; text: string };

const ROLLING = /^(7|30|90)d$/i;
const MONTH = /^(\d{4})-(\d{2})$/;

export function isPeriodText(text: string): boolean {
  return ROLLING.test(text) || MONTH.test(text);
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

/**
 * Resolves a period in the community's timezone (luxon handles DST: a local day may be 23 or 25 h).
 * `Nd` = today (up to and including now) and the N−1 local days before it; previous = the N full days before that.
 * `YYYY-MM` = that calendar month (up to now if it is the current month); previous = the month before.
 */
export function resolvePeriod(text: string, timezone: string, now: Date, createdAt: string): PeriodOutcome {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  // The current window includes this very moment (an order placed just now counts): its exclusive end is now + 1 ms.
  const justAfter = local.plus({ milliseconds: 1 });
  const rolling = ROLLING.exec(text);
  let current: Window;
  let previousStart: DateTime;
  let previousEnd: DateTime;
  if (rolling) {
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
  return { kind: 'ok', period: { key: rolling ? `${rolling[1]}d` : text, timezone, current, previous } };
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
