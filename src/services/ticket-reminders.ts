import type { Community, Ticket } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { openedAt, ticketQueue } from './aftersales.js';
import { defineSetting, durationOrOff, getSetting } from './settings.js';

/**
 * Reminding admins of after-sales tickets left open (售后, issue #19): the `aftersale.remind`
 * setting, which open tickets are due a reminder, and marking them reminded (once per opening).
 * Separate from the ticket lifecycle (aftersales.ts) because only the reminder job
 * (commands/aftersale-jobs.ts) uses it.
 */

/** How long a ticket waits open before the admins are reminded of it, once (ms), or false: never. */
export const aftersaleRemindSetting = defineSetting({
  key: 'aftersale.remind',
  schema: durationOrOff,
  default: (24 * 3_600_000) as number | false,
  durationUnitMs: 1,
});

/** Open tickets, per community, waiting longer than `aftersale.remind` and not yet reminded of. */
export function dueTicketReminders(tables: Tables, now: Date): { community: Community; tickets: Ticket[] }[] {
  const due: { community: Community; tickets: Ticket[] }[] = [];
  for (const community of tables.communities.values()) {
    const remind = getSetting(community, aftersaleRemindSetting);
    if (remind === false) continue;
    const tickets = ticketQueue(tables, community.id).filter(
      (t) => !t.remindedAt && Date.parse(openedAt(t)) + remind <= now.getTime(),
    );
    if (tickets.length > 0) due.push({ community, tickets });
  }
  return due;
}

/** Records that admins were reminded of these tickets (once per opening). */
export function markTicketsReminded(tx: Tx, tickets: Ticket[], now: Date): void {
  for (const ticket of tickets) {
    const current = tx.get('tickets', ticket.id);
    if (current && current.status === 'open' && !current.remindedAt)
      tx.put('tickets', { ...current, remindedAt: now.toISOString() });
  }
}
