import type { Locale } from './i18n/index.js';
import { readCount } from './numerals.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Longest spellings first so the alternation never stops at a prefix (`min` before `m`).
// `时` and `日` are deliberately absent: `20时` is a clock time and `5日` a day of the month.
const UNITS: [string[], number][] = [
  [['seconds', 'second', 'secs', 'sec', 's', '秒钟', '秒'], 1000],
  [['minutes', 'minute', 'mins', 'min', 'm', '分钟', '分'], MINUTE],
  [['hours', 'hour', 'hrs', 'hr', 'h', '个小时', '小时', '个钟头', '钟头'], HOUR],
  [['days', 'day', 'd', '天'], DAY],
  [['weeks', 'week', 'wks', 'wk', 'w', '个星期', '星期', '个礼拜', '礼拜', '周'], 7 * DAY],
];
const UNIT_MS = new Map(UNITS.flatMap(([names, ms]) => names.map((name) => [name, ms] as const)));
const UNIT_PATTERN = [...UNIT_MS.keys()].sort((a, b) => b.length - a.length).join('|');

/** Chinese numerals people type for small counts: 一 … 九十九, 两, 俩, 〇. */
const CN_NUMBER = '[零〇一二两俩三四五六七八九十]{1,3}';

/** A regex source matching a count written in digits (up to 6) or in Chinese numerals (up to 99). */
export const COUNT_PATTERN = `\\d{1,6}|${CN_NUMBER}`;

const PART = new RegExp(`(${COUNT_PATTERN})\\s*(${UNIT_PATTERN})`, 'y');

/**
 * Reads a duration to milliseconds: `90m`, `3h`, `2d`, `1w`, `3天`, `2小时`, `90分钟`, `1周`,
 * `两天`, and sums like `1h30m` or `1天12小时`; an optional leading `+`; full-width characters
 * are read as their ASCII twins. Undefined if the whole text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.normalize('NFKC').trim().toLowerCase().replace(/^\+/, '');
  if (!s) return undefined;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    PART.lastIndex = at;
    const match = PART.exec(s);
    if (!match) return undefined;
    const count = readCount(match[1]!);
    if (count === undefined) return undefined;
    total += count * UNIT_MS.get(match[2]!)!;
    at = PART.lastIndex;
    while (s[at] === ' ') at++;
  }
  return total;
}

/**
 * Formats milliseconds the way people say them, to the minute: en `2d 3h`, `1h 50m`, `45m`;
 * zh `2天3小时`, `1小时50分`, `45分钟`. Minutes are left out once the duration is a day or more.
 */
export function formatDuration(ms: number, locale: Locale = 'en'): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = d ? 0 : minutes % 60;
  if (locale === 'zh') {
    if (!d && !h) return `${m}分钟`;
    return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${m ? `${m}分` : ''}`;
  }
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}
