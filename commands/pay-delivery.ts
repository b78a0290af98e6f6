import type { Adapter } from '../src/core/adapter.js';
import { formatTime } from '../src/core/format.js';
import type { DeliveryHandler } from '../src/core/outbox.js';
import { membersToRemind, settleNotice, stepDueAt } from '../src/services/pay-reminders.js';
import type { Community, Deal, PayNotice } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { noticeDeliveryHandlers, sendNotice as sendNoticeTo } from './notice-delivery.js';
import { holderNames } from './order-text.js';
import { payReminderText } from './pay-reminder-text.js';
import type { Send } from './payment-notices.js';

/**
 * How money notices reach members: privately where the platform lets the bot start a private
 * chat, else in one group message that mentions them; members refused privately are mentioned in
 * ONE group message once every private message has an outcome (notice-delivery.ts, PayNotice).
 */

/** A private notice was accepted. args: `notice` (PayNotice id), `user` (platform user id). */
export const PAY_DELIVERED = 'pay.delivered';
/** A private notice was refused for good. args as PAY_DELIVERED. */
export const PAY_UNREACHABLE = 'pay.unreachable';

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

const PAY_ROUTES = { delivered: PAY_DELIVERED, unreachable: PAY_UNREACHABLE };

/**
 * Sends a money notice to members: a private message each where the platform has a private chat
 * with them, one group message mentioning the others (see notice-delivery.ts). Returns the
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
  return sendNoticeTo(
    adapter,
    community,
    deal,
    notice.id,
    members,
    PAY_ROUTES,
    (who) => groupText(tables, community, deal, notice, who),
    send,
  );
}

export const payDeliveryHandlers: Record<string, DeliveryHandler> = noticeDeliveryHandlers<PayNotice>(
  PAY_ROUTES,
  {
    settle: settleNotice,
    // A reminder mentions only those who still owe by now (one may have paid meanwhile).
    stillConcerned(tables, deal, notice, refused) {
      if (notice.step === 'unpaid_cancel') return refused;
      const owing = new Set(membersToRemind(tables, deal).map((o) => o.userId));
      return refused.filter((u) => owing.has(u));
    },
    groupText,
  },
);
