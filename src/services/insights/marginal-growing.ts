import type { Member } from '../../store/schema.js';
import { getSetting } from '../settings.js';
import { marginalDaysSetting } from '../tiers.js';
import { DAY, type InsightContext } from './context.js';
import { busiestHours } from './posting-hours.js';
import type { Suggestion } from './types.js';

/** The marginal share must have grown by at least this much, in percentage points (0.1 = 10 pp) … */
export const MARGINAL_GROWTH = 0.1;
/** … to at least this many marginal members now. */
export const MIN_MARGINAL_NOW = 5;
/** The hour topic prompts are suggested at when the busiest hour is unknown (local). */
export const DEFAULT_TOPIC_HOUR = 20;

/** The bits of ActivityInsight.wrote (src/services/report/activity.ts). */
const WROTE_BEFORE_START = 1;
const WROTE_BEFORE_NOW = 2;

function inGroupAt(member: Member, at: string): boolean {
  if ((member.joinedAt ?? member.firstSeen) >= at) return false;
  return member.status === 'active' || member.leftAt === undefined || member.leftAt >= at;
}

/**
 * Marginal members (the tier rule: no message, order or join within tier.marginal_days) among the
 * members in the group at the period's start, and among the current members now (as the tier line). Messages by local day (commands and button
 * taps, orders among them, are messages); orders without a message count now (as the tier line
 * counts them) but not at the start, which can only make the growth look smaller.
 */
function marginalCounts(ctx: InsightContext) {
  const marginalMs = getSetting(ctx.community, marginalDaysSetting) * DAY;
  const start = ctx.period.current.from;
  const sinceStart = new Date(Date.parse(start) - marginalMs).toISOString();
  const sinceNow = new Date(ctx.now.getTime() - marginalMs).toISOString();
  const { members, wrote, lastOrderAt } = ctx.scans;
  const atStart = { members: 0, marginal: 0 };
  const atNow = { members: 0, marginal: 0 };
  // MemberIndex numbered the members in this order: a member's position is its tally's index.
  for (let who = 0; who < members.length; who++) {
    const member = members[who]!;
    const arrived = member.joinedAt ?? member.firstSeen;
    const bits = wrote[who] ?? 0;
    if (inGroupAt(member, start)) {
      atStart.members++;
      if (!(bits & WROTE_BEFORE_START) && arrived < sinceStart) atStart.marginal++;
    }
    if (member.status === 'active') {
      atNow.members++;
      const ordered = lastOrderAt[who];
      if (!(bits & WROTE_BEFORE_NOW) && arrived < sinceNow && !(ordered && ordered >= sinceNow))
        atNow.marginal++;
    }
  }
  return { atStart, atNow };
}

/**
 * marginal_growing: the share of marginal members (边缘成员) grew by MARGINAL_GROWTH or more over the
 * period, to MIN_MARGINAL_NOW or more. Suggests topic prompts at the busiest hour when none are
 * scheduled, else a prune dry run (/prune: nothing changes).
 */
export function marginalGrowing(ctx: InsightContext): Suggestion | undefined {
  const { atStart: then, atNow: now } = marginalCounts(ctx);
  if (then.members === 0 || now.members === 0 || now.marginal < MIN_MARGINAL_NOW) return undefined;
  const shareThen = then.marginal / then.members;
  const shareNow = now.marginal / now.members;
  if (shareNow - shareThen < MARGINAL_GROWTH - 1e-9) return undefined;
  const topicsScheduled = ctx.tables.topicState.get(ctx.community.id)?.cron !== undefined;
  const hour = busiestHours(ctx.talk)[0] ?? DEFAULT_TOPIC_HOUR;
  return {
    rule: 'marginal_growing',
    evidence: {
      shareThen,
      shareNow,
      marginalThen: then.marginal,
      marginalNow: now.marginal,
      membersThen: then.members,
      membersNow: now.members,
      topicsScheduled,
    },
    command: topicsScheduled
      ? { name: 'prune', args: [] }
      : { name: 'topic schedule', args: [{ kind: 'daily', hour }] },
  };
}
