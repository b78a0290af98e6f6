/**
 * Character-level pieces of the 接龙 reader: full-width folding, Chinese numerals, units and the
 * regex fragments the line and roster readers share. Pre-compiled once: the reader runs on every
 * group message.
 */

/**
 * A quantity as written: 1–4 ASCII digits or a Chinese numeral up to 99 (`两`, `俩`, `十二`, `九十九`);
 * its value is readCount's (src/core/numerals.ts).
 */
export const NUM = '(?:\\d{1,4}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两俩三四五六七八九])';

/** Counting words members put after a quantity (`2份`, `三个`, `5斤`). 块 is left out: `2块` is money as often as pieces. */
export const UNIT =
  '(?:份|个|斤|公斤|千克|kg|盒|箱|袋|件|只|包|瓶|罐|提|杯|串|条|颗|支|套|桶|根|枚|对|双|组|听|粒|张|本|卷|把|筐|兜)';

/** Whitespace and the punctuation that separates a note from a quantity. */
export const SEP = '[\\s,.;:!~、。，；：！～…·()（）【】\\[\\]"“”\'‘’「」]';
const SEP_RE = new RegExp(`^${SEP}+|${SEP}+$`, 'gu');

/** First of the private-use characters that stand for matched option names. */
export const OPTION_MARK = 0xe000;
export const MARK_CLASS = '\\uE000-\\uE0FF';

const FULL_WIDTH = /[\uff01-\uff5e]/g;
/** Chinese punctuation kept as typed: it reads the same to the reader and keeps notes natural. */
const KEEP = new Set('，！？：；（）～');
/** Zero-width characters, and bidi marks and isolates (a copied roster fences right-to-left names in U+2068 … U+2069). */
const ZERO_WIDTH = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
const MINUS = /[−－—–]/g;
/** Emoji and small plus signs (`➕1`, `﹢1`), with a stray emoji presentation selector. */
const PLUS = /[➕﹢✚]\ufe0f?/g;
/** Keycap digits (`1️⃣` = `1` U+FE0F U+20E3) as the digit, so no `️⃣` is left in a note. */
const KEYCAP = /([0-9#*])\ufe0f?\u20e3/g;

/**
 * Folds what input methods produce into ASCII where the reader looks: full-width digits, letters
 * and signs (`＋１`, `Ｌ`, `＃`, `．`), other minus and plus signs (`➕`), keycap digits (`1️⃣`, `🔟`),
 * zero-width and bidi control characters and CRLF. Chinese punctuation (`，！？：；（）～`) stays as typed; every
 * pattern accepts both forms.
 * Spaces (U+3000, U+2005 …) are folded later by `foldSpaces`, after WeChat mentions (which end in
 * U+2005) are read.
 */
export function foldWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (KEEP.has(c) ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(MINUS, '-')
    .replace(PLUS, '+')
    .replace(KEYCAP, '$1')
    .replace(/🔟/gu, '10')
    .replace(ZERO_WIDTH, '')
    .replace(/\r\n?/g, '\n');
}

const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;

/** Every kind of space as an ASCII space. */
export function foldSpaces(text: string): string {
  return text.replace(SPACES, ' ');
}

/** Trims whitespace and separating punctuation from both ends (`，周六来拿。` → `周六来拿`). */
export function trimPunctuation(text: string): string {
  return text.replace(SEP_RE, '');
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
