import type { Deal, Template } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { DealInput } from './deals.js';

/**
 * Deal templates (模板) and copies: the same product opened again week after week. A template keeps
 * everything a deal is made of except its deadline, which it keeps as a length; a copy takes the
 * same from a deal. Deals made either way carry the template's id (Deal.templateId), so reports
 * and reviews group them by product. Plain functions, typed outcomes, no chat text.
 */

/** Characters of a template's name: enough for `阳山水蜜桃 大果`. */
export const MAX_TEMPLATE_NAME = 20;

/** The name as compared: full-width folded (NFKC), trimmed, lower case, inner spaces one. */
export function templateKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The store key of a community's template named `name`: `<communityId>|<key>`. */
export function templateId(communityId: string, name: string): string {
  return `${communityId}|${templateKey(name)}`;
}

/** The template an admin names, letter case, width and spaces around it aside. */
export function findTemplate(tables: Tables, communityId: string, name: string): Template | undefined {
  return templateKey(name) ? tables.templates.get(templateId(communityId, name)) : undefined;
}

/** A community's templates by name. */
export function listTemplates(tables: Tables, communityId: string): Template[] {
  return tables.templates
    .by('community', communityId)
    .sort((a, b) => templateKey(a.name).localeCompare(templateKey(b.name)));
}

/**
 * How long a deal runs: from its opening (its start, when scheduled) to its deadline, in whole
 * minutes rounded up; at least a minute. A deadline typed as a clock time (`18:00`) falls on the
 * minute while the deal opened seconds into one (16:00:37): that deal ran 2h, not 1h59m. The
 * milliseconds between reads of the clock in one command (a second at most) do not add a minute.
 */
export function dealLength(deal: Deal): number {
  const ms = Date.parse(deal.endsAt) - Date.parse(deal.startsAt ?? deal.createdAt);
  return Math.max(1, Math.ceil((ms - 1000) / 60_000)) * 60_000;
}

/**
 * The deal as it was planned: a shortage (src/services/shortage.ts) takes the units that never
 * came off its stock and its option's, and counts them on the line (Order.shortQty); they are
 * added back, so a copy or a template offers what the deal offered, not what one delivery missed.
 */
export function plannedDeal(tables: Tables, deal: Deal): Deal {
  let short = 0;
  const optionStock = { ...deal.optionStock };
  for (const order of tables.orders.by('deal', deal.id)) {
    if (!order.shortQty) continue;
    short += order.shortQty;
    const option = order.option;
    if (option !== undefined && optionStock[option] !== undefined)
      optionStock[option] = optionStock[option] + order.shortQty;
  }
  if (short === 0) return deal;
  return { ...deal, ...(deal.stock !== undefined ? { stock: deal.stock + short } : {}), optionStock };
}

export type SaveOutcome =
  | {
      kind: 'saved' | 'updated';
      template: Template /** the source deal now counts for it */;
      linked: boolean;
    }
  | { kind: 'bad_name' };

/**
 * Saves a deal as a template under `name`; a name already used is updated with this deal. The
 * source deal (and its reviews) join the template unless the deal already belongs to another
 * product: a deal counts for one product, the one it was made from.
 */
export function saveTemplate(tx: Tx, source: Deal, name: string, by: string, now: Date): SaveOutcome {
  const deal = plannedDeal(tx.tables, source);
  const typed = name.trim();
  if (!templateKey(typed) || typed.length > MAX_TEMPLATE_NAME) return { kind: 'bad_name' };
  const id = templateId(deal.communityId, typed);
  const existing = tx.get('templates', id);
  const template = tx.put('templates', {
    id,
    communityId: deal.communityId,
    name: typed,
    title: deal.title,
    priceCents: deal.priceCents,
    min: deal.min,
    ...(deal.stock !== undefined ? { stock: deal.stock } : {}),
    ...(deal.limit !== undefined ? { limit: deal.limit } : {}),
    durationMs: dealLength(deal),
    ...(deal.unit !== undefined ? { unit: deal.unit } : {}),
    options: [...deal.options],
    optionPrices: { ...deal.optionPrices },
    optionStock: { ...deal.optionStock },
    ...(deal.pickup !== undefined ? { pickup: deal.pickup } : {}),
    ...(deal.points?.length ? { points: [...deal.points] } : {}),
    photos: [...(deal.photos ?? [])],
    ...(deal.categories?.length ? { categories: [...deal.categories] } : {}),
    fromDealId: deal.id,
    createdAt: existing?.createdAt ?? now.toISOString(),
    createdBy: existing?.createdBy ?? by,
    updatedAt: now.toISOString(),
  });
  const current = tx.get('deals', deal.id) ?? deal;
  const linked = current.templateId === undefined || current.templateId === id;
  if (current.templateId === undefined) {
    tx.put('deals', { ...current, templateId: id });
    for (const review of tx.tables.reviews.by('deal', deal.id))
      if (review.templateId === undefined) tx.put('reviews', { ...review, templateId: id });
  }
  return { kind: existing ? 'updated' : 'saved', template, linked };
}

/** Deletes a template; deals made from it keep its id (reports still group them). */
export function deleteTemplate(
  tx: Tx,
  communityId: string,
  name: string,
): { kind: 'deleted'; template: Template } | { kind: 'no_template' } {
  const template = findTemplate(tx.tables, communityId, name);
  if (!template) return { kind: 'no_template' };
  tx.delete('templates', template.id);
  return { kind: 'deleted', template };
}

/** What a product's fields are, as a deal is made of them (shared by templates and copies). */
type Product = Pick<
  Template,
  | 'title'
  | 'priceCents'
  | 'min'
  | 'stock'
  | 'limit'
  | 'unit'
  | 'options'
  | 'optionPrices'
  | 'optionStock'
  | 'pickup'
  | 'points'
> & { photos?: string[] | undefined; categories?: string[] | undefined };

function productInput(p: Product, endsAt: Date): DealInput {
  return {
    title: p.title,
    priceCents: p.priceCents,
    min: p.min,
    ...(p.stock !== undefined ? { stock: p.stock } : {}),
    ...(p.limit !== undefined ? { limit: p.limit } : {}),
    endsAt,
    ...(p.unit !== undefined ? { unit: p.unit } : {}),
    options: [...p.options],
    optionPrices: { ...p.optionPrices },
    optionStock: { ...p.optionStock },
    ...(p.pickup !== undefined ? { pickup: p.pickup } : {}),
    ...(p.points?.length ? { points: [...p.points] } : {}),
    ...(p.photos?.length ? { photos: [...p.photos] } : {}),
    ...(p.categories?.length ? { categories: [...p.categories] } : {}),
  };
}

/** A new deal from a template: its fields, a deadline its length from now, and its id. */
export function templateInput(template: Template, now: Date): DealInput {
  return {
    ...productInput(template, new Date(now.getTime() + template.durationMs)),
    templateId: template.id,
  };
}

/**
 * A copy of a deal (`/deal copy #3`): the product (title, prices, options, group size, stock,
 * limit as planned (plannedDeal), unit, pickup, points, photos) and its template, with a deadline as far from now as the
 * source ran. Not its orders, sales, status, card, topic or start: a copy is a new deal, opened now
 * where it is typed.
 */
export function dealCopyInput(tables: Tables, source: Deal, now: Date): DealInput {
  const deal = plannedDeal(tables, source);
  return {
    ...productInput(deal, new Date(now.getTime() + dealLength(deal))),
    ...(deal.templateId !== undefined ? { templateId: deal.templateId } : {}),
    copiedFrom: deal.id,
  };
}

/**
 * Deals made from each template (by Template.id), and their buyers summed over those deals that did
 * not fail or get cancelled (nobody bought there).
 */
export function templateUsage(
  tables: Tables,
  communityId: string,
): Map<string, { deals: number; buyers: number }> {
  const usage = new Map<string, { deals: number; buyers: number }>();
  for (const deal of tables.deals.by('community', communityId)) {
    if (deal.templateId === undefined) continue;
    const u = usage.get(deal.templateId) ?? { deals: 0, buyers: 0 };
    u.deals++;
    if (deal.status !== 'failed' && deal.status !== 'cancelled') u.buyers += deal.buyers;
    usage.set(deal.templateId, u);
  }
  return usage;
}
