import { type Deal, isOpen } from '../store/schema.js';

/** A deal's state as orders come and go: shared by the deal lifecycle and order lines. */

export { isOpen };

/** open ⇄ succeeded follows the buyer count while the deal takes orders. */
export function withStatus(deal: Deal, now: Date): { deal: Deal; formed: boolean } {
  if (!isOpen(deal)) return { deal, formed: false };
  if (deal.buyers >= deal.min) {
    const formed = deal.formedAt === undefined;
    return { deal: { ...deal, status: 'succeeded', formedAt: deal.formedAt ?? now.toISOString() }, formed };
  }
  return { deal: { ...deal, status: 'open' }, formed: false };
}
