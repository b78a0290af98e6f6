/**
 * Suggestions in /report (策略优化建议), as data: each names its rule, the numbers behind it and a
 * command the admin can type as it is (commands/report-suggestion-text.ts words both in the group's
 * language). No chat text here.
 */

/** One argument of a suggested command, rendered in the group's language. */
export type CommandArg =
  /** `#3` */
  | { kind: 'deal'; no: number }
  /** `@Alice` (the label that names the member everywhere, found by the renderer). */
  | { kind: 'member'; userId: string; name: string }
  /** A bare number (`50`), or `key=N` (`min=4` / `成团=4`). */
  | { kind: 'count'; value: number; key?: 'min' }
  /** `starts="tomorrow 20:00"` / `开始=明天20:00`: a scheduled start (定时开团), local hour. */
  | { kind: 'starts_tomorrow'; hour: number }
  /** `daily 20:00` / `每天 20:00` (topic schedule), local hour. */
  | { kind: 'daily'; hour: number }
  /** `points.max_pct=75` / `积分抵扣上限百分比=75`. */
  | { kind: 'setting'; key: 'points.max_pct' | 'points.value'; value: number }
  /** A fixed reason text (an award's note), worded by the renderer. */
  | { kind: 'reason'; reason: 'invitees_bought' };

/** A command to act on a suggestion: a declared command's name (`deal copy`) and its arguments in order. */
export interface SuggestedCommand {
  name: 'deal copy' | 'topic schedule' | 'prune' | 'award' | 'settings';
  args: CommandArg[];
}

/** Hours members talk most vs when deals opened (local hours, 0–23). */
export interface PostingHoursEvidence {
  /** The busiest hours, busiest first, and the share of the period's counted messages sent in them. */
  busiestHours: number[];
  busiestShare: number;
  /** Messages whose hour is known (counted since hours were kept). */
  messagesCounted: number;
  dealsOpened: number;
  /** Of them, opened neither in a busiest hour nor in the hour just before one. */
  dealsOffPeak: number;
}

/** A deal that failed a few buyers short of its group size. */
export interface NearMissEvidence {
  deal: number;
  title: string;
  min: number;
  buyers: number;
  /** How long it was open, in whole hours: from its opening to its deadline, or to its closing if earlier. */
  ranHours: number;
  /** Failed deals of the period this near (this one is the closest, the latest on a tie). */
  nearMisses: number;
}

export interface ConversionFallingEvidence {
  conversion: number;
  previousConversion: number;
  activeMembers: number;
  previousActiveMembers: number;
  buyers: number;
  previousBuyers: number;
  /** The deal formed in the previous period with the most buyers, suggested again. */
  bestDeal: number;
  bestDealTitle: string;
}

export interface MarginalGrowingEvidence {
  /** Marginal members ÷ members in the group, at the period's start and now (by local days). */
  shareThen: number;
  shareNow: number;
  marginalThen: number;
  marginalNow: number;
  membersThen: number;
  membersNow: number;
  /** Whether topic prompts are on a schedule (then a prune dry run is suggested instead). */
  topicsScheduled: boolean;
}

export interface ReferrerRewardEvidence {
  userId: string;
  name: string;
  /** Their invitees (referrals not rejected) who bought in the period, and what they bought (GMV). */
  inviteesWhoBought: number;
  gmvCents: number;
  /** Points suggested: REFERRER_POINTS_PER_BUYER per invitee who bought. */
  points: number;
}

export interface PointsOutstandingEvidence {
  outstanding: number;
  previousOutstanding: number;
  redeemed: number;
  previousRedeemed: number;
  /** points.max_pct and points.value now: the suggestion changes one of them. */
  maxPct: number;
  pointsPerUnit: number;
}

/** One suggestion: its rule, the numbers behind it, and a command to act. */
export type Suggestion =
  | { rule: 'posting_hours'; evidence: PostingHoursEvidence; command: SuggestedCommand }
  | { rule: 'near_miss'; evidence: NearMissEvidence; command: SuggestedCommand }
  | { rule: 'conversion_falling'; evidence: ConversionFallingEvidence; command: SuggestedCommand }
  | { rule: 'marginal_growing'; evidence: MarginalGrowingEvidence; command: SuggestedCommand }
  | { rule: 'referrer_reward'; evidence: ReferrerRewardEvidence; command: SuggestedCommand }
  | { rule: 'points_outstanding'; evidence: PointsOutstandingEvidence; command: SuggestedCommand };

export type SuggestionRule = Suggestion['rule'];

/**
 * Report.suggestions: `thin` when the community's data is too thin for any rule (what it has and
 * what it needs), else the suggestions that fired (possibly none).
 */
export type SuggestionsSection =
  | {
      kind: 'thin';
      need: { historyDays: number; minHistoryDays: number; activeMembers: number; minActiveMembers: number };
    }
  | { kind: 'ok'; items: Suggestion[] };
