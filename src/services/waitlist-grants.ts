import { isoTime } from '../core/clock.js';
import type { Deal, Order, WaitEntry } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { codeIfArrived } from './fulfilment.js';
import { dealIsDead } from './money-state.js';
import { type OrderOutcome, type OrderRequest, placeOrder } from './orders.js';
import { defineSetting, durationSetting, getSetting } from './settings.js';
import { shareView } from './shared-deals.js';
import { grantableUnits } from './waitlist-goods.js';
import { anyFree, freeUnits, servable } from './waitlist-queue.js';

/**
 * Giving freed units to the waitlist (候补, src/services/waitlist.ts): grantFreedUnits hands the
 * units free now to those waiting, earliest first, each to be paid within `waitlist.pay_within`;
 * lowerLine frees units of a line for it to pass on.
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

/** No grants: one frozen empty list, shared. */
export const NONE: readonly Grant[] = Object.freeze([]);

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
  // A shared deal (linked groups): units free in the share's one stock; its waitlist stays this group's.
  const free = (d: Deal) => (d.shareId ? shareView(tx.tables, d, false) : d);
  if (dealIsDead(current) || !anyFree(free(current))) return NONE;
  const queue = servable(tx.tables, current);
  if (queue.length === 0) return NONE;
  const community = tx.get('communities', current.communityId);
  const within = community ? getSetting(community, payWithinSetting) : payWithinSetting.default;
  const at = isoTime(now);
  const payBy = isoTime(new Date(now.getTime() + within));
  const grants: Grant[] = [];
  for (const entry of queue) {
    const units = freeUnits(free(current), entry.option);
    if (entry.qty > units) continue;
    // After goods arrived at points, only units where this member's line would go (waitlist-goods.ts).
    if (entry.qty > grantableUnits(tx.tables, current, entry, units)) continue;
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
    if (!anyFree(free(current))) break;
  }
  return grants;
}
