import { memberId } from '../../store/ids.js';
import { orderAmount } from '../orders.js';
import { isSucceeded } from '../report/commerce.js';
import { placeIn } from '../report/period.js';
import type { InsightContext } from './context.js';
import type { Suggestion } from './types.js';

/** A referrer is suggested for a reward when at least this many of their invitees bought in the period. */
export const MIN_INVITEES_WHO_BOUGHT = 2;
/** Points suggested per invitee who bought. */
export const REFERRER_POINTS_PER_BUYER = 10;

/** The invitees of a referrer (referrals not rejected) who bought in the period, and their GMV. */
function inviteesWhoBought(ctx: InsightContext, inviterId: string) {
  const { tables, community } = ctx;
  let buyers = 0;
  let gmv = 0;
  for (const referral of tables.referrals.by('inviter', memberId(community.id, inviterId))) {
    if (referral.status === 'rejected') continue;
    let spent = 0;
    let bought = false;
    for (const order of tables.orders.by('buyer', memberId(community.id, referral.inviteeId))) {
      if (order.status !== 'active' || placeIn(ctx.period, order.createdAt) !== 'current') continue;
      const deal = tables.deals.get(order.dealId);
      if (!deal || !isSucceeded(deal)) continue;
      bought = true;
      spent += orderAmount(order);
    }
    if (bought) buyers++;
    gmv += spent;
  }
  return { buyers, gmv };
}

/** Whether an admin already awarded the member points in the period (the suggestion was acted on). */
function awardedInPeriod(ctx: InsightContext, userId: string): boolean {
  return ctx.tables.ledger
    .by('member', memberId(ctx.community.id, userId))
    .some((e) => e.reason === 'award' && placeIn(ctx.period, e.at) === 'current');
}

/**
 * referrer_reward: of the top referrers by their invitees' GMV (report.referrals.topByGmv), the one
 * with the most invitees who bought (MIN_INVITEES_WHO_BOUGHT or more), not yet awarded points in
 * the period. Suggests /award of REFERRER_POINTS_PER_BUYER per such invitee.
 */
export function referrerReward(ctx: InsightContext): Suggestion | undefined {
  let best: { userId: string; name: string; buyers: number; gmv: number } | undefined;
  for (const referrer of ctx.report.referrals.topByGmv) {
    const { buyers, gmv } = inviteesWhoBought(ctx, referrer.userId);
    if (buyers < MIN_INVITEES_WHO_BOUGHT || awardedInPeriod(ctx, referrer.userId)) continue;
    if (!best || buyers > best.buyers || (buyers === best.buyers && gmv > best.gmv))
      best = { userId: referrer.userId, name: referrer.name, buyers, gmv };
  }
  if (!best) return undefined;
  const points = best.buyers * REFERRER_POINTS_PER_BUYER;
  return {
    rule: 'referrer_reward',
    evidence: {
      userId: best.userId,
      name: best.name,
      inviteesWhoBought: best.buyers,
      gmvCents: best.gmv,
      points,
    },
    command: {
      name: 'award',
      args: [
        { kind: 'member', userId: best.userId, name: best.name },
        { kind: 'count', value: points },
        { kind: 'reason', reason: 'invitees_bought' },
      ],
    },
  };
}
