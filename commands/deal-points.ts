import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { roster } from '../src/services/orders.js';
import { hasPoints } from '../src/services/pickup-choice.js';
import { activePoints, matchPoint } from '../src/services/pickup-points.js';
import type { Deal } from '../src/store/schema.js';
import { pickupText } from './pickup-text.js';
import { pointList } from './point-question.js';

/**
 * The pickup points a deal delivers to, as admins name them: `points=东门,西门` (names or numbers,
 * `提货点=` in Chinese), `points=all` for all of the community's (the default). `pickup=东门,西门`
 * whose every word names a point means the same (a leader writes 自提点= for either).
 */

const ALL = /^(?:all|全部|所有)$/i;
const SEPARATORS = /[\s,，、/]+/u;

/**
 * The point ids `points=` names, in the order written; `[]` for all of them (Deal.points empty);
 * undefined after answering which word names no point (nothing changes then).
 */
export function dealPoints(ctx: GroupContext, text: string): string[] | undefined {
  if (ALL.test(text.trim())) return [];
  const points = activePoints(ctx.tables, ctx.community.id);
  const ids: string[] = [];
  for (const word of text.split(SEPARATORS).filter(Boolean)) {
    const point = matchPoint(points, word);
    if (!point) {
      ctx.reply(pickupText(ctx.locale).unknownPoint(showName(word), pointList(ctx, points)));
      return undefined;
    }
    if (!ids.includes(point.id)) ids.push(point.id);
  }
  return ids;
}

/** `pickup=东门,西门` where each word names one of the community's points: those points. */
export function pickupAsPoints(ctx: GroupContext, pickup: string): string[] | undefined {
  if (!hasPoints(ctx.tables, ctx.community.id)) return undefined;
  const points = activePoints(ctx.tables, ctx.community.id);
  const found = pickup
    .split(SEPARATORS)
    .filter(Boolean)
    .map((w) => matchPoint(points, w));
  if (found.length === 0 || found.some((p) => p === undefined)) return undefined;
  return [...new Set(found.map((p) => p!.id))];
}

/**
 * A point the deal would stop delivering to while lines of it are there: named in the answer
 * (the lines were ordered for that point, so it stays). undefined when the change is fine.
 */
export function pointInUse(ctx: GroupContext, deal: Deal, next: string[]): string | undefined {
  if (next.length === 0) return undefined;
  const used = roster(ctx.tables, deal).find((o) => o.pointId && !next.includes(o.pointId));
  if (!used?.pointId) return undefined;
  const point = ctx.tables.pickupPoints.get(used.pointId);
  return pickupText(ctx.locale).dealPointInUse(deal.no, showName(point?.name ?? used.pointId));
}
