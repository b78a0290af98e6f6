import type { Context, GroupContext } from '../src/core/context.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { findDeal, openDeals } from '../src/services/deals.js';
import { communitiesOf } from '../src/services/members.js';
import { matchesProfile } from '../src/services/privacy.js';
import { type ListedDeal, recommendDeals } from '../src/services/recommendations.js';
import { memberId } from '../src/store/ids.js';
import type { Community, Deal, Member } from '../src/store/schema.js';
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

/** One deal's line; ★ marks deals matching the member's own profile tags, and only when they set some. */
function dealLine(locale: Locale, community: Community, member: Member | undefined, d: Deal): string {
  const star = matchesProfile(member, `${d.title} ${d.pickup ?? ''}`) ? '★ ' : '';
  return `${star}${dealText(locale).dealLine(d.no, d.title, progress(locale, d), formatTime(d.endsAt, community.timezone))}`;
}

/** `/deals` in a group: the open deals by number, then the scheduled ones (定时开团). */
export function groupDeals(ctx: GroupContext) {
  const t = dealText(ctx.locale);
  const deals = openDeals(ctx.tables, ctx.community.id);
  const coming = scheduledLines(ctx);
  if (deals.length === 0) return ctx.reply(coming.length ? coming.join('\n') : t.noOpenDeals);
  const lines = deals.map((d) => dealLine(ctx.locale, ctx.community, ctx.member, d));
  ctx.reply([t.openDealsHeader, ...lines, ...coming].join('\n'));
}

/** The groups a private /deals is about: the context's one, or every group the sender is in. */
function groupsOf(ctx: Context): Community[] {
  return ctx.community ? [ctx.community] : communitiesOf(ctx.tables, ctx.chat.platform, ctx.sender.id);
}

/**
 * The language of a private answer about several groups: theirs when they all speak one (a
 * member of two Chinese groups reads Chinese), else the chat's. With one group, the chat's is its.
 */
function localeOf(ctx: Context, groups: readonly Community[]): Locale {
  const locales = new Set(groups.map((g) => g.locale));
  const [only] = locales;
  return ctx.community === undefined && locales.size === 1 && only !== undefined ? only : ctx.locale;
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
      ? `${RECOMMENDED}${dealLine(locale, community, member, deal)}${r.bought(reason.kind === 'product' ? reason.product : reason.category, reason.times)}`
      : dealLine(locale, community, member, deal);
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
  const locale = localeOf(ctx, groups);
  const r = recommendText(locale);
  if (groups.length === 0) return ctx.reply(r.noGroups);
  const parts = groups.map((community) => ({ community, ...groupPart(ctx, locale, community) }));
  const several = parts.length > 1;
  const out = parts.flatMap((p) => {
    const note = p.note === 'noPurchases' || p.note === 'noMatch' ? [r[p.note]] : [];
    return [...(several ? [r.groupHeader(p.community.title)] : []), ...p.lines, ...note];
  });
  if (parts.some((p) => p.note === 'matched')) out.push(r.legend);
  if (parts.some((p) => p.note === 'off')) out.push(r.turnOn);
  ctx.reply(out.join('\n'));
}

/** `/deals #3` in a private chat: that deal's card in each of the member's groups that has one. */
export function privateDeal(ctx: Context, no: number) {
  const groups = groupsOf(ctx);
  const locale = localeOf(ctx, groups);
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
