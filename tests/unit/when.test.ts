import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/core/duration.js';
import { ambiguityOf, readWhen, WHEN_FORMS, type WhenOutcome } from '../../src/core/when.js';

// Monday 2026-11-30: 18:00 in Shanghai, 05:00 in New York. Fixed, so no expectation ever expires.
const NOW = new Date('2026-11-30T10:00:00Z');
const HOUR = 3_600_000;

/** The outcome as a reader would check it: the local wall time in the zone, or the refusal. */
function read(text: string, zone: string, now = NOW): string {
  const outcome: WhenOutcome = readWhen(text, zone, now);
  if (outcome.kind !== 'ok') return outcome.kind;
  return DateTime.fromJSDate(outcome.at, { zone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
}

function instant(text: string, zone: string, now = NOW): string {
  const outcome = readWhen(text, zone, now);
  return outcome.kind === 'ok' ? outcome.at.toISOString() : outcome.kind;
}

const END = '23:59:59.999';
// Both zones are on Monday 2026-11-30 at NOW, so calendar forms name the same local times.
const CALENDAR: [string, string][] = [
  ['12-05', `2026-12-05 ${END}`],
  ['12/5', `2026-12-05 ${END}`],
  ['12月5日', `2026-12-05 ${END}`],
  ['12月5号', `2026-12-05 ${END}`],
  ['十二月五日', `2026-12-05 ${END}`],
  ['１２月５日', `2026-12-05 ${END}`],
  ['12月5日20点', '2026-12-05 20:00:00.000'],
  ['12月5日晚上8点半', '2026-12-05 20:30:00.000'],
  ['12-05 20:00', '2026-12-05 20:00:00.000'],
  ['明天20:00', '2026-12-01 20:00:00.000'],
  ['明天 20:00', '2026-12-01 20:00:00.000'],
  ['明天２０：００', '2026-12-01 20:00:00.000'],
  ['明天', `2026-12-01 ${END}`],
  ['今晚8点', '2026-11-30 20:00:00.000'],
  ['今晚八点', '2026-11-30 20:00:00.000'],
  ['今晚', `2026-11-30 ${END}`],
  ['今晚12点', '2026-12-01 00:00:00.000'],
  ['明晚24点', '2026-12-02 00:00:00.000'],
  ['后天中午', '2026-12-02 12:00:00.000'],
  ['后天中午1点', '2026-12-02 13:00:00.000'],
  ['明天下午3点', '2026-12-01 15:00:00.000'],
  ['明天早上8点', '2026-12-01 08:00:00.000'],
  ['明早8点', '2026-12-01 08:00:00.000'],
  ['周五 20:00', '2026-12-04 20:00:00.000'],
  ['周五20:00', '2026-12-04 20:00:00.000'],
  ['星期五', `2026-12-04 ${END}`],
  ['礼拜天', `2026-12-06 ${END}`],
  ['周一', `2026-11-30 ${END}`],
  ['下周一 10:00', '2026-12-07 10:00:00.000'],
  ['下周五', `2026-12-11 ${END}`],
  ['下下周一', `2026-12-14 ${END}`],
  ['本周日', `2026-12-06 ${END}`],
  ['截止到周五晚8点前', '2026-12-04 20:00:00.000'],
  ['2026-12-05 20:00', '2026-12-05 20:00:00.000'],
  ['2026-12-05T20:00', '2026-12-05 20:00:00.000'],
  ['2026/12/5 20:00:30', '2026-12-05 20:00:30.000'],
  ['2026年12月5日', `2026-12-05 ${END}`],
  ['2026-12-05', `2026-12-05 ${END}`],
  ['20:00', '2026-11-30 20:00:00.000'],
  ['20点', '2026-11-30 20:00:00.000'],
  ['晚上8点', '2026-11-30 20:00:00.000'],
  ['1-05', `2027-01-05 ${END}`],
  ['5号', `2026-12-05 ${END}`],
  ['30号', `2026-11-30 ${END}`],
  ['31号', `2026-12-31 ${END}`],
  ['tomorrow 8pm', '2026-12-01 20:00:00.000'],
  ['tonight 8:30 pm', '2026-11-30 20:30:00.000'],
  ['tomorrow noon', '2026-12-01 12:00:00.000'],
  ['fri 20:00', '2026-12-04 20:00:00.000'],
  ['Friday', `2026-12-04 ${END}`],
];

const DURATIONS: [string, number][] = [
  ['48h', 48 * HOUR],
  ['3d', 72 * HOUR],
  ['3天', 72 * HOUR],
  ['三天', 72 * HOUR],
  ['两天后', 48 * HOUR],
  ['2小时', 2 * HOUR],
  ['90分钟', 1.5 * HOUR],
  ['1w', 168 * HOUR],
  ['1周', 168 * HOUR],
  ['1天12小时', 36 * HOUR],
  ['４８ｈ', 48 * HOUR],
];

const AMBIGUOUS = [
  '8点', // morning or evening?
  '明天8点',
  '12点', // noon or midnight?
  '12-05 8点',
  '5/12/2026', // May 12 or 5 December?
  '12-05-2026',
  '12/5/26',
  '12.5', // a date or a number?
  '明天下午', // which hour?
  'next fri', // this week's or next week's?
  '上午15点',
];

const UNREADABLE = [
  'soon',
  '',
  '前',
  '13-05',
  '2-30',
  '25:00',
  '明天8',
  '2026-12-05 20:61',
  '12-05 abc',
  '一二三月5日', // not a number, so not "this month"
  '一二号',
  '今晚一二点',
];

describe.each(['Asia/Shanghai', 'America/New_York'])('readWhen in %s', (zone) => {
  it.each(CALENDAR)('%s is %s local time', (text, local) => {
    expect(read(text, zone)).toBe(local);
  });

  it.each(DURATIONS)('%s counts from now', (text, ms) => {
    expect(instant(text, zone)).toBe(new Date(NOW.getTime() + ms).toISOString());
  });

  it.each(AMBIGUOUS)('%s is refused as ambiguous', (text) => {
    expect(read(text, zone)).toBe('ambiguous');
  });

  it.each(UNREADABLE)('%j is unreadable', (text) => {
    expect(read(text, zone)).toBe('unreadable');
  });

  it.each([
    '2026-11-29',
    '11-29', // the nearest 11-29 was yesterday: a slip, not a deadline a year away
    '昨天',
    '这周一 04:00',
    '0h',
    '2026-11-30T09:00:00Z',
  ])('%s is refused as past', (text) => {
    expect(read(text, zone)).toBe('past');
  });

  it('an explicit offset is that instant, whatever the zone', () => {
    expect(instant('2026-12-05T20:00+08:00', zone)).toBe('2026-12-05T12:00:00.000Z');
  });
});

describe('readWhen, where the zone decides', () => {
  it('12-05 is a date in every zone, never 12:00 at UTC−05', () => {
    for (const zone of ['America/New_York', 'America/Bogota', 'America/Chicago', 'Asia/Shanghai', 'UTC']) {
      const outcome = readWhen('12-05', zone, NOW);
      expect(outcome.kind).toBe('ok');
      if (outcome.kind !== 'ok') continue;
      expect(DateTime.fromJSDate(outcome.at, { zone }).toFormat('MM-dd HH:mm')).toBe('12-05 23:59');
      expect(outcome.at.toISOString()).not.toBe('2026-11-30T17:00:00.000Z');
    }
  });

  it('a time already gone today is past in Shanghai (18:00) but ahead in New York (05:00)', () => {
    expect(read('08:00', 'Asia/Shanghai')).toBe('past');
    expect(read('08:00', 'America/New_York')).toBe('2026-11-30 08:00:00.000');
    expect(read('早上8点', 'Asia/Shanghai')).toBe('past');
    expect(read('今天', 'Asia/Shanghai')).toBe(`2026-11-30 ${END}`);
  });

  it('the same words name different instants in the two zones', () => {
    expect(instant('明天20:00', 'Asia/Shanghai')).toBe('2026-12-01T12:00:00.000Z');
    expect(instant('明天20:00', 'America/New_York')).toBe('2026-12-02T01:00:00.000Z');
  });

  it('an unknown timezone makes everything unreadable instead of throwing', () => {
    expect(read('明天', 'Mars/Olympus')).toBe('unreadable');
  });
});

describe('readWhen across New York DST changes', () => {
  const zone = 'America/New_York';
  // Saturday 2026-10-31 08:00 EDT; clocks go back from 02:00 to 01:00 on Sunday.
  const beforeFallBack = new Date('2026-10-31T12:00:00Z');
  // Saturday 2027-03-13 10:00 EST; clocks jump from 02:00 to 03:00 on Sunday.
  const beforeSpring = new Date('2027-03-13T15:00:00Z');

  it('a time in the repeated hour of a fall-back night is its first occurrence, as schedules run', () => {
    expect(instant('11-01 01:30', zone, beforeFallBack)).toBe('2026-11-01T05:30:00.000Z'); // EDT, UTC−4
    expect(instant('明天凌晨1点半', zone, beforeFallBack)).toBe('2026-11-01T05:30:00.000Z');
    expect(instant('明天 02:00', zone, beforeFallBack)).toBe('2026-11-01T07:00:00.000Z'); // EST, UTC−5
    expect(instant('明天20:00', zone, beforeFallBack)).toBe('2026-11-02T01:00:00.000Z'); // EST, UTC−5
    expect(instant('明天 00:30', zone, beforeFallBack)).toBe('2026-11-01T04:30:00.000Z'); // still EDT
    expect(instant('明天', zone, beforeFallBack)).toBe('2026-11-02T04:59:59.999Z'); // a 25-hour day
  });

  it('a duration is elapsed time, so 48h over the change shows an hour earlier on the clock', () => {
    expect(instant('48h', zone, beforeFallBack)).toBe('2026-11-02T12:00:00.000Z');
    expect(read('48h', zone, beforeFallBack)).toBe('2026-11-02 07:00:00.000');
  });

  it('a time the spring-forward night skips is the first minute after the gap (03:00)', () => {
    expect(instant('明天02:30', zone, beforeSpring)).toBe('2027-03-14T07:00:00.000Z'); // 03:00 EDT
    expect(read('3-14 02:59', zone, beforeSpring)).toBe('2027-03-14 03:00:00.000');
    expect(instant('明天凌晨2点', zone, beforeSpring)).toBe('2027-03-14T07:00:00.000Z');
    expect(instant('明天03:30', zone, beforeSpring)).toBe('2027-03-14T07:30:00.000Z'); // EDT, UTC−4
    expect(instant('3-14 20:00', zone, beforeSpring)).toBe('2027-03-15T00:00:00.000Z');
    expect(read('3-14 20:00', 'Asia/Shanghai', beforeSpring)).toBe('2027-03-14 20:00:00.000');
  });
});

describe('accepted forms', () => {
  it('every form the list shows is accepted, in both languages', () => {
    for (const locale of ['en', 'zh'] as const) {
      for (const form of WHEN_FORMS[locale].split(/, |、/)) {
        expect(readWhen(form, 'Asia/Shanghai', new Date('2026-11-30T01:00:00Z')).kind, form).toBe('ok');
      }
    }
  });
});

describe('durations', () => {
  it('parseDuration reads English and Chinese units, Chinese numerals and sums', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('+2d')).toBe(48 * HOUR);
    expect(parseDuration('2个小时')).toBe(2 * HOUR);
    expect(parseDuration('十二小时')).toBe(12 * HOUR);
    expect(parseDuration('1h30m')).toBe(1.5 * HOUR);
    expect(parseDuration('1小时30分')).toBe(1.5 * HOUR);
    expect(parseDuration('3 days')).toBe(72 * HOUR);
  });

  it('reads Chinese numerals as the 接龙 reader does: 俩, and 零 before a digit', () => {
    // One reader of counts for durations, dates and orders (src/core/numerals.ts).
    expect(parseDuration('俩小时')).toBe(2 * HOUR);
    expect(parseDuration('俩天')).toBe(48 * HOUR);
    expect(read('明天晚上八点零五', 'Asia/Shanghai')).toBe('2026-12-01 20:05:00.000');
    expect(read('明天20点零五分', 'Asia/Shanghai')).toBe('2026-12-01 20:05:00.000');
    // `十两` and `二二` are not numbers: refused, not guessed.
    expect(parseDuration('十两天')).toBeUndefined();
    expect(read('明天二二点', 'Asia/Shanghai')).toBe('unreadable');
  });

  it('parseDuration leaves times, dates and words alone', () => {
    for (const text of ['20时', '5日', '8点', '12-05', '1.5h', '3months', 'h', '', '3天前']) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });

  it('formatDuration speaks the reader’s language', () => {
    const ms = (h: number, m = 0) => h * HOUR + m * 60_000;
    expect(formatDuration(ms(1, 50))).toBe('1h 50m');
    expect(formatDuration(ms(1, 50), 'zh')).toBe('1小时50分');
    expect(formatDuration(ms(51), 'zh')).toBe('2天3小时');
    expect(formatDuration(ms(51), 'en')).toBe('2d 3h');
    expect(formatDuration(ms(0, 45), 'zh')).toBe('45分钟');
    expect(formatDuration(ms(48), 'zh')).toBe('2天');
    expect(formatDuration(-5, 'zh')).toBe('0分钟');
  });
});

describe('what a refused ambiguous time leaves unclear (the answer names that case alone)', () => {
  it.each([
    ['5/12/2026', 'day-month'],
    ['截止 5-12-26 20:00', 'day-month'],
    ['12.5', 'decimal'],
    ['next fri', 'week'],
    ['8点', 'hour'],
    ['明天下午', 'hour'],
  ] as const)('%s: %s', (text, expected) => {
    const now = DateTime.fromISO('2026-12-01T10:00', { zone: 'Asia/Shanghai' }).toJSDate();
    // Only for what the reader itself refuses as ambiguous.
    if (!text.startsWith('截止')) expect(readWhen(text, 'Asia/Shanghai', now).kind).toBe('ambiguous');
    expect(ambiguityOf(text)).toBe(expected);
  });
});
