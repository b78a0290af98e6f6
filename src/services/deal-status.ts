import type { Deal } from '../store/schema.js';

/** A deal's state as orders come and go: shared by the deal lifecycle and order lines. */

/** Still taking orders (open, or formed and not yet closed). */
export function isOpen(deal: Deal): boolean {
  return deal.status === 'open' || deal.status === 'succeeded';
}

/** open ⇄ succeeded follows the buyer count while the deal takes orders. */
export function withStatus(deal: Deal, now: Date): { deal: Deal; formed: boolean } {
  if (!isOpen(deal)) return { deal, formed: false };
  if (deal.buyers >= deal.min) {
    const formed = deal.formedAt === undefined;
    return { deal: { ...deal, status: 'succeeded', formedAt: deal.formedAt ?? now.toISOString() }, formed };
  }
  return { deal: { ...deal, status: 'open' }, formed: false };
}
