import type { Context } from '../src/core/context.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { hasConsent } from '../src/services/consent.js';
import { communitiesOf } from '../src/services/members.js';
import { subscriptionsOf, unsubscribeAcross } from '../src/services/subscriptions.js';
import type { Community } from '../src/store/schema.js';
import { subscriptionText } from './subscription-text.js';

/**
 * /subscribe and /unsubscribe (订阅, 退订) in the private chat of a member of several groups: the
 * stop line of an offer says `回复“退订 水果”`, and that reply must work without naming a group.
 * Unsubscribing acts on every group where the member holds the category, listing shows each
 * group's; subscribing needs the group whose offers are wanted, so it says where to ask.
 */

/** Names as a list in the chat's language. */
export function listOf(locale: Locale, names: readonly string[]): string {
  return names.map(showName).join(locale === 'zh' ? '、' : ', ');
}

/** The groups of the sender's private chat (several, or none: one would be the context's). */
export function privateGroups(ctx: Context): Community[] {
  return communitiesOf(ctx.tables, ctx.chat.platform, ctx.sender.id);
}

/** `/subscribe` privately: each group's subscriptions under its heading, and whether offers are off there. */
export function privateOverview(ctx: Context, groups: readonly Community[]): string {
  const t = subscriptionText(ctx.locale);
  return groups
    .flatMap((community) => {
      const group = showName(community.title);
      const mine = subscriptionsOf(ctx.tables, community.id, ctx.sender.id).map((s) => s.category);
      const off = mine.length > 0 && !hasConsent(ctx.tables, community.id, ctx.sender.id, 'offers');
      return [
        t.groupHeader(group),
        mine.length ? t.mine(group, listOf(ctx.locale, mine)) : t.none(group),
        ...(off ? [t.offersOff] : []),
      ];
    })
    .join('\n');
}

/** `/unsubscribe 水果|all` privately: dropped in every group that has it; the answer names the groups. */
export function privateUnsubscribe(
  ctx: Context,
  groups: readonly Community[],
  which: readonly string[] | 'all',
) {
  const t = subscriptionText(ctx.locale);
  const list = (names: readonly string[]) => listOf(ctx.locale, names);
  const titles = new Map(groups.map((g) => [g.id, showName(g.title)]));
  const outcome = ctx.mutate((tx) =>
    unsubscribeAcross(
      tx,
      groups.map((g) => g.id),
      ctx.sender.id,
      which,
      ctx.clock.now(),
    ),
  );
  if (outcome.kind === 'not_subscribed') {
    if (outcome.mine.length === 0) return ctx.reply(t.noneToDrop);
    const mine = outcome.mine.map((m) => t.groupNames(titles.get(m.communityId)!, list(m.names)));
    return ctx.reply(
      t.notSubscribedAnywhere(list(outcome.unknown), mine.join(ctx.locale === 'zh' ? '；' : '; ')),
    );
  }
  const removed = [...new Set(outcome.groups.flatMap((g) => g.removed))];
  const where = outcome.groups.map((g) => titles.get(g.communityId)!);
  const state = (left: readonly string[]) => (left.length ? t.stillSubscribed(list(left)) : t.lastGone);
  // One group, or every group left without any: one line says it; else a line per group.
  const same = outcome.groups.length === 1 || outcome.groups.every((g) => g.left.length === 0);
  const lines = same
    ? [state(outcome.groups[0]!.left)]
    : outcome.groups.map((g) => t.inGroup(titles.get(g.communityId)!, state(g.left)));
  ctx.reply([t.unsubscribedIn(list(removed), list(where)), ...lines].join('\n'));
}
