import { z } from 'zod';
import type { Community, Deal } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen, withStatus } from './deal-status.js';
import { takeBackOrderPoints } from './order-points-back.js';
import { roster } from './orders.js';
import { credit, perOrderSetting } from './points.js';
import { refundPoints } from './redemption.js';
import { rewardFirstOrder, trackPaymentSetting } from './referrals.js';
import { defineSetting, durationSetting, getSetting } from './settings.js';
import { settleShare, shareCounts } from './shared-deals.js';

/** Group-buy deals: open, edit, form (成团), close, fail, cancel. Plain functions, typed outcomes, no chat text. */

export const remindSetting = defineSetting({
  key: 'deal.remind',
  schema: durationSetting,
  default: 2 * 3_600_000,
  durationUnitMs: 1,
});

export interface DealInput {
  title: string;
  priceCents: number;
  min: number;
  stock?: number;
  limit?: number;
  endsAt: Date;
  unit?: string;
  options?: string[];
  /** Unit prices of options that differ from priceCents, by option name. */
  optionPrices?: Record<string, number>;
  /** Stock of options that have their own, by option name. */
  optionStock?: Record<string, number>;
  pickup?: string;
  /** The pickup points the deal delivers to (PickupPoint ids); empty or absent: all of the community's. */
  points?: string[];
  /** The forum topic or thread the deal is opened in (its card lives there); taken at creation only. */
  threadId?: string;
  /** Opens for orders then (定时开团): until then the deal is `scheduled`. Absent or past: open now. */
  startsAt?: Date;
  /** The template it is made from (Template.id), or its source deal's (`/deal copy`). */
  templateId?: string;
  /** The deal it is a copy of (`/deal copy #3`): Deal.id. */
  copiedFrom?: string;
  /** Product photos, paths relative to the data dir (the first is the card's). */
  photos?: string[];
  /** Categories members subscribe to, as written (`水果`); empty on an edit: none any more. */
  categories?: string[];
}

export function dealId(communityId: string, no: number): string {
  return `${communityId}#${no}`;
}

export function findDeal(tables: Tables, communityId: string, no: number): Deal | undefined {
  return tables.deals.get(dealId(communityId, no));
}

/** Deals still taking orders, oldest first. */
export function openDeals(tables: Tables, communityId: string): Deal[] {
  // By number: a deal keeps its place in the index, but the order of creation is what is promised.
  return tables.deals.by('open', communityId).sort((a, b) => a.no - b.no);
}

/** The deal whose card a message replies to. */
export function dealOfMessage(tables: Tables, communityId: string, messageId: string): Deal | undefined {
  return tables.deals.by('message', `${communityId}|${messageId}`)[0];
}

export function createDeal(
  tx: Tx,
  community: Community,
  input: DealInput,
  createdBy: string,
  now: Date,
): Deal {
  const no = tx.tables.deals.countBy('community', community.id) + 1;
  return tx.put('deals', {
    id: dealId(community.id, no),
    communityId: community.id,
    no,
    title: input.title,
    priceCents: input.priceCents,
    min: input.min,
    stock: input.stock,
    limit: input.limit,
    endsAt: input.endsAt.toISOString(),
    unit: input.unit,
    options: input.options ?? [],
    optionPrices: input.optionPrices ?? {},
    optionStock: input.optionStock ?? {},
    optionSold: {},
    pickup: input.pickup,
    ...(input.points?.length ? { points: input.points } : {}),
    ...(input.threadId !== undefined ? { threadId: input.threadId } : {}),
    ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
    ...(input.copiedFrom !== undefined ? { copiedFrom: input.copiedFrom } : {}),
    ...(input.photos?.length ? { photos: input.photos } : {}),
    ...(input.categories?.length ? { categories: input.categories } : {}),
    ...(input.startsAt ? { startsAt: input.startsAt.toISOString() } : {}),
    status: input.startsAt && input.startsAt.getTime() > now.getTime() ? 'scheduled' : 'open',
    createdAt: now.toISOString(),
    createdBy,
    sold: 0,
    buyers: 0,
    lines: 0,
  });
}

export type EditOutcome =
  | { kind: 'edited'; deal: Deal }
  | { kind: 'not_open'; deal: Deal }
  | { kind: 'stock_below_sold'; deal: Deal; option?: string; sold: number }
  | { kind: 'option_in_use'; deal: Deal; option: string }
  | { kind: 'options_after_orders'; deal: Deal }
  | { kind: 'ends_in_past'; deal: Deal }
  /** starts= on a deal that already opened, a start in the past, or a deadline not after the start. */
  | { kind: 'already_started' | 'starts_in_past' | 'ends_before_start'; deal: Deal };

/** Changes a deal. Stock never below what is sold (per option too); an option with orders stays. */
export function editDeal(
  tx: Tx,
  deal: Deal,
  change: Partial<Omit<DealInput, 'threadId'>>,
  now: Date,
): EditOutcome {
  deal = tx.get('deals', deal.id) ?? deal; // the current record, not a caller's older copy
  // A scheduled deal (定时开团) is edited like an open one until it opens.
  const scheduled = deal.status === 'scheduled';
  if (!isOpen(deal) && !scheduled) return { kind: 'not_open', deal };
  if (change.startsAt && !scheduled) return { kind: 'already_started', deal };
  if (change.startsAt && change.startsAt.getTime() <= now.getTime()) return { kind: 'starts_in_past', deal };
  // A shared deal's stock is the share's: never below what all its groups sold.
  const counts = deal.shareId ? shareCounts(tx.tables, deal, false) : deal;
  if (change.stock !== undefined && change.stock < counts.sold)
    return { kind: 'stock_below_sold', deal, sold: counts.sold };
  if (change.options) {
    // Lines taken without an option cannot be given one afterwards: options come before orders.
    if (deal.options.length === 0 && counts.sold > 0) return { kind: 'options_after_orders', deal };
    const gone = Object.entries(counts.optionSold).find(([o, n]) => n > 0 && !change.options!.includes(o));
    if (gone) return { kind: 'option_in_use', deal, option: gone[0] };
    for (const [option, stock] of Object.entries(change.optionStock ?? {})) {
      const sold = counts.optionSold[option] ?? 0;
      if (stock < sold) return { kind: 'stock_below_sold', deal, option, sold };
    }
  }
  // A scheduled start moved without a new deadline keeps the deal's length: a 2 h flash deal stays 2 h.
  if (change.startsAt && !change.endsAt && deal.startsAt)
    change = {
      ...change,
      endsAt: new Date(change.startsAt.getTime() + Date.parse(deal.endsAt) - Date.parse(deal.startsAt)),
    };
  if (change.endsAt && change.endsAt.getTime() <= now.getTime()) return { kind: 'ends_in_past', deal };
  const start = change.startsAt?.getTime() ?? (scheduled && deal.startsAt ? Date.parse(deal.startsAt) : 0);
  if ((change.endsAt?.getTime() ?? Date.parse(deal.endsAt)) <= start)
    return { kind: 'ends_before_start', deal };
  const { endsAt, startsAt, ...rest } = change;
  const edited: Deal = {
    ...deal,
    ...rest,
    ...(startsAt ? { startsAt: startsAt.toISOString() } : {}),
    ...(endsAt ? { endsAt: endsAt.toISOString(), remindedAt: undefined } : {}),
  };
  if (edited.shareId && !scheduled) return { kind: 'edited', deal: settleShare(tx, edited, now).deal };
  return { kind: 'edited', deal: tx.put('deals', withStatus(edited, now).deal) };
}

/**
 * Closes a deal now: closed (成团) if it has enough buyers, else failed. A formed deal pays
 * `points.per_order` and the referral first-order rewards that do not wait for payment; a failed
 * one gives back the points its orders spent.
 */
export function closeDeal(
  tx: Tx,
  deal: Deal,
  now: Date,
): { kind: 'closed' | 'failed' | 'not_open'; deal: Deal } {
  // The deadline job holds a copy read before its awaits: close what the store has now.
  deal = tx.get('deals', deal.id) ?? deal;
  if (!isOpen(deal)) return { kind: 'not_open', deal };
  // A shared deal is judged on the share's buyers: its groups close or fail together.
  const buyers = deal.shareId ? shareCounts(tx.tables, deal).buyers : deal.buyers;
  const status = buyers >= deal.min ? 'closed' : 'failed';
  const closed = tx.put('deals', { ...deal, status, closedAt: now.toISOString() });
  const community = tx.get('communities', deal.communityId)!;
  const orders = roster(tx.tables, closed);
  if (status === 'failed') {
    for (const order of orders) refundPoints(tx, order, now);
    return { kind: status, deal: closed };
  }
  const perOrder = getSetting(community, perOrderSetting);
  const trackPayment = getSetting(community, trackPaymentSetting);
  // Once per member and deal, however many lines they hold (the key of a member's plain line).
  const rewarded = new Set<string>();
  for (const order of orders) {
    if (rewarded.has(order.userId)) continue;
    rewarded.add(order.userId);
    const ref = `${deal.id}/${order.userId}`;
    if (perOrder > 0) credit(tx, community.id, order.userId, perOrder, 'order', `order:${ref}`, now, { ref });
    if (!trackPayment || order.paidAt) rewardFirstOrder(tx, community, order, now);
  }
  return { kind: status, deal: closed };
}

export function cancelDeal(tx: Tx, deal: Deal, now: Date): { kind: 'cancelled' | 'not_open'; deal: Deal } {
  deal = tx.get('deals', deal.id) ?? deal;
  if (deal.status === 'cancelled') return { kind: 'not_open', deal };
  const orders = roster(tx.tables, deal);
  for (const order of orders) refundPoints(tx, order, now);
  const cancelled = tx.put('deals', { ...deal, status: 'cancelled', closedAt: now.toISOString() });
  // A deal cancelled after it closed had paid its buyers' per-order points: they come back.
  for (const userId of new Set(orders.map((o) => o.userId))) takeBackOrderPoints(tx, cancelled, userId, now);
  return { kind: 'cancelled', deal: cancelled };
}

/** The card of the deal is now message `messageId`, showing `photo` (as Deal.photos keeps it; none: text). */
export function markRosterMessage(tx: Tx, deal: Deal, messageId: string, photo?: string): void {
  const current = tx.get('deals', deal.id);
  if (!current || (current.rosterMessageId === messageId && current.rosterPhoto === photo)) return;
  const { rosterPhoto: _, ...rest } = current;
  tx.put('deals', {
    ...rest,
    rosterMessageId: messageId,
    ...(photo !== undefined ? { rosterPhoto: photo } : {}),
  });
}

/** What the scheduler must do now: deals past their deadline, and reminders that fell due. */
export function dueDeals(tables: Tables, now: Date): { toClose: Deal[]; toRemind: Deal[] } {
  const toClose: Deal[] = [];
  const toRemind: Deal[] = [];
  for (const deal of tables.deals.values()) {
    if (!isOpen(deal)) continue;
    const ends = Date.parse(deal.endsAt);
    if (ends <= now.getTime()) {
      toClose.push(deal);
      continue;
    }
    const community = tables.communities.get(deal.communityId);
    const lead = community ? getSetting(community, remindSetting) : remindSetting.default;
    // Only deals that ran long enough to need a reminder (from their start, if scheduled), and only once.
    const from = Math.max(Date.parse(deal.createdAt), deal.startsAt ? Date.parse(deal.startsAt) : 0);
    if (!deal.remindedAt && ends - lead <= now.getTime() && from < ends - lead) toRemind.push(deal);
  }
  const byEnd = (a: Deal, b: Deal) => a.endsAt.localeCompare(b.endsAt);
  return { toClose: toClose.sort(byEnd), toRemind: toRemind.sort(byEnd) };
}

export function markReminded(tx: Tx, deal: Deal, now: Date): Deal {
  return tx.put('deals', { ...deal, remindedAt: now.toISOString() });
}

export const dealCode = z
  .string()
  .regex(/^[#＃]?\d{1,6}$/, 'expected a deal code like #3')
  .transform((s) => Number(s.replace(/^[#＃]/, '')));
