import type { Chat, Message, Update, User } from 'telegraf/types';
import { type ApiCall, parseJson } from './fake-bot-api.js';

/** An error answer of the fake, as Telegram shapes them. */
export interface PaymentFailure {
  error_code: number;
  description: string;
}

/** A pre_checkout_query the fake sent, and how (and whether) the bot answered it. */
export interface PreCheckout {
  id: string;
  from: User;
  /** On the fake's clock (ms): Telegram takes an answer within 10 s of this. */
  at: number;
  currency: string;
  total: number;
  payload: string;
  /** Where the invoice was paid (the chat it was sent to). */
  chat: Chat;
  answer?: { ok: boolean; error_message?: string };
}

/** Telegram waits this long for answerPreCheckoutQuery, then the payment fails. */
export const PRE_CHECKOUT_TIMEOUT_MS = 10_000;

/**
 * Currencies Telegram Payments take (https://core.telegram.org/bots/payments#supported-currencies,
 * a part of the list) and XTR for Stars; any other code is CURRENCY_INVALID.
 */
const CURRENCIES = new Set([
  ...['AED', 'AUD', 'BRL', 'CAD', 'CHF', 'CNY', 'CZK', 'DKK', 'EUR', 'GBP', 'HKD', 'IDR', 'ILS', 'INR'],
  ...['JPY', 'KRW', 'KZT', 'MXN', 'MYR', 'NOK', 'NZD', 'PHP', 'PLN', 'RUB', 'SEK', 'SGD', 'THB', 'TRY'],
  ...['TWD', 'UAH', 'USD', 'UZS', 'VND', 'ZAR', 'XTR'],
]);

const bad = (what: string): PaymentFailure => ({ error_code: 400, description: `Bad Request: ${what}` });

/**
 * Telegram Payments as the Bot API behaves, for the fake server: sendInvoice refused as Telegram
 * refuses it (the Bot API server's own messages for missing or malformed parameters, from
 * tdlib/telegram-bot-api; the MTProto errors for the rest: INVOICE_PAYLOAD_INVALID,
 * PAYMENT_PROVIDER_INVALID, STARS_INVOICE_INVALID, CURRENCY_INVALID, CURRENCY_TOTAL_AMOUNT_INVALID),
 * pre-checkout queries answered once and within 10 s or refused ("query is too old and response
 * timeout expired or query ID is invalid"), and a payment completed only after an ok answer.
 */
export class FakePayments {
  /** Provider tokens @BotFather gave this bot; another one is PAYMENT_PROVIDER_INVALID. */
  readonly providerTokens = new Set(['284685063:TEST:tuanbot']);
  /** Least total per currency, in its smallest unit (Telegram's currencies.json min_amount); XTR: 1 Star. */
  readonly minimums = new Map<string, number>([['XTR', 1]]);
  /** Every pre-checkout query sent, by id. */
  readonly checks = new Map<string, PreCheckout>();
  private nextQuery = 1;
  private nextCharge = 1;

  constructor(private readonly now: () => number) {}

  /** Why Telegram would refuse this sendInvoice, or undefined. */
  invoiceRefusal(params: Record<string, unknown>): PaymentFailure | undefined {
    for (const name of ['title', 'description', 'payload', 'currency', 'prices'])
      if (params[name] === undefined || params[name] === '') return bad(`Parameter "${name}" is required`);
    const prices = parseJson(params.prices);
    if (!Array.isArray(prices)) return bad('Expected an Array of labeled prices');
    if (prices.length === 0) return bad('There must be at least one price');
    for (const price of prices as { label?: unknown; amount?: unknown }[]) {
      if (typeof price?.label !== 'string' || price.label === '')
        return bad("Can't parse labeled price: LabeledPrice label must be non-empty");
      if (!Number.isInteger(Number(price.amount)))
        return bad(`Can't parse labeled price: Field "amount" must be a valid Number`);
    }
    // Documented limits: a title of 1-32 characters, a description of 1-255, a payload of 1-128 bytes.
    if ([...String(params.title)].length > 32 || [...String(params.description)].length > 255)
      return bad('MEDIA_INVALID');
    if (Buffer.byteLength(String(params.payload), 'utf8') > 128) return bad('INVOICE_PAYLOAD_INVALID');
    const currency = String(params.currency);
    if (!CURRENCIES.has(currency)) return bad('CURRENCY_INVALID');
    const token = typeof params.provider_token === 'string' ? params.provider_token : '';
    if (currency === 'XTR') {
      // Stars: no provider, and exactly one price.
      if (token !== '') return bad('PAYMENT_PROVIDER_INVALID');
      if (prices.length !== 1) return bad('STARS_INVOICE_INVALID');
    } else if (!this.providerTokens.has(token)) return bad('PAYMENT_PROVIDER_INVALID');
    const total = (prices as { amount: unknown }[]).reduce((n: number, p) => n + Number(p.amount), 0);
    if (total <= 0 || total < (this.minimums.get(currency) ?? 1)) return bad('CURRENCY_TOTAL_AMOUNT_INVALID');
    return undefined;
  }

  /** What Telegram returns for an accepted sendInvoice: the invoice message. */
  invoiceMessage(params: Record<string, unknown>, messageId: number, chat: Chat): Message.InvoiceMessage {
    const prices = parseJson(params.prices) as { amount: number }[];
    return {
      message_id: messageId,
      date: Math.floor(this.now() / 1000),
      chat,
      invoice: {
        title: String(params.title),
        description: String(params.description),
        start_parameter: typeof params.start_parameter === 'string' ? params.start_parameter : '',
        currency: String(params.currency),
        total_amount: prices.reduce((n, p) => n + Number(p.amount), 0),
      },
    } as Message.InvoiceMessage;
  }

  /**
   * Why Telegram would refuse this answerPreCheckoutQuery, or undefined (and it is recorded): an
   * unknown query, one answered already, or one older than 10 s; a refusal without error_message.
   */
  answerRefusal(params: Record<string, unknown>): PaymentFailure | undefined {
    const check = this.checks.get(String(params.pre_checkout_query_id ?? ''));
    if (!check || check.answer || this.now() - check.at > PRE_CHECKOUT_TIMEOUT_MS)
      return bad('query is too old and response timeout expired or query ID is invalid');
    const ok = params.ok === true || params.ok === 'true';
    const reason = typeof params.error_message === 'string' ? params.error_message : '';
    if (!ok && reason === '') return bad('Parameter "error_message" is required');
    check.answer = ok ? { ok } : { ok, error_message: reason };
    return undefined;
  }

  /**
   * `from` opens the invoice `invoice` (an accepted sendInvoice call) and confirms: the
   * pre_checkout_query update Telegram sends the bot. `total` overrides what Telegram asks (a tip).
   */
  checkout(
    from: User,
    invoice: ApiCall,
    chat: Chat,
    opts: { total?: number } = {},
  ): { id: string; update: Omit<Update.PreCheckoutQueryUpdate, 'update_id'> } {
    const prices = parseJson(invoice.params.prices) as { amount: number }[];
    const check: PreCheckout = {
      id: `pcq-${this.nextQuery++}`,
      from,
      at: this.now(),
      currency: String(invoice.params.currency),
      total: opts.total ?? prices.reduce((n, p) => n + Number(p.amount), 0),
      payload: String(invoice.params.payload),
      chat,
    };
    this.checks.set(check.id, check);
    const query = {
      id: check.id,
      from,
      currency: check.currency,
      total_amount: check.total,
      invoice_payload: check.payload,
    };
    return { id: check.id, update: { pre_checkout_query: query } };
  }

  /**
   * Telegram completes a payment whose check the bot approved in time: the message with
   * successful_payment, in the chat where the invoice was. Throws for one Telegram would never
   * complete (unanswered, refused, or answered late).
   */
  complete(queryId: string, messageId: number): Omit<Update.MessageUpdate, 'update_id'> {
    const check = this.checks.get(queryId);
    if (!check?.answer?.ok)
      throw new Error(`payment ${queryId} was not approved, Telegram would not take it`);
    const charge = this.nextCharge++;
    const message = {
      message_id: messageId,
      date: Math.floor(this.now() / 1000),
      chat: check.chat,
      from: check.from,
      successful_payment: {
        currency: check.currency,
        total_amount: check.total,
        invoice_payload: check.payload,
        telegram_payment_charge_id: `tg-charge-${charge}`,
        // Stars have no provider: Telegram sends an empty id.
        provider_payment_charge_id: check.currency === 'XTR' ? '' : `provider-charge-${charge}`,
      },
    };
    return { message } as Omit<Update.MessageUpdate, 'update_id'>;
  }
}
