import { isoTime } from '../core/clock.js';
import type { Deal, WaitEntry } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { findOption, lineId } from './order-lines.js';
import { type LineChoice, type OrderOutcome, type OrderRequest, placeOrder } from './orders.js';
import { shareView } from './shared-deals.js';
import { type Grant, grantFreedUnits, NONE } from './waitlist-grants.js';
import { freeUnits, optionKey, placeOf, waitKey } from './waitlist-queue.js';

/**
 * Joining and leaving the waitlist (候补, src/services/waitlist.ts): an order that finds nothing
 * left of what it asks for (orderOrWait) takes a place instead, after the last one of its option;
 * a second `+1` keeps the place. leaveWaitlist takes a member's places off it.
 */

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
  // (A shared deal: what the share has left, over its linked groups.)
  if (freeUnits(current.shareId ? shareView(tx.tables, current, false) : current, option) > 0)
    return { outcome, grants: earlier };
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
