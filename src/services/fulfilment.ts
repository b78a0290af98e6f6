import type { Deal, Fulfilment, Order, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { settleAwaited } from './notice-outcomes.js';
import { giveCode, linesAtPoint } from './pickup-codes.js';

/**
 * How a closed deal's goods get to each pickup point (per deal and point): closed → shipped →
 * arrived → picking → done. Shipping and opening the pickup are optional steps (a leader who
 * fetches the goods himself records arrival straight away; a point that opens when the goods
 * come goes from arrived to done); a step never goes back, and a step already taken is refused
 * (so each is announced once). Arrival, with its shortages, is in goods-arrival.ts.
 * Point '' stands for lines with no pickup point (a community without points, old lines).
 */

export type GoodsState = Fulfilment['state'];

const RANK: Record<GoodsState, number> = { closed: 0, shipped: 1, arrived: 2, picking: 3, done: 4 };

/** Whether a point's goods are at `state` or past it. */
export function reached(fulfilment: Fulfilment, state: GoodsState): boolean {
  return RANK[fulfilment.state] >= RANK[state];
}

/** The key of a deal's goods at a point in `fulfilments`: `<dealId>|<pointId>` ('' for no point). */
export function fulfilmentId(dealId: string, pointId: string): string {
  return `${dealId}|${pointId}`;
}

/** How the deal's goods stand at a point (`pointId` '' for lines with no point): 'closed' until a step is recorded. */
export function fulfilmentOf(tables: Tables, deal: Deal, pointId: string): Fulfilment {
  return (
    tables.fulfilments.get(fulfilmentId(deal.id, pointId)) ?? {
      id: fulfilmentId(deal.id, pointId),
      communityId: deal.communityId,
      dealId: deal.id,
      pointId,
      state: 'closed',
    }
  );
}

/** Active lines of the deal at a point, in roster order. */
export function activeAt(tables: Tables, deal: Deal, pointId: string): Order[] {
  return linesAtPoint(tables, deal, pointId).filter((o) => o.status === 'active');
}

/**
 * A line placed after its point's goods arrived (units given from the waitlist when an unpaid line
 * was cancelled) gets its pickup code at once, as the lines there got theirs on arrival; any other
 * line is returned as it is (its code comes with the arrival: assignPickupCodes), and so is a line
 * of an option held back short there (Fulfilment.held: its code comes when the admin settles it).
 */
export function codeIfArrived(tx: Tx, deal: Deal, order: Order): Order {
  if (order.status !== 'active' || order.deliveredAt || order.pickupCode) return order;
  const goods = tx.tables.fulfilments.get(fulfilmentId(deal.id, order.pointId ?? ''));
  const held = goods?.held?.includes(order.option ?? '') ?? false;
  return goods && reached(goods, 'arrived') && !held ? giveCode(tx, order) : order;
}

/** The points (ids, '' for lines with no point) the deal's active lines go to: by point number, '' last. */
export function goodsPoints(tables: Tables, deal: Deal): string[] {
  const ids = new Set(
    tables.orders.by('deal', deal.id).flatMap((o) => (o.status === 'active' ? [o.pointId ?? ''] : [])),
  );
  const no = (id: string) => (id ? (tables.pickupPoints.get(id)?.no ?? Number.MAX_SAFE_INTEGER) : Infinity);
  return [...ids].sort((a, b) => no(a) - no(b));
}

/**
 * Whether a member may record the goods of a point: an admin anywhere, the point's keeper there
 * (lines with no point: admins only).
 */
export function mayRecord(point: PickupPoint | undefined, userId: string, admin: boolean): boolean {
  return admin || (point !== undefined && point.keeper === userId);
}

/** Why a step was not taken. */
export type StepRefusal =
  /** The deal still takes orders (`open`, `succeeded`), or did not go ahead (`failed`, `cancelled`). */
  | { kind: 'not_closed'; deal: Deal }
  /** The point is at this step already, or past it: nothing changed. */
  | { kind: 'already'; fulfilment: Fulfilment }
  /** Picking or done before the goods arrived. */
  | { kind: 'not_arrived'; fulfilment: Fulfilment };

export type ShipOutcome = { kind: 'shipped'; fulfilments: Fulfilment[] } | StepRefusal;

/**
 * The deal's goods left the supplier (`/shipped #3 [note]`): every point not yet shipped is, with
 * the note (a waybill). Refused for a deal not closed, or when every point is shipped or past it.
 */
export function shipGoods(tx: Tx, deal: Deal, note: string | undefined, by: string, now: Date): ShipOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  if (deal.status !== 'closed') return { kind: 'not_closed', deal };
  const all = goodsPoints(tx.tables, deal).map((p) => fulfilmentOf(tx.tables, deal, p));
  const waiting = all.filter((f) => f.state === 'closed');
  if (waiting.length === 0) {
    // The point furthest behind says how far the deal's goods got (all shipped at least).
    const behind = [...all].sort((a, b) => RANK[a.state] - RANK[b.state])[0];
    return { kind: 'already', fulfilment: behind ?? fulfilmentOf(tx.tables, deal, '') };
  }
  const at = now.toISOString();
  const fulfilments = waiting.map((f) => {
    const shipped: Fulfilment = { ...f, state: 'shipped', shippedAt: at, by };
    if (note) shipped.note = note;
    return tx.put('fulfilments', shipped);
  });
  return { kind: 'shipped', fulfilments };
}

export type PickupStepOutcome = { kind: 'stepped'; fulfilment: Fulfilment; waiting: Order[] } | StepRefusal;

/**
 * Pickup opens at a point (`/picking`) or is over there (`/done`), after the goods arrived.
 * `waiting`: the point's active lines not picked up yet (who to tell).
 */
export function pickupStep(
  tx: Tx,
  deal: Deal,
  pointId: string,
  step: 'picking' | 'done',
  by: string,
  now: Date,
): PickupStepOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  if (deal.status !== 'closed') return { kind: 'not_closed', deal };
  const current = fulfilmentOf(tx.tables, deal, pointId);
  if (reached(current, step)) return { kind: 'already', fulfilment: current };
  if (!reached(current, 'arrived')) return { kind: 'not_arrived', fulfilment: current };
  const at = now.toISOString();
  const fulfilment = tx.put('fulfilments', {
    ...current,
    state: step,
    ...(step === 'picking' ? { pickingAt: at } : { doneAt: at }),
    by,
  });
  const waiting = activeAt(tx.tables, deal, pointId).filter((o) => !o.deliveredAt);
  return { kind: 'stepped', fulfilment, waiting };
}

/**
 * Records the outcome of one arrival message (a member's pickup codes); the fulfilment and the
 * members to mention in the group once the last outcome is in and someone was refused.
 */
export function settleArrivalNotice(
  tx: Tx,
  id: string,
  userId: string,
  reachedMember: boolean,
): { notice: Fulfilment; mention: string[] } | undefined {
  const stored = tx.get('fulfilments', id);
  const awaited = stored && {
    ...stored,
    pending: stored.pending ?? [],
    unreachable: stored.unreachable ?? [],
  };
  const settled = settleAwaited(awaited, userId, reachedMember);
  if (!settled) return undefined;
  const notice = tx.put('fulfilments', settled.record);
  return settled.mention.length > 0 ? { notice, mention: settled.mention } : undefined;
}
