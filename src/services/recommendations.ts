import type { Deal } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { categoryKey } from './categories.js';
import { hasConsent } from './consent.js';

/**
 * Recommendations from a member's own order history (千人千面), only with their `history` consent,
 * read at the moment of use so a withdrawal stops it at once. They change the order of a list and
 * say why; they never change a price or what is listed. Whoever shows them shows them privately:
 * nothing here may reach a group chat. Plain functions, no chat text.
 *
 * A purchase is one deal the member bought in: at least one active order line of their own (a
 * line for someone else, 代订, says nothing of their taste; a withdrawn line is no purchase) in a
 * deal that is open, formed (succeeded) or closed. A failed or cancelled deal was never bought.
 */

/** Deal statuses whose lines count as purchases. */
export const PURCHASE_STATUSES: readonly Deal['status'][] = ['open', 'succeeded', 'closed'];

/** A member's purchases in one community, each deal once. */
export interface PurchaseCounts {
  /** Deals bought, per categoryKey. */
  byCategory: Map<string, number>;
  /** Deals bought, per Template.id (the same product across weeks). */
  byTemplate: Map<string, number>;
  /** Ids of the deals bought. */
  deals: Set<string>;
}

/** What a member bought in a community (see the file's comment for what counts). */
export function purchaseCounts(tables: Tables, communityId: string, userId: string): PurchaseCounts {
  const deals = new Set<string>();
  for (const order of tables.orders.by('buyer', `${communityId}/${userId}`))
    if (order.status === 'active' && order.for === undefined) deals.add(order.dealId);
  const byCategory = new Map<string, number>();
  const byTemplate = new Map<string, number>();
  for (const id of [...deals]) {
    const deal = tables.deals.get(id);
    if (!deal || !PURCHASE_STATUSES.includes(deal.status)) {
      deals.delete(id);
      continue;
    }
    // A deal naming `水果` and `Fruit ` twice over is one purchase of each key.
    for (const key of new Set((deal.categories ?? []).map(categoryKey)))
      byCategory.set(key, (byCategory.get(key) ?? 0) + 1);
    if (deal.templateId !== undefined)
      byTemplate.set(deal.templateId, (byTemplate.get(deal.templateId) ?? 0) + 1);
  }
  return { byCategory, byTemplate, deals };
}

/**
 * Why a deal is shown first: the same product (a deal of a template the member bought from, named
 * as the template is, or as the deal when the template is gone), or a category as this deal
 * writes it; `times`: deals bought.
 */
export type Reason =
  | { kind: 'product'; product: string; times: number }
  | { kind: 'category'; category: string; times: number };

/** One deal of the list, with the reason it comes first (absent: in its default place). */
export interface ListedDeal {
  deal: Deal;
  reason?: Reason;
}

export type Recommendations =
  /** Without `history` consent: the deals in the order given, nothing of the member read. */
  | { kind: 'default'; deals: ListedDeal[] }
  /** Matched deals first (same product before category, then more purchases, then by number), then the rest. */
  | { kind: 'personal'; deals: ListedDeal[]; purchases: number };

/**
 * The open deals of a community in the order shown to one member. `deals` in the default order
 * (as everyone sees them). With `history` on, the deals the member has not yet joined that match
 * their purchases come first with their reason; a deal they already hold a line in keeps its place.
 */
export function recommendDeals(
  tables: Tables,
  communityId: string,
  userId: string,
  deals: readonly Deal[],
): Recommendations {
  if (!hasConsent(tables, communityId, userId, 'history'))
    return { kind: 'default', deals: deals.map((deal) => ({ deal })) };
  const counts = purchaseCounts(tables, communityId, userId);
  const listed: ListedDeal[] = deals.map((deal) => {
    const reason = counts.deals.has(deal.id) ? undefined : reasonFor(tables, deal, counts);
    return reason ? { deal, reason } : { deal };
  });
  // Stable: among equals, and for the rest, the default order.
  const matched = listed.filter((l) => l.reason).sort((a, b) => strength(b.reason) - strength(a.reason));
  const rest = listed.filter((l) => !l.reason);
  return { kind: 'personal', deals: [...matched, ...rest], purchases: counts.deals.size };
}

/** Sort weight: a product match above any category match, then more purchases first. */
function strength(reason: Reason | undefined): number {
  if (!reason) return 0;
  return (reason.kind === 'product' ? 1_000_000 : 0) + reason.times;
}

/** The strongest reason a deal matches a member's purchases, if any. */
function reasonFor(tables: Tables, deal: Deal, counts: PurchaseCounts): Reason | undefined {
  const templateId = deal.templateId;
  const sameProduct = templateId === undefined ? 0 : (counts.byTemplate.get(templateId) ?? 0);
  if (templateId !== undefined && sameProduct > 0) {
    const template = tables.templates.get(templateId);
    return { kind: 'product', product: template?.name ?? deal.title, times: sameProduct };
  }
  let best: Reason | undefined;
  for (const category of deal.categories ?? []) {
    const times = counts.byCategory.get(categoryKey(category)) ?? 0;
    if (times > (best?.times ?? 0)) best = { kind: 'category', category, times };
  }
  return best;
}
