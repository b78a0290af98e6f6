import type { Feature, Job, JobContext } from '../src/core/feature.js';
import { botAbsent } from '../src/services/community-presence.js';
import { dueStarts, startDeal, untilStart } from '../src/services/deal-starts.js';
import type { Tables } from '../src/store/tables.js';
import { inDealTopic, postCard } from './deal-jobs.js';
import { dealStartText } from './deal-start-text.js';
import { offerStarted } from './offers.js';

/**
 * Scheduled deals (定时开团). At every tick of the scheduler (each minute, and whenever the clock
 * is moved) a deal whose start came opens: its preview card becomes the open card with its
 * buttons, and one short announcement tells the group (an edit notifies nobody). A start that
 * passed while the bot was down opens at the first tick after start; the status check in the
 * same write makes it happen once.
 *
 * Until then, where the platform edits messages, the preview card counts down: edited once an
 * hour while more than a day is left, every 10 minutes while more than 10 minutes are, then each
 * minute. That is at most one edit a minute per deal, far inside a chat's budget (and the live
 * card's own pacing still applies). Where the platform cannot edit, nothing is reposted: the card
 * says the start time.
 */
export const dealStartJob: Job = {
  name: 'deal-starts',
  run(ctx) {
    const now = ctx.clock.now();
    for (const deal of dueStarts(ctx.tables, now)) {
      const community = ctx.tables.communities.get(deal.communityId);
      // Removed from the group: the deal opens when the bot is back.
      if (!community || botAbsent(community)) continue;
      ctx.mutate((tx) => {
        const outcome = startDeal(tx, deal);
        if (outcome.kind !== 'started') return;
        // Where the card is reposted rather than edited, the new card is the news; a deal whose
        // whole window passed while the bot was down closes at once, and says only that.
        const edits = ctx.adapterFor(community)?.capabilities.editMessages !== false;
        if (edits && Date.parse(deal.endsAt) > now.getTime())
          ctx.post(
            community,
            { kind: 'text', text: dealStartText(community.locale).started(deal.no, deal.title) },
            inDealTopic(deal),
          );
        postCard(ctx, community, outcome.deal);
        // Subscribers hear of it now it takes orders, not when it was announced.
        offerStarted(ctx, tx, community, outcome.deal);
      });
    }
    countDown(ctx, now);
  },
};

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The countdown's step for the time left: how often the preview card is edited then. */
function step(left: number): number {
  if (left > 24 * HOUR) return HOUR;
  if (left > 10 * MINUTE) return 10 * MINUTE;
  return MINUTE;
}

/** The countdown step each card last showed, per store (several bots may share a process in tests). */
const shown = new WeakMap<Tables, Map<string, string>>();

function countDown(ctx: JobContext, now: Date): void {
  const seen = shown.get(ctx.tables) ?? new Map<string, string>();
  shown.set(ctx.tables, seen);
  const live = new Set<string>();
  for (const deal of ctx.tables.deals.by('scheduled', 'scheduled')) {
    const community = ctx.tables.communities.get(deal.communityId);
    if (!community || botAbsent(community) || !deal.rosterMessageId) continue;
    if (!ctx.adapterFor(community)?.capabilities.editMessages) continue;
    live.add(deal.id);
    const left = untilStart(deal, now);
    const size = step(left);
    const slot = `${size}:${Math.ceil(left / size)}`;
    const before = seen.get(deal.id);
    seen.set(deal.id, slot);
    // First seen (just posted, or after a restart): the card is fresh enough until the next step.
    if (before !== undefined && before !== slot) postCard(ctx, community, deal);
  }
  for (const id of seen.keys()) if (!live.has(id)) seen.delete(id);
}

export const dealStartsFeature: Feature = {
  name: 'deal-starts',
  jobs: [dealStartJob],
  messages: [dealStartText],
};
