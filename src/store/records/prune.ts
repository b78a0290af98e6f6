import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of pruning inactive members: exemptions and warnings. Times are ISO strings in UTC; money is
 * integer cents.
 */

/** A member an admin keeps out of pruning (`/exempt @member`). */
export const PruneExemptionSchema = z.object({
  id: z.string(), // member id
  communityId: z.string(),
  userId: z.string(),
  by: z.string(),
  at: isoTime,
});
export type PruneExemption = z.infer<typeof PruneExemptionSchema>;

/** A prune warning: the member stays by speaking (or answering the bot) before the deadline. */
export const PruneWarningSchema = z.object({
  id: z.string(), // member id: one warning at a time per member
  communityId: z.string(),
  userId: z.string(),
  warnedAt: isoTime,
  deadline: isoTime,
  /** The admin who warned, or `auto`. */
  by: z.string(),
  status: z.enum(['pending', 'kept', 'removed']),
  respondedAt: isoTime.optional(),
  resolvedAt: isoTime.optional(),
  /** When the automatic sweep could not remove the member and asked the admins to do it by hand. */
  manualAt: isoTime.optional(),
  /**
   * How the warning reached the member. pending: on its way; dm / group: the platform accepted the
   * private message / the group message; unreachable: the private chat was refused; fallback: a
   * group message mentioning them is on its way; mentioned: it was accepted. Only dm, group and
   * mentioned (or absent, for warnings from before delivery was tracked) count as delivered.
   */
  delivery: z.enum(['pending', 'dm', 'group', 'unreachable', 'fallback', 'mentioned']).optional(),
});
export type PruneWarning = z.infer<typeof PruneWarningSchema>;
