import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of group buys: the deal, its order lines (one per member, option and person), and its waitlist.
 * Times are ISO strings in UTC; money is integer cents.
 */

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
  /**
   * scheduled: announced, not yet taking orders (定时开团, until startsAt); open ⇄ succeeded while
   * taking orders; then closed, failed or cancelled.
   */
  status: z.enum(['scheduled', 'open', 'succeeded', 'closed', 'failed', 'cancelled']),
  /** A scheduled deal opens for orders at this time (定时开团); kept after it opened. */
  startsAt: isoTime.optional(),
  /** The template it was made from or saved as (Template.id): the same product across weeks. */
  templateId: z.string().optional(),
  /** The deal it was copied from (`/deal copy #3`): Deal.id. */
  copiedFrom: z.string().optional(),
  /**
   * Product photos (paths relative to the data dir, owner-only), shown with the card: the first is
   * the card's. Absent: none.
   */
  photos: z.array(z.string()).optional(),
  /**
   * An admin waiting to send this deal's photos (`/deal edit #3 photo`, or the rest of an album
   * after `/deal new` with a picture): `by` (platform user id) asked at `at`; their pictures sent
   * before `until` are taken (commands/deal-photos.ts), `taken` of them so far (the first replaces
   * the photos, the next are added). Kept here so a restart keeps the wait; absent: none. An admin
   * waits on one deal at a time (asking for another's photos clears it here).
   */
  photoWait: z
    .object({ by: z.string(), at: isoTime, until: isoTime, taken: z.number().int().nonnegative() })
    .optional(),
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
  /**
   * The photo that message shows (a path as `photos` keeps it), absent: a text card. Kept with the
   * message id when the card is posted, so after a restart the card is edited as what it is (a
   * caption, or a text) and posted anew when the deal's photo is no longer that one.
   */
  rosterPhoto: z.string().optional(),
  /** The forum topic or thread the deal was opened in: its card lives there (set at creation). */
  threadId: z.string().optional(),
  /**
   * Categories (`category=水果`), as the admin wrote them: subscribers of a matching one are offered
   * the deal privately (src/services/offers.ts); matched by categoryKey. Absent: none.
   */
  categories: z.array(z.string()).optional(),
  /**
   * A deal opened in several linked groups at once (src/services/network.ts): the id of the deal it
   * was opened as, in the group it was opened from; every deal of the share carries the same one
   * (that deal too). They have one stock, one group size and one deadline; each group keeps its
   * own card, roster and numbers. Absent: a deal of its group alone.
   */
  shareId: z.string().optional(),
});
export type Deal = z.infer<typeof DealSchema>;

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
