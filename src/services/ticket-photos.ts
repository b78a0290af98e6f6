import type { Ticket } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { openedAt } from './aftersales.js';

/**
 * The pictures of after-sales tickets (售后, issue #19): which open ticket a member's next picture
 * belongs to, and adding pictures to it up to a cap. Separate from the ticket lifecycle
 * (aftersales.ts) because only the picture path (commands/aftersale.ts) uses it; no money moves here.
 */

/** Pictures one ticket keeps at most. */
export const MAX_TICKET_PHOTOS = 9;

/**
 * The member's ticket still open and opened (or reopened) within `withinMs`: their next picture is
 * its photo (or, when it holds MAX_TICKET_PHOTOS already, answered as one too many).
 */
export function ticketAwaitingPhoto(
  tables: Tables,
  communityId: string,
  userId: string,
  now: Date,
  withinMs: number,
): Ticket | undefined {
  return tables.tickets
    .by('open', communityId)
    .filter((t) => t.userId === userId && now.getTime() - Date.parse(openedAt(t)) <= withinMs)
    .sort((a, b) => b.no - a.no)[0];
}

/**
 * Adds pictures (paths relative to the data dir) to an open ticket, up to MAX_TICKET_PHOTOS;
 * `kept`: those added (the caller removes the others' files). Undefined when it is no longer open.
 */
export function addTicketPhotos(
  tx: Tx,
  ticket: Ticket,
  paths: string[],
  now: Date,
): { ticket: Ticket; kept: string[] } | undefined {
  const current = tx.get('tickets', ticket.id);
  if (current?.status !== 'open') return undefined;
  const kept = paths.slice(0, Math.max(0, MAX_TICKET_PHOTOS - current.photos.length));
  const photos = [...current.photos, ...kept];
  return { ticket: tx.put('tickets', { ...current, photos, updatedAt: now.toISOString() }), kept };
}
