/**
 * Small counts as people type them, in digits or Chinese numerals: one reader for the duration and
 * date readers and for the 接龙 order reader (`两天`, `十二点`, `三个`, `俩`).
 */

const DIGIT: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * `[tens]十[ones]` (`十`, `十二`, `二十`, `两十` as some type it, `九十九`), or one digit after an
 * optional `零` (`五`, `俩`, `零五` as in `八点零五`). `十两` is not twelve (两 is 2 only as a count
 * of something), and `二二` is not a number.
 */
const CHINESE = /^(?:([一二两三四五六七八九])?十([一二三四五六七八九])?|[零〇]?([一二两俩三四五六七八九]))$/;

/**
 * Reads a count written in ASCII digits or in Chinese numerals up to 99 (`12`, `十二`, `两`, `俩`,
 * `二十五`, `零五`); undefined if the whole text is neither. The callers' patterns decide which forms
 * reach it (the order reader takes no `零`).
 */
export function readCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '零' || text === '〇') return 0;
  const match = CHINESE.exec(text);
  if (!match) return undefined;
  const [, tens, ones, single] = match;
  if (single !== undefined) return DIGIT[single];
  return (tens === undefined ? 1 : DIGIT[tens]!) * 10 + (ones === undefined ? 0 : DIGIT[ones]!);
}
