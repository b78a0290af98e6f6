import type { Deal, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { isOpen } from './deal-status.js';
import { findDeal } from './deals.js';
import { type MoneyState, moneyState } from './money-state.js';
import { optionLeft, unitPrice } from './order-lines.js';
import { orderAmount } from './orders.js';
import { pointsOfDeal } from './pickup-points.js';
import { type OptionTotal, pickupSheet, type Sheet, type SheetGroup, unitsOf } from './pickup-sheet.js';
import { shareView } from './shared-deals.js';
import { waitingCounts } from './waitlist-queue.js';

/**
 * A community's deals as a table (the dashboard's Deals page, the JSON API): each deal's state,
 * its progress toward 成团 and through its stock, its deadline and its money; and one deal's roster
 * with per-option and per-point totals (the pickup sheet's, src/services/pickup-sheet.ts). Read-only,
 * no wording: money in integer cents, times as the store keeps them (ISO UTC).
 */

/** Which deals a table shows: those not yet over (scheduled, open, formed), over, or all of them. */
export const DEAL_FILTERS = ['all', 'active', 'scheduled', 'open', 'closed', 'failed', 'cancelled'] as const;
export type DealFilter = (typeof DEAL_FILTERS)[number];

/** How a table is sorted: newest first (by number), by deadline (soonest first), or by money ordered. */
export const DEAL_SORTS = ['newest', 'oldest', 'ends', 'ordered'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/** Money over a set of order lines (money-state.ts), all in cents. */
export interface MoneyTotals {
  /** What the active lines were priced at (qty × unit price − points discount): the card's total. */
  orderedCents: number;
  /** What the lines cost now (0 on a deal that failed or was cancelled, less any allowance). */
  dueCents: number;
  /** Confirmed paid, in all, and refunded, in all. */
  paidCents: number;
  refundedCents: number;
  /** Still to collect, and still to give back. */
  owedCents: number;
  refundDueCents: number;
  /** Claimed paid by members and not yet confirmed or rejected by an admin. */
  claimedCents: number;
}

/** One row of the deals table. */
export interface DealRow {
  deal: Deal;
  /** 'open' also covers a deal that formed and still takes orders (status 'succeeded'). */
  taking: boolean;
  /** Distinct buyers and the group size (成团); how many more are needed (0 once reached). */
  buyers: number;
  min: number;
  missing: number;
  /** Units ordered; the stock (undefined: unlimited) and what is left of it. */
  sold: number;
  stock?: number;
  left?: number;
  soldOut: boolean;
  /** Buyers toward the group size, and units toward the stock, in whole percent (0–100). */
  buyersPercent: number;
  stockPercent?: number;
  /** Milliseconds until the deadline while the deal takes orders or waits to open; else undefined. */
  msLeft?: number;
  /** Active order lines, and members on its waitlist (候补). */
  lines: number;
  waiting: number;
  money: MoneyTotals;
}

/** What a deals table is asked for (validated by the caller against DEAL_FILTERS and DEAL_SORTS). */
export interface DealTableQuery {
  filter?: DealFilter;
  sort?: DealSort;
  /** Words the title must contain (case- and width-insensitive); empty: any. */
  search?: string;
}

/** A deals table: its rows (every match, sorted), and the money over all of them. */
export interface DealTable {
  rows: DealRow[];
  totals: MoneyTotals;
}

/**
 * The community's deals matching `query`, sorted (default: every deal, newest first). Deals of
 * other communities never appear: they are read through the community's index.
 */
export function dealTable(
  tables: Tables,
  communityId: string,
  now: Date,
  query: DealTableQuery = {},
): DealTable {
  const filter = query.filter ?? 'all';
  const words = fold(query.search ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const rows = tables.deals
    .by('community', communityId)
    .filter((d) => matches(d, filter) && words.every((w) => fold(d.title).includes(w)))
    .map((d) => dealRow(tables, d, now));
  rows.sort(SORTS[query.sort ?? 'newest']);
  return { rows, totals: sumMoney(rows.map((r) => r.money)) };
}

const SORTS: Record<DealSort, (a: DealRow, b: DealRow) => number> = {
  newest: (a, b) => b.deal.no - a.deal.no,
  oldest: (a, b) => a.deal.no - b.deal.no,
  ends: (a, b) => a.deal.endsAt.localeCompare(b.deal.endsAt) || a.deal.no - b.deal.no,
  ordered: (a, b) => b.money.orderedCents - a.money.orderedCents || b.deal.no - a.deal.no,
};

function matches(deal: Deal, filter: DealFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'active') return deal.status === 'scheduled' || isOpen(deal);
  if (filter === 'open') return isOpen(deal);
  return deal.status === filter;
}

/** NFKC, lower case: `ＭＡＮＧＯ` finds `mango`. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** One deal's row: progress, deadline and money (every line, withdrawn ones too: they may owe refunds). */
export function dealRow(tables: Tables, deal: Deal, now: Date): DealRow {
  const orders = tables.orders.by('deal', deal.id);
  const active = orders.filter((o) => o.status === 'active');
  const money = moneyTotals(
    orders.map((o) => moneyState(o, deal)),
    active.reduce((sum, o) => sum + orderAmount(o), 0),
  );
  // Progress of a deal shared by linked groups is the share's (one stock, one group size), as its card shows.
  const shared = shareView(tables, deal);
  const left = shared.stock === undefined ? undefined : Math.max(0, shared.stock - shared.sold);
  const waiting = [...waitingCounts(tables, deal.id).values()].reduce((sum, n) => sum + n, 0);
  const counting = isOpen(deal) || deal.status === 'scheduled';
  return {
    deal,
    taking: isOpen(deal),
    buyers: shared.buyers,
    min: deal.min,
    missing: Math.max(0, deal.min - shared.buyers),
    sold: shared.sold,
    ...(shared.stock !== undefined ? { stock: shared.stock, left } : {}),
    soldOut: left === 0,
    buyersPercent: percent(shared.buyers, deal.min),
    ...(shared.stock !== undefined ? { stockPercent: percent(shared.sold, shared.stock) } : {}),
    ...(counting ? { msLeft: Math.max(0, Date.parse(deal.endsAt) - now.getTime()) } : {}),
    lines: active.length,
    waiting,
    money,
  };
}

/** part of whole in whole percent, 0–100 (a stock of 0 that nothing came of: 100, nothing left). */
function percent(part: number, whole: number): number {
  if (whole <= 0) return 100;
  return Math.min(100, Math.floor((part / whole) * 100));
}

function moneyTotals(states: readonly MoneyState[], orderedCents: number): MoneyTotals {
  const totals: MoneyTotals = { ...ZERO, orderedCents };
  for (const m of states) {
    totals.dueCents += m.dueCents;
    totals.paidCents += m.paidCents;
    totals.refundedCents += m.refundedCents;
    totals.owedCents += m.owedCents;
    totals.refundDueCents += m.refundDueCents;
    totals.claimedCents += m.claimedCents;
  }
  return totals;
}

const ZERO: MoneyTotals = {
  orderedCents: 0,
  dueCents: 0,
  paidCents: 0,
  refundedCents: 0,
  owedCents: 0,
  refundDueCents: 0,
  claimedCents: 0,
};

/** The sum of money totals, field by field. */
export function sumMoney(all: readonly MoneyTotals[]): MoneyTotals {
  const sum = { ...ZERO };
  for (const m of all) for (const key of Object.keys(sum) as (keyof MoneyTotals)[]) sum[key] += m[key];
  return sum;
}

/** One option of a deal as offered: its price, its own stock, what is ordered, left, and waiting. */
export interface OptionOffer {
  option: string;
  priceCents: number;
  /** Its own stock (undefined: only the deal's caps it). */
  stock?: number;
  sold: number;
  /** Units still for sale (its own stock, then the deal's); undefined: unlimited. */
  left?: number;
  waiting: number;
}

/** One pickup point's units and money on a deal (or, point undefined, the lines that name none). */
export interface PointTotal {
  point?: PickupPoint;
  units: number;
  lines: number;
  pickedUp: number;
  amountCents: number;
  owedCents: number;
}

/** A deal's page: its row, its options, its points, and its roster grouped by point (the sheet). */
export interface DealDetail {
  row: DealRow;
  options: OptionOffer[];
  /** The points the deal delivers to (none where the community has none). */
  points: PickupPoint[];
  /** Active lines by point in packing order, each with its card number and money state. */
  sheet: Sheet;
  /** Per point: the sheet's groups summed over their options. */
  pointTotals: PointTotal[];
  /** Per option over the whole deal (the supplier's quantities). */
  optionTotals: OptionTotal[];
  /** Units on active lines in all. */
  units: number;
}

/**
 * A deal of the community by its number (#3), with everything its page shows; undefined when the
 * community has no such deal, whoever else might (ids are `${communityId}#${no}`).
 */
export function dealDetail(
  tables: Tables,
  communityId: string,
  no: number,
  now: Date,
): DealDetail | undefined {
  const deal = findDeal(tables, communityId, no);
  if (!deal || deal.communityId !== communityId) return undefined;
  const waits = waitingCounts(tables, deal.id);
  const options = deal.options.map((option) => {
    const left = optionLeft(deal, option);
    const stock = deal.optionStock[option];
    return {
      option,
      priceCents: unitPrice(deal, option),
      ...(stock !== undefined ? { stock } : {}),
      sold: deal.optionSold[option] ?? 0,
      ...(left !== undefined ? { left: Math.max(0, left) } : {}),
      waiting: waits.get(option) ?? 0,
    };
  });
  const sheet = pickupSheet(tables, deal);
  return {
    row: dealRow(tables, deal, now),
    options,
    points: pointsOfDeal(tables, deal),
    sheet,
    pointTotals: sheet.groups.map(pointTotal),
    optionTotals: sheet.totals,
    units: unitsOf(sheet.totals),
  };
}

function pointTotal(group: SheetGroup): PointTotal {
  const sum = (pick: (t: OptionTotal) => number) => group.totals.reduce((n, t) => n + pick(t), 0);
  return {
    ...(group.point ? { point: group.point } : {}),
    units: sum((t) => t.qty),
    lines: sum((t) => t.lines),
    pickedUp: sum((t) => t.pickedUp),
    amountCents: sum((t) => t.amountCents),
    owedCents: sum((t) => t.owedCents),
  };
}
