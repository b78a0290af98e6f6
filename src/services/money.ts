/** Money is integer cents everywhere; these are the only conversions from and to text. */

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** `39.9` → 3990, `12` → 1200; undefined for anything that is not a plain non-negative amount. */
export function parseMoney(text: string): number | undefined {
  const match = AMOUNT.exec(
    text
      .trim()
      .replace(/^[¥￥$€£]/, '')
      .replace(/(?:元|块)$/, ''),
  );
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
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
