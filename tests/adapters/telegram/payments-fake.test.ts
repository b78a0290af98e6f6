import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramPayments } from '../../../adapters/telegram/payments.js';
import { DeliveryError, type Invoice, UnreachableError } from '../../../src/core/adapter.js';
import type { ChatRef, PaymentCheckEvent } from '../../../src/core/events.js';
import { BOB, privateChat, textMessage, updates } from './fixtures.js';
import { startHarness, type TelegramHarness } from './harness.js';

/**
 * The fake Bot API refuses payments as Telegram does, and the adapter turns the refusals into the
 * core's errors: sendInvoice without a known provider token (unless XTR), with a payload over 128
 * bytes, an unknown currency, a Stars invoice with a provider or several prices, a total below the
 * currency's minimum; a private invoice to a user who never opened the bot; answerPreCheckoutQuery
 * only once per query and only within 10 s, and a refusal only with a reason.
 */

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PROVIDER: TelegramPayments = {
  kind: 'provider',
  providerToken: '284685063:TEST:tuanbot',
  currency: 'CNY',
};
const BOB_CHAT: ChatRef = { platform: 'telegram', chatId: String(BOB.id), kind: 'direct' };
const INVOICE: Invoice = {
  title: '#1 Peaches',
  description: 'Bob: ×1',
  label: 'Order #1',
  amount: 4500,
  payload: 'p',
};

async function start(payments: TelegramPayments): Promise<TelegramHarness> {
  h = await startHarness(() => {}, { adapter: { payments } });
  // Bob opened a private chat with the bot.
  h.api.push(updates.message(textMessage(BOB, 'hi', { chat: privateChat(BOB) })));
  await h.until(() => h!.api.opened.has(BOB.id), 'Bob opened the bot');
  return h;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('GIVEN the fake Bot API taking payments as Telegram does', () => {
  it('a valid invoice is accepted: one price in the currency, the provider token, a payload within 128 bytes', async () => {
    await start(PROVIDER);
    await expect(h!.adapter.invoice!(BOB_CHAT, INVOICE)).resolves.toMatchObject({
      messageId: expect.any(String),
    });
    expect(h!.api.acceptedOf('sendInvoice')[0]!.params).toMatchObject({
      currency: 'CNY',
      provider_token: '284685063:TEST:tuanbot',
      prices: [{ label: 'Order #1', amount: 4500 }],
      start_parameter: 'pay',
    });
  });

  it('refuses a payload over 128 bytes, an unknown provider token, an unknown currency, and a total below the minimum', async () => {
    await start(PROVIDER);
    const long = await refusal(h!.adapter.invoice!(BOB_CHAT, { ...INVOICE, payload: 'x'.repeat(129) }));
    expect(long).toBeInstanceOf(DeliveryError);
    expect((long as Error).message).toMatch(/INVOICE_PAYLOAD_INVALID/);
    h!.clock.advance(1_000);
    h!.api.payments.minimums.set('CNY', 500);
    const small = await refusal(h!.adapter.invoice!(BOB_CHAT, { ...INVOICE, amount: 499 }));
    expect((small as Error).message).toMatch(/CURRENCY_TOTAL_AMOUNT_INVALID/);
    expect((small as DeliveryError).retryable).toBe(false);
    await h!.close();
    h = undefined;
    await start({ kind: 'provider', providerToken: 'not-from-botfather', currency: 'CNY' });
    expect(String(await refusal(h!.adapter.invoice!(BOB_CHAT, INVOICE)))).toMatch(/PAYMENT_PROVIDER_INVALID/);
    await h!.close();
    h = undefined;
    await start({ kind: 'provider', providerToken: '284685063:TEST:tuanbot', currency: 'ABC' });
    expect(String(await refusal(h!.adapter.invoice!(BOB_CHAT, INVOICE)))).toMatch(/CURRENCY_INVALID/);
  });

  it('Stars: the invoice goes in XTR with an empty provider token; a provider token or two prices are refused', async () => {
    await start({ kind: 'stars', centsPerStar: 10 });
    await h!.adapter.invoice!(BOB_CHAT, { ...INVOICE, amount: 450 });
    expect(h!.api.acceptedOf('sendInvoice')[0]!.params).toMatchObject({
      currency: 'XTR',
      provider_token: '',
    });
    expect(
      h!.api.payments.invoiceRefusal({
        ...INVOICE,
        currency: 'XTR',
        provider_token: 'x',
        prices: [{ label: 'a', amount: 1 }],
      }),
    ).toMatchObject({ description: 'Bad Request: PAYMENT_PROVIDER_INVALID' });
    const two = [
      { label: 'a', amount: 1 },
      { label: 'b', amount: 1 },
    ];
    expect(h!.api.payments.invoiceRefusal({ ...INVOICE, currency: 'XTR', prices: two })).toMatchObject({
      description: 'Bad Request: STARS_INVOICE_INVALID',
    });
    expect(h!.api.payments.invoiceRefusal({ ...INVOICE, currency: 'XTR', prices: [] })).toMatchObject({
      description: 'Bad Request: There must be at least one price',
    });
  });

  it('a private invoice to someone who never opened the bot is unreachable (403)', async () => {
    await start(PROVIDER);
    const stranger: ChatRef = { platform: 'telegram', chatId: '4242', kind: 'direct' };
    expect(await refusal(h!.adapter.invoice!(stranger, INVOICE))).toBeInstanceOf(UnreachableError);
  });

  it('a pre-checkout query is answered once, within 10 s, and a refusal needs a reason', async () => {
    await start(PROVIDER);
    await h!.adapter.invoice!(BOB_CHAT, INVOICE);
    const invoice = h!.api.acceptedOf('sendInvoice')[0]!;
    // Answered by the test through the adapter, not the bot: the bot would answer at once.
    const check = (id: string): PaymentCheckEvent => ({
      type: 'payment_check',
      id,
      chat: BOB_CHAT,
      sender: { id: String(BOB.id), name: 'Bob' },
      payload: 'p',
      currency: 'CNY',
      total: 4500,
    });
    const first = h!.api.payments.checkout(BOB, invoice, privateChat(BOB)).id;
    await h!.adapter.answerPaymentCheck(check(first), { ok: true });
    const twice = await refusal(h!.adapter.answerPaymentCheck(check(first), { ok: true }));
    expect((twice as Error).message).toMatch(
      /query is too old and response timeout expired or query ID is invalid/,
    );
    const late = h!.api.payments.checkout(BOB, invoice, privateChat(BOB)).id;
    h!.clock.advance(10_001);
    expect(await refusal(h!.adapter.answerPaymentCheck(check(late), { ok: true }))).toBeInstanceOf(
      DeliveryError,
    );
    const unknown = await refusal(
      h!.adapter.answerPaymentCheck(check('pcq-none'), { ok: false, reason: 'no' }),
    );
    expect(unknown).toBeInstanceOf(DeliveryError);
    expect(h!.api.payments.answerRefusal({ pre_checkout_query_id: 'x', ok: false })).toBeDefined();
    const third = h!.api.payments.checkout(BOB, invoice, privateChat(BOB)).id;
    expect(h!.api.payments.answerRefusal({ pre_checkout_query_id: third, ok: false })).toMatchObject({
      description: 'Bad Request: Parameter "error_message" is required',
    });
    expect(() => h!.api.payments.complete(third, 1)).toThrow(/not approved/);
  });
});
