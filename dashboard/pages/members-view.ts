import { formatTime } from '../../src/core/format.js';
import type { Locale } from '../../src/core/i18n/index.js';
import {
  DEFAULT_PAGE_SIZE,
  type MemberQuery,
  type MemberSortKey,
  TIERS,
} from '../../src/services/member-query.js';
import type { MemberRow, MemberTablePage, PruneStatus } from '../../src/services/member-table.js';
import { type Html, html } from '../html.js';
import { EXCLUSION_WORDS, membersText, TIER_WORDS } from '../text/members.js';
import type { PageView } from '../view.js';

const DAY = 86_400_000;
const PAGE_SIZES = [25, 50, 100, 200];
/** Columns that sort, and the way a first click sorts them (biggest or newest first where that is what one looks for). */
const FIRST_DIR: Record<MemberSortKey, 'asc' | 'desc'> = {
  name: 'asc',
  tier: 'desc',
  points: 'desc',
  referrals: 'desc',
  lastActive: 'desc',
  joinedAt: 'desc',
};

/** A time in the community's timezone, or `never`. */
export function when(view: PageView, iso: string | undefined): string {
  return iso ? formatTime(iso, view.community.timezone) : membersText(view.locale).never;
}

/** The prune column: a candidate (with their last activity), else why not; members gone: their status. */
export function pruneCell(locale: Locale, prune: PruneStatus | null, status: MemberRow['status']): string {
  const t = membersText(locale);
  if (!prune) return status === 'left' ? t.statusLeft : t.statusRemoved;
  return prune.candidate ? t.candidate : EXCLUSION_WORDS[locale][prune.exclusion];
}

/** The filter form, filled with what was asked (`asked`: the query as given, also when refused). */
export function filterForm(view: PageView, asked: Readonly<Record<string, unknown>>): Html {
  const t = membersText(view.locale);
  const value = (name: string) => (typeof asked[name] === 'string' ? (asked[name] as string) : '');
  // `fallback`: the option the query means when it leaves the field out (its default).
  const select = (name: string, label: string, options: [string, string][], fallback = '') =>
    html`<label>${label}<select name="${name}">${options.map(
      ([v, text]) =>
        html`<option value="${v}"${(value(name) || fallback) === v ? html` selected` : ''}>${text}</option>`,
    )}</select></label>`;
  return html`<form class="filters" method="get" action="members">
    <label>${t.filterName}<input name="name" value="${value('name')}" maxlength="64"></label>
    ${select('tier', t.filterTier, [['', t.any], ...TIERS.map((tier): [string, string] => [tier, TIER_WORDS[view.locale][tier]])])}
    ${select('candidate', t.filterCandidate, [
      ['', t.any],
      ['yes', t.yes],
      ['no', t.no],
    ])}
    ${select(
      'status',
      t.filterStatus,
      [
        ['active', t.statusActive],
        ['left', t.statusLeft],
        ['removed', t.statusRemoved],
        ['all', t.statusAll],
      ],
      'active',
    )}
    ${select(
      'pageSize',
      t.pageSize,
      PAGE_SIZES.map((n): [string, string] => [String(n), String(n)]),
      String(DEFAULT_PAGE_SIZE),
    )}
    ${value('sort') && html`<input type="hidden" name="sort" value="${value('sort')}">`}
    ${value('dir') && html`<input type="hidden" name="dir" value="${value('dir')}">`}
    <button type="submit">${t.apply}</button>
  </form>`;
}

/** The query as a link's query string, defaults left out (`members?tier=core&page=2`). */
function link(query: MemberQuery, change: Partial<MemberQuery>): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.name) params.set('name', q.name);
  if (q.tier) params.set('tier', q.tier);
  if (q.candidate !== undefined) params.set('candidate', q.candidate ? 'yes' : 'no');
  if (q.status !== 'active') params.set('status', q.status);
  if (q.sort !== 'name') params.set('sort', q.sort);
  if (q.dir !== 'asc') params.set('dir', q.dir);
  if (q.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(q.pageSize));
  if (q.page !== 1) params.set('page', String(q.page));
  const text = params.toString();
  return text ? `members?${text}` : 'members';
}

/** The query as the filter form shows it (text values, as a query string would give them). */
function asked(query: MemberQuery): Record<string, string> {
  return Object.fromEntries(
    [...new URLSearchParams(link(query, {}).split('?')[1] ?? '')].map(([k, v]) => [k, v] as const),
  );
}

function header(query: MemberQuery, key: MemberSortKey, label: string, numeric = false): Html {
  const current = query.sort === key;
  const dir = current ? (query.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[key];
  const arrow = current ? (query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return html`<th${numeric ? html` class="num"` : ''}${current ? html` aria-sort="${query.dir === 'asc' ? 'ascending' : 'descending'}"` : ''}><a href="${link(query, { sort: key, dir, page: 1 })}">${label}${arrow}</a></th>`;
}

function rowHtml(view: PageView, row: MemberRow): Html {
  const t = membersText(view.locale);
  const joined = row.joinedAt ? when(view, row.joinedAt) : t.beforeBot(when(view, row.firstSeen));
  return html`<tr>
    <td><a href="members/${encodeURIComponent(row.userId)}">${row.label}</a></td>
    <td>${row.tier ? TIER_WORDS[view.locale][row.tier] : ''}</td>
    <td class="num">${row.points}</td>
    <td class="num">${row.referrals.length} (${row.qualified})</td>
    <td>${when(view, row.lastActive)}</td>
    <td>${joined}</td>
    <td>${row.prune?.candidate ? html`<strong>${pruneCell(view.locale, row.prune, row.status)}</strong>` : pruneCell(view.locale, row.prune, row.status)}</td>
  </tr>`;
}

/** The Members page's body: filters, the prune rule, the table and the pager. */
export function membersBody(view: PageView, query: MemberQuery, page: MemberTablePage): Html {
  const t = membersText(view.locale);
  const rule = page.prune;
  const table =
    page.rows.length === 0
      ? html`<p class="muted">${t.empty}</p>`
      : html`<div class="table-wrap"><table>
          <thead><tr>
            ${header(query, 'name', t.colName)}${header(query, 'tier', t.colTier)}
            ${header(query, 'points', t.colPoints, true)}${header(query, 'referrals', t.colReferrals, true)}
            ${header(query, 'lastActive', t.colLastActive)}${header(query, 'joinedAt', t.colJoined)}
            <th>${t.colPrune}</th>
          </tr></thead>
          <tbody>${page.rows.map((row) => rowHtml(view, row))}</tbody>
        </table></div>
        <div class="pager">
          ${page.page > 1 && html`<a href="${link(query, { page: page.page - 1 })}">${t.previous}</a>`}
          <span class="muted">${t.page(page.page, page.pages)}</span>
          ${page.page < page.pages && html`<a href="${link(query, { page: page.page + 1 })}">${t.next}</a>`}
        </div>`;
  return html`${filterForm(view, asked(query))}
    <p>${t.summary(page.total)}</p>
    ${table}
    <p class="muted">${t.pruneRule(Math.round(rule.afterMs / DAY), Math.round(rule.graceMs / DAY), Math.round(rule.buyerMs / DAY))}
    ${t.pruneStanding}</p>`;
}
