import type { Deal } from '../../store/schema.js';
import { openedAt } from '../deal-starts.js';
import { placeIn } from '../report/period.js';
import { copiedSince } from './acted.js';
import { HOUR, type InsightContext } from './context.js';
import type { Suggestion } from './types.js';

/** A failed deal is a near miss when it was at most this many buyers short of its group size … */
export const NEAR_MISS_SHORT = 2;
/** … and had reached at least this share of it. */
export const NEAR_MISS_REACHED = 0.5;

/**
 * near_miss: a deal that failed in the period a few buyers short of its group size (成团). Suggests
 * copying it with the group size it did reach (`min=` its buyers). A miss already copied after it
 * failed is left out (see acted.ts).
 */
export function nearMiss(ctx: InsightContext): Suggestion | undefined {
  const misses: { deal: Deal; short: number }[] = [];
  for (const deal of ctx.tables.deals.by('community', ctx.community.id)) {
    if (deal.status !== 'failed' || placeIn(ctx.period, deal.closedAt) !== 'current') continue;
    const short = deal.min - deal.buyers;
    if (short < 1 || short > NEAR_MISS_SHORT || deal.buyers < deal.min * NEAR_MISS_REACHED) continue;
    // Copied after it failed (the suggestion, done): not a miss to suggest any more.
    if (copiedSince(ctx.tables, deal, deal.closedAt!)) continue;
    misses.push({ deal, short });
  }
  if (misses.length === 0) return undefined;
  // The closest miss; of equally close ones the latest.
  const { deal } = misses.reduce((a, b) =>
    b.short < a.short || (b.short === a.short && b.deal.closedAt! > a.deal.closedAt!) ? b : a,
  );
  const opened = openedAt(deal) ?? deal.createdAt;
  // Open until its deadline, or until closed earlier; a deadline passed while the bot was down
  // closes the deal late, but orders were not expected after the deadline.
  // biome-ignore lint/complexity/useMathMinMax: ISO strings, compared as strings (Math.min would make NaN).
  const closed = deal.endsAt < deal.closedAt! ? deal.endsAt : deal.closedAt!;
  return {
    rule: 'near_miss',
    evidence: {
      deal: deal.no,
      title: deal.title,
      min: deal.min,
      buyers: deal.buyers,
      ranHours: Math.max(0, Math.round((Date.parse(closed) - Date.parse(opened)) / HOUR)),
      nearMisses: misses.length,
    },
    command: {
      name: 'deal copy',
      args: [
        { kind: 'deal', no: deal.no },
        { kind: 'count', key: 'min', value: deal.buyers },
      ],
    },
  };
}
