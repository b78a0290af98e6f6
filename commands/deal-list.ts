import type { Context, GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { findDeal, openDeals } from '../src/services/deals.js';
import { communitiesOf } from '../src/services/members.js';
import { matchesProfile } from '../src/services/privacy.js';
import { type ListedDeal, recommendDeals } from '../src/services/recommendations.js';
import { shareView } from '../src/services/shared-deals.js';
import { memberId } from '../src/store/ids.js';
import type { Community, Deal, Member } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { dealCard } from './deal-card.js';
import { scheduledLines } from './deal-start-text.js';
import { dealText, progress } from './deal-text.js';
import { RECOMMENDED, recommendText } from './recommend-text.js';

/**
 * The list of /deals (团购). In a group, the same list for everyone: nothing derived from one
 * member's orders is posted there. In a private chat, the open deals of every group the member is
 * in, and, only where they turned `history` on in that group, the deals like what they bought
 * first with the reason (src/services/recommendations.ts). Prices are never personalised.
 */

/**
 * One deal's line; ★ marks deals matching the member's own profile tags (private lists only: the
 * member given), and only when they set some. A shared deal's progress is the share's (buyers and units sold in every linked group), as
 * its card says: the group's own part would show a deal far from formed that is formed and sold out.
 */
function dealLine(
  locale: Locale,
  tables: Tables,
  community: Community,
  member: Member | undefined,
  d: Deal,
): string {
  const star = matchesProfile(member, `${d.title} ${d.pickup ?? ''}`) ? '★ ' : '';
  const shown = d.shareId ? shareView(tables, d) : d;
  return `${star}${dealText(locale).dealLine(d.no, d.title, progress(locale, shown), formatTime(d.endsAt, community.timezone))}`;
}

/** `/deals` in a group: the open deals by number, then the scheduled ones (定时开团). */
export function groupDeals(ctx: GroupContext) {
  const t = dealText(ctx.locale);
  const deals = openDeals(ctx.tables, ctx.community.id);
  const coming = scheduledLines(ctx);
  if (deals.length === 0) return ctx.reply(coming.length ? coming.join('\n') : t.noOpenDeals);
  // No ★ here: the group's list is the same for everyone, and a mark would tell the group a member's tags.
  const lines = deals.map((d) => dealLine(ctx.locale, ctx.tables, ctx.community, undefined, d));
  ctx.reply([t.openDealsHeader, ...lines, ...coming].join('\n'));
}

/** The groups a private /deals is about: the context's one, or every group the sender is in. */
function groupsOf(ctx: Context): Community[] {
  return ctx.community ? [ctx.community] : communitiesOf(ctx.tables, ctx.chat.platform, ctx.sender.id);
}

/** What a group's part of the private list says under its lines. */
type Note = 'matched' | 'noPurchases' | 'noMatch' | 'off' | undefined;

/** One group's part of the private list: its lines, and what its note is. */
function groupPart(ctx: Context, locale: Locale, community: Community): { lines: string[]; note: Note } {
  const t = dealText(locale);
  const r = recommendText(locale);
  const member = ctx.tables.members.get(memberId(community.id, ctx.sender.id));
  const coming = scheduledLines({ locale, clock: ctx.clock, tables: ctx.tables, community });
  const open = openDeals(ctx.tables, community.id);
  // Consent is read now, at the moment of use: a withdrawal a moment ago already shows.
  const listed = recommendDeals(ctx.tables, community.id, ctx.sender.id, open);
  if (open.length === 0)
    return {
      lines: coming.length ? coming : [t.noOpenDeals],
      note: listed.kind === 'default' ? 'off' : undefined,
    };
  const line = ({ deal, reason }: ListedDeal) =>
    reason
      ? `${RECOMMENDED}${dealLine(locale, ctx.tables, community, member, deal)}${r.bought(reason.kind === 'product' ? reason.product : reason.category, reason.times)}`
      : dealLine(locale, ctx.tables, community, member, deal);
  const lines = [t.openDealsHeader, ...listed.deals.map(line), ...coming];
  if (listed.kind === 'default') return { lines, note: 'off' };
  if (listed.deals.some((l) => l.reason)) return { lines, note: 'matched' };
  return { lines, note: listed.purchases === 0 ? 'noPurchases' : 'noMatch' };
}

/**
 * `/deals` in a private chat: each of the member's groups (a heading when several), its deals in
 * the member's order, then one line on recommendations: how to turn them off where they are used,
 * how to turn them on where they are off.
 */
export function privateDeals(ctx: Context) {
  const groups = groupsOf(ctx);
  // The chat's language: with several groups, theirs when they all speak one (see EventIntake).
  const locale = ctx.locale;
  const r = recommendText(locale);
  if (groups.length === 0) return ctx.reply(r.noGroups);
  const parts = groups.map((community) => ({ community, ...groupPart(ctx, locale, community) }));
  if (parts.length === 1) {
    const [p] = parts as [(typeof parts)[0]];
    const note = p.note === 'noPurchases' || p.note === 'noMatch' ? [r[p.note]] : [];
    const footer = p.note === 'matched' ? [r.legend] : p.note === 'off' ? [r.turnOn] : [];
    return ctx.reply([...p.lines, ...note, ...footer].join('\n'));
  }
  // Several groups: each note says its group's state only; one footer says how to change them
  // (turning on names a group: a private grant is per group, see commands/consent.ts).
  const out = parts.flatMap((p) => {
    const note = p.note === 'noPurchases' ? [r.noPurchasesHere] : p.note === 'noMatch' ? [r.noMatchHere] : [];
    return [r.groupHeader(p.community.title), ...p.lines, ...note];
  });
  const off = parts.filter((p) => p.note === 'off').map((p) => showName(p.community.title));
  if (off.length > 0) out.push(r.turnOnIn(off.join(locale === 'zh' ? '、' : ', '), off[0]!));
  if (parts.some((p) => p.note === 'matched')) out.push(r.legend);
  else if (off.length < parts.length) out.push(r.turnOffAll);
  ctx.reply(out.join('\n'));
}

/** `/deals #3` in a private chat: that deal's card in each of the member's groups that has one. */
export function privateDeal(ctx: Context, no: number) {
  const groups = groupsOf(ctx);
  // The chat's language: with several groups, theirs when they all speak one (see EventIntake).
  const locale = ctx.locale;
  const r = recommendText(locale);
  if (groups.length === 0) return ctx.reply(r.noGroups);
  const found = groups.flatMap((community) => {
    const deal = findDeal(ctx.tables, community.id, no);
    return deal ? [{ community, deal }] : [];
  });
  if (found.length === 0) return ctx.reply(r.unknownDeal(no));
  const max = ctx.adapter.capabilities.maxMessageLength;
  for (const { community, deal } of found) {
    const card = dealCard(locale, community, deal, ctx.tables, max, ctx.clock.now());
    ctx.reply(groups.length > 1 ? `${r.groupHeader(community.title)}\n${card}` : card);
  }
}
