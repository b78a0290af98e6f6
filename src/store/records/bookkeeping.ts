import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * The bot's own bookkeeping: cron job slots run, weekly digest slots handled, and platform event ids seen.
 * Times are ISO strings in UTC; money is integer cents.
 */

/** The last slot a cron job ran for in a community, so a restart neither repeats nor loses a run. */
export const JobRunSchema = z.object({
  id: z.string(), // `${job}:${communityId}`
  job: z.string(),
  communityId: z.string(),
  lastSlot: isoTime,
  ranAt: isoTime,
});
export type JobRun = z.infer<typeof JobRunSchema>;

/** The weekly report digest of a community (`report.weekly=on`): the last weekly slot it was handled for. */
export const ReportDigestSchema = z.object({
  id: z.string(), // communityId
  communityId: z.string(),
  /** The Monday 09:00 (community time) slot last handled; the first one only arms the digest. */
  lastSlot: isoTime,
  postedAt: isoTime.optional(),
});
export type ReportDigest = z.infer<typeof ReportDigestSchema>;

/** A processed platform event id, so a redelivered event is ignored. */
export const SeenSchema = z.object({ id: z.string(), at: isoTime });
export type Seen = z.infer<typeof SeenSchema>;
