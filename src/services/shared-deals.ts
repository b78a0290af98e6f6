import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen, withStatus } from './deal-status.js';
import { shareDeals } from './network.js';
import { activeLines, personOf } from './order-lines.js';

/**
 * Shared deals (帮卖 across linked groups, src/services/network.ts): one deal opened in several
 * groups at once, each group its own Deal (own number, card, roster, pickup points) carrying the
 * same shareId. They sell one stock, form (成团) on one count of distinct buyers, and open, form,
 * close and fail together. A deal of one group never comes here (callers test `deal.shareId`), so
 * the order hot path of a normal deal costs nothing more.
 */

/** Units sold over the share's deals: in all, and per option. */
export interface ShareCounts {
  sold: number;
  optionSold: Record<string, number>;
  /** Distinct people with an active line in any group: the same user id (one platform) is one person. */
  buyers: number;
}

/**
 * The share's counters now, `deal` read as given (the caller's newer copy in a transaction). Each
 * deal keeps its own group's sold/optionSold in step with its orders; the share adds them up.
 * `buyers` false: the stock only (buyers then is the deal's own count).
 */
export function shareCounts(tables: Tables, deal: Deal, buyers = true): ShareCounts {
  const deals = shareDeals(tables, deal).map((d) => (d.id === deal.id ? deal : d));
  let sold = 0;
  const optionSold: Record<string, number> = {};
  const people = new Set<string>();
  for (const d of deals) {
    sold += d.sold;
    for (const [option, n] of Object.entries(d.optionSold))
      optionSold[option] = (optionSold[option] ?? 0) + n;
    // Buyers need a walk of the share's lines: only where asked (status, cards), not for stock.
    if (buyers)
      for (const o of tables.orders.by('deal', d.id))
        if (o.status === 'active') people.add(`${o.userId}|${personOf(o)}`);
  }
  return { sold, optionSold, buyers: buyers ? people.size : deal.buyers };
}

/**
 * The deal with the share's counters in place of its group's (what its card and its stock checks
 * read): a view to read, never to put. `buyers` false keeps the group's buyers (stock only, no walk).
 */
export function shareView(tables: Tables, deal: Deal, buyers = true): Deal {
  if (!deal.shareId) return deal;
  return { ...deal, ...shareCounts(tables, deal, buyers) };
}

/**
 * After a change to one deal of a share (`deal`, its new version, not yet put): every deal of the
 * share takes the status the share's buyer count gives (open ⇄ succeeded while taking orders), and
 * forms together. Puts them; returns `deal` as put, whether it formed now, and the share's other
 * deals that formed now (each group hears 成团 once).
 */
export function settleShare(tx: Tx, deal: Deal, now: Date): { deal: Deal; formed: boolean; others: Deal[] } {
  let current = tx.put('deals', deal);
  const deals = shareDeals(tx.tables, current);
  let formed = false;
  const others: Deal[] = [];
  // The share's distinct buyers lie between the largest group's and the sum of the groups' counts;
  // only when the group size falls between the two must the lines be walked (every order of a
  // flash sale comes here: a walk of every line each time grew with the share's roster).
  let low = 0;
  let high = 0;
  for (const d of deals) {
    low = Math.max(low, d.buyers);
    high += d.buyers;
  }
  let walked: number | undefined;
  const reachedFor = (min: number): boolean => {
    if (low >= min) return true;
    if (high < min) return false;
    walked ??= shareCounts(tx.tables, current).buyers;
    return walked >= min;
  };
  for (const d of deals) {
    if (!isOpen(d)) continue;
    const reached = reachedFor(d.min);
    const status = reached ? 'succeeded' : 'open';
    const first = reached && d.formedAt === undefined;
    if (d.status === status && !first) continue;
    const next = tx.put('deals', {
      ...d,
      status,
      ...(reached ? { formedAt: d.formedAt ?? now.toISOString() } : {}),
    });
    if (next.id === current.id) {
      current = next;
      formed = first;
    } else if (first) others.push(next);
  }
  return { deal: current, formed, others };
}

/**
 * Puts a deal whose counters an order or a withdrawal just changed, with the status they give: a
 * deal of one group on its own buyers (withStatus), a shared deal on the share's (settleShare,
 * every deal of the share together). `others`: the share's other deals that formed now.
 */
export function settleCounted(
  tx: Tx,
  counted: Deal,
  now: Date,
): { deal: Deal; formed: boolean; others: Deal[] } {
  if (counted.shareId) return settleShare(tx, counted, now);
  const { deal, formed } = withStatus(counted, now);
  return { deal: tx.put('deals', deal), formed, others: [] };
}

/**
 * A member's active lines in the share's OTHER deals (the same user id in another linked group): a
 * shared deal's per-member limit counts them. None for a deal of one group (no lookup).
 */
export function linesElsewhereInShare(tables: Tables, deal: Deal, userId: string): Order[] {
  if (!deal.shareId) return [];
  return shareDeals(tables, deal)
    .filter((d) => d.id !== deal.id)
    .flatMap((d) => activeLines(tables, d.id, userId));
}
