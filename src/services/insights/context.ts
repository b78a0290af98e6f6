import type { Community, Member } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import type { Period } from '../report/period.js';
import type { Report } from '../report.js';

/** The report's figures without the sections computed from them (suggestions). */
export type ReportFigures = Omit<Report, 'suggestions'>;

/** What every rule reads: the store, the community, the report's figures and its period, and now. */
export interface InsightContext {
  tables: Tables;
  community: Community;
  report: ReportFigures;
  period: Period;
  now: Date;
  /** Messages per local hour (0–23) in the current period, from Activity.hours. */
  talk: number[];
  /** The report's passes, reused (walking the activity buckets again would double their cost). */
  scans: InsightScans;
}

/**
 * What the report's passes gathered for the rules: the members (in MemberIndex order), per member
 * the bits of ActivityInsight.wrote, and when each last ordered (OrderScan.lastOrderAt).
 */
export interface InsightScans {
  members: readonly Member[];
  talk: number[];
  wrote: number[];
  lastOrderAt: (string | undefined)[];
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
