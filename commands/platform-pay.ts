import {
  type Invoice,
  type Origin,
  type PaymentVerdict,
  RateLimitedError,
  UnreachableError,
} from '../src/core/adapter.js';
import { chatOf } from '../src/core/bot.js';
import { type Context, type GroupContext, inCommunity } from '../src/core/context.js';
import type { ChatRef, PaymentCheckEvent, PaymentDoneEvent } from '../src/core/events.js';
import type { ButtonHandler, Feature } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { coreText } from '../src/core/messages.js';
import { showName } from '../src/core/names.js';
import { botAbsent } from '../src/services/community-presence.js';
import { findDeal } from '../src/services/deals.js';
import { activeLines } from '../src/services/order-lines.js';
import {
  centsOfPayment,
  checkPayment,
  decodePayload,
  encodePayload,
  type PayDue,
  type PayPayload,
  type PayRefusal,
  type PlatformPayment,
  payDue,
  payFromPlatform,
  unitsFor,
} from '../src/services/platform-pay.js';
import { memberId } from '../src/store/ids.js';
import type { Community, Deal } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { inDealTopic } from './deal-jobs.js';
import { refreshCard } from './deal-replies.js';
import { moneyOf } from './money-text.js';
import { heldLines } from './order-answers.js';
import { payable } from './platform-pay-buttons.js';
import { platformPayText } from './platform-pay-text.js';

/**
 * In-chat payment where the platform has it and the operator turned it on (Telegram Payments or
 * Stars; Capabilities.payments). A Pay button (`i:<no>`) on the card of a deal that formed, and
 * under a member's /myorders, sends the tapper an invoice for exactly what they owe in that deal,
 * privately where the platform lets the bot write to them, else in the group (where only they
 * can pay it). The check before money moves refuses anyone else, lines no longer owing, or an
 * amount that changed; a payment that went through is recorded whatever changed meanwhile (money
 * moved), once per charge, and the admins are told when it does not match what was owed.
 */

const ACTION = /^i:(\d{1,9})$/;
/** The longest a tap waits for the platform's pacing before the member is asked to tap again. */
const MAX_RATE_WAIT_MS = 5_000;

/** `¥45.00`, or with Stars `¥45.00 (450 ⭐)`: what a member is asked for, as they will see it. */
function askedText(community: Community, cents: number, units: number, currency: string): string {
  const money = moneyOf(community)(cents);
  return currency === 'XTR' ? `${money} (${units} ⭐)` : money;
}

/** A tap on Pay: the invoice, and the tap's private answer saying where it went (or why none). */
export const payButtonHandler: ButtonHandler = async (ctx, action) => {
  const match = ACTION.exec(action);
  if (!match) return false;
  const deal = inCommunity(ctx) ? findDeal(ctx.tables, ctx.community.id, Number(match[1])) : undefined;
  if (!deal || !inCommunity(ctx)) ctx.answer(coreText(ctx.locale).buttonGone);
  else await sendInvoice(ctx, deal);
  return true;
};

function dueText(locale: Locale, community: Community, deal: Deal, due: Exclude<PayDue, { kind: 'owing' }>) {
  const t = platformPayText(locale);
  if (due.kind === 'claimed') return t.claimed(deal.no, moneyOf(community)(due.cents));
  if (due.kind === 'dead') return t.dead(deal.no);
  if (due.kind === 'no_order') return t.noOrder(deal.no);
  return t.nothingOwed(deal.no);
}

/**
 * Sends the tapper an invoice for what they owe in `deal`, awaited (an invoice changes nothing, so
 * no write waits on it; the tap's answer says where it went). Privately first; where the platform
 * refuses the private chat (never opened, blocked) or has none, in the deal's place in the group.
 */
async function sendInvoice(ctx: GroupContext, deal: Deal): Promise<void> {
  const { adapter, community } = ctx;
  const t = platformPayText(ctx.locale);
  const rate = adapter.capabilities.payments;
  if (!rate || !adapter.invoice || !payable(adapter.capabilities, deal)) return ctx.answer(t.payOff);
  const due = payDue(ctx.tables, deal, ctx.sender.id);
  if (due.kind !== 'owing') return ctx.answer(dueText(ctx.locale, community, deal, due));
  const units = unitsFor(due.cents, rate);
  const payload = encodePayload({
    communityId: community.id,
    no: deal.no,
    userId: ctx.sender.id,
    cents: due.cents,
    units,
  });
  if (!payload) return ctx.answer(t.payOff);
  const name = showName(ctx.member?.name ?? ctx.sender.name);
  const held = heldLines(ctx.locale, activeLines(ctx.tables, deal.id, ctx.sender.id));
  const invoice: Invoice = {
    title: t.invoiceTitle(deal.no, deal.title),
    description: t.invoiceDescription(name, held, community.title),
    label: t.invoiceLabel(deal.no),
    amount: units,
    payload,
  };
  const asked = askedText(community, due.cents, units, rate.currency);
  const send = adapter.invoice.bind(adapter);
  const attempt = async (chat: ChatRef, origin?: Origin) => {
    try {
      return await send(chat, invoice, origin);
    } catch (error) {
      // The platform paces each chat (Telegram: about a message a second): a short wait, then once more.
      if (!(error instanceof RateLimitedError) || error.retryAfterMs > MAX_RATE_WAIT_MS) throw error;
      await new Promise<void>((resolve) => ctx.clock.setTimer(resolve, error.retryAfterMs));
      return send(chat, invoice, origin);
    }
  };
  const direct = adapter.directChat?.(ctx.sender.id);
  try {
    if (direct) {
      try {
        await attempt(direct);
        return ctx.answer(t.invoiceSent(deal.no, asked));
      } catch (error) {
        if (!(error instanceof UnreachableError)) throw error;
      }
    }
    await attempt(chatOf(community), deal.threadId ? { threadId: deal.threadId } : {});
    ctx.answer(t.invoiceInGroup(deal.no, asked));
  } catch (error) {
    ctx.answer(error instanceof RateLimitedError ? t.busy : t.invoiceRefused(deal.no));
  }
}

/** The community an invoice was sent for, also after its group moved to a new chat id. */
function communityOf(tables: Tables, id: string): Community | undefined {
  const move = tables.communities.get(id) ? undefined : tables.chatMoves.get(id);
  return tables.communities.get(move?.communityId ?? id);
}

/** The invoice, its community and deal, read back from a payment's payload; undefined when not ours. */
function invoiceOf(tables: Tables, payload: string) {
  const invoice = decodePayload(payload);
  const community = invoice && communityOf(tables, invoice.communityId);
  const deal = community && invoice && findDeal(tables, community.id, invoice.no);
  return invoice && community && deal ? { invoice, community, deal } : undefined;
}

/** The member an invoice is for, as lists show them. */
function memberName(tables: Tables, community: Community, userId: string): string {
  return showName(tables.members.get(memberId(community.id, userId))?.name ?? userId);
}

function refusalReason(
  tables: Tables,
  community: Community,
  deal: Deal,
  invoice: PayPayload,
  refusal: PayRefusal,
): string {
  const t = platformPayText(community.locale);
  switch (refusal.kind) {
    case 'not_yours':
      return t.notYours(memberName(tables, community, invoice.userId));
    case 'changed':
      return t.changed(deal.no, moneyOf(community)(refusal.cents));
    case 'nothing':
      return t.changedNothing(deal.no);
    case 'claimed':
      return t.claimedNow(deal.no);
    case 'dead':
      return t.deadNow(deal.no);
    case 'off':
      return t.payOff;
  }
}

/** The check before money moves, in the community's language; undefined for an invoice not ours. */
function check(ctx: Context & { event: PaymentCheckEvent }): PaymentVerdict | undefined {
  if (!decodePayload(ctx.event.payload)) return undefined;
  const found = invoiceOf(ctx.tables, ctx.event.payload);
  if (!found) return { ok: false, reason: coreText(ctx.locale).paymentUnknown };
  const { invoice, community, deal } = found;
  const refusal = checkPayment(
    ctx.tables,
    deal,
    invoice,
    ctx.sender.id,
    ctx.event,
    ctx.adapter.capabilities.payments,
  );
  return refusal
    ? { ok: false, reason: refusalReason(ctx.tables, community, deal, invoice, refusal) }
    : { ok: true };
}

/**
 * A payment went through: recorded on the invoice's member's lines (only they passed the check),
 * once per charge; the payer told where they paid, the card updated, and the admins told in the
 * deal's place when it does not match what was owed (a refund due, or some still owing).
 */
function done(ctx: Context & { event: PaymentDoneEvent }): boolean {
  const found = invoiceOf(ctx.tables, ctx.event.payload);
  if (!found) return false;
  const { invoice, community, deal } = found;
  const t = platformPayText(community.locale);
  const name = memberName(ctx.tables, community, invoice.userId);
  const cents = centsOfPayment(ctx.event, invoice, ctx.adapter.capabilities.payments);
  const outcome: PlatformPayment =
    cents === undefined
      ? { kind: 'no_order' }
      : ctx.mutate((tx) =>
          payFromPlatform(tx, deal, invoice.userId, cents, ctx.event.chargeId, ctx.clock.now()),
        );
  if (outcome.kind === 'duplicate') return true;
  const paidText =
    cents === undefined
      ? `${ctx.event.total} ${ctx.event.currency}`
      : askedText(community, cents, ctx.event.total, ctx.event.currency);
  const admins = (text: string) => {
    if (!botAbsent(community)) ctx.sendTo(chatOf(community), { kind: 'text', text }, inDealTopic(deal));
  };
  if (outcome.kind === 'no_order') {
    admins(t.adminsUnmatched(name, deal.no, paidText));
    ctx.reply(coreText(community.locale).paymentUnmatched);
    return true;
  }
  const money = moneyOf(community);
  if (outcome.dead) {
    ctx.reply(t.paidDead(deal.no, paidText));
    admins(t.adminsDead(name, deal.no, paidText));
  } else if (outcome.refundDueCents > 0) {
    ctx.reply(t.paidRefundDue(deal.no, paidText, money(outcome.refundDueCents)));
    admins(t.adminsRefundDue(name, deal.no, paidText, money(outcome.refundDueCents)));
  } else if (outcome.owedCents > 0) {
    ctx.reply(t.paidOwing(deal.no, paidText, money(outcome.owedCents)));
    admins(t.adminsOwing(name, deal.no, paidText, money(outcome.owedCents)));
  } else ctx.reply(t.paid(deal.no, deal.title, paidText));
  refreshCard(ctx, community, outcome.deal);
  return true;
}

export const platformPayFeature: Feature = {
  name: 'platform-pay',
  onButton: [payButtonHandler],
  payments: { check, done },
  messages: [platformPayText],
};
