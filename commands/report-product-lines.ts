import { showName } from '../src/core/names.js';
import type { Report } from '../src/services/report.js';
import type { reportText } from './report-text.js';

/** Products shown in the /report summary; the rest are in `/report json`. */
const SHOWN = 5;

/**
 * The "by product" lines of the /report summary: per template (the same product across weeks), or
 * a deal without one by its title: deals opened, buyers, units, GMV and, where reviews were
 * written, the average stars. Nothing when the period sold nothing and opened nothing.
 */
export function productLines(
  t: ReturnType<typeof reportText>,
  report: Report,
  money: (cents: number) => string,
): string[] {
  return report.products.products
    .slice(0, SHOWN)
    .map((p) =>
      t.product(
        showName(p.name),
        p.deals,
        p.buyers,
        p.units,
        money(p.gmvCents),
        p.stars === null ? '' : t.stars(p.stars, p.reviews),
      ),
    );
}
