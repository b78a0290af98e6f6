import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Feature, Job } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import { splitText } from '../src/core/split-text.js';
import { botAbsent } from '../src/services/community-presence.js';
import { dealCode } from '../src/services/deals.js';
import { memberNames } from '../src/services/member-names.js';
import { dueGrants, grantedIn, settleGrant, waitingFor } from '../src/services/waitlist.js';
import type { Deal, WaitEntry } from '../src/store/schema.js';
import { postCard } from './deal-jobs.js';
import { dealOrReply } from './deal-replies.js';
import { lineLabel, orderText } from './order-text.js';
import { type Send, tellExpired, tellGrants, waitlistDeliveryHandlers } from './waitlist-notices.js';
import { waitlistText } from './waitlist-text.js';

/** `/waitlist #3` (候补): who waits for what, in order, per option; and units given, still to be paid. */
export const waitlistCommand = defineCommand({
  name: 'waitlist',
  keywords: ['候补'],
  role: 'admin',
  scope: 'group',
  args: z.object({ deal: dealCode }),
  positional: ['deal'],
  help: helpText(
    "a deal's waitlist per sold-out option, and units given from it not yet paid",
    '候补名单：各售罄规格的候补顺序及待付款的候补订单',
    '/waitlist #3',
    ['/waitlist #3', '候补 #3'],
  ),
  run(ctx, args) {
    const deal = dealOrReply(ctx, args.deal);
    if (!deal) return;
    const t = waitlistText(ctx.locale);
    const waiting = waitingFor(ctx.tables, deal.id);
    const granted = grantedIn(ctx.tables, deal.id);
    if (waiting.length === 0 && granted.length === 0) return ctx.reply(t.empty(deal.no));
    const names = memberNames(
      ctx.tables,
      deal.communityId,
      [...waiting, ...granted].map((e) => ({ id: e.userId, name: e.name })),
    );
    const tz = ctx.community.timezone;
    const who = (e: WaitEntry) => {
      const name = names.get(e.userId) ?? e.name;
      return e.for ? orderText(ctx.locale).proxyOf(e.for, name) : name;
    };
    // Units given and not yet paid, with nobody left waiting: no "first in line" over an empty line.
    const lines = [waiting.length > 0 ? t.header(deal.no, deal.title) : t.nobodyWaits(deal.no, deal.title)];
    // Per option in the deal's order ('' first: a deal without options).
    for (const option of ['', ...deal.options]) {
      const queue = waiting.filter((e) => (e.option ?? '') === option);
      if (queue.length === 0) continue;
      lines.push(t.optionHeader(option, queue.length));
      let place = 0;
      for (const e of queue)
        lines.push(`${++place}. ${who(e)} ${lineLabel(e)} · ${t.since(formatTime(e.createdAt, tz))}`);
    }
    if (granted.length > 0) {
      lines.push(t.grantedHeader);
      for (const e of granted) lines.push(`${who(e)} ${lineLabel(e)} — ${t.payBy(formatTime(e.payBy!, tz))}`);
    }
    for (const piece of splitText(lines.join('\n'), ctx.adapter.capabilities.maxMessageLength))
      ctx.reply(piece);
  },
});

/**
 * Units given from the waitlist and not paid (nor claimed) by their deadline are taken back and go
 * to the next in line; both members are told. A sweep, so a deadline that passed while the bot
 * was down is applied at the first run after start. The grants of one deal due together are
 * settled in one write that updates its card once: a card update per grant rendered the same
 * final card twice (each is drawn when it goes out), an identical edit back to back.
 */
export const waitlistJob: Job = {
  name: 'waitlist-deadlines',
  run(ctx) {
    const now = ctx.clock.now();
    const byDeal = new Map<string, WaitEntry[]>();
    for (const entry of dueGrants(ctx.tables, now))
      byDeal.set(entry.dealId, [...(byDeal.get(entry.dealId) ?? []), entry]);
    for (const entries of byDeal.values()) {
      const community = ctx.tables.communities.get(entries[0]!.communityId);
      // Removed from the group: settled when the bot is back, and said there.
      if (!community || botAbsent(community)) continue;
      const adapter = ctx.adapterFor(community);
      const send: Send = (chat, out, opts) => ctx.sendTo(community, chat, out, opts);
      ctx.mutate((tx) => {
        let changed: Deal | undefined;
        for (const due of entries) {
          // As this write sees it: an earlier settlement may have given the same line more units
          // (one record, the later deadline).
          const entry = tx.get('waitlist', due.id);
          if (!entry?.payBy || Date.parse(entry.payBy) > now.getTime()) continue;
          const settled = settleGrant(tx, entry, now);
          if (settled.kind !== 'expired') continue;
          tellExpired(adapter, community, settled, send);
          tellGrants(adapter, community, settled.grants, send, tx.tables);
          changed = settled.grants.at(-1)?.deal ?? settled.deal;
        }
        if (changed) postCard(ctx, community, changed);
      });
    }
  },
};

export const waitlistFeature: Feature = {
  name: 'waitlist',
  commands: [waitlistCommand],
  jobs: [waitlistJob],
  delivery: waitlistDeliveryHandlers,
  messages: [waitlistText],
};
