import { DateTime } from 'luxon';
import { parseDuration } from './duration.js';
import type { Locale } from './i18n/index.js';
import { instantOfWallTime } from './local-time.js';
import { readCount } from './numerals.js';

/**
 * Deadlines the way group leaders write them, read in the community's timezone.
 *
 * Rules (each one refuses rather than guesses):
 * - A duration (`48h`, `3天`, `2小时`, `90分钟`, `1周`, `三天后`) counts from now.
 * - A date without a time means the end of that day (23:59:59.999 local).
 * - `12-05` and `12/5` are month-day: Chinese and US order agree. Three numbers with the year
 *   last (`5/12/2026`, `5-12-26`) could be either order: ambiguous. `12.5` could be a decimal:
 *   ambiguous. A date is never read as a time-zone offset (luxon's ISO reader takes `12-05` as
 *   12:00 at UTC−05, which closed deals hours after they opened).
 * - A month-day without a year is its nearest occurrence; if that day is already over it is
 *   refused as past (`12-05` written on December 6 is a slip, not a deadline a year away).
 *   A day of the month alone (`5号`) is the next such day, this month or a later one.
 * - `HH:MM` is a 24-hour clock. `H点` needs 13–24 or 0, a part of the day (`早上`, `下午`,
 *   `今晚`…) or am/pm; a bare `8点` (morning or evening?) is ambiguous.
 * - `中午` alone is 12:00; `今晚`/`晚上` alone is the end of that day; another part of the day
 *   alone (`明天下午`) names no hour: ambiguous. `24:00`/`晚上12点` is midnight at the end of the day.
 * - A weekday (`周五`, `fri`) is the next such day, today included; `本周五` is this week's
 *   (weeks start on Monday), `下周五` next week's. English `next fri` is ambiguous.
 * - A time alone (`20:00`) is today. A local time a DST change skips is the first minute after
 *   the gap (`02:30` → 03:00); one it repeats is its first occurrence (as schedules run).
 * - Anything at or before `now` is past.
 */
export type WhenOutcome =
  | { kind: 'ok'; at: Date }
  | { kind: 'past' }
  | { kind: 'ambiguous' }
  | { kind: 'unreadable' };

type Refusal = Exclude<WhenOutcome, { kind: 'ok' }>;

/** The accepted forms in one line, for messages that explain a refusal. */
export const WHEN_FORMS: Record<Locale, string> = {
  en: '12-05, 12/5, 2026-12-05 20:00, tomorrow 20:00, fri 20:00, 20:00, 8pm, 48h, 3d',
  zh: '12月5日、12-05、明天20:00、今晚8点、周五 20:00、下周一 10:00、2026-12-05 20:00、48小时、3天',
};

/**
 * What makes a deadline the reader refused as ambiguous unclear, so the answer names that case
 * alone: day and month either way round (`5/12/2026`), a date or a decimal (`12.5`), which week
 * (`next fri`), or the hour (`8点`, `明天下午`: morning or evening, which hour?).
 */
export type Ambiguity = 'day-month' | 'decimal' | 'week' | 'hour';

/** Which case made `text` ambiguous (the same patterns as the reader's, in the same order). */
export function ambiguityOf(text: string): Ambiguity {
  const s = text.trim().toLowerCase();
  if (/\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)/.test(s)) return 'day-month';
  if (/(^|\D)\d{1,2}\.\d{1,2}(?!\d)/.test(s)) return 'decimal';
  if (/next /.test(s)) return 'week';
  return 'hour';
}

const PAST: Refusal = { kind: 'past' };
const AMBIGUOUS: Refusal = { kind: 'ambiguous' };
const UNREADABLE: Refusal = { kind: 'unreadable' };

type Period = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'dusk' | 'evening';
const PERIODS: Record<string, Period> = {
  凌晨: 'dawn',
  早上: 'morning',
  早晨: 'morning',
  清晨: 'morning',
  上午: 'morning',
  早: 'morning',
  中午: 'noon',
  正午: 'noon',
  noon: 'noon',
  下午: 'afternoon',
  午后: 'afternoon',
  傍晚: 'dusk',
  晚上: 'evening',
  晚间: 'evening',
  夜里: 'evening',
  夜间: 'evening',
  晚: 'evening',
};
const PERIOD_PATTERN = Object.keys(PERIODS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Hours each part of the day accepts: [written hour range, hours added]. */
// biome-ignore format: one row per part of the day
const PERIOD_HOURS: Record<Period, [number, number, number][]> = {
  dawn: [[0, 5, 0], [12, 12, -12]],
  morning: [[0, 11, 0]],
  noon: [[11, 15, 0], [1, 3, 12]],
  afternoon: [[12, 23, 0], [1, 11, 12]],
  dusk: [[16, 20, 0], [4, 8, 12]],
  evening: [[18, 24, 0], [6, 12, 12]],
};

const RELATIVE_DAYS: Record<string, [number, Period?]> = {
  昨天: [-1],
  今天: [0],
  今日: [0],
  today: [0],
  明天: [1],
  明日: [1],
  tomorrow: [1],
  后天: [2],
  大后天: [3],
  今晚: [0, 'evening'],
  tonight: [0, 'evening'],
  明晚: [1, 'evening'],
  今早: [0, 'morning'],
  明早: [1, 'morning'],
};
const RELATIVE_PATTERN = Object.keys(RELATIVE_DAYS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const CN_WEEKDAYS = '一二三四五六日';
// biome-ignore format: a table reads better packed
const EN_WEEKDAYS: Record<string, number> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4,
  thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};
const EN_WEEKDAY_PATTERN = Object.keys(EN_WEEKDAYS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const NUM = `(?:\\d{1,2}|[零〇一二两三四五六七八九十]{1,3})`;
const TIME = new RegExp(
  `^(?<period>${PERIOD_PATTERN})?` +
    `(?:(?<hour>${NUM})(?:(?::(?<minute>\\d{2})(?::(?<second>\\d{2}))?)|(?<dian>点钟|[点时])(?<after>半|一刻|三刻|整|${NUM}分?)?)? ?(?<ampm>am|pm)?)?$`,
);
const FULL_ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:z|[+-]\d{2}:?\d{2})$/;

/** What a leading date names: a local day (start of day), perhaps with a part of the day. */
interface DayPart {
  day: DateTime | Refusal;
  period?: Period;
  rest: string;
}

/**
 * Reads a deadline written the way people write one (see the rules above) in `timezone`
 * (IANA name), relative to `now`. Never throws; an unknown timezone makes everything unreadable.
 */
export function readWhen(text: string, timezone: string, now: Date): WhenOutcome {
  const s = normalize(text);
  const local = DateTime.fromJSDate(now, { zone: timezone });
  if (!s || !local.isValid) return UNREADABLE;

  if (FULL_ISO_WITH_OFFSET.test(s)) {
    const at = DateTime.fromISO(s.toUpperCase().replace(' ', 'T'), { setZone: true });
    return at.isValid ? future(at, now) : UNREADABLE;
  }

  const duration = parseDuration(s.replace(/^in /, '').replace(/(以后|之后|后)$/, ''));
  if (duration !== undefined) return future(DateTime.fromMillis(now.getTime() + duration), now);

  // `截止到周五晚8点前`: the words around a deadline say nothing more.
  const bare = s.replace(/^(截止到|截止|截至|到|至)/, '').replace(/(之前|以前|前|为止|截止|截团)$/, '');
  if (!bare) return UNREADABLE;
  const today = local.startOf('day');
  const date = readDay(bare, today) ?? { day: today, rest: bare };
  if (!DateTime.isDateTime(date.day)) return date.day;
  return readTime(date.rest.replace(/^(?: |t(?=\d)|的|,)/, ''), date.day, date.period, now);
}

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[，、]/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/ (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) /g, '')
    .replace(/(?<=\d) (?=[点时:])|(?<=[点时:]) (?=\d)/g, '');
}

/** A leading date, or undefined if the text starts with none (a time alone is today). */
function readDay(s: string, today: DateTime): DayPart | undefined {
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/.exec(s);
  if (m) return { day: exactDay(today, +m[1]!, +m[2]!, +m[3]!), rest: s.slice(m[0].length) };
  // A year last (5/12/2026): day-month or month-day depends on the writer's country.
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)/.test(s)) return { day: AMBIGUOUS, rest: '' };
  m = /^(\d{1,2})[-/](\d{1,2})(?![\d/-])/.exec(s);
  if (m) return { day: nearestDay(today, +m[1]!, +m[2]!), rest: s.slice(m[0].length) };
  if (/^\d{1,2}\.\d{1,2}(?!\d)/.test(s)) return { day: AMBIGUOUS, rest: '' };
  m = new RegExp(`^(${NUM})月(${NUM})[日号]?`).exec(s);
  if (m) {
    const [month, day] = [readCount(m[1]!), readCount(m[2]!)];
    if (month === undefined || day === undefined) return { day: UNREADABLE, rest: '' };
    return { day: nearestDay(today, month, day), rest: s.slice(m[0].length) };
  }
  m = new RegExp(`^(${RELATIVE_PATTERN})`).exec(s);
  if (m) {
    const [days, period] = RELATIVE_DAYS[m[1]!]!;
    return { day: today.plus({ days }), ...(period ? { period } : {}), rest: s.slice(m[0].length) };
  }
  m = /^(下下|下个|下|这个|这|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])/.exec(s);
  if (m) {
    const weekday = /\d/.test(m[2]!) ? +m[2]! : CN_WEEKDAYS.indexOf(m[2]!.replace('天', '日')) + 1;
    return { day: weekdayDay(today, weekday, m[1] ?? ''), rest: s.slice(m[0].length) };
  }
  m = new RegExp(`^(next |this )?(${EN_WEEKDAY_PATTERN})(?![a-z])`).exec(s);
  if (m) {
    // "next friday" is this week's Friday to some and next week's to others.
    if (m[1] === 'next ') return { day: AMBIGUOUS, rest: '' };
    return { day: weekdayDay(today, EN_WEEKDAYS[m[2]!]!, ''), rest: s.slice(m[0].length) };
  }
  m = new RegExp(`^(${NUM})[日号]`).exec(s);
  if (m) {
    const day = readCount(m[1]!);
    return { day: day === undefined ? UNREADABLE : nextDayOfMonth(today, day), rest: s.slice(m[0].length) };
  }
  return undefined;
}

function exactDay(today: DateTime, year: number, month: number, day: number): DateTime | Refusal {
  const date = DateTime.fromObject({ year, month, day }, { zone: today.zone });
  return date.isValid ? date : UNREADABLE;
}

/** The occurrence of a month-day nearest to today; past if that day is over. */
function nearestDay(today: DateTime, month: number, day: number): DateTime | Refusal {
  const candidates = [today.year - 1, today.year, today.year + 1]
    .map((year) => DateTime.fromObject({ year, month, day }, { zone: today.zone }))
    .filter((d) => d.isValid)
    .sort((a, b) => Math.abs(a.diff(today).toMillis()) - Math.abs(b.diff(today).toMillis()));
  const nearest = candidates[0];
  if (!nearest) return UNREADABLE;
  return nearest < today ? PAST : nearest;
}

/** The next day with this day-of-month, today included. */
function nextDayOfMonth(today: DateTime, day: number): DateTime | Refusal {
  for (let i = 0; i <= 12; i++) {
    const month = today.plus({ months: i });
    const date = DateTime.fromObject({ year: month.year, month: month.month, day }, { zone: today.zone });
    if (date.isValid && date >= today) return date;
  }
  return UNREADABLE;
}

/** A weekday (1 = Monday): the next one from today (no prefix), this week's, or a later week's. */
function weekdayDay(today: DateTime, weekday: number, prefix: string): DateTime | Refusal {
  if (prefix === '') return today.plus({ days: (weekday - today.weekday + 7) % 7 });
  const weeks = prefix === '下下' ? 2 : prefix.startsWith('下') ? 1 : 0;
  // luxon's startOf('week') is the ISO week: Monday, the week Chinese calendars use.
  const date = today.startOf('week').plus({ weeks, days: weekday - 1 });
  return date < today ? PAST : date;
}

/** Reads the time after a date (or alone) and builds the instant. */
function readTime(s: string, day: DateTime, dayPeriod: Period | undefined, now: Date): WhenOutcome {
  const m = TIME.exec(s);
  const g = m?.groups;
  if (!g) return UNREADABLE;
  const written = g.period ? PERIODS[g.period] : undefined;
  if (written && dayPeriod && written !== dayPeriod) return AMBIGUOUS;
  const period = written ?? dayPeriod;
  if (g.hour === undefined) {
    if (g.period === undefined && dayPeriod === undefined && s !== '') return UNREADABLE;
    if (period === 'noon') return instant(day, 12, 0, 0, now);
    if (period === undefined || period === 'evening') return future(day.endOf('day'), now);
    return AMBIGUOUS; // 明天下午: which hour?
  }
  const hour = readCount(g.hour);
  if (hour === undefined) return UNREADABLE;
  if (g.minute === undefined && g.dian === undefined && g.ampm === undefined) return UNREADABLE;
  const minute = g.minute !== undefined ? +g.minute : minutesAfter(g.after);
  const second = g.second !== undefined ? +g.second : 0;
  if (minute === undefined || minute > 59 || second > 59) return UNREADABLE;
  const clock = clockHour(hour, period, g.dian === undefined, g.ampm);
  if (typeof clock !== 'number') return clock;
  if (clock === 24 && (minute || second)) return UNREADABLE;
  return instant(day, clock, minute, second, now);
}

function minutesAfter(after: string | undefined): number | undefined {
  if (after === undefined || after === '整') return 0;
  if (after === '半') return 30;
  if (after === '一刻') return 15;
  if (after === '三刻') return 45;
  return readCount(after.replace('分', ''));
}

/** The 24-hour clock hour (24 = midnight ending the day) of a written hour, or why it is refused. */
function clockHour(
  hour: number,
  period: Period | undefined,
  colon: boolean,
  ampm: string | undefined,
): number | Refusal {
  if (ampm) {
    if (hour < 1 || hour > 12) return UNREADABLE;
    const clock = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    // `tonight 8pm` agrees with itself; `tonight 8am` does not.
    return !period || clockHour(clock, period, true, undefined) === clock ? clock : AMBIGUOUS;
  }
  if (!period) {
    if (hour > 24) return UNREADABLE;
    // HH:MM is a 24-hour clock; `8点` could be morning or evening, `20点` cannot.
    return colon || hour === 0 || hour >= 13 ? hour : AMBIGUOUS;
  }
  for (const [from, to, add] of PERIOD_HOURS[period]) if (hour >= from && hour <= to) return hour + add;
  return AMBIGUOUS;
}

/**
 * A local wall-clock time on a day. On a DST night it follows the rule schedules follow
 * (local-time.ts): a time the clocks skip is the first minute after the gap, a time they pass
 * twice is its first occurrence.
 */
function instant(day: DateTime, hour: number, minute: number, second: number, now: Date): WhenOutcome {
  if (hour === 24) return future(day.plus({ days: 1 }).startOf('day'), now);
  const wall = { year: day.year, month: day.month, day: day.day, hour, minute, second };
  const at = instantOfWallTime(wall, day.zoneName ?? 'UTC');
  return future(DateTime.fromJSDate(at), now);
}

function future(at: DateTime, now: Date): WhenOutcome {
  return at.toMillis() > now.getTime() ? { kind: 'ok', at: at.toJSDate() } : PAST;
}
