import type { Telegram } from 'telegraf';
import type { Message, PreCheckoutQuery } from 'telegraf/types';
import type { Invoice, Origin, PaymentCapability, PaymentVerdict } from '../../src/core/adapter.js';
import type { ChatRef, PaymentCheckEvent, PaymentDoneEvent } from '../../src/core/events.js';
import { toDeliveryError } from './errors.js';
import { chatRef, PLATFORM, userRef } from './normalize.js';
import { placement } from './send.js';

/**
 * Telegram Payments (https://core.telegram.org/bots/payments): invoices out (sendInvoice), the
 * check before paying in (pre_checkout_query, answered with answerPreCheckoutQuery within 10 s),
 * and the payment done in (a message with successful_payment). Telegram never holds the money for
 * the bot: with a provider token the money goes to the provider account the leader set up in
 * @BotFather; Stars go to the bot's Stars balance.
 */

/**
 * How the operator set payments up: a payment provider's token from @BotFather and a currency with
 * two decimals (amounts in its smallest unit are our cents), or Telegram Stars (currency XTR, no
 * provider token) at `centsPerStar` cents of the groups' money per Star.
 */
export type TelegramPayments =
  | { kind: 'provider'; providerToken: string; currency: string }
  | { kind: 'stars'; centsPerStar: number };

/** Product name 1–32 characters, description 1–255 (Bot API sendInvoice). */
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 255;
/** What the payer is shown when a check is refused: kept to a short paragraph. */
const MAX_REASON = 255;

/** What the core is told the payments are (Capabilities.payments). */
export function paymentCapability(payments: TelegramPayments): PaymentCapability {
  return payments.kind === 'stars'
    ? { currency: 'XTR', centsPerUnit: payments.centsPerStar }
    : { currency: payments.currency, centsPerUnit: 1 };
}

function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * Sends an invoice. `start_parameter` is set so that a forwarded copy carries a link to the bot
 * rather than a Pay button anyone could use (the check refuses anyone but the member anyway).
 * Rejects with what telegraf threw (the adapter reads the chat's fate from it, then converts it).
 */
export async function sendInvoice(
  telegram: Telegram,
  payments: TelegramPayments,
  chat: ChatRef,
  invoice: Invoice,
  origin?: Origin,
): Promise<{ messageId: string }> {
  const { currency } = paymentCapability(payments);
  const sent = await telegram.sendInvoice(
    chat.chatId,
    {
      title: clip(invoice.title, MAX_TITLE),
      description: clip(invoice.description, MAX_DESCRIPTION),
      payload: invoice.payload,
      // Stars take no provider: Telegram wants an empty token for XTR.
      provider_token: payments.kind === 'provider' ? payments.providerToken : '',
      currency,
      prices: [{ label: clip(invoice.label, MAX_TITLE), amount: invoice.amount }],
      start_parameter: 'pay',
    },
    placement(origin, undefined),
  );
  return { messageId: String(sent.message_id) };
}

/** Answers a pre-checkout query: ok, or refused with the reason Telegram shows the payer. */
export async function answerPaymentCheck(
  telegram: Telegram,
  event: PaymentCheckEvent,
  verdict: PaymentVerdict,
): Promise<void> {
  try {
    if (verdict.ok) await telegram.answerPreCheckoutQuery(event.id, true);
    else await telegram.answerPreCheckoutQuery(event.id, false, clip(verdict.reason, MAX_REASON));
  } catch (error) {
    throw toDeliveryError(error, `answer the payment check ${event.id}`);
  }
}

/**
 * A pre_checkout_query → a PaymentCheckEvent in the payer's private chat (the query names no chat;
 * a private chat's id is the user's). The query id is the event id: Telegram answers by it.
 */
export function normalizePaymentCheck(query: PreCheckoutQuery): PaymentCheckEvent {
  return {
    type: 'payment_check',
    id: query.id,
    chat: { platform: PLATFORM, chatId: String(query.from.id), kind: 'direct', title: query.from.first_name },
    sender: userRef(query.from),
    payload: query.invoice_payload,
    currency: query.currency,
    total: query.total_amount,
  };
}

/**
 * A message with successful_payment → a PaymentDoneEvent in the chat where the invoice was paid
 * (the payer's private chat, or a group). Undefined for any other message.
 */
export function normalizePaymentDone(message: Message): PaymentDoneEvent | undefined {
  if (!('successful_payment' in message) || !message.from) return undefined;
  const chat = chatRef(message.chat);
  if (!chat) return undefined;
  const paid = message.successful_payment;
  return {
    type: 'payment_done',
    id: `${message.chat.id}:${message.message_id}`,
    chat,
    sender: userRef(message.from),
    payload: paid.invoice_payload,
    currency: paid.currency,
    total: paid.total_amount,
    chargeId: paid.telegram_payment_charge_id,
    // Stars have no provider: Telegram sends an empty id.
    ...(paid.provider_payment_charge_id ? { providerChargeId: paid.provider_payment_charge_id } : {}),
    at: new Date(message.date * 1000).toISOString(),
  };
}
