import { chatOf } from '../src/core/bot.js';
import type { Context, GroupContext } from '../src/core/context.js';
import type { LiveOptions } from '../src/core/outbox.js';
import { findDeal, markRosterMessage } from '../src/services/deals.js';
import { shareDeals } from '../src/services/network.js';
import type { Community, Deal } from '../src/store/schema.js';
import { cardContent } from './deal-card.js';
import { postedPhoto } from './deal-card-photo.js';
import { dealText } from './deal-text.js';

/**
 * Shows (or updates in place) the deal's card with its roster; for a shared deal (linked groups)
 * every group's card, since each shows what the share sold and has left.
 */
export function refreshCard(ctx: Context, community: Community, deal: Deal): void {
  showCard(ctx, community, deal);
  if (!deal.shareId) return;
  for (const other of shareDeals(ctx.tables, deal)) {
    const home = other.id === deal.id ? undefined : ctx.tables.communities.get(other.communityId);
    if (home) showCard(ctx, home, other);
  }
}

function showCard(ctx: Context, community: Community, deal: Deal): void {
  // Rendered when the edit goes out (at most every few seconds), from the state at that moment:
  // rendering the whole roster on every order made a burst quadratic.
  const card = () => {
    const current = ctx.tables.deals.get(deal.id) ?? deal;
    // The community's language: the change may come from a private chat of a member of several groups.
    return cardContent(
      ctx.tables,
      community,
      current,
      community.locale,
      ctx.adapter.capabilities.maxMessageLength,
      ctx.adapter.capabilities,
      ctx.clock.now(),
      ctx.dataDir,
    );
  };
  // Options set one by one rather than spread in (`...(x ? { x } : {})` takes V8's slow path):
  // every order refreshes its deal's card.
  const opts: LiveOptions = {
    onSent: (messageId, image) =>
      ctx.mutate((tx) => markRosterMessage(tx, deal, messageId, postedPhoto(ctx.dataDir, image))),
  };
  // The record now: a card of another group of a share is refreshed from this group's change.
  const posted = deal.shareId ? (ctx.tables.deals.get(deal.id) ?? deal) : deal;
  if (posted.rosterMessageId) opts.messageId = posted.rosterMessageId;
  if (deal.threadId !== undefined) opts.threadId = deal.threadId;
  // Changed from a private chat (a payment, a command sent privately) or from another linked group
  // (a shared deal): the card is in its own group.
  if (ctx.chat.kind !== 'group' || ctx.community?.id !== community.id) opts.chat = chatOf(community);
  ctx.live(`deal:${deal.id}`, card, opts);
}

/**
 * A message about a deal (成团, closed, cancelled) where the deal lives: the topic or thread it was
 * opened in. Said where the deal lives, it replies to the message that caused it; said elsewhere
 * (another topic, a tap on the card, a private chat with the bot), it is posted in the deal's
 * place, and `alsoHere` answers the command where it was given as well.
 */
export function announce(ctx: Context, deal: Deal, text: string, opts: { alsoHere?: boolean } = {}): void {
  // A deal of another linked group (a shared deal) is announced in its own group.
  const inGroup = ctx.chat.kind === 'group' && ctx.community?.id === deal.communityId;
  const here = ctx.event.type === 'message' ? ctx.event.threadId : undefined;
  if (inGroup && ctx.event.type === 'message' && deal.threadId === here) {
    ctx.reply(text);
    return;
  }
  // Said in a private chat (an admin's command to the bot, the dashboard): the group hears it.
  const community = inGroup ? undefined : ctx.tables.communities.get(deal.communityId);
  ctx.sendTo(
    community ? chatOf(community) : ctx.chat,
    { kind: 'text', text },
    deal.threadId !== undefined ? { origin: { threadId: deal.threadId } } : {},
  );
  if (opts.alsoHere) ctx.reply(text);
}

/** The deal named by a code, or a reply saying there is none. */
export function dealOrReply(ctx: GroupContext, no: number): Deal | undefined {
  const deal = findDeal(ctx.tables, ctx.community.id, no);
  if (!deal) ctx.reply(dealText(ctx.locale).unknownDeal(no));
  return deal;
}
