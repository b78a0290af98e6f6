import type { Tables } from '../../store/tables.js';
import { fromPair, type Metric, Pair } from './metric.js';
import { type Period, placeIn } from './period.js';

/**
 * After-sales figures of the period (售后): tickets opened (by when they were opened), approved
 * and rejected (by when they were answered: a ticket rejected, reopened and approved counts as
 * approved, once), and the money approved tickets refunded (by when they were approved).
 */
export interface AftersaleFigures {
  opened: Metric;
  approved: Metric;
  rejected: Metric;
  refundedCents: Metric;
}

export function aftersaleFigures(tables: Tables, communityId: string, period: Period): AftersaleFigures {
  const has = period.previous !== undefined;
  const opened = new Pair();
  const approved = new Pair();
  const rejected = new Pair();
  const refunded = new Pair();
  for (const ticket of tables.tickets.by('community', communityId)) {
    opened.add(placeIn(period, ticket.createdAt));
    if (!ticket.resolvedAt) continue;
    const where = placeIn(period, ticket.resolvedAt);
    // An approval always records its refund (0: none); a resolution without one is a rejection.
    if (ticket.refundCents === undefined) rejected.add(where);
    else {
      approved.add(where);
      refunded.add(where, ticket.refundCents);
    }
  }
  return {
    opened: fromPair('count', opened, has),
    approved: fromPair('count', approved, has),
    rejected: fromPair('count', rejected, has),
    refundedCents: fromPair('cents', refunded, has),
  };
}
