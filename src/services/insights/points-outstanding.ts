import { maxPctSetting, valueSetting } from '../points.js';
import { getSetting } from '../settings.js';
import type { InsightContext } from './context.js';
import type { CommandArg, Suggestion } from './types.js';

/** Points outstanding must have grown by at least this share period on period (0.2 = 20 %) … */
export const OUTSTANDING_GROWTH = 0.2;
/** … to at least this many points, while redemption grew less (in %) or not at all. */
export const MIN_OUTSTANDING = 1000;
/** How much points.max_pct is suggested to rise (percentage points, up to 100). */
export const MAX_PCT_STEP = 25;

/**
 * points_outstanding: the points members hold grow faster than they spend them. Suggests a use
 * for points: more of an order payable with them (points.max_pct), or, where that is already
 * 100 %, each point worth twice as much (points.value halved).
 */
export function pointsOutstanding(ctx: InsightContext): Suggestion | undefined {
  const { outstanding, redeemed } = ctx.report.points;
  if (outstanding.value === null || outstanding.previous === null || outstanding.previous <= 0)
    return undefined;
  if (outstanding.value < MIN_OUTSTANDING) return undefined;
  const growth = (outstanding.value - outstanding.previous) / outstanding.previous;
  if (growth < OUTSTANDING_GROWTH) return undefined;
  const spent = redeemed.value ?? 0;
  const spentBefore = redeemed.previous ?? 0;
  // Redemption starting from nothing is growing faster than anything: no suggestion.
  const spendGrowth =
    spentBefore > 0 ? (spent - spentBefore) / spentBefore : spent > 0 ? Number.POSITIVE_INFINITY : 0;
  if (spendGrowth >= growth) return undefined;
  const maxPct = getSetting(ctx.community, maxPctSetting);
  const pointsPerUnit = getSetting(ctx.community, valueSetting);
  let change: CommandArg;
  if (maxPct < 100)
    change = { kind: 'setting', key: 'points.max_pct', value: Math.min(100, maxPct + MAX_PCT_STEP) };
  else if (pointsPerUnit > 1)
    change = { kind: 'setting', key: 'points.value', value: Math.max(1, Math.floor(pointsPerUnit / 2)) };
  else return undefined;
  return {
    rule: 'points_outstanding',
    evidence: {
      outstanding: outstanding.value,
      previousOutstanding: outstanding.previous,
      redeemed: spent,
      previousRedeemed: spentBefore,
      maxPct,
      pointsPerUnit,
    },
    command: { name: 'settings', args: [change] },
  };
}
