import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { nextWindow } from '../src/services/pickup-points.js';
import type { Community, Deal, Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { lineLabel } from './order-text.js';

/**
 * How goods at a point read in any message about them (arrival, pickup, waitlist grants): when to
 * pick them up, and a member's pickup codes with what each is for.
 */

/**
 * When goods at a point can be picked up, as the group reads it: the point's next opening window
 * (`2026-11-28 10:00–12:00`), else its times as written; for lines with no point the deal's own
 * pickup note. '' when nothing is known.
 */
export function pickupWindow(
  tables: Tables,
  community: Community,
  deal: Deal,
  pointId: string,
  now: Date,
): string {
  if (!pointId) return deal.pickup ? showName(deal.pickup) : '';
  const point = tables.pickupPoints.get(pointId);
  if (!point) return '';
  const next = nextWindow(point, now, community);
  if (next)
    return `${formatTime(next.start, community.timezone)}–${formatTime(next.end, community.timezone).slice(11)}`;
  return point.times ? showName(point.times) : '';
}

/** `K7PQ2M (×2 L)`, `K7PQ2M（×2 大份）`: a code with what it is for, in the group's brackets. */
export function codeLabel(locale: Locale, order: Order): string {
  const label = lineLabel(order);
  return locale === 'zh' ? `${order.pickupCode}（${label}）` : `${order.pickupCode} (${label})`;
}

/** `K7PQ2M (×2 L), M3X9AB (×1 S)`, `K7PQ2M（×2 大份）、M3X9AB（×1 小份）`: a member's codes. */
export function codesOf(locale: Locale, lines: readonly Order[]): string {
  return lines
    .flatMap((o) => (o.pickupCode ? [codeLabel(locale, o)] : []))
    .join(locale === 'zh' ? '、' : ', ');
}
