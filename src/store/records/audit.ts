import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * The audit trail: admin and money actions worth answering for later. Times are ISO strings in UTC; money
 * is integer cents.
 */

/** An admin action worth answering for later: removals and exemptions, with who did it. */
export const AuditEntrySchema = z.object({
  id: z.string(), // `${communityId}|${at}|${action}|${userId}`
  communityId: z.string(),
  at: isoTime,
  action: z.enum([
    'removed',
    'exempted',
    'unexempted',
    // Money (src/services/payments.ts): a member's claim, an admin's confirmation or rejection of
    // it, a payment marked by an admin or a platform, a refund, an unpaid line cancelled.
    'pay_claimed',
    'pay_confirmed',
    'pay_rejected',
    'paid',
    'refunded',
    'unpaid_cancelled',
    // Goods (src/services/pickup-*.ts): a pickup code checked at a point, and undone within its window;
    // units taken off a line because fewer arrived.
    'picked_up',
    'pickup_undone',
    'shorted',
    // After-sales tickets (src/services/aftersales.ts): opened by a member, approved (cents: the
    // refund), rejected (reason: what the member is told), reopened, closed (reason `withdrawn`:
    // an open ticket closed). ref: the ticket's id.
    'ticket_opened',
    'ticket_approved',
    'ticket_rejected',
    'ticket_reopened',
    'ticket_closed',
    // Reviews (src/services/reviews.ts): an admin hid a member's review (with the reason), or showed it again.
    'review_hidden',
    'review_shown',
    // The web dashboard (dashboard/): an admin logged in with a link from the chat; a read-only API
    // token made or revoked (ref: its handle, `T1`).
    'dashboard_login',
    // A chat command run from the dashboard (ref: its name, `deal close`; reason: its arguments' values).
    'dashboard_action',
    'api_token_created',
    'api_token_revoked',
    // A leader's network of groups (src/services/network-links.ts): a one-time code made; this
    // group linked with another (ref: its id; reason: its title then); a group leaving (in the
    // group that left, ref: the network; in the others, ref and reason: the group that left); the
    // network dissolved because one group was left.
    'network_code',
    'network_linked',
    'network_left',
    'network_dissolved',
  ]),
  userId: z.string(),
  name: z.string(),
  /** The member who triggered it, `auto`, or `platform` (a payment the platform reported). */
  by: z.string(),
  /** For removals: the member's last activity (ISO) when removed, if any. */
  lastActive: isoTime.optional(),
  /** For money: the order line, the amount in cents, and the reason given (a rejection, a refund). */
  ref: z.string().optional(),
  cents: z.number().int().optional(),
  reason: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
