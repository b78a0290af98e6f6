import { formatMoney } from '../src/services/money.js';
import type { Community } from '../src/store/schema.js';

/** Formats cents in the community's currency (its `currency` setting, else ¥). */
export function moneyOf(community: Community): (cents: number) => string {
  const currency = community.settings.currency ?? '¥';
  return (cents) => formatMoney(cents, currency);
}
