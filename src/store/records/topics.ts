import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of topic prompts: the pool, the rotation and schedule, and the prompts as posted. Times are ISO
 * strings in UTC; money is integer cents.
 */

/** A topic prompt in a community's pool: an admin's text, or a built-in starter by its key. */
export const TopicSchema = z.object({
  id: z.string(), // `${communityId}|${no}`
  communityId: z.string(),
  /** The number shown by /topic list and used by /topic remove; never reused. */
  no: z.number().int().positive(),
  text: z.string().optional(),
  builtin: z.string().optional(),
  /** Place in the rotation: lowest unused goes next; a prompt nobody answered moves to the back. */
  seq: z.number().int().nonnegative(),
  used: z.boolean().default(false),
  createdAt: isoTime,
  createdBy: z.string(),
});
export type Topic = z.infer<typeof TopicSchema>;

/** A community's topic rotation and schedule. */
export const TopicStateSchema = z.object({
  id: z.string(), // communityId
  /** The starter pool was put in once; removing every prompt does not bring it back. */
  seeded: z.boolean().default(false),
  nextNo: z.number().int().positive().default(1),
  nextSeq: z.number().int().nonnegative().default(0),
  posts: z.number().int().nonnegative().default(0),
  /** The cron expression of scheduled prompts, and when it was set (earlier slots never fire). */
  cron: z.string().optional(),
  cronSince: isoTime.optional(),
  lastPostId: z.string().optional(),
});
export type TopicState = z.infer<typeof TopicStateSchema>;

/** A prompt as posted, with the members who took part (each paid once). */
export const TopicPostSchema = z.object({
  id: z.string(), // `${communityId}|p${n}`
  communityId: z.string(),
  topicNo: z.number().int().positive(),
  text: z.string(),
  postedAt: isoTime,
  windowEndsAt: isoTime,
  messageId: z.string().optional(),
  participants: z.array(z.string()).default([]),
  settled: z.boolean().default(false),
  /** The admin who posted it with /topic now, or `auto`. */
  by: z.string(),
});
export type TopicPost = z.infer<typeof TopicPostSchema>;
