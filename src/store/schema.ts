import { z } from 'zod';
import { OutboxMessageSchema } from './outbox-record.js';

/** Store records. Times are ISO strings in UTC; money is integer cents. Every record has a string id. */

const isoTime = z.string().datetime({ offset: true });

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

export const DealSchema = z.object({
  id: z.string(), // `${communityId}#${no}`
  communityId: z.string(),
  /** The short code members type: #3. Unique in its community. */
  no: z.number().int().positive(),
  title: z.string(),
  priceCents: z.number().int().nonnegative(),
  /** Group size (成团): distinct buyers needed. */
  min: z.number().int().positive(),
  /** Total units for sale; absent = unlimited. Lowered by goods that arrived short (0: none came). */
  stock: z.number().int().nonnegative().optional(),
  /** Max units per member; absent = unlimited. */
  limit: z.number().int().positive().optional(),
  endsAt: isoTime,
  unit: z.string().optional(),
  /** Variants a buyer picks (SKU), e.g. S, M, L, in the order the admin listed them. */
  options: z.array(z.string()).default([]),
  /** An option's own unit price where it differs from priceCents (`options="5斤:59,10斤:109"`). */
  optionPrices: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** An option's own stock, where it has one (`options="10斤:109:20"`); the deal's stock still caps the total. */
  optionStock: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Units ordered per option among active lines (kept in step with the orders, like sold). */
  optionSold: z.record(z.string(), z.number().int().nonnegative()).default({}),
  pickup: z.string().optional(),
  /** The pickup points this deal delivers to (PickupPoint ids, in the admin's order); absent: all of the community's. */
  points: z.array(z.string()).optional(),
  status: z.enum(['open', 'succeeded', 'closed', 'failed', 'cancelled']),
  createdAt: isoTime,
  createdBy: z.string(),
  /** When the group first formed (成团); kept if buyers later drop below min. */
  formedAt: isoTime.optional(),
  closedAt: isoTime.optional(),
  remindedAt: isoTime.optional(),
  /**
   * Units ordered and distinct buyers among active orders (kept in step with the orders). A buyer is
   * a person with at least one active line: the orderer, or the person a proxy line is for.
   */
  sold: z.number().int().nonnegative(),
  buyers: z.number().int().nonnegative(),
  /** Roster line numbers handed out so far (a line keeps its number when changed). */
  lines: z.number().int().nonnegative().default(0),
  /**
   * Places handed out on its waitlist so far (WaitEntry.seq), so a new place costs no walk of the
   * waitlist; absent before the first (or on a waitlist from before it was kept: read once then).
   */
  waitSeq: z.number().int().nonnegative().optional(),
  /** The message showing the deal card and roster, edited in place. */
  rosterMessageId: z.string().optional(),
  /** The forum topic or thread the deal was opened in: its card lives there (set at creation). */
  threadId: z.string().optional(),
});
export type Deal = z.infer<typeof DealSchema>;

/** Still taking orders (open, or formed and not yet closed). Here, not in services: an index needs it. */
export function isOpen(deal: Deal): boolean {
  return deal.status === 'open' || deal.status === 'succeeded';
}

export const OrderSchema = z.object({
  /**
   * `${dealId}/${userId}` for a member's plain line (no option, not for someone else); otherwise
   * `${dealId}/${userId}|${option}|${for}`: a member holds one line per option and per person.
   */
  id: z.string(),
  dealId: z.string(),
  communityId: z.string(),
  userId: z.string(),
  name: z.string(),
  /** Place in the roster: first come, first listed. */
  line: z.number().int().positive(),
  qty: z.number().int().positive(),
  option: z.string().optional(),
  note: z.string().optional(),
  /** A proxy line (代订): who it is for; the orderer (userId, name) pays and is told. */
  for: z.string().optional(),
  /** The chat message the line was last set from, so an edit of that message changes this line. */
  sourceMessageId: z.string().optional(),
  unitPriceCents: z.number().int().nonnegative(),
  /** Discount paid for with points (the points issue); amount = qty × unit price − discount. */
  discountCents: z.number().int().nonnegative().default(0),
  pointsUsed: z.number().int().nonnegative().default(0),
  /** Bumped at each redemption or refund, so each has its own ledger key. */
  pointsRevision: z.number().int().nonnegative().default(0),
  status: z.enum(['active', 'cancelled']),
  createdAt: isoTime,
  updatedAt: isoTime,
  cancelledAt: isoTime.optional(),
  /**
   * Who withdrew the line: the member, an admin, the unpaid sweep (`orders.unpaid_cancel`), or
   * nothing of it arrived (`short`, src/services/shortage.ts).
   */
  cancelReason: z.enum(['member', 'admin', 'unpaid', 'short']).optional(),
  /**
   * Money (see src/services/money-state.ts for the one state these make). paidAt: when the line was
   * last paid; paidCents: everything confirmed paid on it, in cents (absent on a line paid before
   * amounts were kept: it paid its amount).
   */
  paidAt: isoTime.optional(),
  paidCents: z.number().int().nonnegative().optional(),
  /** The member says they paid (`已付 #3`): when, how much they owed then, and their screenshot's path. */
  claimedAt: isoTime.optional(),
  claimCents: z.number().int().nonnegative().optional(),
  claimProof: z.string().optional(),
  /** Refunds recorded on the line, in cents, and when the last one was. */
  refundedCents: z.number().int().nonnegative().optional(),
  refundedAt: isoTime.optional(),
  /**
   * The part of refunds that lowered what the line costs (goods short, a partial refund on a line
   * that stays): the line owes its amount less this.
   */
  allowanceCents: z.number().int().nonnegative().optional(),
  /** Units given from the waitlist must be paid by then, or go to the next in line. */
  payBy: isoTime.optional(),
  /** Picked up or delivered (`/delivered`, a verified pickup code): when, and by whom it was checked. */
  deliveredAt: isoTime.optional(),
  deliveredBy: z.string().optional(),
  /** The pickup point (自提点) the line's goods go to: a PickupPoint id (src/services/pickup-points.ts). */
  pointId: z.string().optional(),
  /**
   * The line's one-time pickup code (核销码), handed out when its goods arrive: random, unique in the
   * community, checked once at the point (src/services/pickup-codes.ts).
   */
  pickupCode: z.string().optional(),
  /** Units taken off the line because fewer arrived than were ordered (`pickup.shortage`). */
  shortQty: z.number().int().nonnegative().optional(),
});
export type Order = z.infer<typeof OrderSchema>;

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

/** Messages a member sent on one local day: activity windows for tiers and reports. */
export const ActivitySchema = z.object({
  id: z.string(), // `${communityId}/${userId}|${day}`
  communityId: z.string(),
  userId: z.string(),
  day: z.string(), // YYYY-MM-DD in the community's timezone
  messages: z.number().int().nonnegative(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** The last slot a cron job ran for in a community, so a restart neither repeats nor loses a run. */
export const JobRunSchema = z.object({
  id: z.string(), // `${job}:${communityId}`
  job: z.string(),
  communityId: z.string(),
  lastSlot: isoTime,
  ranAt: isoTime,
});
export type JobRun = z.infer<typeof JobRunSchema>;

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

/** The weekly report digest of a community (`report.weekly=on`): the last weekly slot it was handled for. */
export const ReportDigestSchema = z.object({
  id: z.string(), // communityId
  communityId: z.string(),
  /** The Monday 09:00 (community time) slot last handled; the first one only arms the digest. */
  lastSlot: isoTime,
  postedAt: isoTime.optional(),
});
export type ReportDigest = z.infer<typeof ReportDigestSchema>;

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

/**
 * Money that moved, as the bot was told: a payment confirmed on an order line, or a refund. The bot
 * never holds money; these entries are what it can prove. Append-only; the id is the idempotency
 * key (a platform charge id, or the line and its running count).
 */
export const PaymentSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  dealId: z.string(),
  orderId: z.string(),
  userId: z.string(),
  kind: z.enum(['payment', 'refund']),
  /** Positive, in cents. */
  cents: z.number().int().positive(),
  /** confirmed: an admin confirmed the member's claim; marked: an admin marked it paid; telegram: paid in the chat. */
  method: z.enum(['confirmed', 'marked', 'telegram', 'recorded']),
  reason: z.string().optional(),
  /**
   * For a refund: the part of it that lowered what the line costs (goods short, after-sales), which
   * /report deducts from GMV; the rest gave back money the line no longer cost (a failed deal, a
   * withdrawn line, a lower price). Absent: none.
   */
  allowanceCents: z.number().int().positive().optional(),
  /** The platform's charge id (Telegram `telegram_payment_charge_id`). */
  chargeId: z.string().optional(),
  by: z.string(),
  at: isoTime,
});
export type Payment = z.infer<typeof PaymentSchema>;

/**
 * A member waiting for units of a sold-out deal or option (候补), or units given to them from the
 * waitlist that must be paid by `payBy`. See src/services/waitlist.ts. The id starts with the deal
 * id, so a community's move rewrites it with the rest.
 */
export const WaitEntrySchema = z.object({
  /** `${dealId}|${userId}|${option}|${for}`, and `…|granted` for units given and not yet settled. */
  id: z.string(),
  communityId: z.string(),
  dealId: z.string(),
  userId: z.string(),
  name: z.string(),
  option: z.string().optional(),
  /** A proxy line's person (代订), as on the order line. */
  for: z.string().optional(),
  /** The pickup point the member named when they joined (PickupPoint id): the given units go there. */
  pointId: z.string().optional(),
  /** Units asked for (waiting), or given and not yet paid (granted). */
  qty: z.number().int().positive(),
  /** Place in the deal's waitlist: lower goes first. */
  seq: z.number().int().positive(),
  status: z.enum(['waiting', 'granted']),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Granted: when the units were given, and by when the line must be paid or they go to the next. */
  grantedAt: isoTime.optional(),
  payBy: isoTime.optional(),
});
export type WaitEntry = z.infer<typeof WaitEntrySchema>;

/**
 * A community's payment instructions (`/pay setup`): the text members read and the leader's
 * payment code image (收款码), a file under DATA_DIR/payment/ (owner-only). One per community,
 * replaced whole; the image is kept as its path relative to the data dir.
 */
export const PaymentInfoSchema = z.object({
  id: z.string(), // the community id
  communityId: z.string(),
  text: z.string(),
  /** `payment/<name>.png`, relative to the data dir; absent: text only. */
  image: z.string().optional(),
  /** The admin who set it, and when. */
  by: z.string(),
  at: isoTime,
});
export type PaymentInfo = z.infer<typeof PaymentInfoSchema>;

/**
 * A money notice of a deal that went out once (src/services/pay-reminders.ts): the payment
 * reminder after the deal formed, the one after it closed, or the unpaid lines' cancellation. Its
 * existence is the durable mark that the step was done (a restart neither repeats nor loses it);
 * `pending` and `unreachable` track the private messages, so members the platform refused are
 * mentioned in ONE group message once every private message has an outcome.
 */
export const PayNoticeSchema = z.object({
  id: z.string(), // `${dealId}|${step}`
  communityId: z.string(),
  dealId: z.string(),
  step: z.enum(['remind', 'remind_again', 'unpaid_cancel']),
  /** When the step fell due, and when it was done. */
  dueAt: isoTime,
  at: isoTime,
  /** Platform user ids told (privately, or in the group where no private chat exists). */
  told: z.array(z.string()).default([]),
  /** Private messages still without an outcome, and members refused privately (to mention in the group). */
  pending: z.array(z.string()).default([]),
  unreachable: z.array(z.string()).default([]),
});
export type PayNotice = z.infer<typeof PayNoticeSchema>;

/**
 * A community's pickup point (自提点): where members collect a deal's goods, when, and who keeps it.
 * Removed points keep their record (old orders name them) but take no new orders.
 */
export const PickupPointSchema = z.object({
  id: z.string(), // `${communityId}|p${no}`
  communityId: z.string(),
  /** The number shown in lists; never reused. */
  no: z.number().int().positive(),
  name: z.string(),
  /** Opening times as the admin wrote them (`周六 10:00-12:00`), and read: weekday 0–6 (Sunday 0) if named, local HH:MM. */
  times: z.string().optional(),
  window: z
    .object({ weekday: z.number().int().min(0).max(6).optional(), start: z.string(), end: z.string() })
    .optional(),
  /** The member who keeps the point (told what is waiting), and who may check pickup codes there. */
  keeper: z.string().optional(),
  verifiers: z.array(z.string()).default([]),
  status: z.enum(['active', 'removed']),
  createdAt: isoTime,
  createdBy: z.string(),
});
export type PickupPoint = z.infer<typeof PickupPointSchema>;

/**
 * How a closed deal's goods are getting to one pickup point (per deal and point):
 * closed → shipped (optional note, e.g. a waybill) → arrived (units per option as counted) →
 * picking → done. Each step is announced once; the timestamps say when.
 */
export const FulfilmentSchema = z.object({
  id: z.string(), // `${dealId}|${pointId}`
  communityId: z.string(),
  dealId: z.string(),
  pointId: z.string(),
  state: z.enum(['closed', 'shipped', 'arrived', 'picking', 'done']),
  shippedAt: isoTime.optional(),
  note: z.string().optional(),
  arrivedAt: isoTime.optional(),
  /** Units that arrived, per option ('' for a deal without options). */
  arrived: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /**
   * Options ('' without options) that arrived short under `pickup.shortage=manual` and that the
   * admin has not settled yet (/short): their lines here get no pickup code until the units they
   * hold fit what arrived (src/services/held-goods.ts).
   */
  held: z.array(z.string()).optional(),
  pickingAt: isoTime.optional(),
  doneAt: isoTime.optional(),
  /** Who recorded the last step. */
  by: z.string().optional(),
  /**
   * The arrival's private messages (pickup codes) still without an outcome, and members they could
   * not reach: mentioned once in the group when the last outcome is in (commands/fulfilment-notices.ts).
   */
  pending: z.array(z.string()).optional(),
  unreachable: z.array(z.string()).optional(),
});
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/**
 * A "not picked up yet" reminder of a deal's goods at one pickup point, for one opening window
 * (src/services/pickup-reminders.ts): its existence marks it done (a restart neither repeats nor
 * loses it); `pending` and `unreachable` track the private messages as PayNotice does.
 */
export const PickupNoticeSchema = z.object({
  id: z.string(), // `${dealId}|${pointId}|${window end, ISO}` or `…|arrival` for a point without a window
  communityId: z.string(),
  dealId: z.string(),
  pointId: z.string(),
  /** The end of the opening window reminded of (absent: the point has no readable window). */
  windowEnd: isoTime.optional(),
  /** When the reminder fell due, and when it was sent. */
  dueAt: isoTime,
  at: isoTime,
  /** Platform user ids reminded (privately, or in the group where no private chat exists). */
  told: z.array(z.string()).default([]),
  /** Private messages still without an outcome, and members refused privately (to mention in the group). */
  pending: z.array(z.string()).default([]),
  unreachable: z.array(z.string()).default([]),
});
export type PickupNotice = z.infer<typeof PickupNoticeSchema>;

/** A processed platform event id, so a redelivered event is ignored. */
export const SeenSchema = z.object({ id: z.string(), at: isoTime });
export type Seen = z.infer<typeof SeenSchema>;

/**
 * Every collection in the store and its record schema. A feature adds its collection here;
 * snapshots written before it existed load with the collection empty.
 */
export const recordSchemas = {
  communities: CommunitySchema,
  members: MemberSchema,
  seen: SeenSchema,
  deals: DealSchema,
  orders: OrderSchema,
  ledger: LedgerEntrySchema,
  ledgerRollups: LedgerRollupSchema,
  invites: InviteSchema,
  referrals: ReferralSchema,
  activity: ActivitySchema,
  jobRuns: JobRunSchema,
  topics: TopicSchema,
  topicState: TopicStateSchema,
  topicPosts: TopicPostSchema,
  pruneExemptions: PruneExemptionSchema,
  pruneWarnings: PruneWarningSchema,
  audit: AuditEntrySchema,
  payments: PaymentSchema,
  pickupPoints: PickupPointSchema,
  fulfilments: FulfilmentSchema,
  pickupNotices: PickupNoticeSchema,
  paymentInfo: PaymentInfoSchema,
  waitlist: WaitEntrySchema,
  payNotices: PayNoticeSchema,
  reportDigests: ReportDigestSchema,
  outbox: OutboxMessageSchema,
  chatMoves: ChatMoveSchema,
  arrivals: ArrivalSchema,
} as const;

export type CollectionName = keyof typeof recordSchemas;
export type Records = { [K in CollectionName]: z.infer<(typeof recordSchemas)[K]> };

/** Bumped when a change needs a migration (renamed field, new meaning); see migrations.ts. */
export const SCHEMA_VERSION = 1;

export const SnapshotSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  /** The last journal sequence number folded into this snapshot. */
  seq: z.number().int().nonnegative(),
  savedAt: isoTime,
  collections: z.object(
    Object.fromEntries(
      Object.entries(recordSchemas).map(([name, schema]) => [name, z.array(schema).default([])]),
    ) as { [K in CollectionName]: z.ZodDefault<z.ZodArray<(typeof recordSchemas)[K]>> },
  ),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
