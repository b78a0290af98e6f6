import { z } from 'zod';
import type { Deal, Order } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { moneyState } from './money-state.js';
import { takeBackOrderPoints } from './order-points-back.js';
import { withdrawLines } from './orders.js';
import { audit } from './payments.js';
import { defineSetting } from './settings.js';
import { lowerLine } from './waitlist.js';

/**
 * Goods that arrive short (缺货): who is shorted under the community's rule, and taking units off
 * a line. The money follows by itself: a line that costs less than was paid shows a refund due
 * (src/services/money-state.ts); the admin records the refund with /refund.
 */

/**
 * `first` (default): the lines placed last are shorted first, whole lines before the next, so the
 * first to order get all they ordered (接龙 order: first come, first served). `prorata`: every
 * line keeps its share of what arrived, rounded down, and the units left over go one each to the
 * lines with the largest remainders (ties: earlier in the roster). `manual`: nothing is taken off;
 * the admin is told the shortfall and shorts lines by command (`/short`).
 */
export const shortageSetting = defineSetting({
  key: 'pickup.shortage',
  schema: z.enum(['first', 'prorata', 'manual']),
  default: 'first',
});

export type ShortageRule = z.infer<typeof shortageSetting.schema>;

/** A line sharing the units of one option at one point: its id, the units it holds, its roster place. */
export interface Share {
  id: string;
  qty: number;
  line: number;
}

/**
 * The units to take off each line (by id; lines that keep all they hold are absent) when only
 * `arrived` units came for all of them together. Exact integer arithmetic: the units taken add
 * up to Σqty − arrived (nothing when at least Σqty arrived).
 */
export function shareShortage(
  lines: readonly Share[],
  arrived: number,
  rule: Exclude<ShortageRule, 'manual'>,
): Map<string, number> {
  const total = lines.reduce((sum, l) => sum + l.qty, 0);
  const taken = new Map<string, number>();
  if (arrived >= total) return taken;
  const roster = [...lines].sort((a, b) => a.line - b.line);
  if (rule === 'first') {
    let short = total - arrived;
    for (const l of [...roster].reverse()) {
      if (short === 0) break;
      const take = Math.min(short, l.qty);
      taken.set(l.id, take);
      short -= take;
    }
    return taken;
  }
  // Largest remainder (Hamilton): quotas qty × arrived / total, in integers only.
  const kept = roster.map((l) => ({
    l,
    keep: Math.floor((l.qty * arrived) / total),
    remainder: (l.qty * arrived) % total,
  }));
  let left = arrived - kept.reduce((sum, k) => sum + k.keep, 0);
  for (const k of [...kept].sort((a, b) => b.remainder - a.remainder || a.l.line - b.l.line)) {
    if (left === 0) break;
    k.keep++;
    left--;
  }
  for (const k of kept) if (k.keep < k.l.qty) taken.set(k.l.id, k.l.qty - k.keep);
  return taken;
}

/** A line after units were taken off it. */
export interface Shortened {
  /** The line as it was, and as it is now (withdrawn when nothing of it arrived). */
  before: Order;
  after: Order;
  units: number;
  /** How much less the line costs now, in cents. */
  cents: number;
}

/** Fields of a line a shortage leaves as they were (placeOrder may choose or drop them anew). */
const CARRIED = ['pointId', 'pickupCode', 'payBy', 'deliveredBy'] as const;

/**
 * Takes `units` (1 … what it holds) off an active line of a closed deal, because they did not
 * arrive: the line is lowered (its points discount re-planned, as for any change) or, when nothing
 * of it arrived, withdrawn with reason `short`; Order.shortQty counts the units; the deal's counters
 * follow and its stock (and the option's) goes down by the same units, so they are not given to
 * the waitlist: they do not exist. Audited `shorted` with the cents the line no longer costs.
 */
export function shortLine(tx: Tx, deal: Deal, order: Order, units: number, by: string, now: Date): Shortened {
  const current = tx.get('deals', deal.id) ?? deal;
  const dueBefore = moneyState(order, current).dueCents;
  const shortQty = (order.shortQty ?? 0) + units;
  let after: Order;
  if (units >= order.qty) {
    const withdrawn = withdrawLines(tx, current, [order], now, undefined, 'short');
    after = tx.put('orders', { ...withdrawn.orders[0]!, shortQty });
  } else {
    const lowered = lowerLine(tx, current, order, order.qty - units, now);
    if (!lowered) throw new Error(`line ${order.id} could not be lowered`);
    // The line stays as it was but for its units: same point (none stays none), same code.
    const kept: Order = { ...lowered.order, shortQty };
    for (const field of CARRIED) {
      const value = order[field];
      if (value === undefined) delete kept[field];
      else kept[field] = value;
    }
    after = tx.put('orders', kept);
  }
  const counted = tx.get('deals', deal.id)!;
  const taken = Math.min(units, order.qty);
  const lowered: Deal = { ...counted };
  if (counted.stock !== undefined) lowered.stock = Math.max(0, counted.stock - taken);
  const option = order.option;
  const optionStock = option === undefined ? undefined : counted.optionStock[option];
  if (option !== undefined && optionStock !== undefined)
    lowered.optionStock = { ...counted.optionStock, [option]: Math.max(0, optionStock - taken) };
  const dealNow = tx.put('deals', lowered);
  const cents = dueBefore - moneyState(after, dealNow).dueCents;
  audit(tx, order, 'shorted', by, now, { cents, reason: String(taken) });
  if (after.status !== 'active') takeBackOrderPoints(tx, dealNow, order.userId, now);
  return { before: order, after, units: taken, cents };
}
