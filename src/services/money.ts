/** Money is integer cents everywhere; these are the only conversions from and to text. */

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** Full-width digits, dot, comma, signs and dollar sign (`１２．５`) as their ASCII forms. */
export function halfWidth(text: string): string {
  return text.replace(/[０-９．，－＋＄]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** `39.9` → 3990, `12` → 1200, `１２` → 1200; undefined for anything that is not a plain non-negative amount. */
export function parseMoney(text: string): number | undefined {
  const match = AMOUNT.exec(
    halfWidth(text)
      .trim()
      .replace(/^[¥￥$€£]/, '')
      .replace(/(?:元|块)$/, ''),
  );
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * A word that is meant as an amount: a sign, a currency sign, a dot or a digit (half or full
 * width) in front, or a Chinese numeral (`五`, `十元`), which is refused rather than guessed.
 */
const AMOUNT_LIKE = /^(?:[-+−]?[¥￥$€£]?[-+−]?[.,]?\d|[零〇一二两三四五六七八九十百千万]+(?:元|块)?$)/;

/**
 * One word where an amount may stand (`/refund #3 @alice 10 …`, `/ticket approve T3 8 …`): its
 * cents; `bad` when it is meant as an amount and is not one (`-5`, `1.234`, `1e1`, `五`); undefined
 * when it is no amount at all (a note or reason starts there).
 */
export function readAmountWord(word: string): { cents: number } | { bad: string } | undefined {
  if (!AMOUNT_LIKE.test(halfWidth(word.trim()))) return undefined;
  const cents = parseMoney(word);
  return cents === undefined ? { bad: word } : { cents };
}

/**
 * 3990 → `¥39.90` with the community's currency symbol in front; a currency written as a Chinese
 * word goes after the amount, as it is said: `39.90元`, `-5.00元`.
 */
export function formatMoney(cents: number, currency = '¥'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const amount = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return WORD_CURRENCY.test(currency) ? `${sign}${amount}${currency}` : `${sign}${currency}${amount}`;
}

// 元, 块, 人民币: units said after the number, unlike the symbols ¥, $, € and codes like CNY.
const WORD_CURRENCY = /^[\u4e00-\u9fff]+$/;
