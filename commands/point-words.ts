import type { GroupContext } from '../src/core/context.js';
import { showName } from '../src/core/names.js';
import { findOption } from '../src/services/order-lines.js';
import { hasPoints, takePointWord } from '../src/services/pickup-choice.js';
import { activePoints } from '../src/services/pickup-points.js';
import type { Deal, PickupPoint } from '../src/store/schema.js';
import { problem } from './order-answers.js';
import { pickupText } from './pickup-text.js';

/**
 * A pickup point named in an order's words: `+1 东门`, `接龙 2 西门 周六来拿`, `/join #3 1 大份 东门`.
 * The 接龙 reader has already taken the options out (an option is never read as a point); what is
 * left is the note, and a word of it that names one of the community's points is the point.
 */

/** The point in a 接龙 line's note and the note without it; 'answered' when two points were named. */
export function linePoint(
  ctx: GroupContext,
  deal: Deal,
  note: string | undefined,
): { pointId: string; note?: string } | 'answered' | undefined {
  // A community without points (most of them) reads nothing: one index lookup.
  if (!note || !hasPoints(ctx.tables, ctx.community.id)) return undefined;
  const taken = takePointWord(note, activePoints(ctx.tables, ctx.community.id));
  if (taken.kind === 'none') return undefined;
  if (taken.kind === 'several') {
    problem(ctx, deal, severalLine(ctx, taken.points));
    return 'answered';
  }
  return taken.rest ? { pointId: taken.point.id, note: taken.rest } : { pointId: taken.point.id };
}

/**
 * `/join #3 1 东门 大份 放门口`: the point taken out of the command's words (an option of the deal is
 * never a point), the rest left for the option and note; 'answered' when two points were named.
 */
export function commandPoint(
  ctx: GroupContext,
  deal: Deal,
  words: string,
): { pointId?: string; words: string } | 'answered' {
  if (!words || !hasPoints(ctx.tables, ctx.community.id)) return { words };
  const parts = words.split(/\s+/);
  const options = parts.filter((w) => findOption(deal, w) !== undefined);
  const others = parts.filter((w) => findOption(deal, w) === undefined).join(' ');
  const taken = takePointWord(others, activePoints(ctx.tables, ctx.community.id));
  if (taken.kind === 'none') return { words };
  if (taken.kind === 'several') {
    ctx.reply(severalLine(ctx, taken.points));
    return 'answered';
  }
  return { pointId: taken.point.id, words: [...options, taken.rest].filter(Boolean).join(' ') };
}

/** `✗ alice: one pickup point per order, not 东门驿站, 西门` */
function severalLine(ctx: GroupContext, points: readonly PickupPoint[]): string {
  const names = points.map((p) => showName(p.name)).join(ctx.locale === 'zh' ? '、' : ', ');
  return pickupText(ctx.locale).severalPoints(showName(ctx.member?.name ?? ctx.sender.name), names);
}
