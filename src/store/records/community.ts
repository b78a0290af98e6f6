import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of a community and the people in it: the group, its members, a move to a new chat id, who was
 * there when the bot arrived, and daily message counts. Times are ISO strings in UTC; money is integer
 * cents.
 */

export const CommunitySchema = z.object({
  id: z.string(), // `${platform}:${chatId}`
  platform: z.string(),
  chatId: z.string(),
  title: z.string(),
  locale: z.enum(['en', 'zh']),
  timezone: z.string(),
  createdAt: isoTime,
  /** Admin settings (`/settings key=value`), stored as text and parsed by the family that owns the key. */
  settings: z.record(z.string(), z.string()).default({}),
  /**
   * When the bot was removed from the group (kicked, or it left); absent while it is there. Kept on
   * the community, durably, because everything that would post there reads the community anyway:
   * jobs skip it and the outbox sends nothing there, also after a restart, until the bot is added
   * back. Its data stays (see src/services/community-presence.ts).
   */
  removedAt: isoTime.optional(),
  /** The network of groups it is linked in (Network.id, src/services/network.ts); absent: none. */
  networkId: z.string().optional(),
});
export type Community = z.infer<typeof CommunitySchema>;

/**
 * A community that moved to another chat id (a Telegram group upgraded to a supergroup), kept
 * under its old id: the move happened (a second signal changes nothing), and an event still coming
 * from the old chat (a tap on an old card) belongs to the new one. See src/services/community-move.ts.
 */
export const ChatMoveSchema = z.object({
  id: z.string(), // the old community id, `${platform}:${oldChatId}`
  /** The community now, `${platform}:${chatId}`. */
  communityId: z.string(),
  chatId: z.string(),
  at: isoTime,
});
export type ChatMove = z.infer<typeof ChatMoveSchema>;

export const MemberSchema = z.object({
  id: z.string(), // `${communityId}/${userId}`
  communityId: z.string(),
  userId: z.string(),
  name: z.string(),
  status: z.enum(['active', 'left', 'removed']),
  /** The platform role last seen for this member. */
  role: z.enum(['member', 'admin', 'owner']).default('member'),
  firstSeen: isoTime,
  /** When we saw them join; absent for members who were there before the bot. */
  joinedAt: isoTime.optional(),
  leftAt: isoTime.optional(),
  lastMessageAt: isoTime.optional(),
  messageCount: z.number().int().nonnegative(),
  /** userId of the inviter, recorded once and never reassigned. */
  invitedBy: z.string().optional(),
  /** Points balance: derived from the ledger, cached here, never negative. */
  points: z.number().int().nonnegative().default(0),
  /**
   * Sums over this member's entries moved to the ledger archive (see ledger-archive.ts): all
   * deltas, earnings as the leaderboard counts them (positive, not refunds), and how many. Absent
   * means 0 (optional rather than defaulted, so code that builds a member need not name them).
   */
  archivedPoints: z.number().int().optional(),
  archivedEarned: z.number().int().nonnegative().optional(),
  archivedEntries: z.number().int().nonnegative().optional(),
  /** Consecutive daily check-ins, and the local day (YYYY-MM-DD) of the last one. */
  streak: z.number().int().nonnegative().default(0),
  lastCheckinDay: z.string().optional(),
  /** The pickup point the member picks up at unless they say otherwise (`/mypoint 东门`): a PickupPoint id. */
  pointId: z.string().optional(),
  /** Tags the member set themselves (`/profile`): kept only with that consent, cleared by `/profile off`. */
  profile: z
    .object({ interests: z.array(z.string()).default([]), area: z.string().optional(), consentAt: isoTime })
    .optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/** Messages a member sent on one local day: activity windows for tiers and reports. */
export const ActivitySchema = z.object({
  id: z.string(), // `${communityId}/${userId}|${day}`
  communityId: z.string(),
  userId: z.string(),
  day: z.string(), // YYYY-MM-DD in the community's timezone
  messages: z.number().int().nonnegative(),
  /**
   * Of those, how many in each local hour (index 0–23): when the group talks, against when deals
   * are posted (src/services/insights/). Absent on days counted before hours were kept.
   */
  hours: z.array(z.number().int().nonnegative()).length(24).optional(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/**
 * Who was in a group when the bot arrived: the first member list the platform gave for it (a
 * WeChat room's, where joins may go unreported). Someone the bot first sees there who is not on
 * it joined later, so is a new member (joined at first sight). Written once; absent where the
 * platform lists no members (its joins are reported), and then first sight means nothing.
 */
export const ArrivalSchema = z.object({
  id: z.string(), // the community id, `${platform}:${chatId}` (the community may not exist yet)
  communityId: z.string(),
  at: isoTime,
  /** Platform user ids on the list. */
  userIds: z.array(z.string()),
});
export type Arrival = z.infer<typeof ArrivalSchema>;
