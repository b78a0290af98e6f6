import { moneyOf } from '../../commands/money-text.js';
import { cleanName } from '../../src/core/names.js';
import { moneyState } from '../../src/services/money-state.js';
import { type OrderQueryInput, QUERY_FIELDS } from '../../src/services/order-table.js';
import { memberLines } from '../../src/services/payments.js';
import { lineNumbers } from '../../src/services/roster-numbers.js';
import type { Deal, Order } from '../../src/store/schema.js';
import type { Tables } from '../../src/store/tables.js';
import { type Html, html } from '../html.js';
import { ordersText } from '../text/orders.js';
import type { PageView } from '../view.js';
import { whoWord } from './order-words.js';
import { byMemberAndDeal } from './orders-bulk.js';
import { queryString } from './orders-html.js';

/**
 * The question before "Record refunds" runs: `/refund #3 @member` records everything owed back,
 * or when nothing is owed back everything the member paid in that deal, for each member checked.
 * One misclick would do that for every checked line, so the page first lists what would be
 * recorded (per member and deal, as the command acts) and runs only on `confirm=yes`.
 */

/** Why a member's refund has its amount: owed back, all they paid (nothing owed back), or nothing paid. */
export type RefundBasis = 'due' | 'paid' | 'none';

/** What `/refund #deal @member` without an amount would record for one member in one deal. */
export interface RefundPreview {
  deal: Deal;
  /** The checked lines of this member in this deal (the refund covers all their lines there). */
  orders: Order[];
  /** Cents that would be recorded as refunded (0 for `none`). */
  cents: number;
  basis: RefundBasis;
}

/**
 * What recording the refunds of `lines` would record, one entry per member and deal, worked out
 * as src/services/payments.ts recordRefund does with no amount given: what is owed back on all
 * their lines of the deal, else everything they paid and were not given back. Reads only.
 */
export function refundPreview(
  tables: Tables,
  lines: readonly { order: Order; deal: Deal }[],
): RefundPreview[] {
  return byMemberAndDeal(lines).map(({ deal, orders }) => {
    const states = memberLines(tables, deal.id, orders[0]!.userId).map((o) => moneyState(o, deal));
    const due = states.reduce((sum, s) => sum + s.refundDueCents, 0);
    const held = states.reduce((sum, s) => sum + s.paidCents - s.refundedCents, 0);
    if (held <= 0) return { deal, orders, cents: 0, basis: 'none' };
    return due > 0
      ? { deal, orders, cents: due, basis: 'due' }
      : { deal, orders, cents: held, basis: 'paid' };
  });
}

/**
 * The confirmation's body: the refunds that would be recorded (deal, lines, who, amount and why
 * that amount), their sum, and a form that posts the same lines and filters with `confirm=yes`,
 * or a way back to the table as it was filtered.
 */
export function refundConfirmBody(
  view: PageView,
  input: OrderQueryInput,
  lines: readonly { order: Order; deal: Deal }[],
): Html {
  const t = ordersText(view.locale);
  const money = moneyOf(view.community);
  const previews = refundPreview(view.tables, lines);
  const basis: Record<RefundBasis, string> = {
    due: t.refundDue,
    paid: t.refundAllPaid,
    none: t.refundNothingPaid,
  };
  const rows = previews.map(({ deal, orders, cents, basis: why }) => {
    const numbers = lineNumbers(view.tables, deal);
    const nos = orders.map((o) => numbers.get(o.id)?.toString() ?? t.withdrawn).join(', ');
    const who = [...new Set(orders.map((o) => whoWord(view.locale, o)))].join(', ');
    return html`<tr>
      <td>#${deal.no} ${cleanName(deal.title)}</td>
      <td class="num">${nos}</td>
      <td>${who} <span class="muted">${orders[0]!.userId}</span></td>
      <td class="num">${money(cents)}</td>
      <td>${basis[why]}</td>
    </tr>`;
  });
  const total = previews.reduce((sum, p) => sum + p.cents, 0);
  const back = queryString(input);
  return html`<div class="card">
    <p>${t.refundAsk}</p>
    <div class="table-wrap"><table>
      <thead><tr><th>${t.colDeal}</th><th class="num">${t.colLine}</th><th>${t.colMember}</th>
        <th class="num">${t.colRefund}</th><th>${t.colRefundWhy}</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <p><strong>${t.refundTotal(money(total))}</strong></p>
    <form method="post" action="orders/bulk">
      <input type="hidden" name="_csrf" value="${view.csrfToken}">
      <input type="hidden" name="action" value="refund">
      <input type="hidden" name="confirm" value="yes">
      ${lines.map(({ order }) => html`<input type="hidden" name="row" value="${order.id}">`)}
      ${QUERY_FIELDS.map((name) => input[name] && html`<input type="hidden" name="${name}" value="${input[name]}">`)}
      <button type="submit" class="danger">${t.confirmRefund}</button>
      <a class="button secondary" href="orders${back && `?${back}`}">${t.goBack}</a>
    </form>
  </div>`;
}
