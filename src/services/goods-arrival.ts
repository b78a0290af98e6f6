import type { Deal, Fulfilment, Order } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { activeAt, fulfilmentOf, reached, type StepRefusal } from './fulfilment.js';
import { type Settlement, settleHeld, shortOptions } from './held-goods.js';
import { activeLines, findOption } from './order-lines.js';
import { assignPickupCodes } from './pickup-codes.js';
import { type ShortageRule, type Shortened, shareShortage, shortLine } from './shortage.js';

/**
 * Goods arriving at a pickup point (到货): what came per option is recorded, fewer than ordered
 * shorts lines by the community's rule (src/services/shortage.ts), and every line still there gets
 * its pickup code (src/services/pickup-codes.ts). Also shorting one member's line by hand.
 */

/** Most units of one option a point can receive: a typo guard (`大份=180000`). */
export const MAX_ARRIVED = 99_999;

/** Units of one option as counted (`大份=18`), or of a deal without options (`18`: option absent). */
export interface Count {
  option?: string;
  units: number;
}

/** One option at the point ('' for a deal without options): units ordered and arrived. */
export interface OptionCount {
  option: string;
  ordered: number;
  arrived: number;
}

export type ArrivalOutcome =
  | {
      kind: 'arrived';
      fulfilment: Fulfilment;
      /** The deal's options at the point, in the deal's order. */
      options: OptionCount[];
      /** How shortfalls were shared (manual: nothing was taken off). */
      rule: ShortageRule;
      /** Lines units were taken off, in roster order. */
      shorted: Shortened[];
      /** The point's lines not picked up yet, each with its pickup code, in roster order. */
      lines: Order[];
      /**
       * Under `manual`: the lines of options that arrived short, held back without a code until
       * the admin settles them with /short (src/services/held-goods.ts), in roster order.
       */
      held: Order[];
    }
  | StepRefusal
  | { kind: 'no_lines' }
  | { kind: 'unknown_option'; option: string }
  /** A bare count in a deal with options: which? */
  | { kind: 'needs_option' }
  | { kind: 'twice'; option: string }
  | { kind: 'bad_units'; units: number }
  /** An option ordered at the point that the count leaves out. */
  | { kind: 'missing_option'; option: string; ordered: number };

/**
 * Records what arrived at a point (`counts`, or 'all': everything as ordered) by `by` (an admin or
 * the point's keeper, checked by the caller): from closed or shipped only. Where fewer units of an
 * option came than its lines hold, lines not yet picked up are shorted by `rule`; under `manual`
 * nothing is taken off and that option's lines are held back without a pickup code (Fulfilment.held).
 * More than ordered is recorded and changes nothing. Bad counts change nothing.
 */
export function recordGoodsArrival(
  tx: Tx,
  deal: Deal,
  pointId: string,
  counts: readonly Count[] | 'all',
  rule: ShortageRule,
  by: string,
  now: Date,
): ArrivalOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  if (deal.status !== 'closed') return { kind: 'not_closed', deal };
  const current = fulfilmentOf(tx.tables, deal, pointId);
  if (reached(current, 'arrived')) return { kind: 'already', fulfilment: current };
  const lines = activeAt(tx.tables, deal, pointId);
  if (lines.length === 0) return { kind: 'no_lines' };
  const ordered = new Map<string, number>(deal.options.map((o) => [o, 0]));
  for (const o of lines) ordered.set(o.option ?? '', (ordered.get(o.option ?? '') ?? 0) + o.qty);
  const arrived = counts === 'all' ? new Map(ordered) : readCounts(deal, counts, ordered);
  if (!(arrived instanceof Map)) return arrived;

  const held = rule === 'manual' ? shortOptions(lines, arrived) : [];
  const fulfilment = tx.put('fulfilments', {
    ...current,
    state: 'arrived',
    arrivedAt: now.toISOString(),
    arrived: Object.fromEntries(arrived),
    by,
    ...(held.length > 0 ? { held } : {}),
  });
  const shorted: Shortened[] = [];
  if (rule !== 'manual')
    for (const [option, units] of arrived) {
      const sharing = lines.filter((o) => (o.option ?? '') === option);
      // Lines already handed over (`/delivered`) took their units out of what came.
      const handed = sharing.filter((o) => o.deliveredAt).reduce((sum, o) => sum + o.qty, 0);
      const open = sharing.filter((o) => !o.deliveredAt);
      const taken = shareShortage(open, Math.max(0, units - handed), rule);
      for (const o of open) {
        const units = taken.get(o.id);
        if (units) shorted.push(shortLine(tx, deal, tx.get('orders', o.id) ?? o, units, by, now));
      }
    }
  shorted.sort((a, b) => a.before.line - b.before.line);
  const options = [...ordered].map(([option, n]) => ({
    option,
    ordered: n,
    arrived: arrived.get(option) ?? 0,
  }));
  return {
    kind: 'arrived',
    fulfilment,
    options: options.filter((o) => o.ordered > 0 || o.arrived > 0),
    rule,
    shorted,
    lines: assignPickupCodes(tx, deal, pointId, now, undefined, held),
    held: lines.filter((o) => !o.deliveredAt && held.includes(o.option ?? '')),
  };
}

/** The counts as units per option ('' without options), or why they cannot be read. */
function readCounts(
  deal: Deal,
  counts: readonly Count[],
  ordered: ReadonlyMap<string, number>,
): Map<string, number> | ArrivalOutcome {
  const arrived = new Map<string, number>();
  for (const count of counts) {
    if (!Number.isSafeInteger(count.units) || count.units < 0 || count.units > MAX_ARRIVED)
      return { kind: 'bad_units', units: count.units };
    let option = '';
    if (count.option !== undefined) {
      const found = deal.options.length > 0 ? findOption(deal, count.option) : undefined;
      if (found === undefined) return { kind: 'unknown_option', option: count.option };
      option = found;
    } else if (deal.options.length === 1) option = deal.options[0]!;
    else if (deal.options.length > 1) return { kind: 'needs_option' };
    if (arrived.has(option)) return { kind: 'twice', option };
    arrived.set(option, count.units);
  }
  for (const [option, n] of ordered)
    if (n > 0 && !arrived.has(option)) return { kind: 'missing_option', option, ordered: n };
  return arrived;
}

export type ShortOutcome =
  /** `settled`: options held back at the line's point that now fit what arrived, and the lines coded. */
  | { kind: 'shorted'; shortened: Shortened; settled: Settlement }
  | { kind: 'not_closed'; deal: Deal }
  /** The goods of the line's point have not arrived: nothing is short there yet. */
  | { kind: 'not_arrived'; fulfilment: Fulfilment }
  | { kind: 'no_line' }
  /** Several of the member's lines match: name the option. */
  | { kind: 'which'; lines: Order[] }
  /** More units than the line holds. */
  | { kind: 'too_many'; order: Order };

/**
 * An admin shorts a member's line by hand (`/short #3 @bob [option] N`, the `manual` rule, or a
 * unit found bad at the point), once its point's goods arrived: `units` (≥ 1) come off it as
 * shortLine does, and options held back there that now fit what arrived are settled (their lines
 * get pickup codes: settleHeld). The line: the one of `option`, or the member's only line.
 */
export function shortMember(
  tx: Tx,
  deal: Deal,
  userId: string,
  option: string | undefined,
  units: number,
  by: string,
  now: Date,
): ShortOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  if (deal.status !== 'closed') return { kind: 'not_closed', deal };
  const wanted = option === undefined ? undefined : (findOption(deal, option) ?? option);
  const lines = activeLines(tx.tables, deal.id, userId).filter(
    (o) => wanted === undefined || o.option === wanted,
  );
  if (lines.length === 0) return { kind: 'no_line' };
  if (lines.length > 1) return { kind: 'which', lines };
  const order = lines[0]!;
  if (units > order.qty) return { kind: 'too_many', order };
  const goods = fulfilmentOf(tx.tables, deal, order.pointId ?? '');
  if (!reached(goods, 'arrived')) return { kind: 'not_arrived', fulfilment: goods };
  const shortened = shortLine(tx, deal, order, units, by, now);
  return { kind: 'shorted', shortened, settled: settleHeld(tx, deal, order.pointId ?? '') };
}
