import { z } from 'zod';
import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { fulfilmentOf, reached } from './fulfilment.js';
import { dealIsDead, lineAmount, type MoneyStateName, moneyState } from './money-state.js';
import { lineNumbers } from './roster-numbers.js';

/**
 * One table of order lines across every deal of a community (the dashboard's Orders page and its
 * CSV/PDF exports): filtered, sorted, paged, with totals over what the filters kept. Pure over
 * Tables; the query comes as the strings a URL or form carries and is validated here, so a bad
 * value is a typed refusal the page turns into words, never an exception.
 */

/** Money states in the order lists show them (money-state.ts). */
export const MONEY_STATES = ['owing', 'claimed', 'paid', 'refund_due', 'refunded', 'cancelled'] as const;

/**
 * Where a line's goods stand for its member: `ordering` (the deal still takes orders or has not
 * opened), `not_arrived` (closed, goods not sent), `shipped` (on the way), `waiting` (arrived at
 * the line's point, not picked up), `picked_up` (handed over: a checked code or `/delivered`),
 * `none` (withdrawn, or the deal did not go ahead: no goods to hand out).
 */
export const PICKUP_STATES = ['ordering', 'not_arrived', 'shipped', 'waiting', 'picked_up', 'none'] as const;
export type PickupStateName = (typeof PICKUP_STATES)[number];

/** Columns the table sorts by. `deal` sorts deals by number and keeps each deal's lines in card order. */
export const SORT_KEYS = [
  'deal',
  'line',
  'member',
  'option',
  'qty',
  'point',
  'amount',
  'money',
  'pickup',
  'orderedAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The most rows one page may hold: more is refused (page_too_big), not quietly cut. */
export const MAX_PAGE_SIZE = 200;
/** Rows on a page when the query names no page size. */
export const DEFAULT_PAGE_SIZE = 50;

/** One order line as the table shows it. Money in cents; times ISO UTC. */
export interface OrderRow {
  orderId: string;
  dealId: string;
  dealNo: number;
  dealTitle: string;
  /** The line's number on the card, /orders and the sheet; absent on a withdrawn line (it has none). */
  lineNo?: number;
  userId: string;
  /** The orderer's name as on the line; `for` the person a proxy line is for. */
  name: string;
  for?: string;
  option?: string;
  qty: number;
  /** The line's pickup point (id, number, name); absent: none chosen. */
  point?: { id: string; no: number; name: string };
  /** qty × unit price − points discount (lineAmount). */
  amountCents: number;
  money: MoneyStateName;
  /** Confirmed paid in all, refunded in all, still to collect, still to give back (money-state.ts). */
  paidCents: number;
  refundedCents: number;
  owedCents: number;
  refundDueCents: number;
  pickup: PickupStateName;
  pickupCode?: string;
  orderedAt: string;
}

/**
 * Over the rows the filters kept (every page): lines, units and amount in cents of the lines
 * still ordered (as the card totals them), and how many withdrawn lines were left out of those.
 */
export interface OrderTotals {
  lines: number;
  qty: number;
  amountCents: number;
  withdrawn: number;
}

/** Empty form fields mean "no filter": '' reads as absent. */
const field = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const QuerySchema = z.object({
  deal: field(
    z
      .string()
      .regex(/^[#＃]?\d{1,6}$/)
      .transform((s) => Number(s.replace(/^[#＃]/, ''))),
  ),
  option: field(z.string().max(100)),
  /** A point's number, or `none` for lines without one. */
  point: field(
    z.union([
      z.literal('none'),
      z
        .string()
        .regex(/^\d{1,6}$/)
        .transform(Number),
    ]),
  ),
  money: field(z.enum(MONEY_STATES)),
  pickup: field(z.enum(PICKUP_STATES)),
  /** Part of the member's name (letter case aside), or their user id. */
  member: field(z.string().max(100)),
  sort: field(z.enum(SORT_KEYS)),
  dir: field(z.enum(['asc', 'desc'])),
  page: field(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .pipe(z.number().int().min(1)),
  ),
  pageSize: field(
    z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .pipe(z.number().int().min(1)),
  ),
});

/** The query as URL or form strings (absent or '' for no filter); other keys are ignored. */
export type OrderQueryInput = Partial<Record<keyof z.input<typeof QuerySchema>, string>>;
/** The query once read. */
export type OrderQuery = z.output<typeof QuerySchema>;
/** The query's field names, in form order (pages build links and forms from them). */
export const QUERY_FIELDS = Object.keys(QuerySchema.shape) as (keyof OrderQueryInput)[];

/** Why a query was refused; nothing is shown for it. */
export type OrderTableRefusal =
  /** A value that cannot be read: an unknown state or sort key, a number that is not one. */
  | { kind: 'bad_value'; field: keyof OrderQueryInput; value: string }
  | { kind: 'page_too_big'; asked: number; max: number }
  | { kind: 'unknown_deal'; no: number }
  | { kind: 'unknown_point'; no: number };

/** Every row the filters keep, sorted, and their totals (what the exports hold). */
export type OrderRowsOutcome =
  | { kind: 'rows'; query: OrderQuery; rows: OrderRow[]; totals: OrderTotals }
  | OrderTableRefusal;

/** One page of the table. `page` is 1-based; `pages` ≥ 1 (an empty table has one empty page). */
export type OrderTableOutcome =
  | {
      kind: 'table';
      query: OrderQuery;
      rows: OrderRow[];
      totals: OrderTotals;
      page: number;
      pageSize: number;
      pages: number;
    }
  | OrderTableRefusal;

/** Reads a query; the first bad field is the refusal. */
export function readOrderQuery(
  input: OrderQueryInput,
): { kind: 'query'; query: OrderQuery } | OrderTableRefusal {
  const picked = Object.fromEntries(QUERY_FIELDS.map((k) => [k, input[k]]));
  const parsed = QuerySchema.safeParse(picked);
  if (!parsed.success) {
    const name = parsed.error.issues[0]?.path[0] as keyof OrderQueryInput;
    return { kind: 'bad_value', field: name, value: String(input[name] ?? '') };
  }
  const size = parsed.data.pageSize;
  if (size !== undefined && size > MAX_PAGE_SIZE)
    return { kind: 'page_too_big', asked: size, max: MAX_PAGE_SIZE };
  return { kind: 'query', query: parsed.data };
}

/**
 * The community's order lines the query keeps, sorted (default: newest deal first, each deal's
 * lines in card order), with totals. Paging fields are read (and refused when bad) but ignored:
 * the exports hold every page. Refusals: bad_value, page_too_big, unknown_deal (no such deal in
 * this community), unknown_point.
 */
export function orderRows(tables: Tables, communityId: string, input: OrderQueryInput): OrderRowsOutcome {
  const read = readOrderQuery(input);
  if (read.kind !== 'query') return read;
  const { query } = read;
  let deals = tables.deals.by('community', communityId);
  if (query.deal !== undefined) {
    deals = deals.filter((d) => d.no === query.deal);
    if (deals.length === 0) return { kind: 'unknown_deal', no: query.deal };
  }
  if (typeof query.point === 'number') {
    const no = query.point;
    const known = tables.pickupPoints.by('community', communityId).some((p) => p.no === no);
    if (!known) return { kind: 'unknown_point', no };
  }
  const keep = rowFilter(query);
  const rows = deals.flatMap((deal) => dealRows(tables, deal)).filter(keep);
  rows.sort(comparator(query.sort ?? 'deal', query.dir ?? (query.sort ? 'asc' : 'desc')));
  return { kind: 'rows', query, rows, totals: totalsOf(rows) };
}

/** One page of orderRows (page beyond the last: an empty page, `pages` says how many there are). */
export function orderTable(tables: Tables, communityId: string, input: OrderQueryInput): OrderTableOutcome {
  const all = orderRows(tables, communityId, input);
  if (all.kind !== 'rows') return all;
  const pageSize = all.query.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = all.query.page ?? 1;
  const pages = Math.max(1, Math.ceil(all.rows.length / pageSize));
  const rows = all.rows.slice((page - 1) * pageSize, page * pageSize);
  return { kind: 'table', query: all.query, rows, totals: all.totals, page, pageSize, pages };
}

/** A deal's lines as rows (withdrawn lines too: their money may still be owed back). */
function dealRows(tables: Tables, deal: Deal): OrderRow[] {
  const numbers = lineNumbers(tables, deal);
  return tables.orders.by('deal', deal.id).map((order) => {
    const money = moneyState(order, deal);
    const point = order.pointId ? tables.pickupPoints.get(order.pointId) : undefined;
    const lineNo = numbers.get(order.id);
    return {
      orderId: order.id,
      dealId: deal.id,
      dealNo: deal.no,
      dealTitle: deal.title,
      ...(lineNo !== undefined ? { lineNo } : {}),
      userId: order.userId,
      name: order.name,
      ...(order.for !== undefined ? { for: order.for } : {}),
      ...(order.option !== undefined ? { option: order.option } : {}),
      qty: order.qty,
      ...(point ? { point: { id: point.id, no: point.no, name: point.name } } : {}),
      amountCents: lineAmount(order),
      money: money.state,
      paidCents: money.paidCents,
      refundedCents: money.refundedCents,
      owedCents: money.owedCents,
      refundDueCents: money.refundDueCents,
      pickup: pickupState(tables, deal, order),
      ...(order.pickupCode ? { pickupCode: order.pickupCode } : {}),
      orderedAt: order.createdAt,
    };
  });
}

/** Where a line's goods stand (PickupStateName). */
export function pickupState(tables: Tables, deal: Deal, order: Order): PickupStateName {
  if (order.deliveredAt) return 'picked_up';
  if (order.status !== 'active' || dealIsDead(deal)) return 'none';
  if (deal.status !== 'closed') return 'ordering';
  const goods = fulfilmentOf(tables, deal, order.pointId ?? '');
  if (reached(goods, 'arrived')) return 'waiting';
  return goods.state === 'shipped' ? 'shipped' : 'not_arrived';
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

function rowFilter(query: OrderQuery): (row: OrderRow) => boolean {
  const option = query.option === undefined ? undefined : fold(query.option.trim());
  const member = query.member === undefined ? undefined : fold(query.member.trim().replace(/^[@＠]/u, ''));
  return (row) =>
    (option === undefined || fold(row.option ?? '') === option) &&
    (query.point === undefined ||
      (query.point === 'none' ? row.point === undefined : row.point?.no === query.point)) &&
    (query.money === undefined || row.money === query.money) &&
    (query.pickup === undefined || row.pickup === query.pickup) &&
    (member === undefined ||
      fold(row.userId) === member ||
      fold(row.name).includes(member) ||
      fold(row.for ?? '').includes(member));
}

/** Position of each state in the lists' order, so states sort as a leader reads them. */
const MONEY_RANK = new Map<string, number>(MONEY_STATES.map((s, i) => [s, i]));
const PICKUP_RANK = new Map<string, number>(PICKUP_STATES.map((s, i) => [s, i]));

/** Sorts by the key in `dir`; ties (and `deal`'s lines within a deal) in card order, always ascending. */
function comparator(key: SortKey, dir: 'asc' | 'desc'): (a: OrderRow, b: OrderRow) => number {
  const sign = dir === 'asc' ? 1 : -1;
  // A withdrawn line has no card number: after the numbered ones, in the order it was placed.
  const lineOf = (r: OrderRow) => r.lineNo ?? Number.MAX_SAFE_INTEGER;
  const byCard = (a: OrderRow, b: OrderRow) =>
    a.dealNo - b.dealNo ||
    lineOf(a) - lineOf(b) ||
    a.orderedAt.localeCompare(b.orderedAt) ||
    a.orderId.localeCompare(b.orderId);
  const text = (x: string, y: string) => x.localeCompare(y, 'zh-Hans-CN');
  const primary: Record<SortKey, (a: OrderRow, b: OrderRow) => number> = {
    deal: (a, b) => a.dealNo - b.dealNo,
    line: (a, b) => lineOf(a) - lineOf(b),
    member: (a, b) => text(a.name, b.name),
    option: (a, b) => text(a.option ?? '', b.option ?? ''),
    qty: (a, b) => a.qty - b.qty,
    // Lines without a point last when ascending.
    point: (a, b) => (a.point?.no ?? Number.MAX_SAFE_INTEGER) - (b.point?.no ?? Number.MAX_SAFE_INTEGER),
    amount: (a, b) => a.amountCents - b.amountCents,
    money: (a, b) => MONEY_RANK.get(a.money)! - MONEY_RANK.get(b.money)!,
    pickup: (a, b) => PICKUP_RANK.get(a.pickup)! - PICKUP_RANK.get(b.pickup)!,
    orderedAt: (a, b) => a.orderedAt.localeCompare(b.orderedAt),
  };
  return (a, b) => sign * primary[key](a, b) || byCard(a, b);
}

function totalsOf(rows: readonly OrderRow[]): OrderTotals {
  const totals: OrderTotals = { lines: 0, qty: 0, amountCents: 0, withdrawn: 0 };
  for (const r of rows) {
    // A withdrawn line (no number on the card) is listed for the money it may still be owed back,
    // but it is no longer ordered: counting it made the total disagree with the card's.
    if (r.lineNo === undefined) totals.withdrawn++;
    else {
      totals.lines++;
      totals.qty += r.qty;
      totals.amountCents += r.amountCents;
    }
  }
  return totals;
}
