import { consentText } from '../../commands/consent-text.js';
import { LEDGER_REASONS } from '../../commands/points-text.js';
import { consentsOf } from '../../src/services/consent.js';
import type { MemberDetail } from '../../src/services/member-detail.js';
import type { MadeReferral } from '../../src/services/member-table.js';
import { type Html, html } from '../html.js';
import { membersText, REFERRAL_WORDS, ROLE_WORDS, TIER_WORDS } from '../text/members.js';
import type { PageView } from '../view.js';
import { pruneCell, when } from './members-view.js';

/** A referral's status, with the reason when rejected, as the admin reads it. */
function verdict(
  view: PageView,
  r: { status: MadeReferral['status']; reason?: MadeReferral['reason'] },
): string {
  const words = REFERRAL_WORDS[view.locale];
  const sep = view.locale === 'zh' ? '：' : ': ';
  return r.status === 'rejected' && r.reason ? `${words.rejected}${sep}${words[r.reason]}` : words[r.status];
}

/**
 * The purposes the member has on now (/privacy), by the words members type: read-only, as only
 * the member changes them.
 */
function consentsCell(view: PageView, userId: string): string {
  const words = consentText(view.locale);
  const on = consentsOf(view.tables, view.community.id, userId)
    .filter((c) => c.on)
    .map((c) => words[`${c.purpose}Name`]);
  return on.length > 0 ? on.join(view.locale === 'zh' ? '、' : ', ') : membersText(view.locale).noConsents;
}

function facts(view: PageView, detail: MemberDetail): Html {
  const t = membersText(view.locale);
  const { row, invitedBy } = detail;
  const fact = (label: string, value: string | Html) => html`<tr><th>${label}</th><td>${value}</td></tr>`;
  return html`<div class="table-wrap"><table>
    ${fact(t.userId, row.userId)}
    ${fact(t.role, ROLE_WORDS[view.locale][row.role])}
    ${fact(t.colTier, row.tier ? TIER_WORDS[view.locale][row.tier] : '')}
    ${fact(t.colPoints, String(row.points))}
    ${fact(t.colLastActive, when(view, row.lastActive))}
    ${fact(t.colJoined, row.joinedAt ? when(view, row.joinedAt) : t.beforeBot(when(view, row.firstSeen)))}
    ${fact(
      t.invitedBy,
      invitedBy
        ? html`<a href="members/${encodeURIComponent(invitedBy.inviterId)}">${invitedBy.inviter}</a> — ${verdict(view, invitedBy)}`
        : t.nobody,
    )}
    ${fact(t.colPrune, pruneCell(view.locale, row.prune, row.status))}
    ${fact(t.consents, consentsCell(view, row.userId))}
  </table></div>`;
}

function adjustForm(view: PageView, detail: MemberDetail): Html {
  const t = membersText(view.locale);
  return html`<h2>${t.adjust}</h2>
  <form class="filters" method="post" action="members/${encodeURIComponent(detail.row.userId)}/points">
    <input type="hidden" name="_csrf" value="${view.csrfToken}">
    <label>${t.amount}<input name="amount" type="number" min="1" max="1000000" step="1" required></label>
    <label>${t.reason}<input name="reason" maxlength="200"></label>
    <button type="submit" name="change" value="award">${t.award}</button>
    <button type="submit" name="change" value="deduct" class="danger">${t.deduct}</button>
  </form>`;
}

function history(view: PageView, detail: MemberDetail): Html {
  const t = membersText(view.locale);
  const rows = detail.ledger.map(
    (e) => html`<tr>
      <td>${when(view, e.at)}</td>
      <td class="num">${e.delta > 0 ? `+${e.delta}` : String(e.delta)}</td>
      <td>${LEDGER_REASONS[view.locale][e.reason]}</td>
      <td>${e.note ?? ''}</td>
    </tr>`,
  );
  return html`<h2>${t.pointsHistory}</h2>
  ${
    rows.length === 0
      ? html`<p class="muted">${t.noEntries}</p>`
      : html`<div class="table-wrap"><table>
          <thead><tr><th>${t.colWhen}</th><th class="num">${t.colChange}</th><th>${t.colReason}</th><th>${t.colNote}</th></tr></thead>
          <tbody>${rows}</tbody></table></div>`
  }
  ${detail.archived > 0 && html`<p class="muted">${t.archived(detail.archived)}</p>`}`;
}

function referrals(view: PageView, detail: MemberDetail): Html {
  const t = membersText(view.locale);
  const made = detail.row.referrals;
  const extra = (r: MadeReferral) =>
    r.orderRewardReversedAt ? t.rewardTakenBack : r.orderRewardAt ? t.boughtReward : '';
  return html`<h2>${t.referralsMade}</h2>
  ${
    made.length === 0
      ? html`<p class="muted">${t.noReferrals}</p>`
      : html`<div class="table-wrap"><table>
          <thead><tr><th>${t.colInvitee}</th><th>${t.colJoined}</th><th>${t.colStatus}</th><th></th></tr></thead>
          <tbody>${made.map(
            (r) => html`<tr>
              <td><a href="members/${encodeURIComponent(r.inviteeId)}">${r.invitee}</a></td>
              <td>${when(view, r.joinedAt)}</td>
              <td>${verdict(view, r)}</td>
              <td>${extra(r)}</td>
            </tr>`,
          )}</tbody></table></div>`
  }`;
}

/** A member's page: their facts, the award/deduct form, their points history and the referrals they made. */
export function memberBody(view: PageView, detail: MemberDetail): Html {
  const t = membersText(view.locale);
  return html`<p><a href="members">${t.back}</a></p>
    ${facts(view, detail)}
    ${adjustForm(view, detail)}
    ${history(view, detail)}
    ${referrals(view, detail)}`;
}
