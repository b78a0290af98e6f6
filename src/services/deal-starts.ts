import type { Deal } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/**
 * Scheduled deals (定时开团): announced before they take orders, opened at `startsAt`. Plain
 * functions, typed outcomes, no chat text. The start job (commands/deal-start-jobs.ts) opens them.
 */

/** Deals of a community announced and not yet open, the soonest first. */
export function scheduledDeals(tables: Tables, communityId: string): Deal[] {
  return tables.deals
    .by('scheduled', 'scheduled')
    .filter((d) => d.communityId === communityId)
    .sort(byStart);
}

/** Scheduled deals whose start has come (also one that passed while the bot was down), soonest first. */
export function dueStarts(tables: Tables, now: Date): Deal[] {
  return tables.deals
    .by('scheduled', 'scheduled')
    .filter((d) => d.startsAt === undefined || Date.parse(d.startsAt) <= now.getTime())
    .sort(byStart);
}

/** Opens a scheduled deal for orders; once only: a deal no longer scheduled is left as it is. */
export function startDeal(tx: Tx, deal: Deal): { kind: 'started' | 'not_scheduled'; deal: Deal } {
  const current = tx.get('deals', deal.id) ?? deal;
  if (current.status !== 'scheduled') return { kind: 'not_scheduled', deal: current };
  return { kind: 'started', deal: tx.put('deals', { ...current, status: 'open' }) };
}

/** When a deal opened or opens for orders: its start if it was scheduled, else its creation. */
export function openedAt(deal: Deal): string | undefined {
  if (deal.status === 'scheduled') return undefined;
  const start = deal.startsAt && deal.startsAt > deal.createdAt ? deal.startsAt : deal.createdAt;
  // Cancelled before its start: it never took orders.
  if (deal.closedAt && deal.closedAt < start) return undefined;
  return start;
}

/** Milliseconds until a scheduled deal opens (0 once due). */
export function untilStart(deal: Deal, now: Date): number {
  return deal.startsAt ? Math.max(0, Date.parse(deal.startsAt) - now.getTime()) : 0;
}

function byStart(a: Deal, b: Deal): number {
  return (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.no - b.no;
}
