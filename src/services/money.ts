/** Money is integer cents everywhere; these are the only conversions from and to text. */

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** `39.9` → 3990, `12` → 1200; undefined for anything that is not a plain non-negative amount. */
export function parseMoney(text: string): number | undefined {
  const match = AMOUNT.exec(text.trim().replace(/^[¥￥$€£]/, ''));
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** 3990 → `¥39.90` (with the community's currency symbol). */
export function formatMoney(cents: number, currency = '¥'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${currency}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
