import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of points and referrals: the points ledger and its archived rollups, invites, and who brought
 * whom. Times are ISO strings in UTC; money is integer cents.
 */

/** One change of a member's points. Append-only; the id is the idempotency key (the same event never pays twice). */
export const LedgerEntrySchema = z.object({
  id: z.string(),
  communityId: z.string(),
  userId: z.string(),
  delta: z.number().int(),
  reason: z.enum([
    'checkin',
    'streak',
    'referral_join',
    'referral_order',
    'welcome',
    'topic',
    'order',
    'award',
    'deduct',
    'redeem',
    'refund',
    // A reward taken back: the first order that earned a referral reward was refunded.
    'reversal',
  ]),
  /** What it is about: a deal, order, referral or topic id. */
  ref: z.string().optional(),
  note: z.string().optional(),
  /** Who caused it (the admin for awards and deductions). */
  by: z.string().optional(),
  at: isoTime,
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** Archived points entries of one community, local day and reason, summed: reports on old periods read these, not the archive. */
export const LedgerRollupSchema = z.object({
  id: z.string(), // `${communityId}|${day}|${reason}`
  communityId: z.string(),
  day: z.string(), // YYYY-MM-DD in the community's timezone
  reason: LedgerEntrySchema.shape.reason,
  delta: z.number().int(),
  entries: z.number().int().nonnegative(),
});
export type LedgerRollup = z.infer<typeof LedgerRollupSchema>;

/** A member's personal invite: a short code everywhere, and a platform link where one can be made. */
export const InviteSchema = z.object({
  id: z.string(), // `${communityId}|${code}`
  communityId: z.string(),
  userId: z.string(),
  code: z.string(),
  link: z.string().optional(),
  createdAt: isoTime,
});
export type Invite = z.infer<typeof InviteSchema>;

/** Who brought whom, and what it earned. One per invitee per community, never reassigned. */
export const ReferralSchema = z.object({
  id: z.string(), // `${communityId}/${inviteeId}`
  communityId: z.string(),
  inviterId: z.string(),
  inviteeId: z.string(),
  /** How the inviter was known: the platform's inviter, an invite link, or a code the invitee sent. */
  source: z.enum(['inviter', 'link', 'code']),
  status: z.enum(['pending', 'qualified', 'rejected']),
  reason: z
    .enum(['self_invite', 'rejoin', 'bot', 'young_account', 'daily_cap', 'left_during_hold'])
    .optional(),
  joinedAt: isoTime,
  decidedAt: isoTime.optional(),
  /** When the invitee's first paid order in a formed deal paid the order reward. */
  orderRewardAt: isoTime.optional(),
  /** When that reward was taken back because the order that earned it was refunded in full. */
  orderRewardReversedAt: isoTime.optional(),
});
export type Referral = z.infer<typeof ReferralSchema>;
