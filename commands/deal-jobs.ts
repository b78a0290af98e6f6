import type { Feature, Job, JobContext } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import type { LiveRenderer } from '../src/core/outbox.js';
import { botAbsent } from '../src/services/community-presence.js';
import { scheduledDeals } from '../src/services/deal-starts.js';
import { closeDeal, dueDeals, markReminded, markRosterMessage, openDeals } from '../src/services/deals.js';
import { orderAmount, roster } from '../src/services/orders.js';
import { shareCounts } from '../src/services/shared-deals.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { cardContent } from './deal-card.js';
import { postedPhoto } from './deal-card-photo.js';
import { dealText, timeLeft } from './deal-text.js';
import { inDealTopic } from './deal-topic.js';
import { moneyOf } from './money-text.js';
import { claimsWaitingNote, refundsDueNote, tellRefundsDue } from './payment-notices.js';
import { shareClosedNote } from './shared-deal-text.js';

/**
 * The message when a deal closes: 成团 with totals (with `tables`: and the payment claims no admin
 * answered yet), or failed (with `tables`: and who is owed a refund of what they had paid).
 */
export function closingAnnouncement(
  locale: Locale,
  community: Community,
  deal: Deal,
  orders = [] as ReturnType<typeof roster>,
  tables?: Tables,
): string {
  const t = dealText(locale);
  // A shared deal (linked groups) failed on the buyers of all its groups: that count says why.
  const buyers = tables && deal.shareId ? shareCounts(tables, deal).buyers : deal.buyers;
  if (deal.status === 'failed')
    return `${t.failed(deal.no, deal.title, buyers, deal.min)}${tables ? refundsDueNote(locale, tables, community, deal) : ''}`;
  const total = orders.reduce((sum, o) => sum + orderAmount(o), 0);
  const closed = t.closed(deal.no, deal.title, deal.buyers, deal.sold, moneyOf(community)(total));
  if (!tables) return closed;
  return `${closed}${shareClosedNote(locale, tables, deal)}${claimsWaitingNote(locale, tables, community, deal)}`;
}

// Kept importable from here for the commands that already do (moved so notice-delivery.ts stays a leaf).
export { inDealTopic };

/**
 * Shows the deal's final card; said in the mutate that closed the deal, it is written in that
 * transaction. Rendered when it goes out, from the state then (where the platform is not running
 * here, by dealCardRenderer at its next start).
 */
export function postCard(ctx: JobContext, community: Community, deal: Deal): void {
  const card = () => {
    const current = ctx.tables.deals.get(deal.id) ?? deal;
    const capabilities = ctx.adapterFor(community)?.capabilities;
    const max = capabilities?.maxMessageLength ?? Number.POSITIVE_INFINITY;
    return cardContent(
      ctx.tables,
      community,
      current,
      community.locale,
      max,
      capabilities,
      ctx.clock.now(),
      ctx.dataDir,
    );
  };
  ctx.live(community, `deal:${deal.id}`, card, {
    ...(deal.rosterMessageId ? { messageId: deal.rosterMessageId } : {}),
    ...(deal.threadId !== undefined ? { threadId: deal.threadId } : {}),
    onSent: (messageId, image) =>
      ctx.mutate((tx) => markRosterMessage(tx, deal, messageId, postedPhoto(ctx.dataDir, image))),
  });
}

/**
 * Deadlines and reminders. A sweep over the deals: a deadline that passed while the bot was down
 * is applied at the first run after start, and a reminder goes out at most once per deal.
 */
export const dealDeadlineJob: Job = {
  name: 'deal-deadlines',
  run(ctx) {
    const now = ctx.clock.now();
    const { toClose, toRemind } = dueDeals(ctx.tables, now);
    for (const deal of toClose) {
      const community = ctx.tables.communities.get(deal.communityId);
      // Removed from the group: the deal closes when the bot is back, and says so there — unless
      // it is a shared deal, which closes with its share's other groups (one stock, one 成团);
      // what it says there waits in the outbox until the bot is back.
      if (!community || (botAbsent(community) && deal.shareId === undefined)) continue;
      // The close, its announcement and the final card in one write: a crash never keeps the
      // closed deal and loses the "成团" (nobody would ever be told).
      ctx.mutate((tx) => {
        const outcome = closeDeal(tx, deal, now);
        if (outcome.kind === 'not_open') return;
        ctx.post(
          community,
          {
            kind: 'text',
            text: closingAnnouncement(
              community.locale,
              community,
              outcome.deal,
              roster(tx.tables, outcome.deal),
              tx.tables,
            ),
          },
          inDealTopic(deal),
        );
        // Members who had paid are told privately that a refund is due (the announcement names them).
        if (outcome.kind === 'failed')
          tellRefundsDue(ctx.adapterFor(community), community, outcome.deal, tx.tables, (chat, out, opts) =>
            ctx.sendTo(community, chat, out, opts),
          );
        postCard(ctx, community, outcome.deal);
      });
    }
    for (const deal of toRemind) {
      const community = ctx.tables.communities.get(deal.communityId);
      if (!community || botAbsent(community)) continue;
      // A shared deal forms on the buyers of all its groups: each group hears what the share still needs.
      const buyers = deal.shareId ? shareCounts(ctx.tables, deal).buyers : deal.buyers;
      const missing = Math.max(0, deal.min - buyers);
      ctx.mutate((tx) => {
        markReminded(tx, deal, now);
        ctx.post(
          community,
          {
            kind: 'text',
            text: dealText(community.locale).reminder(
              deal.no,
              deal.title,
              timeLeft(community.locale, deal, now),
              missing,
            ),
          },
          inDealTopic(deal),
        );
      });
    }
  },
};

/**
 * Renders a deal's card from the state now (`deal:<deal id>`): after a restart the outbox knows
 * only that the card is owed an update, and shows the newest roster rather than an old one.
 */
export const dealCardRenderer: LiveRenderer = {
  prefix: 'deal:',
  render(tables, key, adapter, dataDir, now) {
    const deal = tables.deals.get(key.slice('deal:'.length));
    const community = deal && tables.communities.get(deal.communityId);
    if (!deal || !community) return undefined;
    const content = cardContent(
      tables,
      community,
      deal,
      community.locale,
      adapter.capabilities.maxMessageLength,
      adapter.capabilities,
      now,
      dataDir,
    );
    return {
      ...content,
      ...(deal.rosterMessageId ? { messageId: deal.rosterMessageId } : {}),
    };
  },
  sent(tx, key, messageId, image, dataDir) {
    const deal = tx.get('deals', key.slice('deal:'.length));
    if (deal) markRosterMessage(tx, deal, messageId, postedPhoto(dataDir, image));
  },
  // The cards of deals still taking orders or yet to open: a closed deal's last card already said so.
  shown(tables, communityId) {
    return [...openDeals(tables, communityId), ...scheduledDeals(tables, communityId)].map((deal) => ({
      key: `deal:${deal.id}`,
      ...(deal.threadId !== undefined ? { origin: { threadId: deal.threadId } } : {}),
    }));
  },
};

export const dealJobsFeature: Feature = {
  name: 'deal-jobs',
  jobs: [dealDeadlineJob],
  liveRenderers: [dealCardRenderer],
};
