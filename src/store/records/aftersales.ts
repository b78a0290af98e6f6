import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of what happens after the goods and before the next deal: after-sales tickets (售后),
 * reviews from members who picked up, and deal templates (the same product week after week).
 * Times are ISO strings in UTC; money is integer cents; pictures are paths relative to the data
 * dir (src/store/payment-files.ts: dataPath / resolveDataPath), kept owner-only.
 */

/**
 * An after-sales ticket on one order line (`/aftersale #3 "坏了2个" amount=10`): open → approved
 * (a refund recorded through src/services/payments.ts recordRefund) or rejected (with the reason
 * the member is told) → closed. A line has at most one ticket that is not closed or rejected; a
 * rejected ticket is reopened only by an admin. See src/services/aftersales.ts.
 */
export const TicketSchema = z.object({
  id: z.string(), // `${communityId}|t${no}`
  communityId: z.string(),
  /** The number members and admins type: `售后 T3`. Unique in its community, never reused. */
  no: z.number().int().positive(),
  dealId: z.string(),
  /** The order line the ticket is about (Order.id). */
  orderId: z.string(),
  /** The member who opened it: the line's orderer (Order.userId). */
  userId: z.string(),
  name: z.string(),
  /** What went wrong, in the member's words. */
  reason: z.string(),
  /** What the member asks back, in cents; absent: they leave it to the leader. Never above what the line paid. */
  askedCents: z.number().int().positive().optional(),
  /** Pictures of the problem (paths relative to the data dir), in the order sent. */
  photos: z.array(z.string()).default([]),
  status: z.enum(['open', 'approved', 'rejected', 'closed']),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Approved or rejected: when and by whom. */
  resolvedAt: isoTime.optional(),
  resolvedBy: z.string().optional(),
  /** Approved: the refund recorded for it, in cents (0: approved without money, e.g. replaced). */
  refundCents: z.number().int().nonnegative().optional(),
  /** Rejected: the reason the member is told. Approved: the admin's note, if any. */
  answer: z.string().optional(),
  /** When admins were last reminded of it (`aftersale.remind`): once per ticket and opening. */
  remindedAt: isoTime.optional(),
  /** An admin reopened a rejected ticket: when and who. */
  reopenedAt: isoTime.optional(),
  reopenedBy: z.string().optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/**
 * A review of a deal by a member who picked up (or was delivered) a line of it: once per member
 * and deal, 1–5 stars, words, an optional picture. Only its author writes it; admins may reply,
 * and may hide it with a reason (logged in the audit). See src/services/reviews.ts.
 */
export const ReviewSchema = z.object({
  id: z.string(), // `${dealId}/${userId}`
  communityId: z.string(),
  dealId: z.string(),
  /** The deal's template when the review was written (Deal.templateId): reviews group by product. */
  templateId: z.string().optional(),
  userId: z.string(),
  name: z.string(),
  stars: z.number().int().min(1).max(5),
  text: z.string().default(''),
  photo: z.string().optional(),
  createdAt: isoTime,
  /** The shop's answer, shown under the review. */
  reply: z.object({ text: z.string(), by: z.string(), at: isoTime }).optional(),
  /** Hidden by an admin: kept (and counted nowhere), with who, when and why. */
  hidden: z.object({ reason: z.string(), by: z.string(), at: isoTime }).optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

/**
 * A deal kept to open again (`/template save #3 芒果`, `/deal new from=芒果`): everything a deal
 * is made of except its deadline, which is kept as a length (the deal ran 48 h: the next does too).
 * Deals made from it carry its id (Deal.templateId): reports and reviews group by it.
 */
export const TemplateSchema = z.object({
  id: z.string(), // `${communityId}|${key}` where key is the name folded (trimmed, lower case)
  communityId: z.string(),
  /** The name as the admin typed it (`芒果`). Unique in its community, ignoring case and spaces around it. */
  name: z.string(),
  title: z.string(),
  priceCents: z.number().int().nonnegative(),
  min: z.number().int().positive(),
  stock: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().optional(),
  /** How long a deal from it runs, in ms (its source deal's endsAt − createdAt). */
  durationMs: z.number().int().positive(),
  unit: z.string().optional(),
  options: z.array(z.string()).default([]),
  optionPrices: z.record(z.string(), z.number().int().nonnegative()).default({}),
  optionStock: z.record(z.string(), z.number().int().nonnegative()).default({}),
  pickup: z.string().optional(),
  points: z.array(z.string()).optional(),
  photos: z.array(z.string()).default([]),
  /** Categories of its deals (`水果`), as Deal.categories. */
  categories: z.array(z.string()).optional(),
  /** The deal it was saved from (Deal.id), last. */
  fromDealId: z.string().optional(),
  createdAt: isoTime,
  createdBy: z.string(),
  updatedAt: isoTime,
});
export type Template = z.infer<typeof TemplateSchema>;
