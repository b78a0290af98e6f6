import { roleAllows } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { goodsPoints, mayRecord } from '../src/services/fulfilment.js';
import { wholeName } from '../src/services/pickup-choice.js';
import { findPoint } from '../src/services/pickup-points.js';
import { sheetPoints } from '../src/services/pickup-sheet.js';
import type { Deal, PickupPoint } from '../src/store/schema.js';
import { fulfilmentText } from './fulfilment-text.js';

/**
 * The pickup point a goods command is about (`/arrived #3 东门 …`), and whether the sender may
 * record there. A deal whose goods go to one place needs no point named; in a deal that also has
 * lines without a point (from before the group had points), `-` names those.
 */

/** Words that name the lines without a point. */
export const NO_POINT = /^(?:-|—|无|none)$/i;

/** A word that is a count, not a point: `18`, `大份=18`, `all`. */
export const COUNT_WORD = /^(?:\d+\S*|\S+[=＝:：]\S*|all|全部|全到|到齐|齐了?)$/i;

/** The goods commands as a Chinese group types them (WeChat users type no slashes). */
const ZH_STEP = { arrived: '到货', picking: '开始提货', done: '提货完成' } as const;

/** A goods command as the group types it: `到货` in a Chinese group, `/arrived` else. */
export function stepCommand(locale: GroupContext['locale'], command: keyof typeof ZH_STEP): string {
  return locale === 'zh' ? ZH_STEP[command] : `/${command}`;
}

/**
 * `到货 #3 东门驿站` / `/arrived #3 -`: the arrival command for a point of the deal, the lines
 * without a point named `-` where the deal also has points (a refused step's example).
 */
export function arrivedExample(ctx: GroupContext, deal: Deal, pointId: string): string {
  const point = pointId
    ? showName(ctx.tables.pickupPoints.get(pointId)?.name ?? pointId)
    : sheetPoints(ctx.tables, deal).length > 0
      ? '-'
      : '';
  return [`${stepCommand(ctx.locale, 'arrived')} #${deal.no}`, ...(point ? [point] : [])].join(' ');
}

/** `West Gate S=1` → `West Gate`, `S=1`: a point's name of several words as the first word. */
function wholeNameFirst(words: readonly string[], points: readonly PickupPoint[]): string[] {
  const whole = wholeName(words, 0, points);
  return whole ? [words.slice(0, whole.words).join(' '), ...words.slice(whole.words)] : [...words];
}

/**
 * The point named by the first of `words` (its number, name or the start of its name; see
 * findPoint) among the deal's points, with the words left; undefined after answering why not:
 * the deal has no such point, the point is not the deal's, which point (several), or the sender
 * is neither an admin nor the point's keeper.
 */
export function resolvePoint(
  ctx: GroupContext,
  deal: Deal,
  words: readonly string[],
  command: 'arrived' | 'picking' | 'done',
): { pointId: string; rest: string[] } | undefined {
  const t = fulfilmentText(ctx.locale);
  const points = sheetPoints(ctx.tables, deal);
  const withoutPoint = goodsPoints(ctx.tables, deal).includes('');
  const sep = ctx.locale === 'zh' ? '、' : ', ';
  const places = [
    ...points.map((p) => showName(p.name)),
    ...(withoutPoint && points.length > 0 ? ['-'] : []),
  ].join(sep);
  const example = `${stepCommand(ctx.locale, command)} #${deal.no} ${showName(points[0]?.name ?? '')}`;
  const only = points.length === 1 && !withoutPoint ? points[0] : undefined;
  const [first, ...more] = wholeNameFirst(words, points);
  let found: { pointId: string; rest: string[] } | undefined;
  if (points.length === 0) found = { pointId: '', rest: [...words] };
  else if (first === undefined) {
    if (!only) return void ctx.reply(t.whichPoint(deal.no, places, example));
    found = { pointId: only.id, rest: [] };
  } else if (NO_POINT.test(first) && withoutPoint) found = { pointId: '', rest: more };
  else {
    // A lone number in a deal with one point is a count (`/arrived #3 18`), not point number 18.
    const lone = only && command === 'arrived' && more.length === 0 && /^\d+$/.test(first);
    const point = lone ? undefined : findPoint(ctx.tables, deal.communityId, first, points);
    if (point) found = { pointId: point.id, rest: more };
    else if (only && COUNT_WORD.test(first)) found = { pointId: only.id, rest: [...words] };
    else {
      const elsewhere = findPoint(ctx.tables, deal.communityId, first);
      if (elsewhere) return void ctx.reply(t.notInDeal(deal.no, showName(elsewhere.name), places));
      if (COUNT_WORD.test(first)) return void ctx.reply(t.whichPoint(deal.no, places, example));
      return void ctx.reply(t.unknownPoint(deal.no, showName(first), places));
    }
  }
  const point = found.pointId ? ctx.tables.pickupPoints.get(found.pointId) : undefined;
  if (!mayRecord(point, ctx.sender.id, roleAllows(ctx.role, 'admin'))) {
    return void ctx.reply(point ? t.keeperOnly(showName(point.name)) : t.adminOnly);
  }
  return found;
}
