import type { Adapter, Outgoing } from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import type { Context } from '../src/core/context.js';
import type { ChatRef } from '../src/core/events.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { DeliveryHandler, SendOptions } from '../src/core/outbox.js';
import { type MoneyState, type MoneyStateName, moneyState } from '../src/services/money-state.js';
import { linesInState } from '../src/services/payments.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { statusName } from './deal-text.js';
import { moneyOf } from './money-text.js';
import { sendPrivately, tellPrivatelyOrInGroup } from './notice-delivery.js';
import { holderNames } from './order-text.js';
import { paymentText } from './payment-text.js';

/**
 * What members are told privately about their money: a claim confirmed or rejected, a payment
 * marked, a refund recorded, a refund owed because the deal did not go ahead. Where the platform
 * cannot open a private chat, or refuses one for this member, the same words go to the group
 * mentioning them (through a named delivery handler, so a restart in between does not lose it):
 * the admin's command that caused them was said in the group anyway.
 */

/** A private money notice was refused. args: `community`, `name`, `text`, and `thread` where the deal lives in one. */
export const PAYMENT_UNREACHABLE = 'payments.unreachable';

/** Sends a message: Context.sendTo, a job's sendTo for one community, or a delivery context's send. */
export type Send = (chat: ChatRef, out: Outgoing, opts: SendOptions) => void;

/** Sends through an event's context (private notices a command causes). */
export function sendVia(ctx: Context): Send {
  return (chat, out, opts) => ctx.sendTo(chat, out, opts);
}

/** Who is told: a member's platform user id and name. */
export interface Recipient {
  userId: string;
  name: string;
}

/** `@alice ✓ Your payment …`: a notice said in the group instead, mentioning its member. */
function mentioning(name: string, text: string): string {
  return `@${showName(name)} ${text}`;
}

/**
 * Tells a member `text` privately; in the group, mentioning them, where the platform has no private
 * chat the bot can open (adapter undefined: the platform is not running here) or refuses this one.
 * `inGroup`: what is said in the group instead, when the private text holds what the group must
 * not read (a keeper's list of pickup codes); default the same text.
 */
export function tellMember(
  adapter: Adapter | undefined,
  community: Community,
  deal: Deal,
  who: Recipient,
  text: string,
  send: Send,
  inGroup = text,
): void {
  tellPrivatelyOrInGroup(
    adapter,
    community,
    deal,
    { userId: who.userId, dm: text, group: mentioning(who.name, inGroup) },
    { name: PAYMENT_UNREACHABLE, args: { community: community.id, name: who.name, text: inGroup } },
    send,
  );
}

export const paymentDeliveryHandlers: Record<string, DeliveryHandler> = {
  [PAYMENT_UNREACHABLE]: (ctx, args) => {
    const community = ctx.tables.communities.get(args.community ?? '');
    if (!community || args.text === undefined) return;
    ctx.send(
      chatOf(community),
      { kind: 'text', text: mentioning(args.name ?? '', args.text) },
      args.thread !== undefined ? { origin: { threadId: args.thread } } : {},
    );
  },
};

/** Members owed money back in a deal, each once with the total owed back (cents), in roster order. */
export function refundsOwed(tables: Tables, deal: Deal): (Recipient & { cents: number })[] {
  return perMember(tables, deal, 'refund_due', (m) => m.refundDueCents);
}

/**
 * Members whose claim that they paid is not answered yet, each once with what they said they paid
 * (cents), in roster order: in a deal that did not go ahead, the admin must still say whether the
 * money came (then it is owed back) or not.
 */
export function claimsUnanswered(tables: Tables, deal: Deal): (Recipient & { cents: number })[] {
  return perMember(tables, deal, 'claimed', (m) => m.claimedCents);
}

function perMember(
  tables: Tables,
  deal: Deal,
  state: MoneyStateName,
  cents: (m: MoneyState) => number,
): (Recipient & { cents: number })[] {
  const lines = linesInState(tables, deal, [state]);
  const names = holderNames(tables, lines);
  const sums = new Map<string, Recipient & { cents: number }>();
  for (const order of lines) {
    const part = cents(moneyState(order, deal));
    const seen = sums.get(order.userId);
    if (seen) seen.cents += part;
    else
      sums.set(order.userId, {
        userId: order.userId,
        name: names.get(order.userId) ?? order.name,
        cents: part,
      });
  }
  return [...sums.values()];
}

/**
 * What a failed or cancelled deal's announcement adds about money: ` Refunds due: @alice ¥45.00 …`
 * (with how admins list and record them), then ` Said they paid, not confirmed yet: @bob ¥90.00 …`
 * (with how admins answer those claims), or nothing when nobody had paid or said so.
 */
export function refundsDueNote(locale: Locale, tables: Tables, community: Community, deal: Deal): string {
  const money = moneyOf(community);
  const t = paymentText(locale);
  const list = (who: (Recipient & { cents: number })[]) =>
    who.map((r) => `@${r.name} ${money(r.cents)}`).join(locale === 'zh' ? '、' : ', ');
  const owed = refundsOwed(tables, deal);
  const claims = claimsUnanswered(tables, deal);
  const notes = [
    ...(owed.length > 0 ? [t.refundsDue(deal.no, list(owed))] : []),
    ...(claims.length > 0 ? [t.claimsToCheck(deal.no, list(claims))] : []),
  ];
  const gap = locale === 'zh' ? '' : ' ';
  return notes.map((note) => `${gap}${note}`).join('');
}

/** Claims the close announcement names; the rest are counted (`/orders #3 claimed` lists all). */
const CLAIMS_NAMED = 10;

/**
 * What a deal's close announcement (成团) adds when members said they paid and no admin answered
 * yet: ` Said they paid, not confirmed yet: alice ¥45.00, bob ¥90.00. Admins: …` (names without
 * `@`: it is for the admins), or nothing. Said once, where the group reads it anyway: the least
 * noisy reminder that claims wait.
 */
export function claimsWaitingNote(locale: Locale, tables: Tables, community: Community, deal: Deal): string {
  const claims = claimsUnanswered(tables, deal);
  if (claims.length === 0) return '';
  const money = moneyOf(community);
  const t = paymentText(locale);
  const named = claims
    .slice(0, CLAIMS_NAMED)
    .map((r) => `${r.name} ${money(r.cents)}`)
    .join(locale === 'zh' ? '、' : ', ');
  const list = claims.length > CLAIMS_NAMED ? t.andMore(named, claims.length - CLAIMS_NAMED) : named;
  return `${locale === 'zh' ? '' : ' '}${t.claimsWaiting(deal.no, list)}`;
}

/**
 * Tells each member owed a refund by a deal that did not go ahead, privately where the platform
 * can open a private chat. The group announcement already names them with their amounts, so a
 * refused private message is not said again in the group.
 */
export function tellRefundsDue(
  adapter: Adapter | undefined,
  community: Community,
  deal: Deal,
  tables: Tables,
  send: Send,
): void {
  const t = paymentText(community.locale);
  const money = moneyOf(community);
  const told = refundsOwed(tables, deal).map((owed) => ({
    userId: owed.userId,
    text: t.tellRefundDue(deal.no, deal.title, statusName(community.locale, deal), money(owed.cents)),
  }));
  sendPrivately(adapter, told, send);
}
