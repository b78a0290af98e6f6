import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of a leader's network of groups (团长 network / 帮卖): groups on one platform linked by
 * their admins, which may open one deal together with one shared stock. See
 * src/services/network.ts. Times are ISO strings in UTC.
 */

/** Linked groups. A community is in at most one network (Community.networkId). */
export const NetworkSchema = z.object({
  id: z.string(), // `${communityId of the first group}|net|${n}`
  /** The group it was started from: its home (a PostgreSQL shard loads it with that group's platform). */
  communityId: z.string(),
  platform: z.string(),
  /** Linked groups, in the order they joined; a group that left is no longer here. */
  communityIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: isoTime,
});
export type Network = z.infer<typeof NetworkSchema>;

/**
 * A request to link: an admin of `communityId` asked (`/network add`) and got a code; an admin of
 * the other group confirms by sending it there (`/network join CODE`). Single use, short-lived.
 */
export const NetworkInviteSchema = z.object({
  id: z.string(), // the code, upper case
  communityId: z.string(),
  createdBy: z.string(),
  createdAt: isoTime,
  expiresAt: isoTime,
  usedAt: isoTime.optional(),
  /** The group that joined with it. */
  usedBy: z.string().optional(),
});
export type NetworkInvite = z.infer<typeof NetworkInviteSchema>;
