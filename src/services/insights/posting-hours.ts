import { localHour } from '../../core/format.js';
import type { Deal } from '../../store/schema.js';
import { openedAt } from '../deal-starts.js';
import { placeIn } from '../report/period.js';
import { copiedSince } from './acted.js';
import type { InsightContext } from './context.js';
import type { Suggestion } from './types.js';

/** How many of the busiest hours a deal should open in (or in the hour just before one). */
export const BUSIEST_HOURS = 3;
/** Messages with a known hour in the period below which the busiest hours say nothing. */
export const MIN_HOUR_MESSAGES = 50;
/** Deals opened in the period below which their timing says nothing. */
export const MIN_DEALS_OPENED = 3;
/** The rule fires when more than this share of the period's deals opened off-peak. */
export const OFF_PEAK_SHARE = 0.5;

/** The busiest hours (those with messages), busiest first, the earlier hour on a tie. */
export function busiestHours(talk: readonly number[]): number[] {
  return talk
    .map((messages, hour) => ({ hour, messages }))
    .filter((h) => h.messages > 0)
    .sort((a, b) => b.messages - a.messages || a.hour - b.hour)
    .slice(0, BUSIEST_HOURS)
    .map((h) => h.hour);
}

/**
 * posting_hours: most deals of the period opened outside the hours members talk most. Suggests
 * copying the latest off-peak deal with a scheduled start (定时开团) at tomorrow's busiest hour.
 */
export function postingHours(ctx: InsightContext): Suggestion | undefined {
  const counted = ctx.talk.reduce((a, b) => a + b, 0);
  if (counted < MIN_HOUR_MESSAGES) return undefined;
  const busiest = busiestHours(ctx.talk);
  const peak = new Set(busiest);
  const opened: { deal: Deal; at: string }[] = [];
  for (const deal of ctx.tables.deals.by('community', ctx.community.id)) {
    const at = openedAt(deal);
    if (at && placeIn(ctx.period, at) === 'current') opened.push({ deal, at });
  }
  if (opened.length < MIN_DEALS_OPENED) return undefined;
  const offPeak = opened.filter(({ at }) => {
    const hour = localHour(new Date(at), ctx.community.timezone);
    // Posted in the hour before a busy one, a deal is there when the group is.
    return !peak.has(hour) && !peak.has((hour + 1) % 24);
  });
  if (offPeak.length <= opened.length * OFF_PEAK_SHARE) return undefined;
  const latest = offPeak.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.deal.no > a.deal.no) ? b : a));
  // Already copied with a scheduled start since it opened (the suggestion, done): said once.
  if (copiedSince(ctx.tables, latest.deal, latest.at, true)) return undefined;
  const inPeak = busiest.reduce((sum, h) => sum + ctx.talk[h]!, 0);
  return {
    rule: 'posting_hours',
    evidence: {
      busiestHours: busiest,
      busiestShare: inPeak / counted,
      messagesCounted: counted,
      dealsOpened: opened.length,
      dealsOffPeak: offPeak.length,
    },
    command: {
      name: 'deal copy',
      args: [
        { kind: 'deal', no: latest.deal.no },
        { kind: 'starts_tomorrow', hour: busiest[0]! },
      ],
    },
  };
}
