import type { GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { splitText } from '../src/core/split-text.js';
import { dealIsDead, moneyState, paidOn } from '../src/services/money-state.js';
import { linesInState, memberLines } from '../src/services/payments.js';
import type { AuditEntry, Community, Deal, Order } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { dealText, statusName } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { holderNames, rosterLine } from './order-text.js';
import { moneyWords, paymentText } from './payment-text.js';

/**
 * How money shows in lists: a line's state with its amounts (`/orders`, `/myorders`, the card's
 * "My order"), and the admin's money views of a deal (`/orders #3 unpaid|claimed|refunds`).
 */

/**
 * The lines of a deal that have money to show, in roster order: the active ones, and withdrawn
 * ones where money was paid (owed back or refunded) or said to be (a claim the admin must answer).
 */
export function moneyLines(tables: Tables, deal: Deal): Order[] {
  return tables.orders
    .by('deal', deal.id)
    .filter(hasMoney)
    .sort((a, b) => a.line - b.line);
}

/**
 * A member's lines in a community with money to show (as moneyLines), newest first: what
 * `/myorders` lists.
 */
export function memberMoneyLines(tables: Tables, communityId: string, userId: string): Order[] {
  return tables.orders
    .by('buyer', `${communityId}/${userId}`)
    .filter(hasMoney)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.line - b.line);
}

/** A member's lines in one deal with money to show (as moneyLines), in roster order. */
export function memberDealLines(tables: Tables, deal: Deal, userId: string): Order[] {
  return memberLines(tables, deal.id, userId).filter(hasMoney);
}

/** A line lists show: active, or withdrawn with money paid on it or a claim not yet answered. */
function hasMoney(o: Order): boolean {
  return o.status === 'active' || paidOn(o) > 0 || o.claimedAt !== undefined;
}

/** A member's lines in the deal as lists say them (`paid`, `owing ¥45.00`), or undefined when they have none. */
export function memberStates(ctx: GroupContext, deal: Deal, userId: string): string | undefined {
  const money = moneyOf(ctx.community);
  const lines = memberDealLines(ctx.tables, deal, userId);
  if (lines.length === 0) return undefined;
  return [...new Set(lines.map((o) => lineMoney(ctx.locale, ctx.tables, o, deal, money)))].join(', ');
}

/** The reason given with the line's latest refund, if any. */
export function refundReason(tables: Tables, order: Order): string | undefined {
  const refunds = tables.payments.by('order', order.id).filter((p) => p.kind === 'refund');
  return refunds.sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.reason;
}

/**
 * A line's money as lists show it: `owing ¥45.00`, `paid ¥45.00 · delivered`; a deal that did not
 * go ahead says so first (`failed · nothing to pay`, `cancelled · refund due ¥45.00`), and so
 * does a withdrawn line (`withdrawn · refund due ¥90.00`).
 */
export function lineMoney(
  locale: Locale,
  tables: Tables,
  order: Order,
  deal: Deal,
  money: (cents: number) => string,
): string {
  const m = moneyState(order, deal);
  const words = moneyWords(
    locale,
    m,
    money,
    m.state === 'refunded' ? refundReason(tables, order) : undefined,
  );
  // A withdrawn line still listed (money on it) says so first: its quantity is not to be packed.
  const text = dealIsDead(deal)
    ? `${statusName(locale, deal)} · ${words}`
    : order.status === 'active'
      ? words
      : `${paymentText(locale).withdrawnWord} · ${words}`;
  return order.deliveredAt ? `${text} · ${paymentText(locale).deliveredWord}` : text;
}

/** The money views `/orders #3` takes. */
export type MoneyView = 'unpaid' | 'claimed' | 'refunds';

/** `/orders #3 unpaid|claimed|refunds`: the lines in those states with amounts and totals, split to fit. */
export function moneyView(ctx: GroupContext, deal: Deal, view: MoneyView): void {
  const text =
    view === 'unpaid'
      ? unpaidView(ctx, deal)
      : view === 'claimed'
        ? claimedView(ctx, deal)
        : refundsView(ctx, deal);
  for (const piece of splitText(text, ctx.adapter.capabilities.maxMessageLength)) ctx.reply(piece);
}

const people = (orders: Order[]) => new Set(orders.map((o) => o.userId)).size;

/** Who still owes (owing, and claimed but not confirmed, marked as such), with what they owe. */
function unpaidView(ctx: GroupContext, deal: Deal): string {
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  // A claim on a line that no longer costs anything owes nothing: `/orders #3 claimed` lists it.
  const lines = linesInState(ctx.tables, deal, ['owing', 'claimed']).filter(
    (o) => moneyState(o, deal).owedCents > 0,
  );
  if (lines.length === 0) {
    if (dealIsDead(deal)) return t.nothingOwedDeal(deal.no, statusName(ctx.locale, deal));
    // "All paid" of a deal nobody ordered from would mislead the leader.
    const ordered = ctx.tables.orders.by('deal', deal.id).some((o) => o.status === 'active');
    return ordered ? dealText(ctx.locale).unpaidNone(deal.no) : dealText(ctx.locale).rosterEmpty(deal.no);
  }
  const states = lines.map((o) => moneyState(o, deal));
  const total = states.reduce((sum, m) => sum + m.owedCents, 0);
  const names = holderNames(ctx.tables, lines);
  const rows = lines.map((o, i) => {
    const m = states[i]!;
    const claimed = m.state === 'claimed' ? ` · ${t.claimedWord}` : '';
    return `${rosterLine(ctx.locale, o, i, names)} — ${money(m.owedCents)}${claimed}`;
  });
  const footer = states.some((m) => m.state === 'claimed') ? [t.unpaidFooter(deal.no)] : [];
  return [dealText(ctx.locale).unpaidHeader(deal.no, people(lines), money(total)), ...rows, ...footer].join(
    '\n',
  );
}

/** Claims waiting for an admin: who, what they owe, since when. */
function claimedView(ctx: GroupContext, deal: Deal): string {
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  const lines = linesInState(ctx.tables, deal, ['claimed']);
  if (lines.length === 0) return t.noClaims(deal.no);
  // What each member said they paid: what confirming records, also on a line changed since.
  const owed = lines.map((o) => moneyState(o, deal).claimedCents);
  const names = holderNames(ctx.tables, lines);
  const rows = lines.map(
    (o, i) =>
      `${rosterLine(ctx.locale, o, i, names)} — ${money(owed[i]!)} · ${formatTime(o.claimedAt!, ctx.community.timezone)}`,
  );
  const total = owed.reduce((sum, cents) => sum + cents, 0);
  return [t.claimedHeader(deal.no, people(lines), money(total)), ...rows, t.claimedFooter(deal.no)].join(
    '\n',
  );
}

/** Refunds owed (what was paid, what is owed back) and refunds made (amount, reason), each with totals. */
function refundsView(ctx: GroupContext, deal: Deal): string {
  const t = paymentText(ctx.locale);
  const money = moneyOf(ctx.community);
  const due = linesInState(ctx.tables, deal, ['refund_due']);
  const done = moneyLines(ctx.tables, deal).filter((o) => (o.refundedCents ?? 0) > 0);
  if (due.length === 0 && done.length === 0) return t.refundsNone(deal.no);
  const out: string[] = [];
  if (due.length > 0) {
    const states = due.map((o) => moneyState(o, deal));
    const names = holderNames(ctx.tables, due);
    out.push(
      t.refundsDueHeader(deal.no, due.length, money(states.reduce((sum, m) => sum + m.refundDueCents, 0))),
      ...due.map(
        (o, i) =>
          `${rosterLine(ctx.locale, o, i, names)} — ${t.paidWas(money(states[i]!.paidCents))} · ${t.refundDueWord} ${money(states[i]!.refundDueCents)}`,
      ),
    );
  }
  if (done.length > 0) {
    const names = holderNames(ctx.tables, done);
    const total = done.reduce((sum, o) => sum + (o.refundedCents ?? 0), 0);
    out.push(
      t.refundsDoneHeader(deal.no, done.length, money(total)),
      ...done.map((o, i) => {
        const amount = `${t.refundedWord} ${money(o.refundedCents ?? 0)}`;
        const reason = refundReason(ctx.tables, o);
        return `${rosterLine(ctx.locale, o, i, names)} — ${reason ? t.withReason(amount, reason) : amount}`;
      }),
    );
  }
  if (due.length > 0) out.push(t.refundsFooter(deal.no));
  return out.join('\n');
}

/**
 * A money action of `/audit` (claimed, confirmed, rejected with its reason, marked or paid in the
 * chat, refunded with amount and reason, unpaid line cancelled) as one line: `2026-11-25 16:00 #3
 * refunded ¥10.00 (bad fruit) · alice — by owner`; undefined for other actions. `at`: the time
 * formatted; `by`: who did it as the group reads them (`auto` and `platform` are named here).
 */
export function moneyAuditLine(
  locale: Locale,
  tables: Tables,
  community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  const t = paymentText(locale);
  const money = moneyOf(community);
  const amount = money(entry.cents ?? 0);
  const reason = (text: string) => (entry.reason ? t.withReason(text, entry.reason) : text);
  let what: string;
  switch (entry.action) {
    case 'pay_claimed':
      what = t.auditClaimed(amount);
      break;
    case 'pay_confirmed':
      what = t.auditConfirmed(amount);
      break;
    case 'pay_rejected':
      what = t.auditRejected(entry.reason ?? '');
      break;
    case 'paid':
      what = entry.by === 'platform' ? t.auditPaidPlatform(amount) : t.auditPaid(amount);
      break;
    case 'refunded':
      what = reason(t.auditRefunded(amount));
      break;
    case 'unpaid_cancelled':
      what = t.auditUnpaidCancelled;
      break;
    default:
      return undefined;
  }
  const order = entry.ref === undefined ? undefined : tables.orders.get(entry.ref);
  const deal = order && tables.deals.get(order.dealId);
  const shownBy = entry.by === 'auto' ? t.byAuto : entry.by === 'platform' ? t.byPlatform : by;
  return t.audit(at, deal ? `#${deal.no} ${what}` : what, showName(entry.name), shownBy);
}
