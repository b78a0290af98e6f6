import type { Deal, Fulfilment, Order, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { fulfilmentOf, reached } from './fulfilment.js';
import { heldOptions } from './held-goods.js';
import { dealIsDead, isUnpaid, type MoneyState, moneyState } from './money-state.js';
import { audit } from './payments.js';
import { lineOfCode, linesAtPoint } from './pickup-codes.js';

/**
 * Checking pickup codes at a point (核销): who may check where, marking a line picked up once,
 * a whole point at once, and undoing a check soon after. Each check and undo is audited
 * (`picked_up`, `pickup_undone`). Plain functions over state with typed outcomes.
 */

/** How long after a check it can be undone (`/unverify`): a wrong code caught at the point. */
export const UNDO_WINDOW_MS = 10 * 60_000;

/** Who checks: their platform user id and whether they are an admin of the community. */
export interface Checker {
  userId: string;
  admin: boolean;
}

/** Whether a member checks codes at a point: its keeper or one of its verifiers. */
export function checksAt(point: PickupPoint, userId: string): boolean {
  return point.keeper === userId || point.verifiers.includes(userId);
}

/**
 * The points where a member checks codes (keeper or verifier), by number: active ones, and ones
 * removed since (a removed point takes no new orders, but the lines already there are still
 * handed out by its people, as its keeper still records their arrival: fulfilment.ts mayRecord).
 */
export function pointsCheckedBy(tables: Tables, communityId: string, userId: string): PickupPoint[] {
  return tables.pickupPoints
    .by('community', communityId)
    .filter((p) => checksAt(p, userId))
    .sort((a, b) => a.no - b.no);
}

/**
 * Whether a checker may check lines at a point (pointId '' for lines with no point: admins only):
 * an admin anywhere, a point's keeper and verifiers there, also once the point was removed.
 */
export function mayCheck(tables: Tables, checker: Checker, pointId: string): boolean {
  if (checker.admin) return true;
  const point = pointId ? tables.pickupPoints.get(pointId) : undefined;
  return point !== undefined && checksAt(point, checker.userId);
}

export type VerifyOutcome =
  | { kind: 'unknown' }
  /** The checker does not check codes where this line is picked up; `point`: where it is (undefined: no point). */
  | { kind: 'wrong_point'; order: Order; point: PickupPoint | undefined }
  /** Withdrawn, or the deal did not go ahead: nothing to hand over. */
  | { kind: 'not_active'; order: Order; deal: Deal }
  | { kind: 'already'; order: Order; deal: Deal }
  /** Money is still owed: nothing changed; check again with `handOverUnpaid` to hand it over anyway. */
  | { kind: 'unpaid'; order: Order; deal: Deal; money: MoneyState }
  | { kind: 'picked_up'; order: Order; deal: Deal; money: MoneyState };

/**
 * Checks a code (as readCode gives it) at a point: marks its line picked up (deliveredAt, by the
 * checker) and audits it, once. `at`: the point the checker says they stand at (an admin may be at
 * any); a line of another point is refused naming its point. A line still owed money is not
 * handed over unless `handOverUnpaid` (the checker's decision, audited with the amount owed).
 */
export function verifyCode(
  tx: Tx,
  communityId: string,
  code: string,
  checker: Checker,
  now: Date,
  options: { at?: PickupPoint; handOverUnpaid?: boolean } = {},
): VerifyOutcome {
  const order = lineOfCode(tx.tables, communityId, code);
  if (!order) return { kind: 'unknown' };
  const pointId = order.pointId ?? '';
  if (!mayCheck(tx.tables, checker, pointId) || (options.at && options.at.id !== pointId))
    return { kind: 'wrong_point', order, point: tx.get('pickupPoints', pointId) };
  const deal = tx.get('deals', order.dealId)!;
  if (order.status !== 'active' || dealIsDead(deal)) return { kind: 'not_active', order, deal };
  if (order.deliveredAt) return { kind: 'already', order, deal };
  const money = moneyState(order, deal);
  if (isUnpaid(money) && !options.handOverUnpaid) return { kind: 'unpaid', order, deal, money };
  return { kind: 'picked_up', order: pickUp(tx, order, money, checker.userId, now), deal, money };
}

/**
 * Marks a line picked up by `by` at `now` (deliveredAt, deliveredBy, updatedAt) and audits it
 * `picked_up`, with the amount owed (cents) when handed over unpaid. The caller decided the line
 * may be handed over (not picked up before; unpaid only on the checker's say-so). Returns the line.
 */
export function pickUp(tx: Tx, order: Order, money: MoneyState, by: string, now: Date): Order {
  const at = now.toISOString();
  const picked = tx.put('orders', { ...order, deliveredAt: at, deliveredBy: by, updatedAt: at });
  audit(tx, picked, 'picked_up', by, now, isUnpaid(money) ? { cents: money.owedCents } : {});
  return picked;
}

export type BatchOutcome =
  /** Still taking orders, or did not go ahead: nothing to hand over. */
  | { kind: 'not_ready'; deal: Deal }
  /** The goods have not arrived at the point yet (`/arrived`): nothing there to hand over. */
  | { kind: 'not_arrived'; fulfilment: Fulfilment }
  | {
      kind: 'done';
      /** Lines marked picked up now. */
      picked: Order[];
      /** Lines still owed money, not handed over (without `handOverUnpaid`). */
      unpaid: { order: Order; money: MoneyState }[];
      /** Lines of options that arrived short and wait for the admin's /short (held-goods.ts): not handed over. */
      held: Order[];
      /** Lines picked up before. */
      before: number;
    };

/**
 * Marks every active line of a deal at a point (`pointId`, '' for lines with no point) picked up:
 * a quiet point whose keeper handed everything out, once its goods arrived there (before that,
 * nothing is handed over and the lines have no codes yet). Lines still owed money stay unless
 * `handOverUnpaid`; lines held back short (manual rule) stay until the admin settles them. The
 * caller checked that the checker may check there (mayCheck).
 */
export function verifyPoint(
  tx: Tx,
  deal: Deal,
  pointId: string,
  by: string,
  now: Date,
  handOverUnpaid = false,
): BatchOutcome {
  if (deal.status !== 'closed') return { kind: 'not_ready', deal };
  const goods = fulfilmentOf(tx.tables, deal, pointId);
  if (!reached(goods, 'arrived')) return { kind: 'not_arrived', fulfilment: goods };
  const lines = linesAtPoint(tx.tables, deal, pointId).filter((o) => o.status === 'active');
  const outcome: BatchOutcome = { kind: 'done', picked: [], unpaid: [], held: [], before: 0 };
  const held = heldOptions(goods);
  for (const order of lines) {
    if (order.deliveredAt) {
      outcome.before++;
      continue;
    }
    if (held.includes(order.option ?? '')) {
      outcome.held.push(order);
      continue;
    }
    const money = moneyState(order, deal);
    if (isUnpaid(money) && !handOverUnpaid) outcome.unpaid.push({ order, money });
    else outcome.picked.push(pickUp(tx, order, money, by, now));
  }
  return outcome;
}

export type UndoOutcome =
  | { kind: 'unknown' }
  | { kind: 'wrong_point'; order: Order; point: PickupPoint | undefined }
  | { kind: 'not_picked_up'; order: Order }
  /** Checked more than UNDO_WINDOW_MS ago: it stays picked up. */
  | { kind: 'too_late'; order: Order }
  | { kind: 'undone'; order: Order; deal: Deal };

/**
 * Undoes the check of a code within UNDO_WINDOW_MS of it: the line is waiting again (its code
 * still good) and the undo is audited. Whoever may check at the line's point may undo.
 */
export function undoPickup(
  tx: Tx,
  communityId: string,
  code: string,
  checker: Checker,
  now: Date,
): UndoOutcome {
  const order = lineOfCode(tx.tables, communityId, code);
  if (!order) return { kind: 'unknown' };
  const pointId = order.pointId ?? '';
  if (!mayCheck(tx.tables, checker, pointId))
    return { kind: 'wrong_point', order, point: tx.get('pickupPoints', pointId) };
  if (!order.deliveredAt) return { kind: 'not_picked_up', order };
  if (now.getTime() - Date.parse(order.deliveredAt) > UNDO_WINDOW_MS) return { kind: 'too_late', order };
  const { deliveredAt: _at, deliveredBy: _by, ...waiting } = order;
  const undone = tx.put('orders', waiting);
  audit(tx, undone, 'pickup_undone', checker.userId, now);
  return { kind: 'undone', order: undone, deal: tx.get('deals', order.dealId)! };
}

export type VerifierOutcome =
  | { kind: 'added'; point: PickupPoint }
  | { kind: 'already'; point: PickupPoint }
  | { kind: 'removed'; points: PickupPoint[] }
  | { kind: 'not_verifier' };

/** Lets a member check codes at a point (`/verifier add @bob 东门`). */
export function addVerifier(tx: Tx, point: PickupPoint, userId: string): VerifierOutcome {
  const current = tx.get('pickupPoints', point.id) ?? point;
  if (current.verifiers.includes(userId)) return { kind: 'already', point: current };
  return {
    kind: 'added',
    point: tx.put('pickupPoints', { ...current, verifiers: [...current.verifiers, userId] }),
  };
}

/** Stops a member checking codes at the given points (those where they verify; keepers stay keepers). */
export function removeVerifier(tx: Tx, points: readonly PickupPoint[], userId: string): VerifierOutcome {
  const removed: PickupPoint[] = [];
  for (const point of points) {
    const current = tx.get('pickupPoints', point.id) ?? point;
    if (!current.verifiers.includes(userId)) continue;
    removed.push(
      tx.put('pickupPoints', { ...current, verifiers: current.verifiers.filter((v) => v !== userId) }),
    );
  }
  return removed.length > 0 ? { kind: 'removed', points: removed } : { kind: 'not_verifier' };
}
