import { COLLECT_METHODS, type CollectMethod } from '../src/services/report/money.js';
import type { Metric, Report } from '../src/services/report.js';
import type { reportText } from './report-text.js';

/**
 * The money lines of the /report summary: refunds and net sales, money collected (by method), and
 * what is still owed either way now. `m` formats a metric with its previous value and change,
 * `cents` an amount alone (report-text.ts passes both, so this file needs nothing from it at run time).
 */
export function moneyLines(
  t: ReturnType<typeof reportText>,
  report: Report,
  m: (metric: Metric) => string,
  cents: (value: number | null) => string,
): string[] {
  const { money } = report;
  const names: Record<CollectMethod, string> = {
    confirmed: t.methodConfirmed,
    marked: t.methodMarked,
    telegram: t.methodTelegram,
  };
  // Only the ways money came in here: "paid in Telegram ¥0.00" says nothing to a WeChat group.
  const methods = COLLECT_METHODS.map((k) => [k, money.collectedByMethod[k]] as const)
    .filter(([, metric]) => metric.value || metric.previous)
    .map(([k, metric]) => `${names[k]} ${cents(metric.value)}`)
    .join(' · ');
  const { opened, approved, rejected, refundedCents } = money.aftersales;
  // After-sales only where there were tickets: a group that never had one reads no empty line.
  const aftersales = [opened, approved, rejected].some((x) => x.value || x.previous)
    ? [t.aftersales(m(opened), m(approved), m(rejected), m(refundedCents))]
    : [];
  return [
    t.refunds(m(money.refundsCents), m(money.salesRefundsCents), m(money.netSalesCents)),
    t.collected(m(money.collectedCents), methods),
    t.outstanding(
      cents(money.owedNow.cents),
      money.owedNow.members,
      cents(money.refundDueNow.cents),
      money.refundDueNow.members,
    ),
    ...aftersales,
  ];
}
