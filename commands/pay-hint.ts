import type { Locale } from '../src/core/i18n/index.js';
import { dealIsDead, type PaidBuyers, paidBuyers } from '../src/services/money-state.js';
import { hasPaymentInfo } from '../src/services/payment-info.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { payText } from './pay-text.js';

/**
 * The deal card's short "how to pay" line: once the deal formed (成团) and while it goes ahead, in a
 * community whose admins set up payment instructions (`/pay setup`). Kept apart from the card so
 * the card's renderer stays free of the payment commands.
 */
export function cardPayHint(
  locale: Locale,
  tables: Tables,
  community: Community,
  deal: Deal,
): string | undefined {
  if (!formedAndGoing(deal) || !hasPaymentInfo(tables, community.id)) return undefined;
  return payText(locale).cardHint(deal.no);
}

/** Whether a deal's card has room for the "how to pay" line: it formed, still counts as formed, and goes ahead. */
export function formedAndGoing(deal: Deal): boolean {
  // Formed and still formed: a deal whose buyers dropped below its size is open again, owing nothing yet.
  return deal.formedAt !== undefined && deal.status !== 'open' && !dealIsDead(deal);
}

/**
 * What the card's collection line counts (`Paid: 2 of 3 buyers`), undefined when it shows none:
 * before the deal formed, once it will not go ahead, and while nobody has paid in full. Who paid
 * stays private (the group's business is the progress, not the names or amounts).
 */
export function cardPaid(tables: Tables, deal: Deal): PaidBuyers | undefined {
  if (!formedAndGoing(deal)) return undefined;
  const counted = paidBuyers(deal, tables.orders.by('deal', deal.id));
  return counted.paid > 0 ? counted : undefined;
}

/** The card's collection line in `locale` (see cardPaid), undefined when it shows none. */
export function cardPaidLine(locale: Locale, tables: Tables, deal: Deal): string | undefined {
  const counted = cardPaid(tables, deal);
  return counted && payText(locale).cardPaid(counted.paid, counted.buyers);
}
