import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of money the bot was told about: payments and refunds, a community's payment instructions, and
 * payment notices sent. Times are ISO strings in UTC; money is integer cents.
 */

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
  /**
   * `/pay setup` without a picture: admin `by` (platform user id) asked at `at`, and their next
   * picture within a few minutes is the payment code (commands/pay.ts). Kept here so a restart keeps
   * the wait; cleared when the picture is taken; absent: none. A record with no text, no image and
   * only this is no instructions (hasPaymentInfo).
   */
  setupWait: z.object({ by: z.string(), at: isoTime }).optional(),
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
