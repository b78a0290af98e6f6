import { z } from 'zod';
import { OutboxMessageSchema } from './outbox-record.js';
import { ReviewSchema, TemplateSchema, TicketSchema } from './records/aftersales.js';
import { AuditEntrySchema } from './records/audit.js';
import { JobRunSchema, ReportDigestSchema, SeenSchema } from './records/bookkeeping.js';
import {
  ActivitySchema,
  ArrivalSchema,
  ChatMoveSchema,
  CommunitySchema,
  MemberSchema,
} from './records/community.js';
import { ConsentSchema, OfferSchema, SubscriptionSchema } from './records/consent.js';
import { ApiTokenSchema, DashboardLinkSchema, DashboardSessionSchema } from './records/dashboard.js';
import { type Deal, DealSchema, OrderSchema, WaitEntrySchema } from './records/deals.js';
import { FulfilmentSchema, PickupNoticeSchema, PickupPointSchema } from './records/goods.js';
import { PaymentInfoSchema, PaymentSchema, PayNoticeSchema } from './records/money.js';
import { NetworkInviteSchema, NetworkSchema } from './records/network.js';
import { InviteSchema, LedgerEntrySchema, LedgerRollupSchema, ReferralSchema } from './records/points.js';
import { PruneExemptionSchema, PruneWarningSchema } from './records/prune.js';
import { isoTime } from './records/time.js';
import { TopicPostSchema, TopicSchema, TopicStateSchema } from './records/topics.js';

export * from './records/aftersales.js';
export * from './records/audit.js';
export * from './records/bookkeeping.js';
export * from './records/community.js';
export * from './records/consent.js';
export * from './records/dashboard.js';
export * from './records/deals.js';
export * from './records/goods.js';
export * from './records/money.js';
export * from './records/network.js';
export * from './records/points.js';
export * from './records/prune.js';
export * from './records/topics.js';

/**
 * Store records. Times are ISO strings in UTC; money is integer cents. Every record has a string id.
 * The record schemas live in records/, one file per domain, and are re-exported here: import them
 * from this module. A feature adds its schema there and its collection to recordSchemas below.
 */

/** Still taking orders (open, or formed and not yet closed). Here, not in services: an index needs it. */
export function isOpen(deal: Deal): boolean {
  return deal.status === 'open' || deal.status === 'succeeded';
}

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
  tickets: TicketSchema,
  reviews: ReviewSchema,
  templates: TemplateSchema,
  dashboardLinks: DashboardLinkSchema,
  dashboardSessions: DashboardSessionSchema,
  apiTokens: ApiTokenSchema,
  consents: ConsentSchema,
  subscriptions: SubscriptionSchema,
  offers: OfferSchema,
  networks: NetworkSchema,
  networkInvites: NetworkInviteSchema,
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
