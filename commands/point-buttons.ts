import type { ButtonRows } from '../src/core/adapter.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { Deal, PickupPoint } from '../src/store/schema.js';
import { pickupText } from './pickup-text.js';

/**
 * The card's pickup point buttons (`📍 东门驿站`), for a deal with several points: a tap answers
 * "which point?" or sends the member's lines there (point-answers.ts). Three to a row, as the
 * order buttons; shown only when every point fits in the rows left (`room`), else members name
 * the point in their order (`+1 东门`), as the card's example shows.
 */

const PER_ROW = 3;

/** `p:<deal no>:<point no>`: short whatever the point is called (Telegram allows 64 bytes). */
export function pointAction(deal: Deal, point: PickupPoint): string {
  return `p:${deal.no}:${point.no}`;
}

/** The action read back: the deal's and the point's numbers; undefined for actions not ours. */
export function readPointAction(action: string): { dealNo: number; pointNo: number } | undefined {
  const match = /^p:(\d{1,9}):(\d{1,6})$/.exec(action);
  return match ? { dealNo: Number(match[1]), pointNo: Number(match[2]) } : undefined;
}

/**
 * Rows of point buttons for a deal's card (PER_ROW a row); none for fewer than two points, or when
 * they would need more than `room` rows.
 */
export function pointRows(
  locale: Locale,
  deal: Deal,
  points: readonly PickupPoint[],
  room: number,
): ButtonRows {
  if (points.length < 2 || Math.ceil(points.length / PER_ROW) > room) return [];
  const t = pickupText(locale);
  const buttons = points.map((p) => ({ label: t.button(showName(p.name)), action: pointAction(deal, p) }));
  const rows: ButtonRows = [];
  for (let i = 0; i < buttons.length; i += PER_ROW) rows.push(buttons.slice(i, i + PER_ROW));
  return rows;
}
