import { statusName } from '../../commands/deal-text.js';
import { moneyOf } from '../../commands/money-text.js';
import { holderNames, lineOwner } from '../../commands/order-text.js';
import { stateWord } from '../../commands/payment-text.js';
import { formatDuration } from '../../src/core/duration.js';
import { formatTime } from '../../src/core/format.js';
import { showName } from '../../src/core/names.js';
import type { DealDetail, DealRow, MoneyTotals } from '../../src/services/deal-table.js';
import { lineAmount } from '../../src/services/money-state.js';
import { type Html, html } from '../html.js';
import { dealsText } from '../text/deals.js';
import type { PageView } from '../view.js';

/**
 * How the Deals pages show a deal: progress bars, the list's rows, and a deal's page (facts,
 * money, options, totals per point and per option, the roster by point). Markup only; the routes
 * are in deals.ts and deal-forms.ts.
 */

/** A bar filled to `percent` (0–100) with its numbers beside it, readable without the bar. */
export function progressBar(percent: number, label: string): Html {
  return html`<div class="progress" role="progressbar" aria-valuenow="${percent}" aria-valuemin="0" aria-valuemax="100"><span style="width:${percent}%"></span></div><small>${label}</small>`;
}

/** The status word, and what a leader wants beside it: buyers still missing, sold out, waitlist. */
export function statusCell(view: PageView, row: DealRow): Html {
  const t = dealsText(view.locale);
  const notes: string[] = [];
  if (row.taking && row.missing > 0) notes.push(t.missing(row.missing));
  if ((row.taking || row.deal.status === 'scheduled') && row.soldOut) notes.push(t.soldOut);
  if (row.waiting > 0) notes.push(t.waiting(row.waiting));
  return html`${statusName(view.locale, row.deal)}${notes.length > 0 && html`<br><small class="muted">${notes.join(' · ')}</small>`}`;
}

function buyersCell(row: DealRow): Html {
  return progressBar(row.buyersPercent, `${row.buyers} / ${row.min}`);
}

function stockCell(view: PageView, row: DealRow): Html {
  const t = dealsText(view.locale);
  if (row.stock === undefined) return html`${row.sold} / ${t.unlimited}`;
  return progressBar(row.stockPercent ?? 0, `${row.sold} / ${row.stock}`);
}

function endsCell(view: PageView, row: DealRow): Html {
  const t = dealsText(view.locale);
  const at = formatTime(row.deal.endsAt, view.community.timezone);
  if (row.msLeft === undefined) return html`${at}`;
  return html`${at}<br><small class="muted">${t.left(formatDuration(row.msLeft, view.locale))}</small>`;
}

/** The deals table: one row per deal, the money summed at its foot. */
export function dealsTable(view: PageView, rows: readonly DealRow[], totals: MoneyTotals): Html {
  const t = dealsText(view.locale);
  const money = moneyOf(view.community);
  const c = t.col;
  return html`<div class="table-wrap"><table>
    <thead><tr><th>${c.deal}</th><th>${c.status}</th><th>${c.buyers}</th><th>${c.stock}</th><th>${c.ends}</th>
      <th class="num">${c.ordered}</th><th class="num">${c.paid}</th><th class="num">${c.owed}</th><th class="num">${c.refundDue}</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr>
        <td><a href="deals/${r.deal.no}">#${r.deal.no} ${showName(r.deal.title)}</a></td>
        <td>${statusCell(view, r)}</td>
        <td>${buyersCell(r)}</td>
        <td>${stockCell(view, r)}</td>
        <td>${endsCell(view, r)}</td>
        <td class="num">${money(r.money.orderedCents)}</td>
        <td class="num">${money(r.money.paidCents)}</td>
        <td class="num">${money(r.money.owedCents)}</td>
        <td class="num">${money(r.money.refundDueCents)}</td>
      </tr>`,
    )}</tbody>
    <tfoot><tr><th colspan="5">${t.total}</th>
      <td class="num">${money(totals.orderedCents)}</td><td class="num">${money(totals.paidCents)}</td>
      <td class="num">${money(totals.owedCents)}</td><td class="num">${money(totals.refundDueCents)}</td></tr></tfoot>
  </table></div>`;
}

/** A deal's page: facts, money, options, totals per point and per option, and the roster by point. */
export function dealBody(view: PageView, d: DealDetail, actions: Html): Html {
  const t = dealsText(view.locale);
  const money = moneyOf(view.community);
  const tz = view.community.timezone;
  const { deal } = d.row;
  const f = t.facts;
  const fact = (label: string, value: Html | string | number | undefined) =>
    value === undefined || value === '' ? '' : html`<tr><th>${label}</th><td>${value}</td></tr>`;
  const price = deal.options.length
    ? d.options.map((o) => `${o.option} ${money(o.priceCents)}`).join(' · ')
    : money(deal.priceCents);
  const points = deal.points?.length
    ? d.points.map((p) => showName(p.name)).join(' · ')
    : d.points.length
      ? t.allPoints
      : '';
  const facts = html`<div class="card"><table>
    ${fact(t.col.status, statusCell(view, d.row))}
    ${fact(f.price, `${price}${deal.unit ? ` / ${showName(deal.unit)}` : ''}`)}
    ${fact(f.groupSize, buyersCell(d.row))}
    ${fact(f.stock, stockCell(view, d.row))}
    ${fact(f.limit, deal.limit)}
    ${fact(f.starts, deal.startsAt && formatTime(deal.startsAt, tz))}
    ${fact(f.ends, endsCell(view, d.row))}
    ${fact(f.pickup, deal.pickup && showName(deal.pickup))}
    ${fact(f.points, points)}
    ${fact(f.created, formatTime(deal.createdAt, tz))}
    ${fact(f.closed, deal.closedAt && formatTime(deal.closedAt, tz))}
  </table></div>`;
  const m = d.row.money;
  const mt = t.money;
  const moneyBox = html`<h2>${mt.heading}</h2><div class="grid">${[
    [mt.ordered, m.orderedCents],
    [mt.due, m.dueCents],
    [mt.paid, m.paidCents],
    [mt.claimed, m.claimedCents],
    [mt.owed, m.owedCents],
    [mt.refundDue, m.refundDueCents],
    [mt.refunded, m.refundedCents],
  ].map(
    ([label, cents]) =>
      html`<div class="metric"><div class="label">${label}</div><div class="value">${money(cents as number)}</div></div>`,
  )}</div>`;
  return html`<p><a href="deals">${t.allDeals}</a></p>
    ${facts}
    ${actions}
    ${moneyBox}
    ${optionsTable(view, d)}
    ${totalsTables(view, d)}
    ${rosterTables(view, d)}
    <p><a href="orders?deal=${deal.no}">${t.ordersOfDeal}</a></p>`;
}

function optionsTable(view: PageView, d: DealDetail): Html | '' {
  if (d.options.length === 0) return '';
  const t = dealsText(view.locale);
  const o = t.options;
  const money = moneyOf(view.community);
  return html`<h2>${o.heading}</h2><div class="table-wrap"><table>
    <thead><tr><th>${o.option}</th><th class="num">${o.price}</th><th class="num">${o.stock}</th><th class="num">${o.sold}</th><th class="num">${o.left}</th></tr></thead>
    <tbody>${d.options.map(
      (
        x,
      ) => html`<tr><td>${showName(x.option)}${x.waiting > 0 && html` <small class="muted">${t.waiting(x.waiting)}</small>`}</td>
        <td class="num">${money(x.priceCents)}</td><td class="num">${x.stock ?? '—'}</td><td class="num">${x.sold}</td>
        <td class="num">${x.left === undefined ? t.unlimited : x.left === 0 ? t.soldOut : x.left}</td></tr>`,
    )}</tbody></table></div>`;
}

function totalsTables(view: PageView, d: DealDetail): Html | '' {
  if (d.units === 0) return '';
  const t = dealsText(view.locale);
  const money = moneyOf(view.community);
  const p = t.perPoint;
  const o = t.perOption;
  const perPoint =
    d.pointTotals.length > 1 || d.pointTotals[0]?.point
      ? html`<h2>${p.heading}</h2><div class="table-wrap"><table>
    <thead><tr><th>${p.point}</th><th class="num">${p.lines}</th><th class="num">${p.units}</th><th class="num">${p.pickedUp}</th><th class="num">${p.amount}</th><th class="num">${o.owed}</th></tr></thead>
    <tbody>${d.pointTotals.map(
      (x) => html`<tr><td>${x.point ? showName(x.point.name) : t.noPoint}</td><td class="num">${x.lines}</td>
        <td class="num">${x.units}</td><td class="num">${x.pickedUp}</td><td class="num">${money(x.amountCents)}</td><td class="num">${money(x.owedCents)}</td></tr>`,
    )}</tbody></table></div>`
      : '';
  const perOption = html`<h2>${o.heading}</h2><div class="table-wrap"><table>
    <thead><tr><th>${o.option}</th><th class="num">${o.units}</th><th class="num">${o.amount}</th><th class="num">${o.owed}</th></tr></thead>
    <tbody>${d.optionTotals.map(
      (x) => html`<tr><td>${x.option ? showName(x.option) : t.noOption}</td><td class="num">${x.qty}</td>
        <td class="num">${money(x.amountCents)}</td><td class="num">${money(x.owedCents)}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th>${t.total}</th><td class="num">${d.units}</td>
      <td class="num">${money(d.optionTotals.reduce((n, x) => n + x.amountCents, 0))}</td>
      <td class="num">${money(d.optionTotals.reduce((n, x) => n + x.owedCents, 0))}</td></tr></tfoot></table></div>`;
  return html`${perPoint}${perOption}`;
}

function rosterTables(view: PageView, d: DealDetail): Html {
  const t = dealsText(view.locale);
  const r = t.roster;
  const money = moneyOf(view.community);
  const lines = d.sheet.groups.flatMap((g) => g.lines);
  if (lines.length === 0) return html`<h2>${r.heading}</h2><p class="muted">${t.noOrders}</p>`;
  const names = holderNames(
    view.tables,
    lines.map((l) => l.order),
  );
  const withOptions = d.row.deal.options.length > 0;
  return html`<h2>${r.heading}</h2>${d.sheet.groups.map(
    (
      g,
    ) => html`${(g.point || d.sheet.groups.length > 1) && html`<h3>${g.point ? showName(g.point.name) : t.noPoint}</h3>`}
    <div class="table-wrap"><table>
      <thead><tr><th class="num">${r.no}</th><th>${r.member}</th>${withOptions && html`<th>${r.option}</th>`}<th class="num">${r.qty}</th><th class="num">${r.amount}</th><th>${r.money}</th></tr></thead>
      <tbody>${g.lines.map(
        (
          l,
        ) => html`<tr><td class="num">${l.no}</td><td>${lineOwner(view.locale, l.order, names)}${l.order.note && html` <small class="muted">${showName(l.order.note)}</small>`}</td>
          ${withOptions && html`<td>${l.order.option ? showName(l.order.option) : ''}</td>`}
          <td class="num">${l.order.qty}</td><td class="num">${money(lineAmount(l.order))}</td>
          <td>${stateWord(view.locale, l.money.state)}${l.order.deliveredAt && html` · ${t.pickedUp}`}</td></tr>`,
      )}</tbody></table></div>`,
  )}`;
}
