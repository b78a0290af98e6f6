import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * Records of goods reaching members: pickup points, the fulfilment of a deal at each point, and pickup
 * reminders sent. Times are ISO strings in UTC; money is integer cents.
 */

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
