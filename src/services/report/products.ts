import type { Deal, Review } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';
import { orderAmount } from '../orders.js';
import { isShown } from '../reviews.js';
import { templateKey } from '../templates.js';
import { isSucceeded } from './commerce.js';
import { type Period, placeIn } from './period.js';

/**
 * One product in the period (issue #19): the deals of one template (the same product across
 * weeks), or deals without a template under their own title. Current period only.
 */
export interface ProductFigures {
  /** `template:<Template.id>` or `title:<the title folded>`. */
  key: string;
  /** The template, if the deals have one (it may have been deleted since). */
  templateId: string | null;
  /** The template's name, else the title of its latest deal. */
  name: string;
  /** Deals of it opened in the period. */
  deals: number;
  /** Distinct members with a counted order (as in GMV) placed in the period. */
  buyers: number;
  /** Units of those orders. */
  units: number;
  gmvCents: number;
  /**
   * Reviews written in the period that the group may see (isShown: not hidden, writer has `reviews`
   * on now), and their average stars (null: none). The report is posted in the group, so a review
   * kept for the organiser never counts here: its stars could be worked out from the average.
   */
  reviews: number;
  stars: number | null;
}

/** Products with a deal opened or an order counted in the period, by GMV, then deals opened. */
export interface ProductsSection {
  products: ProductFigures[];
}

interface Tally {
  figures: ProductFigures;
  buyers: Set<string>;
  /** The template's name is shown: else the latest deal's title. */
  named: boolean;
  /** The number of the latest deal seen (numbers grow with creation). */
  latest: number;
  starSum: number;
}

/** Walks the community's deals once, and the orders of those not closed before the period began. */
export function productsSection(tables: Tables, communityId: string, period: Period): ProductsSection {
  const { from } = period.current;
  const tallies = new Map<string, Tally>();
  const inPeriod = (at: string | undefined) => placeIn(period, at) === 'current';
  const tallyOf = (deal: Deal): Tally => {
    const key = deal.templateId ? `template:${deal.templateId}` : `title:${templateKey(deal.title)}`;
    let tally = tallies.get(key);
    if (!tally) {
      const template = deal.templateId ? tables.templates.get(deal.templateId) : undefined;
      const figures: ProductFigures = {
        key,
        templateId: deal.templateId ?? null,
        name: template?.name ?? deal.title,
        deals: 0,
        buyers: 0,
        units: 0,
        gmvCents: 0,
        reviews: 0,
        stars: null,
      };
      tally = { figures, buyers: new Set(), named: template !== undefined, latest: 0, starSum: 0 };
      tallies.set(key, tally);
    }
    if (!tally.named && deal.no > tally.latest) {
      tally.latest = deal.no;
      tally.figures.name = deal.title;
    }
    return tally;
  };
  const review = (tally: Tally, r: Review) => {
    if (!isShown(tables, r) || !inPeriod(r.createdAt)) return;
    tally.figures.reviews++;
    tally.starSum += r.stars;
  };
  for (const deal of tables.deals.by('community', communityId)) {
    const tally = tallyOf(deal);
    if (inPeriod(deal.createdAt)) tally.figures.deals++;
    if (!deal.templateId) for (const r of tables.reviews.by('deal', deal.id)) review(tally, r);
    // No order is placed in a deal after it closed: one closed before the period has none in it.
    if (!isSucceeded(deal) || (deal.closedAt !== undefined && deal.closedAt < from)) continue;
    for (const order of tables.orders.by('deal', deal.id)) {
      if (order.status !== 'active' || !inPeriod(order.createdAt)) continue;
      tally.buyers.add(order.userId);
      tally.figures.units += order.qty;
      tally.figures.gmvCents += orderAmount(order);
    }
  }
  const products: ProductFigures[] = [];
  for (const tally of tallies.values()) {
    const { figures } = tally;
    if (figures.templateId)
      for (const r of tables.reviews.by('template', figures.templateId)) review(tally, r);
    figures.buyers = tally.buyers.size;
    figures.stars = figures.reviews ? Math.round((tally.starSum / figures.reviews) * 10) / 10 : null;
    if (figures.deals || figures.buyers) products.push(figures);
  }
  products.sort((a, b) => b.gmvCents - a.gmvCents || b.deals - a.deals || a.name.localeCompare(b.name));
  return { products };
}
