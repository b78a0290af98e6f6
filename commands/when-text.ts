import type { Locale } from '../src/core/i18n/index.js';
import type { Ambiguity } from '../src/core/when.js';

/** What is unclear in a deadline or start refused as ambiguous (src/core/when.ts ambiguityOf), said alone. */
export const AMBIGUITY: Record<Locale, Record<Ambiguity, string>> = {
  en: {
    'day-month': 'day and month could be either way round: is 5/12 May 12 or December 5?',
    decimal: 'a date or a number?',
    week: 'this coming one, or the one after?',
    hour: 'which hour? give the hour and morning or evening, like 8pm or 20:00',
  },
  zh: {
    'day-month': '日和月的先后不明：5/12 是5月12日还是12月5日？',
    decimal: '是日期还是数字？',
    week: '是这周还是下周？',
    hour: '是几点？请写明钟点和早晚，如 晚上8点、20:00',
  },
};
