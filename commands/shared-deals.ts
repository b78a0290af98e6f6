import { z } from 'zod';
import { roleAllows } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import { splitText } from '../src/core/split-text.js';
import type { DealInput } from '../src/services/deals.js';
import { shareDeals } from '../src/services/network.js';
import { roster } from '../src/services/orders.js';
import { cancelShare, chooseGroups, closeShare, openShared } from '../src/services/shared-deal-actions.js';
import type { Grant } from '../src/services/waitlist.js';
import type { Community, Deal } from '../src/store/schema.js';
import { closingAnnouncement } from './deal-jobs.js';
import { announce, refreshCard } from './deal-replies.js';
import { dealText } from './deal-text.js';
import { offerOpened } from './offers.js';
import { holderNames, orderText } from './order-text.js';
import { claimsUnanswered, refundsDueNote, refundsOwed, sendVia, tellRefundsDue } from './payment-notices.js';
import { tellOwedBack } from './refund-notices.js';
import { shareBook, sharedDealText } from './shared-deal-text.js';
import { tellGrants } from './waitlist-notices.js';

/**
 * Shared deals in chat: `/deal new … groups=all` (群=全部) opens one deal in linked groups, and
 * `/deal close|cancel #N` on any of its deals acts on all of them, each group told in its language.
 */

/** `groups=all` (全部, 所有) or group titles `groups=二群,三群`: 'all' or the names typed. */
export const groupsArg = z
  .string()
  .trim()
  .min(1)
  .max(400)
  .transform((s): 'all' | string[] =>
    /^(all|全部|所有|所有群)$/i.test(s)
      ? 'all'
      : s
          .split(/[,，、]/)
          .map((x) => x.trim())
          .filter(Boolean),
  );

/** Opens the deal in the groups named (the sender's first) and posts each group's card; undefined when refused (answered). */
export function openSharedDeal(
  ctx: GroupContext,
  input: DealInput,
  groups: 'all' | string[],
): Deal | undefined {
  const t = sharedDealText(ctx.locale);
  const chosen = chooseGroups(ctx.tables, ctx.community, groups);
  if (chosen.kind === 'not_linked') {
    ctx.reply(t.notLinked);
    return;
  }
  if (chosen.kind === 'unknown_groups') {
    const comma = ctx.locale === 'zh' ? '、' : ', ';
    ctx.reply(t.unknownGroups(chosen.names.join(comma), chosen.linked.map((c) => c.title).join(comma)));
    return;
  }
  if (chosen.kind === 'no_other_group') {
    const comma = ctx.locale === 'zh' ? '、' : ', ';
    ctx.reply(t.noOtherGroup(chosen.linked.map((c) => c.title).join(comma)));
    return;
  }
  if (chosen.kind === 'ambiguous_group') {
    const comma = ctx.locale === 'zh' ? '、' : ', ';
    // The same title twice: each told apart by its chat id.
    const matches = chosen.matches.map((c) => `${c.title} (${c.chatId})`).join(comma);
    ctx.reply(t.ambiguousGroup(chosen.name, matches));
    return;
  }
  const threadId = ctx.event.type === 'message' ? ctx.event.threadId : undefined;
  const deals = ctx.mutate((tx) =>
    openShared(
      tx,
      chosen.communities,
      { ...input, ...(threadId !== undefined ? { threadId } : {}) },
      ctx.sender.id,
      ctx.clock.now(),
    ),
  );
  const first = deals[0]!;
  const where = deals.map((d) => `${titleOf(ctx, d)} #${d.no}`).join(ctx.locale === 'zh' ? '、' : ', ');
  ctx.reply(t.opened(first.no, where));
  // One call posts every group's card (refreshCard follows the share).
  refreshCard(ctx, ctx.community, first);
  // Each group's subscribers of its categories hear of their own group's deal privately.
  for (const deal of deals) offerOpened(ctx, deal, communityOf(ctx, deal));
  return first;
}

/** `/deal close #N` on a deal of a share: all of its deals close (成团 or failed on the share), each group told. */
export function closeSharedDeal(ctx: GroupContext, deal: Deal, no: number): void {
  const outcomes = ctx.mutate((tx) => closeShare(tx, deal, ctx.clock.now()));
  if (outcomes[0]?.kind !== 'closed' && outcomes[0]?.kind !== 'failed') {
    ctx.reply(dealText(ctx.locale).notOpen(no));
    return;
  }
  for (const outcome of outcomes) {
    if (outcome.kind === 'not_open') continue;
    const community = communityOf(ctx, outcome.deal);
    const closing = closingAnnouncement(
      community.locale,
      community,
      outcome.deal,
      roster(ctx.tables, outcome.deal),
      ctx.tables,
    );
    announce(ctx, outcome.deal, closing, { alsoHere: outcome.deal.id === deal.id });
    if (outcome.kind === 'failed')
      tellRefundsDue(ctx.adapter, community, outcome.deal, ctx.tables, sendVia(ctx));
  }
  refreshCard(ctx, ctx.community, outcomes[0].deal);
}

/** `/deal cancel #N` on a deal of a share: all of its deals are cancelled, every group's buyers told. */
export function cancelSharedDeal(ctx: GroupContext, deal: Deal, no: number): void {
  const before = new Map(shareDeals(ctx.tables, deal).map((d) => [d.id, roster(ctx.tables, d)]));
  const outcomes = ctx.mutate((tx) => cancelShare(tx, deal, ctx.clock.now()));
  if (outcomes[0]?.kind !== 'cancelled') {
    ctx.reply(dealText(ctx.locale).notOpen(no));
    return;
  }
  for (const outcome of outcomes) {
    if (outcome.kind !== 'cancelled') continue;
    const cancelled = outcome.deal;
    const community = communityOf(ctx, cancelled);
    const locale = community.locale;
    // As a deal of one group: each buyer once; who paid or said they paid is told about a refund.
    const owed = new Set(
      [...refundsOwed(ctx.tables, cancelled), ...claimsUnanswered(ctx.tables, cancelled)].map(
        (r) => r.userId,
      ),
    );
    const buyers = (before.get(cancelled.id) ?? []).filter((o) => !owed.has(o.userId));
    const names = [...holderNames(ctx.tables, buyers).values()].map((name) => `@${name}`).join(' ');
    const refunds = refundsDueNote(locale, ctx.tables, community, cancelled);
    announce(
      ctx,
      cancelled,
      `${dealText(locale).cancelled(cancelled.no, cancelled.title, names)}${refunds}`,
      {
        alsoHere: cancelled.id === deal.id,
      },
    );
    tellRefundsDue(ctx.adapter, community, cancelled, ctx.tables, sendVia(ctx));
  }
  refreshCard(ctx, ctx.community, outcomes[0].deal);
}

/**
 * `/deal #N` by an admin on a deal of a share: the share's whole order book, grouped by group,
 * privately (the group chat sees only its own roster, on the card).
 */
export function sendShareBook(ctx: GroupContext, deal: Deal): void {
  if (!deal.shareId || !roleAllows(ctx.role, 'admin')) return;
  const text = shareBook(ctx.locale, ctx.tables, deal);
  for (const piece of splitText(text, ctx.adapter.capabilities.maxMessageLength))
    ctx.dm({ kind: 'text', text: piece }, { onUnreachable: 'hold' });
}

/**
 * The share's other groups hear that their deal changed (its card shows the new terms), each as a
 * one-group edit says it: with `reprice=all`, how many of its lines took the new price
 * (`repricedBy`: lines by deal id) and its refunds-due line, each member owed more than
 * `owedBefore` (owedBack by deal id, read before) told privately; waitlisted members granted units
 * (`grants`) told too.
 */
export function tellSharedEdit(
  ctx: GroupContext,
  others: readonly Deal[],
  done: {
    repricedBy?: ReadonlyMap<string, number>;
    owedBefore?: ReadonlyMap<string, ReadonlyMap<string, number>>;
    grants?: readonly Grant[];
  } = {},
): void {
  for (const other of others) {
    const community = communityOf(ctx, other);
    const here = inGroup(ctx, community);
    const before = done.owedBefore?.get(other.id);
    const repriced = done.repricedBy?.get(other.id);
    if (before && repriced !== undefined) {
      const refund = tellOwedBack(here, other, 'all', before, true);
      const line = orderText(community.locale).repriced(other.no, repriced);
      announce(ctx, other, refund ? `${line}\n${refund}` : line);
    } else announce(ctx, other, dealText(community.locale).edited(other.no));
    const grants = (done.grants ?? []).filter((g) => g.deal.communityId === community.id);
    if (grants.length > 0) tellGrants(ctx.adapter, community, grants, sendVia(ctx), ctx.tables);
  }
}

/**
 * The context as seen from another linked group: its community and language, for helpers that say
 * things in "the group" (money, names, wording); sending still goes through this context's outbox.
 */
function inGroup(ctx: GroupContext, community: Community): GroupContext {
  if (community.id === ctx.community.id) return ctx;
  return Object.create(ctx, {
    community: { value: community },
    locale: { value: community.locale },
  }) as GroupContext;
}

/** The group a deal of the share lives in (the context's own for its own deals). */
export function communityOf(ctx: GroupContext, deal: Deal): Community {
  if (ctx.community.id === deal.communityId) return ctx.community;
  return ctx.tables.communities.get(deal.communityId) ?? ctx.community;
}

function titleOf(ctx: GroupContext, deal: Deal): string {
  const community = communityOf(ctx, deal);
  return community.title;
}
