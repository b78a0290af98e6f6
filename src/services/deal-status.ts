import { type Deal, isOpen } from '../store/schema.js';

/** A deal's state as orders come and go: shared by the deal lifecycle and order lines. */

export { isOpen };

/**
 * open ⇄ succeeded follows the buyer count while the deal takes orders. A deal already in the
 * state its count says comes back as it is: every order of a flash sale passes here, and a copy
 * of the whole deal per order only fed the garbage collector.
 */
export function withStatus(deal: Deal, now: Date): { deal: Deal; formed: boolean } {
  if (!isOpen(deal)) return { deal, formed: false };
  if (deal.buyers >= deal.min) {
    if (deal.status === 'succeeded' && deal.formedAt !== undefined) return { deal, formed: false };
    const formed = deal.formedAt === undefined;
    return { deal: { ...deal, status: 'succeeded', formedAt: deal.formedAt ?? now.toISOString() }, formed };
  }
  if (deal.status === 'open') return { deal, formed: false };
  return { deal: { ...deal, status: 'open' }, formed: false };
}
