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
 *
 * The parts, by responsibility: waitlist-queue.ts (record ids, who waits in which place, units
 * free now), waitlist-places.ts (joining: orderOrWait; leaving), waitlist-grants.ts (giving freed
 * units: grantFreedUnits, lowerLine), waitlist-deadlines.ts (unpaid grants taken back: settleGrant;
 * withdrawOrder) and waitlist-goods.ts (units at pickup points). Importers may use this file.
 */

export {
  dueGrants,
  type Settled,
  settleGrant,
  type Withdrawal,
  withdrawOrder,
} from './waitlist-deadlines.js';
export { type Grant, grantFreedUnits, lowerLine, payWithinSetting } from './waitlist-grants.js';
export { orderOrWait, type PlaceOutcome } from './waitlist-places.js';
export {
  grantedIn,
  pendingGrant,
  waitingCounts,
  waitingFor,
} from './waitlist-queue.js';
