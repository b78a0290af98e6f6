import type { GroupContext } from '../src/core/context.js';
import { formatDuration } from '../src/core/duration.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { findTicket, openedAt } from '../src/services/aftersales.js';
import type { AuditEntry, Community, Order, Ticket } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { aftersaleText, type TicketShown } from './aftersale-text.js';
import { moneyOf } from './money-text.js';
import { lineLabel } from './order-text.js';
import { paymentText } from './payment-text.js';

/** `line 2 ×1 L` (`第2条 ×1 L`): a line's roster number and what it holds. */
export function ticketLine(locale: Locale, order: Pick<Order, 'line' | 'qty' | 'option' | 'for'>): string {
  const t = aftersaleText(locale);
  return t.lineOf(order.line, lineLabel(order), order.for ? t.forWhom(showName(order.for)) : '');
}

/** A ticket with every part formatted for a reader of `community` in `locale`. */
export function shownTicket(
  tables: Tables,
  community: Community,
  ticket: Ticket,
  now: Date,
  locale = community.locale,
): TicketShown {
  const money = moneyOf(community);
  const deal = tables.deals.get(ticket.dealId);
  const order = tables.orders.get(ticket.orderId);
  return {
    no: ticket.no,
    dealNo: deal?.no ?? 0,
    title: deal?.title ?? '',
    line: order ? ticketLine(locale, order) : '',
    name: showName(ticket.name),
    reason: ticket.reason,
    ...(ticket.askedCents ? { asked: money(ticket.askedCents) } : {}),
    photos: ticket.photos.length,
    age: formatDuration(now.getTime() - Date.parse(openedAt(ticket)), locale),
    state: ticket.status,
    ...(ticket.refundCents ? { refund: money(ticket.refundCents) } : {}),
    ...(ticket.answer ? { answer: ticket.answer } : {}),
  };
}

/** `T3`, `t3`, `#T3`, `3` → 3. */
export function ticketNo(text: string): number | undefined {
  const match = /^[#＃]?[tTＴ]?(\d{1,6})$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** The ticket a typed code names in the community, or undefined having said there is none. */
export function ticketOrReply(ctx: GroupContext, text: string): Ticket | undefined {
  const no = ticketNo(text);
  const ticket = no === undefined ? undefined : findTicket(ctx.tables, ctx.community.id, no);
  if (!ticket) ctx.reply(aftersaleText(ctx.locale).unknownTicket(text));
  return ticket;
}

const AUDIT_ACTIONS = {
  ticket_opened: 'opened_',
  ticket_approved: 'approved_',
  ticket_rejected: 'rejected_',
  ticket_reopened: 'reopened_',
  ticket_closed: 'closed_',
} as const;

/**
 * An after-sales action of `/audit` as one line, worded like money's: `2026-11-28 10:05 T3
 * approved ¥8.00 · alice — by wang`; undefined for other actions. `at`, `by`: as the group reads them.
 */
export function aftersaleAuditLine(
  locale: Locale,
  _tables: Tables,
  community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  const word = AUDIT_ACTIONS[entry.action as keyof typeof AUDIT_ACTIONS];
  if (!word) return undefined;
  const t = aftersaleText(locale);
  const no = ticketNo(entry.ref?.split('|t').pop() ?? '') ?? 0;
  const cents = entry.cents ? moneyOf(community)(entry.cents) : undefined;
  // The member's complaint is not the group's to read (/ticket sends it privately); answers are.
  const reason =
    entry.reason === 'withdrawn'
      ? t.withdrawnWord
      : entry.action === 'ticket_opened'
        ? undefined
        : entry.reason;
  return paymentText(locale).audit(at, t.auditLine(t[word], no, cents, reason), showName(entry.name), by);
}
