import { moneyOf } from '../../commands/money-text.js';
import { formatTime } from '../../src/core/format.js';
import { cleanName } from '../../src/core/names.js';
import {
  MAX_PAGE_SIZE,
  MONEY_STATES,
  type OrderQueryInput,
  type OrderRow,
  type OrderTableOutcome,
  type OrderTableRefusal,
  PICKUP_STATES,
  QUERY_FIELDS,
  type SortKey,
} from '../../src/services/order-table.js';
import { type Html, html } from '../html.js';
import { type OrdersText, ordersText } from '../text/orders.js';
import type { PageView } from '../view.js';
import { lineWord, moneyWord, pickupWord, pointWord, whoWord } from './order-words.js';

/**
 * The Orders page's markup: the filter form, the downloads, the table (sortable headers, a check
 * box per line inside the bulk-action form) and the pager. Every value is members' text or
 * numbers, escaped by `html`; every link is relative (the page's `<base href>`).
 */

/** Page sizes offered (the service takes any up to MAX_PAGE_SIZE). */
const PAGE_SIZES = [25, 50, 100, MAX_PAGE_SIZE];

/** `deal=1&money=owing`: the query's non-empty fields, with `change` applied (undefined drops one). */
export function queryString(input: OrderQueryInput, change: OrderQueryInput = {}): string {
  const params = new URLSearchParams();
  for (const name of QUERY_FIELDS) {
    const value = name in change ? change[name] : input[name];
    if (value !== undefined && value.trim() !== '') params.set(name, value);
  }
  return params.toString();
}

/** A query field's label, for a refusal that names it. */
function fieldLabel(t: OrdersText, field: keyof OrderQueryInput): string {
  const labels: Record<keyof OrderQueryInput, string> = {
    deal: t.labelDeal,
    option: t.labelOption,
    point: t.labelPoint,
    money: t.labelMoney,
    pickup: t.labelPickup,
    member: t.labelMember,
    sort: t.labelSort,
    dir: t.labelDir,
    page: t.labelPage,
    pageSize: t.labelPageSize,
  };
  return labels[field];
}

/** What a refused query is told (the page shows it and no table). */
export function refusalText(t: OrdersText, refusal: OrderTableRefusal): string {
  switch (refusal.kind) {
    case 'bad_value':
      return t.badValue(fieldLabel(t, refusal.field), refusal.value.slice(0, 60));
    case 'page_too_big':
      return t.pageTooBig(refusal.asked, refusal.max);
    case 'unknown_deal':
      return t.unknownDeal(refusal.no);
    case 'unknown_point':
      return t.unknownPoint(refusal.no);
  }
}

/** The filter form (GET), holding the query as given. */
export function filterForm(view: PageView, input: OrderQueryInput): Html {
  const t = ordersText(view.locale);
  const deals = view.tables.deals.by('community', view.community.id).sort((a, b) => b.no - a.no);
  const options = [...new Set(deals.flatMap((d) => d.options))];
  const points = view.tables.pickupPoints.by('community', view.community.id).sort((a, b) => a.no - b.no);
  const select = (name: keyof OrderQueryInput, label: string, choices: [string, string][]) =>
    html`<label>${label}<select name="${name}"><option value="">${t.any}</option>${choices.map(
      ([value, text]) =>
        html`<option value="${value}"${input[name] === value ? html` selected` : ''}>${text}</option>`,
    )}</select></label>`;
  return html`<form class="filters" method="get" action="orders">
    ${select(
      'deal',
      t.labelDeal,
      deals.map((d) => [String(d.no), `#${d.no} ${cleanName(d.title)}`]),
    )}
    ${select(
      'option',
      t.labelOption,
      options.map((o) => [o, o]),
    )}
    ${select('point', t.labelPoint, [
      ...points.map((p): [string, string] => [String(p.no), cleanName(p.name)]),
      ['none', t.noPoint],
    ])}
    ${select(
      'money',
      t.labelMoney,
      MONEY_STATES.map((s) => [s, moneyWord(view.locale, s)]),
    )}
    ${select(
      'pickup',
      t.labelPickup,
      PICKUP_STATES.map((s) => [s, pickupWord(view.locale, s)]),
    )}
    <label>${t.labelMember}<input name="member" value="${input.member ?? ''}" maxlength="100"></label>
    <label>${t.labelPageSize}<select name="pageSize">${PAGE_SIZES.map(
      (n) =>
        html`<option value="${n}"${(input.pageSize ?? '50') === String(n) ? html` selected` : ''}>${n}</option>`,
    )}</select></label>
    ${input.sort && html`<input type="hidden" name="sort" value="${input.sort}">`}
    ${input.dir && html`<input type="hidden" name="dir" value="${input.dir}">`}
    <button type="submit">${t.apply}</button>
    <a class="button secondary" href="orders">${t.clear}</a>
  </form>`;
}

/** The table of one page inside the bulk-action form, the totals, the downloads and the pager. */
export function ordersTable(
  view: PageView,
  input: OrderQueryInput,
  table: Extract<OrderTableOutcome, { kind: 'table' }>,
): Html {
  const t = ordersText(view.locale);
  const money = moneyOf(view.community);
  const { totals } = table;
  const filters = queryString(input, { page: undefined, pageSize: undefined });
  const summary = html`<p><strong>${t.totals(totals.lines, totals.qty, money(totals.amountCents), totals.withdrawn)}</strong></p>
    <p class="muted">${t.downloads}
      <a class="button secondary" href="orders.csv${filters && `?${filters}`}" download>${t.downloadCsv}</a>
      <a class="button secondary" href="orders.pdf${filters && `?${filters}`}" download>${t.downloadPdf}</a></p>`;
  if (table.rows.length === 0)
    return html`${summary}<p class="muted">${t.empty}</p>${pager(t, input, table)}`;
  const sorted = table.query.sort ?? 'deal';
  const dir = table.query.dir ?? (table.query.sort ? 'asc' : 'desc');
  const header = (key: SortKey, label: string, num = false) => {
    const next = sorted === key && dir === 'asc' ? 'desc' : 'asc';
    const mark = sorted === key ? (dir === 'asc' ? ' ▲' : ' ▼') : '';
    const href = `orders?${queryString(input, { sort: key, dir: next, page: undefined })}`;
    return html`<th${num ? html` class="num"` : ''}${sorted === key ? html` aria-sort="${dir === 'asc' ? 'ascending' : 'descending'}"` : ''}><a href="${href}">${label}${mark}</a></th>`;
  };
  const rows = table.rows.map((row) => rowHtml(view, t, row, money));
  return html`${summary}
  <form method="post" action="orders/bulk">
    <input type="hidden" name="_csrf" value="${view.csrfToken}">
    ${QUERY_FIELDS.map((name) => input[name] && html`<input type="hidden" name="${name}" value="${input[name]}">`)}
    <div class="table-wrap"><table>
      <thead><tr>
        <th><input type="checkbox" aria-label="${t.checkAll}" onclick="for (const b of this.form.querySelectorAll('input[name=row]')) b.checked = this.checked"></th>
        ${header('deal', t.colDeal)}${header('line', t.colLine, true)}${header('member', t.colMember)}
        ${header('option', t.colOption)}${header('qty', t.colQty, true)}${header('point', t.colPoint)}
        ${header('amount', t.colAmount, true)}${header('money', t.colMoney)}${header('pickup', t.colPickup)}
        ${header('orderedAt', t.colOrderedAt)}
      </tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <p>${t.withChecked}
      <button type="submit" name="action" value="confirm">${t.actionConfirm}</button>
      <button type="submit" name="action" value="refund">${t.actionRefund}</button>
      <button type="submit" name="action" value="verify">${t.actionVerify}</button>
      <label><input type="checkbox" name="unpaid" value="confirm"> ${t.handOverUnpaid}</label></p>
    <p class="muted">${t.actionsHelp}</p>
  </form>
  ${pager(t, input, table)}`;
}

function rowHtml(view: PageView, t: OrdersText, row: OrderRow, money: (cents: number) => string): Html {
  const label = t.rowLabel(row.dealNo, lineWord(t, row), cleanName(row.name));
  const who = whoWord(view.locale, row);
  const owed =
    row.owedCents > 0 ? money(row.owedCents) : row.refundDueCents > 0 ? money(row.refundDueCents) : '';
  return html`<tr>
    <td><input type="checkbox" name="row" value="${row.orderId}" aria-label="${t.checkRow(label)}"></td>
    <td>#${row.dealNo} ${cleanName(row.dealTitle)}</td>
    <td class="num">${lineWord(t, row)}</td>
    <td>${who} <span class="muted">${row.userId}</span></td>
    <td>${row.option ?? ''}</td>
    <td class="num">${row.qty}</td>
    <td>${pointWord(t, row)}</td>
    <td class="num">${money(row.amountCents)}</td>
    <td>${moneyWord(view.locale, row.money)}${owed && html` <span class="muted">${owed}</span>`}</td>
    <td>${pickupWord(view.locale, row.pickup)}</td>
    <td>${formatTime(row.orderedAt, view.community.timezone)}</td>
  </tr>`;
}

function pager(t: OrdersText, input: OrderQueryInput, table: { page: number; pages: number }): Html {
  const to = (page: number) => `orders?${queryString(input, { page: String(page) })}`;
  return html`<div class="pager">
    ${table.page > 1 && html`<a href="${to(Math.min(table.page - 1, table.pages))}">${t.previous}</a>`}
    <span class="muted">${t.pageOf(table.page, table.pages)}</span>
    ${table.page < table.pages && html`<a href="${to(table.page + 1)}">${t.next}</a>`}
  </div>`;
}
