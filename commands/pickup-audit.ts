import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { AuditEntry, Community } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { moneyOf } from './money-text.js';
import { lineLabel } from './order-text.js';
import { paymentText } from './payment-text.js';
import { verifyText } from './pickup-verify-text.js';

/**
 * A pickup action of `/audit` as one line, worded like money's (payment-views.ts moneyAuditLine):
 * `2026-11-28 10:05 #3 ×2 L picked up · alice — by bob`, a line handed over unpaid with what it
 * owed, a check undone; undefined for other actions. `at`, `by`: as the group reads them.
 */
export function pickupAuditLine(
  locale: Locale,
  tables: Tables,
  community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (entry.action !== 'picked_up' && entry.action !== 'pickup_undone') return undefined;
  const t = verifyText(locale);
  const order = entry.ref === undefined ? undefined : tables.orders.get(entry.ref);
  const deal = order && tables.deals.get(order.dealId);
  const line = [deal ? `#${deal.no}` : '', order ? lineLabel(order) : ''].filter(Boolean).join(' ');
  const what =
    entry.action === 'pickup_undone'
      ? t.auditUndone(line)
      : entry.cents
        ? t.auditPickedUpUnpaid(line, moneyOf(community)(entry.cents))
        : t.auditPickedUp(line);
  return paymentText(locale).audit(at, what, showName(entry.name), by);
}
