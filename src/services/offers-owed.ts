import type { Tx } from '../store/tx.js';

/**
 * Private offers still waiting in the outbox, and how a withdrawal drops them. Apart from
 * offers.ts so the consent ledger (consent.ts) can drop them without an import cycle: withdrawing
 * the `offers` purpose, however it is said, stops the offers not yet delivered.
 */

/**
 * The delivery handler told once an offer was accepted (args: `offer`, the Offer id; `user`; `key`,
 * the category key). Named here because the outbox records of offers still owed are found by it.
 */
export const OFFER_DELIVERED = 'offers.delivered';
/** The delivery handler told when the platform refused the private chat (args as OFFER_DELIVERED). */
export const OFFER_UNREACHABLE = 'offers.unreachable';

/**
 * Drops a member's offers still waiting to go out (all, or those of the category keys given):
 * their messages are deleted from the outbox and the offers with them, as never sent (they do not
 * use up the daily cap). Returns how many.
 */
export function dropOwedOffers(
  tx: Tx,
  communityId: string,
  userId: string,
  keys?: ReadonlySet<string>,
): number {
  const owed = [...tx.tables.outbox.values()].filter(
    (m) =>
      m.communityId === communityId &&
      m.userId === userId &&
      m.onDelivered?.name === OFFER_DELIVERED &&
      (!keys || keys.has(m.onDelivered.args.key ?? '')),
  );
  for (const message of owed) {
    tx.delete('outbox', message.id);
    const id = message.onDelivered?.args.offer;
    if (id && tx.get('offers', id)?.state === 'sent') tx.delete('offers', id);
  }
  return owed.length;
}
