import type { Deal } from '../../store/schema.js';
import { isSucceeded } from '../report/commerce.js';
import { placeIn } from '../report/period.js';
import { copiedSince } from './acted.js';
import type { InsightContext } from './context.js';
import type { Suggestion } from './types.js';

/** Conversion must have fallen by at least this much, in percentage points (0.1 = 10 pp) … */
export const CONVERSION_DROP = 0.1;
/** … with at least this many active members in each period (fewer: a few people move it). */
export const MIN_ACTIVE_EACH_PERIOD = 10;

/** The deal that formed (成团) in the previous period with the most buyers; the latest on a tie. */
function previousBestSeller(ctx: InsightContext): Deal | undefined {
  let best: Deal | undefined;
  for (const deal of ctx.tables.deals.by('community', ctx.community.id)) {
    if (!isSucceeded(deal) || placeIn(ctx.period, deal.formedAt) !== 'previous' || deal.buyers === 0)
      continue;
    if (!best || deal.buyers > best.buyers || (deal.buyers === best.buyers && deal.no > best.no)) best = deal;
  }
  return best;
}

/**
 * conversion_falling: buyers ÷ active members fell period on period by CONVERSION_DROP or more,
 * with enough active members both times. Suggests opening the previous period's best seller (the deal
 * formed then with the most buyers) again.
 */
export function conversionFalling(ctx: InsightContext): Suggestion | undefined {
  const { conversion, buyers } = ctx.report.commerce;
  const active = ctx.report.activity.activeMembers;
  if (conversion.value === null || conversion.previous === null) return undefined;
  if (conversion.previous - conversion.value < CONVERSION_DROP - 1e-9) return undefined;
  if ((active.value ?? 0) < MIN_ACTIVE_EACH_PERIOD || (active.previous ?? 0) < MIN_ACTIVE_EACH_PERIOD)
    return undefined;
  const best = previousBestSeller(ctx);
  // Opened again since it formed (the suggestion, done): nothing more to suggest.
  if (!best || copiedSince(ctx.tables, best, best.formedAt!)) return undefined;
  return {
    rule: 'conversion_falling',
    evidence: {
      conversion: conversion.value,
      previousConversion: conversion.previous,
      activeMembers: active.value ?? 0,
      previousActiveMembers: active.previous ?? 0,
      buyers: buyers.value ?? 0,
      previousBuyers: buyers.previous ?? 0,
      bestDeal: best.no,
      bestDealTitle: best.title,
    },
    command: { name: 'deal copy', args: [{ kind: 'deal', no: best.no }] },
  };
}
