import type { Community } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { Period } from '../report/period.js';
import { DAY, type InsightContext, type InsightScans, type ReportFigures } from './context.js';
import { conversionFalling } from './conversion-falling.js';
import { marginalGrowing } from './marginal-growing.js';
import { nearMiss } from './near-miss.js';
import { pointsOutstanding } from './points-outstanding.js';
import { postingHours } from './posting-hours.js';
import { referrerReward } from './referrer-reward.js';
import type { Suggestion, SuggestionsSection } from './types.js';

export type { InsightScans, ReportFigures } from './context.js';
export type * from './types.js';

/** Below this many days since the bot first saw the group, no rule speaks. */
export const MIN_HISTORY_DAYS = 7;
/** Below this many active members in the period, no rule speaks. */
export const MIN_ACTIVE_MEMBERS = 10;

/** The rules, in the order the report lists what they suggest; each gives at most one suggestion. */
const RULES: ((ctx: InsightContext) => Suggestion | undefined)[] = [
  postingHours,
  nearMiss,
  conversionFalling,
  marginalGrowing,
  referrerReward,
  pointsOutstanding,
];

/**
 * The suggestions of a report (Report.suggestions), from its figures, what its passes gathered
 * (`scans`) and the community's records for the same period. Pure: reads, changes nothing. `thin` when the group is younger than
 * MIN_HISTORY_DAYS days or had fewer than MIN_ACTIVE_MEMBERS active members in the period.
 */
export function suggestionsFor(
  tables: Tables,
  community: Community,
  report: ReportFigures,
  period: Period,
  now: Date,
  scans: InsightScans,
): SuggestionsSection {
  const historyDays = Math.max(0, Math.floor((now.getTime() - Date.parse(community.createdAt)) / DAY));
  const activeMembers = report.activity.activeMembers.value ?? 0;
  if (historyDays < MIN_HISTORY_DAYS || activeMembers < MIN_ACTIVE_MEMBERS)
    return {
      kind: 'thin',
      need: {
        historyDays,
        minHistoryDays: MIN_HISTORY_DAYS,
        activeMembers,
        minActiveMembers: MIN_ACTIVE_MEMBERS,
      },
    };
  const ctx: InsightContext = {
    tables,
    community,
    report,
    period,
    now,
    talk: scans.talk,
    scans,
  };
  const items: Suggestion[] = [];
  for (const rule of RULES) {
    const suggestion = rule(ctx);
    if (suggestion) items.push(suggestion);
  }
  return { kind: 'ok', items };
}
