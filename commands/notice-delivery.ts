import type { Adapter } from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import type { DeliveryContext, DeliveryHandler } from '../src/core/outbox.js';
import { botAbsent } from '../src/services/community-presence.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import type { Tx } from '../src/store/tx.js';
import { inDealTopic } from './deal-topic.js';
import type { Send } from './payment-notices.js';

/**
 * How a notice of a deal reaches several members (payment reminders, pickup reminders): privately
 * where the platform lets the bot start a private chat, else in one group message mentioning them.
 * A private message the platform refuses (the member never opened a chat with the bot) is
 * mentioned in ONE group message once every private message of the notice has an outcome.
 * Outcomes arrive through named delivery handlers, so a restart between sending and hearing back
 * loses nothing; the notice's record (PayNotice, PickupNotice) keeps what is awaited.
 */

/** The names of a notice kind's two delivery handlers (args: `notice` record id, `user` platform user id). */
export interface NoticeRoutes {
  /** A private message was accepted. */
  delivered: string;
  /** A private message was refused for good. */
  unreachable: string;
}

/**
 * Sends a notice to members: a private message each where the platform has a private chat with
 * them (its outcome reported to `routes` with the notice's id), one group message in the deal's
 * thread, worded by `groupText`, mentioning the others. Returns the members whose private
 * message's outcome is awaited (the record's `pending`).
 */
export function sendNotice(
  adapter: Adapter,
  community: Community,
  deal: Deal,
  noticeId: string,
  members: readonly { userId: string; text: string }[],
  routes: NoticeRoutes,
  groupText: (who: string[]) => string,
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
    const args = { notice: noticeId, user: userId };
    send(
      chat,
      { kind: 'text', text },
      {
        userId,
        onDelivered: { name: routes.delivered, args },
        onUnreachable: { name: routes.unreachable, args },
      },
    );
    pending.push(userId);
  }
  if (inGroup.length > 0)
    send(chatOf(community), { kind: 'text', text: groupText(inGroup) }, inDealTopic(deal));
  return pending;
}

/**
 * Tells each member their own text privately, only where the platform has a private chat with
 * them (`adapter` undefined: nowhere). No group fallback and no outcome awaited: for news the
 * group already heard (an announcement naming them), so a refused private message is not repeated.
 */
export function sendPrivately(
  adapter: Adapter | undefined,
  members: Iterable<{ userId: string; text: string }>,
  send: Send,
): void {
  for (const { userId, text } of members) {
    const chat = adapter?.directChat?.(userId);
    if (chat) send(chat, { kind: 'text', text }, { userId });
  }
}

/** One member's notice: `dm` said privately, `group` said in the group instead (naming them). */
export interface MemberNote {
  userId: string;
  dm: string;
  group: string;
}

/**
 * Tells one member `dm` privately; `group` goes to the deal's thread instead where the platform has
 * no private chat the bot can open (`adapter` undefined: the platform is not running here). A
 * private message the platform refuses goes to the delivery handler `unreachable.name` with
 * `unreachable.args` (and `thread`, where the deal lives in one), which says it in the group.
 */
export function tellPrivatelyOrInGroup(
  adapter: Adapter | undefined,
  community: Community,
  deal: Deal,
  { userId, dm, group }: MemberNote,
  unreachable: { name: string; args: Record<string, string> },
  send: Send,
): void {
  const direct = adapter?.directChat?.(userId);
  if (!direct) {
    send(chatOf(community), { kind: 'text', text: group }, inDealTopic(deal));
    return;
  }
  const args = { ...unreachable.args };
  if (deal.threadId !== undefined) args.thread = deal.threadId;
  send(direct, { kind: 'text', text: dm }, { userId, onUnreachable: { name: unreachable.name, args } });
}

/** What a notice kind does with the outcome of one of its private messages. */
export interface NoticeSettling<N extends { communityId: string; dealId: string }> {
  /** Records the outcome in tx; the notice and the members to mention now, or undefined (nobody yet). */
  settle(
    tx: Tx,
    noticeId: string,
    userId: string,
    reached: boolean,
  ): { notice: N; mention: string[] } | undefined;
  /** Those of `refused` the group message still concerns by now (one may have paid, or picked up, meanwhile). */
  stillConcerned(tables: Tables, deal: Deal, notice: N, refused: string[]): string[];
  /** The group message mentioning them. */
  groupText(tables: Tables, community: Community, deal: Deal, notice: N, who: string[]): string;
}

/**
 * The delivery handlers of a notice kind: once its last private message has an outcome, one group
 * message for the members refused (none for a group that removed the bot).
 */
export function noticeDeliveryHandlers<N extends { communityId: string; dealId: string }>(
  routes: NoticeRoutes,
  settling: NoticeSettling<N>,
): Record<string, DeliveryHandler> {
  const settle = (ctx: DeliveryContext, args: Record<string, string>, reached: boolean): void => {
    const settled = ctx.mutate((tx) => settling.settle(tx, args.notice ?? '', args.user ?? '', reached));
    if (!settled) return;
    const { notice, mention } = settled;
    const deal = ctx.tables.deals.get(notice.dealId);
    const community = ctx.tables.communities.get(notice.communityId);
    if (!deal || !community || botAbsent(community)) return;
    const who = settling.stillConcerned(ctx.tables, deal, notice, mention);
    if (who.length === 0) return;
    ctx.send(
      chatOf(community),
      { kind: 'text', text: settling.groupText(ctx.tables, community, deal, notice, who) },
      inDealTopic(deal),
    );
  };
  return {
    [routes.delivered]: (ctx, args) => settle(ctx, args, true),
    [routes.unreachable]: (ctx, args) => settle(ctx, args, false),
  };
}
