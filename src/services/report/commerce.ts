import type { Deal } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import { openedAt } from '../deal-starts.js';
import { orderAmount } from '../orders.js';
import { bump, DAY_SLOTS, flag, IN, type MemberIndex } from './member-index.js';
import { divide, fromPair, type Metric, Pair } from './metric.js';
import { OutstandingTally } from './outstanding.js';
import { dayIndex, type Period, placeIn } from './period.js';

/** A deal's takings in the period. */
export interface TopDeal {
  no: number;
  title: string;
  orders: number;
  gmvCents: number;
}

/** What the community bought. */
export interface CommerceSection {
  dealsOpened: Metric;
  dealsSucceeded: Metric;
  dealsFailed: Metric;
  dealsCancelled: Metric;
  /** 成团率: succeeded ÷ (succeeded + failed). */
  successRate: Metric;
  orders: Metric;
  buyers: Metric;
  /** Buyers ÷ active members. */
  conversion: Metric;
  /** 客单价: GMV ÷ orders, in cents. */
  aovCents: Metric;
  gmvCents: Metric;
  /** Buyers with two or more counted orders ÷ buyers. */
  repeatBuyerShare: Metric;
  topDeals: TopDeal[];
}

/** What the order scan leaves for the other sections; per-member tallies are indexed by MemberIndex. */
export interface OrderScan {
  /** IN flags: placed any order line (later cancelled or not) in the window; such members count as active. */
  ordered: number[];
  /** GMV and counted orders per member, per window. */
  gmvByMember: { current: number[]; previous: number[] };
  ordersByMember: { current: number[]; previous: number[] };
  /** Member-days (position × DAY_SLOTS + day) with an order placed, per window. */
  orderDays: { current: Set<number>; previous: Set<number> };
  /** When each member last placed an order, if at or after the tier horizon (for tiers and zombie candidates). */
  lastOrderAt: (string | undefined)[];
  /** Points discounts on the counted orders, GMV and counted orders, per window. */
  discount: Pair;
  gmv: Pair;
  orders: Pair;
  /** GMV per local day of the current window. */
  dailyGmv: number[];
  deals: { opened: Pair; succeeded: Pair; failed: Pair; cancelled: Pair };
  topDeals: TopDeal[];
  /** Owed and refund due now, over every line (the money section shows them). */
  outstanding: OutstandingTally;
}

/** Formed and not failed: still taking orders after 成团 (`succeeded`), or closed after it (`closed`). */
export function isSucceeded(deal: Deal): boolean {
  return deal.status === 'succeeded' || deal.status === 'closed';
}

/** One pass over the community's deals and, through the deal index, their orders. */
export function scanOrders(
  tables: Tables,
  communityId: string,
  period: Period,
  index: MemberIndex,
  horizon: string,
): OrderScan {
  const scan: OrderScan = {
    ordered: index.tally(),
    gmvByMember: { current: index.tally(), previous: index.tally() },
    ordersByMember: { current: index.tally(), previous: index.tally() },
    orderDays: { current: new Set(), previous: new Set() },
    lastOrderAt: new Array<string | undefined>(index.size).fill(undefined),
    discount: new Pair(),
    gmv: new Pair(),
    orders: new Pair(),
    dailyGmv: new Array<number>(period.current.days.length).fill(0),
    deals: { opened: new Pair(), succeeded: new Pair(), failed: new Pair(), cancelled: new Pair() },
    topDeals: [],
    outstanding: new OutstandingTally(),
  };
  const { deals } = scan;
  // Orders before both windows and the tier horizon count for nothing: one string comparison
  // skips them (most of a long history) before any window placement or member lookup.
  const windowsFrom = period.previous?.from ?? period.current.from;
  const skipBefore = windowsFrom < horizon ? windowsFrom : horizon;
  for (const deal of tables.deals.by('community', communityId)) {
    // A scheduled deal (定时开团) counts as opened at its start, and not at all before it.
    deals.opened.add(placeIn(period, openedAt(deal)));
    const succeeded = isSucceeded(deal);
    if (succeeded) deals.succeeded.add(placeIn(period, deal.formedAt));
    else if (deal.status === 'failed') deals.failed.add(placeIn(period, deal.closedAt));
    else if (deal.status === 'cancelled') deals.cancelled.add(placeIn(period, deal.closedAt));
    const top: TopDeal = { no: deal.no, title: deal.title, orders: 0, gmvCents: 0 };
    for (const order of tables.orders.by('deal', deal.id)) {
      // Money still owed either way may sit on lines of any age.
      scan.outstanding.line(order, deal, succeeded);
      if (order.createdAt < skipBefore) continue;
      const where = placeIn(period, order.createdAt);
      // Older orders change no tier (see activity.ts): skip the member lookup for them.
      if (!where && order.createdAt < horizon) continue;
      const who = index.of(order.userId);
      const last = scan.lastOrderAt[who];
      if (last === undefined || order.createdAt > last) scan.lastOrderAt[who] = order.createdAt;
      if (!where) continue;
      flag(scan.ordered, who, IN[where]);
      const day = dayIndex(where === 'current' ? period.current : period.previous!, order.createdAt);
      scan.orderDays[where].add(who * DAY_SLOTS + day);
      if (!succeeded || order.status !== 'active') continue;
      const amount = orderAmount(order);
      scan.orders.add(where);
      scan.gmv.add(where, amount);
      scan.discount.add(where, order.discountCents);
      bump(scan.gmvByMember[where], who, amount);
      bump(scan.ordersByMember[where], who);
      if (where === 'current') {
        top.orders++;
        top.gmvCents += amount;
        scan.dailyGmv[day]! += amount;
      }
    }
    if (top.orders > 0) scan.topDeals.push(top);
  }
  scan.topDeals = scan.topDeals.sort((a, b) => b.gmvCents - a.gmvCents || a.no - b.no).slice(0, 3);
  return scan;
}

/** Buyers and repeat buyers (two or more counted orders) per window. */
function buyerCounts(scan: OrderScan): { buyers: Pair; repeat: Pair } {
  const buyers = new Pair();
  const repeat = new Pair();
  for (const where of ['current', 'previous'] as const) {
    for (const n of scan.ordersByMember[where]) {
      if (n >= 1) buyers.add(where);
      if (n >= 2) repeat.add(where);
    }
  }
  return { buyers, repeat };
}

export function commerceSection(scan: OrderScan, period: Period, activeMembers: Pair): CommerceSection {
  const has = period.previous !== undefined;
  const { deals } = scan;
  const decided = new Pair();
  decided.current = deals.succeeded.current + deals.failed.current;
  decided.previous = deals.succeeded.previous + deals.failed.previous;
  const { buyers, repeat } = buyerCounts(scan);
  return {
    dealsOpened: fromPair('count', deals.opened, has),
    dealsSucceeded: fromPair('count', deals.succeeded, has),
    dealsFailed: fromPair('count', deals.failed, has),
    dealsCancelled: fromPair('count', deals.cancelled, has),
    successRate: divide('ratio', deals.succeeded, decided, has),
    orders: fromPair('count', scan.orders, has),
    buyers: fromPair('count', buyers, has),
    conversion: divide('ratio', buyers, activeMembers, has),
    aovCents: divide('cents', scan.gmv, scan.orders, has),
    gmvCents: fromPair('cents', scan.gmv, has),
    repeatBuyerShare: divide('ratio', repeat, buyers, has),
    topDeals: scan.topDeals,
  };
}
