import { isoTime } from '../core/clock.js';
import type { Deal, Order, WaitEntry } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { codeIfArrived } from './fulfilment.js';
import { dealIsDead, moneyState } from './money-state.js';
import { findOption, lineId, optionLeft } from './order-lines.js';
import {
  type CancelOutcome,
  cancelOrder,
  type LineChoice,
  type OrderOutcome,
  type OrderRequest,
  placeOrder,
  withdrawLines,
} from './orders.js';
import { audit } from './payments.js';
import { defineSetting, durationSetting, getSetting } from './settings.js';
import { grantableUnits } from './waitlist-goods.js';

/**
 * The waitlist (候补) of sold-out deals and options. An order that finds nothing left of what it
 * asks for puts the member on the waitlist instead; units freed later (a withdrawal, a line lowered,
 * a stock increase, an unpaid line cancelled) go to those waiting, earliest first, each given all
 * they asked for where that fits. One who asked for more than is free keeps their place and the
 * next one who fits gets the units (never part of an ask: someone who wanted 3 may not want 1).
 *
 * Given units become (or add to) the member's order line through placeOrder, with its stock and
 * limit rules, and must be paid within `waitlist.pay_within`; unpaid by then they are taken back
 * and go to the next in line. A deal that formed keeps giving freed units after its deadline (the
 * leader already ordered them from the supplier); one that failed or was cancelled gives nothing.
 */

/** How long a member has to pay for units given from the waitlist, in ms (`waitlist.pay_within`). */
export const payWithinSetting = defineSetting({
  key: 'waitlist.pay_within',
  schema: durationSetting,
  default: 12 * 3_600_000,
  durationUnitMs: 1,
});

/** Units given from the waitlist: the record to be paid by `entry.payBy`, and the member's line now. */
export interface Grant {
  entry: WaitEntry;
  order: Order;
  deal: Deal;
  /** Units given now (entry.qty also counts earlier grants of the same line not yet paid). */
  units: number;
}

const NONE: readonly Grant[] = Object.freeze([]);

function waitKey(dealId: string, userId: string, option?: string, forName?: string): string {
  return `${dealId}|${userId}|${option ?? ''}|${forName ?? ''}`;
}

/** The id of the record of units given on an order line and not yet settled. */
function grantKey(order: Order): string {
  return `${waitKey(order.dealId, order.userId, order.option, order.for)}|granted`;
}

/**
 * Units given from the waitlist on this line and not yet settled (paid or claimed by the
 * deadline, or taken back), if any: those units answer to their own deadline (`entry.payBy`).
 */
export function pendingGrant(tables: Tables, order: Order): WaitEntry | undefined {
  return tables.waitlist.get(grantKey(order));
}

/**
 * Lowers an active line to `qty` units (fewer than it holds), also after the deal's deadline, the
 * freed units left for the caller to pass on (grantFreedUnits). Undefined where the deal no longer
 * takes it (it failed or was cancelled).
 */
export function lowerLine(
  tx: Tx,
  deal: Deal,
  order: Order,
  qty: number,
  now: Date,
): (OrderOutcome & { kind: 'ordered' }) | undefined {
  const request: OrderRequest = { qty, waitlist: true };
  if (order.option !== undefined) request.option = order.option;
  if (order.for !== undefined) request.for = order.for;
  const lowered = placeOrder(tx, deal, { userId: order.userId, name: order.name }, request, now);
  return lowered.kind === 'ordered' ? lowered : undefined;
}

/** The order line a waitlist entry is about. */
export function entryLineId(entry: WaitEntry): string {
  return lineId(entry.dealId, entry.userId, entry.option, entry.for);
}

/** Members waiting for a deal's units, earliest first. */
export function waitingFor(tables: Tables, dealId: string): WaitEntry[] {
  return tables.waitlist.by('deal', dealId).sort((a, b) => a.seq - b.seq);
}

/** Units given from a deal's waitlist and not yet settled (paid, or taken back), earliest first. */
export function grantedIn(tables: Tables, dealId: string): WaitEntry[] {
  return tables.waitlist
    .by('granted', 'granted')
    .filter((e) => e.dealId === dealId)
    .sort((a, b) => (a.grantedAt ?? '').localeCompare(b.grantedAt ?? '') || a.seq - b.seq);
}

/** How many wait per option of a deal ('' for a deal without options). */
export function waitingCounts(tables: Tables, dealId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of tables.waitlist.by('deal', dealId))
    counts.set(e.option ?? '', (counts.get(e.option ?? '') ?? 0) + 1);
  return counts;
}

/** The key of the `dealOption` index: those waiting for one option of a deal ('' without options). */
function optionKey(dealId: string, option: string | undefined): string {
  return `${dealId}|${option ?? ''}`;
}

/** An entry's place (1 = next) among those waiting for the same option. */
export function placeOf(tables: Tables, entry: WaitEntry): number {
  let ahead = 0;
  for (const e of tables.waitlist.by('dealOption', optionKey(entry.dealId, entry.option)))
    if (e.seq < entry.seq) ahead++;
  return ahead + 1;
}

/**
 * Those waiting for an option (or a deal without options) that has units free now, earliest
 * first: the only ones units free now could go to. Options sold out are not walked, so an order
 * of one option costs nothing however many wait for another.
 */
function servable(tables: Tables, deal: Deal): WaitEntry[] {
  if (deal.options.length === 0) return waitingIn(tables, deal.id, undefined);
  const queue: WaitEntry[] = [];
  let buckets = 0;
  for (const option of deal.options) {
    if (
      freeUnits(deal, option) <= 0 ||
      tables.waitlist.countBy('dealOption', optionKey(deal.id, option)) === 0
    )
      continue;
    queue.push(...waitingIn(tables, deal.id, option));
    buckets++;
  }
  return buckets > 1 ? queue.sort((a, b) => a.seq - b.seq) : queue;
}

/** Those waiting for one option of a deal, earliest first. */
function waitingIn(tables: Tables, dealId: string, option: string | undefined): WaitEntry[] {
  const key = optionKey(dealId, option);
  return tables.waitlist.countBy('dealOption', key) === 0
    ? []
    : tables.waitlist.by('dealOption', key).sort((a, b) => a.seq - b.seq);
}

/** Units of an option (or of the deal, without one) still for sale; Infinity where unlimited. */
function freeUnits(deal: Deal, option: string | undefined): number {
  const left =
    option === undefined
      ? deal.stock === undefined
        ? undefined
        : deal.stock - deal.sold
      : optionLeft(deal, option);
  return left ?? Number.POSITIVE_INFINITY;
}

/** Whether anything of the deal is for sale now: a quick test before walking its waitlist. */
function anyFree(deal: Deal): boolean {
  if (deal.stock !== undefined && deal.sold >= deal.stock) return false;
  return deal.options.length === 0 || deal.options.some((o) => freeUnits(deal, o) > 0);
}

/** What placeOrder did, or `waitlisted`: nothing of what was asked is left, so the member waits. */
export type PlaceOutcome =
  | OrderOutcome
  | {
      kind: 'waitlisted';
      deal: Deal;
      entry: WaitEntry;
      /** 1 = next in line for the entry's option. */
      place: number;
      /** The member was already waiting (a second `+1`): same place, no second entry. */
      again: boolean;
    };

/**
 * Places an order as placeOrder does; when nothing of the option (or deal) is left, the member
 * joins its waitlist for the units they asked beyond what they hold. A line lowered frees units,
 * which go to the waitlist in the same transaction. `grants`: units given to waiting members.
 */
export function orderOrWait(
  tx: Tx,
  deal: Deal,
  buyer: { userId: string; name: string },
  request: OrderRequest,
  now: Date,
): { outcome: PlaceOutcome; grants: readonly Grant[] } {
  // Units freed where nobody handed them on go to those already waiting, before anyone new.
  const earlier = tx.tables.waitlist.countBy('deal', deal.id) > 0 ? grantFreedUnits(tx, deal, now) : NONE;
  const outcome = placeOrder(tx, deal, buyer, request, now);
  if (outcome.kind === 'ordered') {
    if (!outcome.previous || outcome.order.qty >= outcome.previous.qty) return { outcome, grants: earlier };
    return { outcome, grants: [...earlier, ...grantFreedUnits(tx, outcome.deal, now)] };
  }
  if (outcome.kind !== 'sold_out') return { outcome, grants: earlier };
  const current = outcome.deal;
  const named = request.option ?? (current.options.length === 1 ? current.options[0] : undefined);
  const option = outcome.option ?? (named === undefined ? undefined : findOption(current, named));
  // Some left, only fewer than asked: the answer says how many can be had.
  if (freeUnits(current, option) > 0) return { outcome, grants: earlier };
  const held = tx.get('orders', lineId(current.id, buyer.userId, option, request.for));
  const qty = request.add ? request.qty : request.qty - (held?.status === 'active' ? held.qty : 0);
  if (qty < 1) return { outcome, grants: earlier };
  const want = { qty, option, for: request.for, pointId: request.pointId, set: !request.add };
  return { outcome: joinWaitlist(tx, current, buyer, want, now), grants: earlier };
}

function joinWaitlist(
  tx: Tx,
  deal: Deal,
  buyer: { userId: string; name: string },
  want: {
    qty: number;
    option: string | undefined;
    for: string | undefined;
    pointId: string | undefined;
    set: boolean;
  },
  now: Date,
): PlaceOutcome & { kind: 'waitlisted' } {
  const id = waitKey(deal.id, buyer.userId, want.option, want.for);
  const at = isoTime(now);
  const existing = tx.get('waitlist', id);
  let entry: WaitEntry;
  if (existing) {
    // A second `+1` keeps the place; a new quantity (`+3`, not a tap's one more) replaces the ask.
    entry =
      want.set && want.qty !== existing.qty
        ? tx.put('waitlist', { ...existing, qty: want.qty, updatedAt: at })
        : existing;
  } else {
    // After the last place handed out: counted on the deal, so a burst of sold-out orders joining
    // one by one never walks the waitlist (one from before the count was kept is read once).
    const last =
      deal.waitSeq ?? tx.tables.waitlist.by('deal', deal.id).reduce((max, e) => Math.max(max, e.seq), 0);
    const seq = last + 1;
    deal = tx.put('deals', { ...deal, waitSeq: seq });
    const fresh: WaitEntry = {
      id,
      communityId: deal.communityId,
      dealId: deal.id,
      userId: buyer.userId,
      name: buyer.name,
      qty: want.qty,
      seq,
      status: 'waiting',
      createdAt: at,
      updatedAt: at,
    };
    if (want.option !== undefined) fresh.option = want.option;
    if (want.for !== undefined) fresh.for = want.for;
    if (want.pointId !== undefined) fresh.pointId = want.pointId;
    entry = tx.put('waitlist', fresh);
  }
  // A new place is the last of its option: the count of those waiting for it, read in O(1).
  const place = existing
    ? placeOf(tx.tables, entry)
    : tx.tables.waitlist.countBy('dealOption', optionKey(deal.id, entry.option));
  return { kind: 'waitlisted', deal, entry, place, again: existing !== undefined };
}

/**
 * Gives the units free in a deal now to its waitlist, earliest first: each waiting member gets
 * all they asked for if it fits (placeOrder decides: stock, option stock, their limit) and, once
 * goods reached pickup points, the units are where the member collects (grantableUnits), else the
 * next one is tried. Each given line must be paid within `waitlist.pay_within` (Order.payBy).
 * Call it in the transaction that freed the units (withdrawals, a stock increase, an unpaid line
 * cancelled) so nobody new takes them first. Returns the grants, for the members to be told.
 */
export function grantFreedUnits(tx: Tx, deal: Deal, now: Date): readonly Grant[] {
  let current = tx.get('deals', deal.id) ?? deal;
  if (dealIsDead(current) || !anyFree(current)) return NONE;
  const queue = servable(tx.tables, current);
  if (queue.length === 0) return NONE;
  const community = tx.get('communities', current.communityId);
  const within = community ? getSetting(community, payWithinSetting) : payWithinSetting.default;
  const at = isoTime(now);
  const payBy = isoTime(new Date(now.getTime() + within));
  const grants: Grant[] = [];
  for (const entry of queue) {
    const free = freeUnits(current, entry.option);
    if (entry.qty > free) continue;
    // After goods arrived at points, only units where this member's line would go (waitlist-goods.ts).
    if (entry.qty > grantableUnits(tx.tables, current, entry, free)) continue;
    const request: OrderRequest = { qty: entry.qty, add: true, waitlist: true };
    if (entry.option !== undefined) request.option = entry.option;
    if (entry.for !== undefined) request.for = entry.for;
    if (entry.pointId !== undefined) request.pointId = entry.pointId;
    const outcome = placeOrder(tx, current, { userId: entry.userId, name: entry.name }, request, now);
    // Over their limit by now, or the deal stopped: they keep their place for later units.
    if (outcome.kind !== 'ordered') continue;
    current = outcome.deal;
    // Goods already at the point (a line cancelled unpaid after the arrival): the code comes now.
    const order = codeIfArrived(tx, current, tx.put('orders', { ...outcome.order, payBy }));
    tx.delete('waitlist', entry.id);
    // Given twice before paying: one record, all the units, the later deadline.
    const grantId = `${entry.id}|granted`;
    const before = tx.get('waitlist', grantId);
    const granted = tx.put('waitlist', {
      ...entry,
      id: grantId,
      qty: entry.qty + (before?.qty ?? 0),
      status: 'granted',
      updatedAt: at,
      grantedAt: at,
      payBy,
    });
    grants.push({ entry: granted, order, deal: current, units: entry.qty });
    if (!anyFree(current)) break;
  }
  return grants;
}

/** Units given from the waitlist whose time to pay is up, earliest deadline first. */
export function dueGrants(tables: Tables, now: Date): WaitEntry[] {
  const t = now.getTime();
  return tables.waitlist
    .by('granted', 'granted')
    .filter((e) => e.payBy !== undefined && Date.parse(e.payBy) <= t)
    .sort((a, b) => a.payBy!.localeCompare(b.payBy!));
}

export type Settled =
  /** Paid or claimed in time, withdrawn, or the deal is gone: nothing to take back. */
  | { kind: 'kept'; entry: WaitEntry }
  /** Still owing: the given units were taken back (the line lowered, or withdrawn) and passed on. */
  | {
      kind: 'expired';
      entry: WaitEntry;
      /** The line after the units were taken back, and how many were. */
      order: Order;
      units: number;
      deal: Deal;
      grants: readonly Grant[];
    };

/**
 * Settles a grant whose deadline passed: a line still owing loses the given units it has not paid
 * for (withdrawn if that is all it held, reason `unpaid`, with an audit line by `auto`), and they
 * go to the next in line. A line paid or claimed in time keeps them, and so does a line already
 * handed over at its pickup point (its units are with the member).
 */
export function settleGrant(tx: Tx, entry: WaitEntry, now: Date): Settled {
  tx.delete('waitlist', entry.id);
  const deal = tx.get('deals', entry.dealId);
  const order = tx.get('orders', entryLineId(entry));
  const money = deal && order?.status === 'active' ? moneyState(order, deal) : undefined;
  if (!deal || !order || money?.state !== 'owing') return { kind: 'kept', entry };
  // Handed over unpaid at the point (the checker's decision): the goods are gone, the debt stays.
  if (order.deliveredAt) return { kind: 'kept', entry };
  // Only units not paid for: taking them back never makes money owed back (part paid, part kept).
  const unpaid = Math.floor(money.owedCents / Math.max(1, order.unitPriceCents));
  const back = Math.min(entry.qty, order.qty, unpaid);
  if (back < 1) return { kind: 'kept', entry };
  audit(tx, order, 'unpaid_cancelled', 'auto', now, { cents: back * order.unitPriceCents });
  if (back === order.qty) {
    const withdrawn = withdrawLines(tx, deal, [order], now, undefined, 'unpaid');
    const grants = grantFreedUnits(tx, withdrawn.deal, now);
    return { kind: 'expired', entry, order: withdrawn.orders[0]!, units: back, deal: withdrawn.deal, grants };
  }
  const lowered = lowerLine(tx, deal, order, order.qty - back, now);
  // Fewer units always fit; a deal that stopped meanwhile keeps the line as it is.
  if (!lowered) return { kind: 'kept', entry };
  const grants = grantFreedUnits(tx, lowered.deal, now);
  return { kind: 'expired', entry, order: lowered.order, units: back, deal: lowered.deal, grants };
}

/** A member's places on a deal's waitlist that a choice names (an option, a person), taken off it. */
export function leaveWaitlist(tx: Tx, deal: Deal, userId: string, choice: LineChoice = {}): WaitEntry[] {
  const option = choice.option === undefined ? undefined : (findOption(deal, choice.option) ?? choice.option);
  const mine = tx.tables.waitlist
    .by('deal', deal.id)
    .filter(
      (e) =>
        e.userId === userId &&
        (option === undefined || e.option === option) &&
        (choice.for === undefined || e.for === choice.for),
    )
    .sort((a, b) => a.seq - b.seq);
  for (const e of mine) tx.delete('waitlist', e.id);
  return mine;
}

/** A withdrawal: what cancelOrder did, the places left on the waitlist, and the units passed on. */
export interface Withdrawal {
  outcome: CancelOutcome;
  left: WaitEntry[];
  grants: readonly Grant[];
}

/**
 * A member withdraws (`/cancel #3`, `不要了`, the card's button): their lines as cancelOrder
 * withdraws them, and their places on the waitlist the same choice names; the freed units go to
 * the next in line. A choice that has to be asked about (`which`) changes nothing.
 */
export function withdrawOrder(
  tx: Tx,
  deal: Deal,
  userId: string,
  now: Date,
  choice: LineChoice = {},
): Withdrawal {
  const outcome = cancelOrder(tx, deal, userId, now, choice);
  if (outcome.kind === 'which') return { outcome, left: [], grants: NONE };
  const left = leaveWaitlist(tx, deal, userId, choice);
  if (outcome.kind !== 'cancelled') return { outcome, left, grants: NONE };
  // Units given from the waitlist and withdrawn before paying: nothing left to expire.
  for (const o of outcome.orders) if (pendingGrant(tx.tables, o)) tx.delete('waitlist', grantKey(o));
  return { outcome, left, grants: grantFreedUnits(tx, outcome.deal, now) };
}
