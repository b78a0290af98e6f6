import type { Deal, Order, WaitEntry } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { lineId, optionLeft } from './order-lines.js';

/**
 * Reading the waitlist (候补, src/services/waitlist.ts): the ids of its records, who waits for
 * what and in which place, the units given and not yet settled, and the units free now that
 * those waiting could be given. Nothing here writes.
 */

/** The id of a place on the waitlist: one per deal, member, option and person ordered for. */
export function waitKey(dealId: string, userId: string, option?: string, forName?: string): string {
  return `${dealId}|${userId}|${option ?? ''}|${forName ?? ''}`;
}

/** The id of the record of units given on an order line and not yet settled. */
export function grantKey(order: Order): string {
  return `${waitKey(order.dealId, order.userId, order.option, order.for)}|granted`;
}

/**
 * Units given from the waitlist on this line and not yet settled (paid or claimed by the
 * deadline, or taken back), if any: those units answer to their own deadline (`entry.payBy`).
 */
export function pendingGrant(tables: Tables, order: Order): WaitEntry | undefined {
  return tables.waitlist.get(grantKey(order));
}

/** The order line a waitlist entry is about. */
export function entryLineId(entry: WaitEntry): string {
  return lineId(entry.dealId, entry.userId, entry.option, entry.for);
}

/** Members waiting for a deal's units, earliest first. */
export function waitingFor(tables: Tables, dealId: string): WaitEntry[] {
  return tables.waitlist.by('deal', dealId).sort((a, b) => a.seq - b.seq);
}

/** Units given from a deal's waitlist and not yet settled (paid, or taken back), earliest first. */
export function grantedIn(tables: Tables, dealId: string): WaitEntry[] {
  return tables.waitlist
    .by('granted', 'granted')
    .filter((e) => e.dealId === dealId)
    .sort((a, b) => (a.grantedAt ?? '').localeCompare(b.grantedAt ?? '') || a.seq - b.seq);
}

/** How many wait per option of a deal ('' for a deal without options). */
export function waitingCounts(tables: Tables, dealId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of tables.waitlist.by('deal', dealId))
    counts.set(e.option ?? '', (counts.get(e.option ?? '') ?? 0) + 1);
  return counts;
}

/** The key of the `dealOption` index: those waiting for one option of a deal ('' without options). */
export function optionKey(dealId: string, option: string | undefined): string {
  return `${dealId}|${option ?? ''}`;
}

/** An entry's place (1 = next) among those waiting for the same option. */
export function placeOf(tables: Tables, entry: WaitEntry): number {
  let ahead = 0;
  for (const e of tables.waitlist.by('dealOption', optionKey(entry.dealId, entry.option)))
    if (e.seq < entry.seq) ahead++;
  return ahead + 1;
}

/**
 * Those waiting for an option (or a deal without options) that has units free now, earliest
 * first: the only ones units free now could go to. Options sold out are not walked, so an order
 * of one option costs nothing however many wait for another.
 */
export function servable(tables: Tables, deal: Deal): WaitEntry[] {
  if (deal.options.length === 0) return waitingIn(tables, deal.id, undefined);
  const queue: WaitEntry[] = [];
  let buckets = 0;
  for (const option of deal.options) {
    if (
      freeUnits(deal, option) <= 0 ||
      tables.waitlist.countBy('dealOption', optionKey(deal.id, option)) === 0
    )
      continue;
    queue.push(...waitingIn(tables, deal.id, option));
    buckets++;
  }
  return buckets > 1 ? queue.sort((a, b) => a.seq - b.seq) : queue;
}

/** Those waiting for one option of a deal, earliest first. */
export function waitingIn(tables: Tables, dealId: string, option: string | undefined): WaitEntry[] {
  const key = optionKey(dealId, option);
  return tables.waitlist.countBy('dealOption', key) === 0
    ? []
    : tables.waitlist.by('dealOption', key).sort((a, b) => a.seq - b.seq);
}

/** Units of an option (or of the deal, without one) still for sale; Infinity where unlimited. */
export function freeUnits(deal: Deal, option: string | undefined): number {
  const left =
    option === undefined
      ? deal.stock === undefined
        ? undefined
        : deal.stock - deal.sold
      : optionLeft(deal, option);
  return left ?? Number.POSITIVE_INFINITY;
}

/** Whether anything of the deal is for sale now: a quick test before walking its waitlist. */
export function anyFree(deal: Deal): boolean {
  if (deal.stock !== undefined && deal.sold >= deal.stock) return false;
  return deal.options.length === 0 || deal.options.some((o) => freeUnits(deal, o) > 0);
}
