import type { AuditEntry, Community, Deal, Order, Ticket } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { moneyState } from './money-state.js';
import { takeBackTicketShare } from './order-points-back.js';
import { type Actor, memberLines, recordRefund } from './payments.js';
import { defineSetting, durationSetting, getSetting } from './settings.js';

/**
 * After-sales tickets (售后, issue #19): a member opens one on an order line they picked up or had
 * delivered, within `aftersale.window`; an admin approves it (a refund recorded on that line
 * through recordRefund), rejects it with a reason, reopens a rejected one, or closes it. Every
 * transition is audited. Money honesty: a member asks for at most what the line still holds
 * (paid − refunded), so nothing can be asked back on a line that paid nothing; an approval never
 * records more than that either (recordRefund refuses), and an approval without money (goods
 * replaced) is always possible. A ticket's pictures: ticket-photos.ts; reminding admins of open
 * ones: ticket-reminders.ts.
 */

/** How long after a line was picked up or delivered its member may open a ticket (ms). */
export const aftersaleWindowSetting = defineSetting({
  key: 'aftersale.window',
  schema: durationSetting,
  default: 72 * 3_600_000,
  durationUnitMs: 1,
});

/** A ticket's id from its community and number. */
export function ticketId(communityId: string, no: number): string {
  return `${communityId}|t${no}`;
}

/** Which of the member's lines in the deal: a roster number (`line=2`) or an option name (`option=L`). */
export interface LinePick {
  line?: number;
  option?: string;
}

export type OpenOutcome =
  | { kind: 'opened'; ticket: Ticket; order: Order }
  | { kind: 'no_order' }
  /** The roster number is not one of the member's lines (someone else's, or none). */
  | { kind: 'not_yours'; line: number }
  | { kind: 'no_option'; option: string; lines: Order[] }
  /** Several lines and nothing said which. */
  | { kind: 'which_line'; lines: Order[] }
  | { kind: 'not_delivered'; order: Order }
  | { kind: 'out_of_window'; order: Order; closedAt: Date }
  /** A ticket on the line is open or approved already. */
  | { kind: 'already'; ticket: Ticket }
  /** A ticket on the line was rejected: only an admin reopens it. */
  | { kind: 'rejected'; ticket: Ticket }
  /** A ticket on the line was closed by an admin while open (no refund): only an admin reopens it. */
  | { kind: 'closed_by_admin'; ticket: Ticket }
  /** Asked more than the line holds (paid − refunded); 0: it paid nothing. */
  | { kind: 'too_much'; maxCents: number };

/** The line a pick names among the member's lines in a deal (withdrawn ones left out). */
function pickLine(tables: Tables, deal: Deal, userId: string, pick: LinePick): OpenOutcome | Order {
  const lines = memberLines(tables, deal.id, userId).filter((o) => o.status === 'active');
  if (pick.line !== undefined) {
    const order = lines.find((o) => o.line === pick.line);
    return order ?? { kind: 'not_yours', line: pick.line };
  }
  if (lines.length === 0) return { kind: 'no_order' };
  if (pick.option !== undefined) {
    const wanted = pick.option.trim().toLowerCase();
    const found = lines.filter((o) => (o.option ?? '').toLowerCase() === wanted);
    if (found.length === 1) return found[0]!;
    return found.length === 0
      ? { kind: 'no_option', option: pick.option, lines }
      : { kind: 'which_line', lines };
  }
  return lines.length === 1 ? lines[0]! : { kind: 'which_line', lines };
}

/**
 * What a ticket can still ask back on a line: what it holds of what was paid (paid − refunded)
 * less what it is already owed back (a shortage, a lower price), in cents.
 */
export function lineHeld(order: Order, deal: Deal): number {
  const money = moneyState(order, deal);
  return Math.max(0, money.paidCents - money.refundedCents - money.refundDueCents);
}

/** The tickets on an order line, oldest first. */
export function ticketsOnLine(tables: Tables, orderId: string): Ticket[] {
  return tables.tickets.by('order', orderId).sort((a, b) => a.no - b.no);
}

/**
 * A ticket rejected once, or closed by an admin while open (closed since or not): its line is the
 * admin's to reopen, not the member's.
 */
function wasRejected(ticket: Ticket): boolean {
  return ticket.status === 'rejected' || (ticket.status === 'closed' && isRejection(ticket));
}

/**
 * A resolution without a refund amount is a rejection (an approval always records refundCents);
 * an admin closing an open ticket resolves it so too.
 */
function isRejection(ticket: Ticket): boolean {
  return ticket.resolvedAt !== undefined && ticket.refundCents === undefined;
}

/** An open ticket an admin closed (no refund, no rejection reason): not rejected, closed. */
export function closedByAdmin(ticket: Ticket): boolean {
  return ticket.status === 'closed' && isRejection(ticket) && ticket.answer === undefined;
}

function auditTicket(
  tx: Tx,
  ticket: Ticket,
  action: AuditEntry['action'],
  by: Actor,
  now: Date,
  extra: { cents?: number; reason?: string } = {},
): void {
  writeAudit(tx, ticket.id, {
    communityId: ticket.communityId,
    at: now.toISOString(),
    action,
    userId: ticket.userId,
    name: ticket.name,
    by,
    ref: ticket.id,
    ...(extra.cents !== undefined ? { cents: extra.cents } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
  });
}

/**
 * A member opens a ticket on one of their lines in `deal` (`/aftersale #3 "坏了2个" amount=10`).
 * Refused, changing nothing: no such line of theirs, not picked up or delivered yet, past the
 * window (counted from Order.deliveredAt), a ticket open, approved or rejected on the line, or
 * an amount above what the line holds.
 */
export function openTicket(
  tx: Tx,
  community: Community,
  deal: Deal,
  userId: string,
  request: { pick: LinePick; reason: string; askedCents?: number },
  now: Date,
): OpenOutcome {
  deal = tx.get('deals', deal.id) ?? deal;
  const picked = pickLine(tx.tables, deal, userId, request.pick);
  if ('kind' in picked && !('dealId' in picked)) return picked;
  const order = picked as Order;
  if (!order.deliveredAt) return { kind: 'not_delivered', order };
  const closedAt = new Date(Date.parse(order.deliveredAt) + getSetting(community, aftersaleWindowSetting));
  if (now.getTime() > closedAt.getTime()) return { kind: 'out_of_window', order, closedAt };
  const earlier = ticketsOnLine(tx.tables, order.id);
  const rejected = earlier.find(wasRejected);
  if (rejected)
    return closedByAdmin(rejected)
      ? { kind: 'closed_by_admin', ticket: rejected }
      : { kind: 'rejected', ticket: rejected };
  const live = earlier.find((t) => t.status === 'open' || t.status === 'approved');
  if (live) return { kind: 'already', ticket: live };
  const held = lineHeld(order, deal);
  if (request.askedCents !== undefined && request.askedCents > held)
    return { kind: 'too_much', maxCents: held };
  const no = tx.tables.tickets.countBy('community', community.id) + 1;
  const at = now.toISOString();
  const ticket = tx.put('tickets', {
    id: ticketId(community.id, no),
    communityId: community.id,
    no,
    dealId: deal.id,
    orderId: order.id,
    userId,
    name: order.name,
    reason: request.reason,
    ...(request.askedCents !== undefined ? { askedCents: request.askedCents } : {}),
    photos: [],
    status: 'open',
    createdAt: at,
    updatedAt: at,
  });
  auditTicket(tx, ticket, 'ticket_opened', userId, now, {
    ...(request.askedCents !== undefined ? { cents: request.askedCents } : {}),
    reason: request.reason,
  });
  return { kind: 'opened', ticket, order };
}

/** The community's ticket by number (`T3`, `t3`, `3`). */
export function findTicket(tables: Tables, communityId: string, no: number): Ticket | undefined {
  return tables.tickets.get(ticketId(communityId, no));
}

/** Tickets waiting for an admin, oldest first (`/tickets`). */
export function ticketQueue(tables: Tables, communityId: string): Ticket[] {
  return tables.tickets.by('open', communityId).sort((a, b) => a.no - b.no);
}

/** A member's tickets in a community, newest first (`/mytickets`). */
export function ticketsOf(tables: Tables, communityId: string, userId: string): Ticket[] {
  return tables.tickets
    .by('community', communityId)
    .filter((t) => t.userId === userId)
    .sort((a, b) => b.no - a.no);
}

export type ResolveOutcome =
  | { kind: 'done'; ticket: Ticket }
  /** The ticket is not in a state this transition starts from. */
  | { kind: 'wrong_state'; ticket: Ticket }
  | { kind: 'too_much'; maxCents: number }
  /** More than the member asked, not confirmed: `askedCents` is what they asked. */
  | { kind: 'above_asked'; askedCents: number }
  /** Money asked on a line that paid nothing (or was refunded in full): approve without an amount. */
  | { kind: 'nothing_paid' }
  /** Reopening: another ticket on the line is open or approved. */
  | { kind: 'already'; ticket: Ticket };

/**
 * An admin approves an open ticket: `cents` (default: what the member asked, else nothing) is
 * recorded as a refund on the ticket's line only (more than the member asked only `confirmed`), an allowance on top of anything the line is
 * already owed back, with `label` (`售后 T3`) as its reason. The inviter's first-order reward
 * stays (the goods were received); the member gives back the refund's share of the deal's order
 * points (takeBackTicketShare), named by `label`.
 */
export function approveTicket(
  tx: Tx,
  ticket: Ticket,
  cents: number | undefined,
  note: string | undefined,
  label: string,
  by: Actor,
  now: Date,
  confirmed = false,
): ResolveOutcome {
  const current = tx.get('tickets', ticket.id) ?? ticket;
  if (current.status !== 'open') return { kind: 'wrong_state', ticket: current };
  const amount = cents ?? current.askedCents ?? 0;
  if (amount > 0) {
    const deal = tx.get('deals', current.dealId);
    const order = tx.get('orders', current.orderId);
    if (!deal || !order) return { kind: 'nothing_paid' };
    const held = lineHeld(order, deal);
    if (held <= 0) return { kind: 'nothing_paid' };
    if (amount > held) return { kind: 'too_much', maxCents: held };
    if (!confirmed && current.askedCents !== undefined && amount > current.askedCents)
      return { kind: 'above_asked', askedCents: current.askedCents };
    const refund = recordRefund(tx, deal, current.userId, amount, label, by, now, {
      orderId: order.id,
      note: label,
      allowanceOnly: true,
      keepReward: true,
    });
    if (refund.kind === 'too_much') return { kind: 'too_much', maxCents: refund.maxCents };
    if (refund.kind !== 'refunded') return { kind: 'nothing_paid' };
    takeBackTicketShare(tx, deal, current, amount, label, now);
  }
  const at = now.toISOString();
  const approved = tx.put('tickets', {
    ...current,
    status: 'approved',
    resolvedAt: at,
    resolvedBy: by,
    refundCents: amount,
    ...(note ? { answer: note } : {}),
    updatedAt: at,
  });
  auditTicket(tx, approved, 'ticket_approved', by, now, { cents: amount, ...(note ? { reason: note } : {}) });
  return { kind: 'done', ticket: approved };
}

/** An admin rejects an open ticket with the reason its member is told. */
export function rejectTicket(tx: Tx, ticket: Ticket, reason: string, by: Actor, now: Date): ResolveOutcome {
  const current = tx.get('tickets', ticket.id) ?? ticket;
  if (current.status !== 'open') return { kind: 'wrong_state', ticket: current };
  const at = now.toISOString();
  const { refundCents: _r, ...rest } = current;
  const rejected = tx.put('tickets', {
    ...rest,
    status: 'rejected',
    resolvedAt: at,
    resolvedBy: by,
    answer: reason,
    updatedAt: at,
  });
  auditTicket(tx, rejected, 'ticket_rejected', by, now, { reason });
  return { kind: 'done', ticket: rejected };
}

/**
 * An admin reopens a rejected ticket (closed since or not) or one an admin closed while open:
 * open again, its reminder due again from now.
 */
export function reopenTicket(tx: Tx, ticket: Ticket, by: Actor, now: Date): ResolveOutcome {
  const current = tx.get('tickets', ticket.id) ?? ticket;
  if (!wasRejected(current)) return { kind: 'wrong_state', ticket: current };
  const other = ticketsOnLine(tx.tables, current.orderId).find(
    (t) => t.id !== current.id && (t.status === 'open' || t.status === 'approved'),
  );
  if (other) return { kind: 'already', ticket: other };
  const at = now.toISOString();
  const { resolvedAt: _a, resolvedBy: _b, answer: _c, remindedAt: _d, ...rest } = current;
  const reopened = tx.put('tickets', {
    ...rest,
    status: 'open',
    reopenedAt: at,
    reopenedBy: by,
    updatedAt: at,
  });
  auditTicket(tx, reopened, 'ticket_reopened', by, now);
  return { kind: 'done', ticket: reopened };
}

/**
 * Closes a ticket: an approved or rejected one (by an admin), or an open one, which no money
 * moves on: withdrawn by its member (a new ticket may then be opened on the line), or closed by
 * an admin (resolved without money, like a rejection: only an admin reopens it).
 */
export function closeTicket(tx: Tx, ticket: Ticket, by: Actor, now: Date): ResolveOutcome {
  const current = tx.get('tickets', ticket.id) ?? ticket;
  if (current.status === 'closed') return { kind: 'wrong_state', ticket: current };
  const at = now.toISOString();
  const withdrawn = current.status === 'open' && by === current.userId;
  const byAdmin = current.status === 'open' && !withdrawn;
  const { refundCents: _r, ...rest } = current;
  const closed = tx.put(
    'tickets',
    byAdmin
      ? { ...rest, status: 'closed', resolvedAt: at, resolvedBy: by, updatedAt: at }
      : { ...current, status: 'closed', updatedAt: at },
  );
  // Withdrawn says so; an admin's closing is a closing, the entry says by whom.
  auditTicket(tx, closed, 'ticket_closed', by, now, withdrawn ? { reason: 'withdrawn' } : {});
  return { kind: 'done', ticket: closed };
}

/** When a ticket's wait started: its (last) opening. */
export function openedAt(ticket: Ticket): string {
  return ticket.reopenedAt ?? ticket.createdAt;
}
