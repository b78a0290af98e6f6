import { defineMessages } from '../src/core/i18n/index.js';
import type { Metric, Report } from '../src/services/report.js';

/** Wording of the private offers line of /report (私信优惠), in both languages. */
export const offerReportText = defineMessages('report-offers', {
  en: {
    line: (sent: string, reached: string, refused: string, ordered: string) =>
      `📨 Private offers: ${sent} sent · ${reached} reached · ${refused} refused · ${ordered} then ordered`,
  },
  zh: {
    line: (sent: string, reached: string, refused: string, ordered: string) =>
      `📨 私信优惠：发出 ${sent} · 送达 ${reached} · 被拒 ${refused} · 送达后下单 ${ordered}`,
  },
});

/**
 * The offers line of the /report summary, only where offers were sent in either period (a group
 * without subscriptions reads no line about them). `m` formats a metric with its previous value
 * and change (report-text.ts passes it).
 */
export function offerLines(
  locale: 'en' | 'zh',
  report: Report,
  m: (metric: Metric) => string,
): { text: string; optional: boolean }[] {
  const { sent, reached, refused, ordered } = report.offers;
  if (!sent.value && !sent.previous) return [];
  return [
    { text: offerReportText(locale).line(m(sent), m(reached), m(refused), m(ordered)), optional: false },
  ];
}
