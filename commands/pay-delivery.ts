import type { Adapter, Outgoing } from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import type { ChatRef } from '../src/core/events.js';
import { formatTime } from '../src/core/format.js';
import type { DeliveryContext, DeliveryHandler, SendOptions } from '../src/core/outbox.js';
import { botAbsent } from '../src/services/community-presence.js';
import { owingMembers, settleNotice, stepDueAt } from '../src/services/pay-reminders.js';
import type { Community, Deal, PayNotice } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { inDealTopic } from './deal-jobs.js';
import { holderNames } from './order-text.js';
import { payReminderText } from './pay-reminder-text.js';

/**
 * How money notices reach members: privately where the platform lets the bot start a private
 * chat, else in one group message that mentions them. A private message the platform refuses (the
 * member never opened a chat with the bot) is mentioned in ONE group message once every private
 * message of the notice has an outcome. Outcomes arrive through named delivery handlers, so a
 * restart between sending and hearing back loses nothing (see PayNotice).
 */

/** A private notice was accepted. args: `notice` (PayNotice id), `user` (platform user id). */
export const PAY_DELIVERED = 'pay.delivered';
/** A private notice was refused for good. args as PAY_DELIVERED. */
export const PAY_UNREACHABLE = 'pay.unreachable';

type Send = (chat: ChatRef, out: Outgoing, opts: SendOptions) => void;

/** Shown names (look-alikes told apart) of members holding lines in a deal, by user id. */
export function namesIn(tables: Tables, deal: Deal, userIds: readonly string[]): string[] {
  const lines = userIds.flatMap((u) => tables.orders.by('dealBuyer', `${deal.id}|${u}`).slice(0, 1));
  const names = holderNames(tables, lines);
  return userIds.map((u) => names.get(u) ?? u);
}

/** When the unpaid lines of a deal will be cancelled, as the group reads it; undefined when they will not. */
export function cancelDeadline(community: Community, deal: Deal): string | undefined {
  const at = stepDueAt(community, deal, 'unpaid_cancel');
  return at && formatTime(at, community.timezone);
}

/** The group message mentioning members a notice could not reach privately. */
function groupText(
  tables: Tables,
  community: Community,
  deal: Deal,
  notice: Pick<PayNotice, 'step' | 'dueAt'>,
  who: string[],
): string {
  const t = payReminderText(community.locale);
  const names = namesIn(tables, deal, who);
  return notice.step === 'unpaid_cancel'
    ? t.cancelledGroup(names, deal.no, deal.title, formatTime(notice.dueAt, community.timezone))
    : t.remindGroup(names, deal.no, deal.title, cancelDeadline(community, deal));
}

/**
 * Sends a notice to members: a private message each where the platform has a private chat with
 * them (its outcome reported to the notice), one group message mentioning the others. Returns the
 * members whose private message's outcome is awaited.
 */
export function sendNotice(
  adapter: Adapter,
  tables: Tables,
  community: Community,
  deal: Deal,
  notice: Pick<PayNotice, 'id' | 'step' | 'dueAt'>,
  members: readonly { userId: string; text: string }[],
  send: Send,
): string[] {
  const pending: string[] = [];
  const inGroup: string[] = [];
  for (const { userId, text } of members) {
    const chat = adapter.directChat?.(userId);
    if (!chat) {
      inGroup.push(userId);
      continue;
    }
    const args = { notice: notice.id, user: userId };
    send(
      chat,
      { kind: 'text', text },
      {
        userId,
        onDelivered: { name: PAY_DELIVERED, args },
        onUnreachable: { name: PAY_UNREACHABLE, args },
      },
    );
    pending.push(userId);
  }
  if (inGroup.length > 0)
    send(
      chatOf(community),
      { kind: 'text', text: groupText(tables, community, deal, notice, inGroup) },
      inDealTopic(deal),
    );
  return pending;
}

/** Once a notice's last private message has an outcome: one group message for those refused. */
function settle(ctx: DeliveryContext, args: Record<string, string>, reached: boolean): void {
  const settled = ctx.mutate((tx) => settleNotice(tx, args.notice ?? '', args.user ?? '', reached));
  if (!settled) return;
  const { notice, mention } = settled;
  const deal = ctx.tables.deals.get(notice.dealId);
  const community = ctx.tables.communities.get(notice.communityId);
  if (!deal || !community || botAbsent(community)) return;
  // A reminder mentions only those who still owe by now (one may have paid meanwhile).
  const owing = new Set(owingMembers(ctx.tables, deal).map((o) => o.userId));
  const who = notice.step === 'unpaid_cancel' ? mention : mention.filter((u) => owing.has(u));
  if (who.length === 0) return;
  ctx.send(
    chatOf(community),
    { kind: 'text', text: groupText(ctx.tables, community, deal, notice, who) },
    inDealTopic(deal),
  );
}

export const payDeliveryHandlers: Record<string, DeliveryHandler> = {
  [PAY_DELIVERED]: (ctx, args) => settle(ctx, args, true),
  [PAY_UNREACHABLE]: (ctx, args) => settle(ctx, args, false),
};
