import type { Payment } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import { type AftersaleFigures, aftersaleFigures } from './aftersales.js';
import { isSucceeded } from './commerce.js';
import { fromPair, type Metric, metric, Pair } from './metric.js';
import type { Outstanding, OutstandingTally } from './outstanding.js';
import { dayIndex, type Period, placeIn } from './period.js';

export type { Outstanding } from './outstanding.js';

/** How money in is recorded (`payments` entries of kind 'payment'): confirmed claim, marked by an admin, paid in Telegram. */
export const COLLECT_METHODS = ['confirmed', 'marked', 'telegram'] as const;
export type CollectMethod = (typeof COLLECT_METHODS)[number];

/**
 * Money of the period. Money in and out is counted from `payments` entries by the time they were
 * recorded; what is still owed either way is derived from the order lines now (money-state.ts), so
 * lines marked paid before entries were kept count as paid there but were never "collected".
 */
export interface MoneySection {
  /** Every refund recorded in the period, whatever its cause, in cents. */
  refundsCents: Metric;
  /**
   * The part of those refunds that lowered what a line counted in GMV costs (goods short,
   * after-sales); the rest gave back money for lines that no longer cost it (failed or cancelled
   * deal, withdrawn line, lower price), which GMV never counted.
   */
  salesRefundsCents: Metric;
  /** GMV − sales refunds. May be negative (refunds now on sales of an earlier period). */
  netSalesCents: Metric;
  /** Payments recorded in the period, in cents, in all and by method. */
  collectedCents: Metric;
  collectedByMethod: Record<CollectMethod, Metric>;
  /** Still to pay on lines of deals that formed (成团), now. */
  owedNow: Outstanding;
  /** Still to give back, on any line (failed and cancelled deals included), now. */
  refundDueNow: Outstanding;
  /** After-sales tickets of the period: opened, approved, rejected, refunded (report/aftersales.ts). */
  aftersales: AftersaleFigures;
}

/** Per local day of the current window, in cents. */
export interface MoneyDaily {
  collected: number[];
  refunds: number[];
}

/** Does GMV count this entry's line: still active, in a deal that formed? */
function countedInGmv(tables: Tables, payment: Payment): boolean {
  const deal = tables.deals.get(payment.dealId);
  return deal !== undefined && isSucceeded(deal) && tables.orders.get(payment.orderId)?.status === 'active';
}

/**
 * The money section. `gmv` and `outstanding`: from the order scan (commerce.ts). Entries are read
 * through the `payments` community index; an entry before both windows is skipped with one string
 * comparison.
 */
export function moneySection(
  tables: Tables,
  communityId: string,
  period: Period,
  gmv: Pair,
  outstanding: OutstandingTally,
): { section: MoneySection; daily: MoneyDaily } {
  const has = period.previous !== undefined;
  const refunds = new Pair();
  const salesRefunds = new Pair();
  const collected = new Pair();
  const byMethod = Object.fromEntries(COLLECT_METHODS.map((m) => [m, new Pair()])) as Record<
    CollectMethod,
    Pair
  >;
  const days = period.current.days.length;
  const daily: MoneyDaily = { collected: new Array(days).fill(0), refunds: new Array(days).fill(0) };
  const windowsFrom = period.previous?.from ?? period.current.from;
  for (const payment of tables.payments.by('community', communityId)) {
    if (payment.at < windowsFrom) continue;
    const where = placeIn(period, payment.at);
    if (!where) continue;
    const day = where === 'current' ? dayIndex(period.current, payment.at) : -1;
    if (payment.kind === 'payment') {
      collected.add(where, payment.cents);
      if (payment.method !== 'recorded') byMethod[payment.method].add(where, payment.cents);
      if (day >= 0) daily.collected[day]! += payment.cents;
    } else {
      refunds.add(where, payment.cents);
      if (payment.allowanceCents && countedInGmv(tables, payment))
        salesRefunds.add(where, payment.allowanceCents);
      if (day >= 0) daily.refunds[day]! += payment.cents;
    }
  }
  const section: MoneySection = {
    refundsCents: fromPair('cents', refunds, has),
    salesRefundsCents: fromPair('cents', salesRefunds, has),
    netSalesCents: metric(
      'cents',
      gmv.current - salesRefunds.current,
      gmv.previous - salesRefunds.previous,
      has,
    ),
    collectedCents: fromPair('cents', collected, has),
    collectedByMethod: Object.fromEntries(
      COLLECT_METHODS.map((m) => [m, fromPair('cents', byMethod[m], has)]),
    ) as Record<CollectMethod, Metric>,
    owedNow: outstanding.owed.total,
    refundDueNow: outstanding.refundDue.total,
    aftersales: aftersaleFigures(tables, communityId, period),
  };
  return { section, daily };
}
