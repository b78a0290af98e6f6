import type { User } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramPayments } from '../../../adapters/telegram/payments.js';
import { ALLOWED_UPDATES } from '../../../adapters/telegram/polling.js';
import { moneyState } from '../../../src/services/money-state.js';
import { memberLines } from '../../../src/services/payments.js';
import type { ApiCall, FakeBotApi } from './fake-bot-api.js';
import { ALICE, BOB, CAROL, GROUP, privateChat, textMessage, updates } from './fixtures.js';
import { MODES, type Mode, startHarness, type TelegramHarness } from './harness.js';

/**
 * In-chat payment on Telegram (Telegram Payments with a provider token, or Stars) through the real
 * adapter and a fake Bot API that refuses like Telegram: the Pay button on the card once the deal
 * formed, the invoice for what the tapper owes (privately, else in the group), the pre-checkout
 * answer (refused when the amount changed or the payer is someone else), the payment recorded
 * once per charge, a late one (deal cancelled meanwhile) and a mismatched one still recorded, and
 * the admins told.
 */

const CHAT_ID = String(GROUP.id);
const DEAL_ID = `telegram:${CHAT_ID}#1`;
const PROVIDER: TelegramPayments = {
  kind: 'provider',
  providerToken: '284685063:TEST:tuanbot',
  currency: 'CNY',
};
type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** `from` taps `data` under message `messageId` in the group. */
const tap = updates.tap;

const actions = (call: ApiCall) =>
  ((call.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data);
const labels = (call: ApiCall) =>
  ((call.params.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
const toChat = (call: ApiCall, chatId: number | string) => String(call.params.chat_id) === String(chatId);

/** A harness with in-chat payment set up as given (null: none, as without the settings). */
async function start(mode: Mode, payments: TelegramPayments | null = PROVIDER): Promise<TelegramHarness> {
  h = await startHarness(
    (api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]),
    {
      mode,
      ...(payments ? { adapter: { payments } } : {}),
    },
  );
  return h;
}

/** The card's message id once the bot posted it. */
async function cardId(): Promise<number> {
  return Number(await h!.until(() => h!.store.tables.deals.get(DEAL_ID)?.rosterMessageId, 'the card'));
}

/**
 * Alice opens "Peaches" at ¥45 for a group of 1; Bob (who opened a private chat with the bot,
 * unless told otherwise) taps "Order +1": the deal forms. Returns the card's message id.
 */
async function formedDeal(opts: { bobOpened?: boolean } = {}): Promise<number> {
  if (opts.bobOpened !== false)
    h!.api.push(updates.message(textMessage(BOB, '/start', { chat: privateChat(BOB) })));
  h!.api.push(updates.message(textMessage(ALICE, '/deal new "Peaches" price=45 min=1 ends=48h')));
  const card = await cardId();
  h!.api.push(tap(BOB, card, 'o:1'));
  await h!.until(() => h!.store.tables.deals.get(DEAL_ID)?.status === 'succeeded', 'the deal formed');
  return card;
}

/** Bob taps Pay on the card; resolves with the invoice Telegram accepted. */
async function bobTapsPay(card: number): Promise<ApiCall> {
  const before = h!.api.acceptedOf('sendInvoice').length;
  h!.api.push(tap(BOB, card, 'i:1'));
  return h!.until(() => h!.api.acceptedOf('sendInvoice')[before], 'the invoice');
}

/** Bob opens the invoice and confirms; resolves with the check's id once the bot answered it. */
async function bobChecksOut(invoice: ApiCall, who: User = BOB): Promise<string> {
  const id = h!.api.checkout(who, invoice);
  await h!.until(() => h!.api.payments.checks.get(id)?.answer, 'the pre-checkout answer');
  return id;
}

/** Telegram delivers `update` again (a redelivery carries the same update) `times` more; resolves once all were handled. */
async function redeliver(
  update: Parameters<FakeBotApi['push']>[0],
  type: string,
  times: number,
): Promise<void> {
  const before = h!.events.filter((e) => e.type === type).length;
  for (let i = 0; i < times; i++) h!.api.push(update);
  await h!.until(() => h!.events.filter((e) => e.type === type).length === before + times, 'redelivered');
  await h!.settle();
}

const toast = () => h!.api.acceptedOf('answerCallbackQuery').at(-1)?.params.text;
const bobLines = () => memberLines(h!.store.tables, DEAL_ID, String(BOB.id));
const bobMoney = () => {
  const deal = h!.store.tables.deals.get(DEAL_ID)!;
  return bobLines().map((o) => moneyState(o, deal));
};
const saidTo = (chatId: number | string, pattern: RegExp) =>
  h!.api.acceptedOf('sendMessage').filter((c) => toChat(c, chatId) && pattern.test(String(c.params.text)));

describe.each(MODES)('GIVEN in-chat payment with a provider token (%s)', (mode) => {
  it('the bot asks Telegram for pre-checkout queries', () => {
    expect(ALLOWED_UPDATES).toContain('pre_checkout_query');
  });

  it('a normal payment: Pay on the formed card → a private invoice for what Bob owes → checked → recorded, Bob told', async () => {
    await start(mode);
    const card = await formedDeal();
    const withPay = await h!.until(
      () => h!.api.acceptedOf('editMessageText').find((c) => actions(c).includes('i:1')),
      'the card with Pay',
    );
    expect(labels(withPay)).toContain('💳 Pay');
    const invoice = await bobTapsPay(card);
    expect(toChat(invoice, BOB.id)).toBe(true);
    expect(invoice.params).toMatchObject({
      currency: 'CNY',
      provider_token: PROVIDER.kind === 'provider' ? PROVIDER.providerToken : '',
      prices: [{ label: 'Order #1', amount: 4500 }],
      title: '#1 Peaches',
    });
    expect(Buffer.byteLength(String(invoice.params.payload))).toBeLessThanOrEqual(128);
    await h!.until(() => /invoice/.test(String(toast())), 'the toast');
    expect(toast()).toBe('💳 The invoice for #1 (¥45.00) is in your private chat with me: tap Pay there.');

    const check = await bobChecksOut(invoice);
    expect(h!.api.payments.checks.get(check)?.answer).toEqual({ ok: true });
    const answered = h!.api.acceptedOf('answerPreCheckoutQuery')[0]!;
    expect(answered.at - h!.api.payments.checks.get(check)!.at).toBeLessThan(10_000);

    h!.api.completePayment(check);
    await h!.until(() => saidTo(BOB.id, /Payment received/).length > 0, 'Bob told');
    expect(saidTo(BOB.id, /Payment received/)[0]!.params.text).toBe(
      '✓ Payment received: ¥45.00 for #1 Peaches. Thank you!',
    );
    expect(bobMoney()).toEqual([expect.objectContaining({ state: 'paid', paidCents: 4500, owedCents: 0 })]);
    // The card counts him paid (a count, nobody named).
    const counted = await h!.until(
      () =>
        h!.api
          .acceptedOf('editMessageText')
          .find((c) => toChat(c, CHAT_ID) && /\nPaid: 1 of 1 buyer\n/.test(String(c.params.text))),
      'the card counting Bob paid',
    );
    expect(String(counted.params.text)).toMatch(/^🛒 #1 Peaches/);
    const payments = [...h!.store.tables.payments.values()];
    expect(payments).toEqual([
      expect.objectContaining({
        cents: 4500,
        method: 'telegram',
        chargeId: 'tg-charge-1',
        userId: String(BOB.id),
      }),
    ]);
    // Nothing to tell the admins: it matched.
    await h!.settle();
    expect(saidTo(CHAT_ID, /Admins:/)).toHaveLength(0);
  });

  it('a repeated successful_payment update pays nothing twice and says nothing twice', async () => {
    await start(mode);
    const card = await formedDeal();
    const check = await bobChecksOut(await bobTapsPay(card));
    const paid = h!.api.completePayment(check);
    await h!.until(() => saidTo(BOB.id, /Payment received/).length > 0, 'Bob told');
    // Telegram sends it again (a redelivery after a restart carries the same message).
    await redeliver(paid, 'payment_done', 2);
    expect(h!.store.tables.payments.size).toBe(1);
    expect(bobMoney()[0]).toMatchObject({ state: 'paid', paidCents: 4500, refundDueCents: 0 });
    expect(saidTo(BOB.id, /Payment received/)).toHaveLength(1);
  });

  it('a late payment (deal cancelled after the check) is still recorded: a refund is due, Bob and the admins are told', async () => {
    await start(mode);
    const card = await formedDeal();
    const check = await bobChecksOut(await bobTapsPay(card));
    h!.api.push(updates.message(textMessage(ALICE, '/deal cancel #1')));
    await h!.until(() => h!.store.tables.deals.get(DEAL_ID)?.status === 'cancelled', 'the deal cancelled');
    h!.api.completePayment(check);
    await h!.until(() => saidTo(BOB.id, /did not go ahead/).length > 0, 'Bob told');
    expect(saidTo(BOB.id, /did not go ahead/)[0]!.params.text).toBe(
      'Payment of ¥45.00 received for #1, but the deal did not go ahead: the organiser owes you a refund of ¥45.00.',
    );
    expect(bobMoney()[0]).toMatchObject({ state: 'refund_due', paidCents: 4500, refundDueCents: 4500 });
    const admins = await h!.until(() => saidTo(CHAT_ID, /^Admins:/)[0], 'the admins told');
    expect(admins.params.text).toMatch(/^Admins: Bob paid ¥45\.00 in the chat for #1 after the deal stopped/);
  });

  it('a mismatched amount (Bob ordered one more after the check) is recorded; the rest still owing; the admins told', async () => {
    await start(mode);
    const card = await formedDeal();
    const check = await bobChecksOut(await bobTapsPay(card));
    h!.api.push(tap(BOB, card, 'o:1'));
    await h!.until(() => bobLines()[0]?.qty === 2, 'Bob holds ×2');
    h!.api.completePayment(check);
    await h!.until(() => saidTo(BOB.id, /still to pay/).length > 0, 'Bob told');
    expect(saidTo(BOB.id, /still to pay/)[0]!.params.text).toBe(
      'Payment of ¥45.00 received for #1; ¥45.00 is still to pay.',
    );
    expect(bobMoney()[0]).toMatchObject({ state: 'owing', paidCents: 4500, owedCents: 4500 });
    const admins = await h!.until(() => saidTo(CHAT_ID, /^Admins:/)[0], 'the admins told');
    expect(admins.params.text).toBe(
      'Admins: Bob paid ¥45.00 in the chat for #1, less than owed: ¥45.00 is still owing.',
    );
  });

  it('the check is refused, with the reason, when the amount changed since the invoice; nothing is paid', async () => {
    await start(mode);
    const card = await formedDeal();
    const invoice = await bobTapsPay(card);
    h!.api.push(tap(BOB, card, 'o:1'));
    await h!.until(() => bobLines()[0]?.qty === 2, 'Bob holds ×2');
    const check = await bobChecksOut(invoice);
    expect(h!.api.payments.checks.get(check)?.answer).toEqual({
      ok: false,
      error_message:
        'What you owe for #1 changed: it is ¥90.00 now. Nothing was charged; tap Pay again for a new invoice.',
    });
    // Telegram completes no payment it was told to refuse.
    expect(() => h!.api.completePayment(check)).toThrow(/not approved/);
    expect(h!.store.tables.payments.size).toBe(0);
    // A new tap asks for the new amount.
    const again = await bobTapsPay(card);
    expect(again.params.prices).toEqual([{ label: 'Order #1', amount: 9000 }]);
  });

  it('a redelivered pre-checkout query is answered once (Telegram takes one answer)', async () => {
    await start(mode);
    const card = await formedDeal();
    const invoice = await bobTapsPay(card);
    const { id, update } = h!.api.payments.checkout(BOB, invoice, privateChat(BOB));
    await redeliver(update, 'payment_check', 2);
    expect(h!.api.callsOf('answerPreCheckoutQuery').map((c) => c.params.pre_checkout_query_id)).toEqual([id]);
    expect(h!.api.payments.checks.get(id)?.answer).toEqual({ ok: true });
  });

  it('in a Chinese group the invoice, the answer and the refusal are in Chinese', async () => {
    await start(mode);
    h!.api.push(updates.message(textMessage(ALICE, '/lang zh')));
    await h!.until(() => h!.store.tables.communities.get(`telegram:${CHAT_ID}`)?.locale === 'zh', 'zh');
    const card = await formedDeal();
    const invoice = await bobTapsPay(card);
    expect(invoice.params).toMatchObject({
      title: '#1 Peaches',
      prices: [{ label: '订单 #1', amount: 4500 }],
    });
    await h!.until(() => /账单/.test(String(toast())), 'the toast');
    expect(toast()).toBe('💳 #1 的账单（¥45.00）已私聊发给你，请在私聊中点「支付」。');
    h!.api.push(tap(BOB, card, 'o:1'));
    await h!.until(() => bobLines()[0]?.qty === 2, 'Bob holds ×2');
    const check = await bobChecksOut(invoice);
    expect(h!.api.payments.checks.get(check)?.answer).toEqual({
      ok: false,
      error_message: '你在 #1 的应付金额已变为 ¥90.00，未扣款。请再点一次付款获取新账单。',
    });
  });

  it("someone else paying Bob's invoice is refused in the group's language", async () => {
    await start(mode);
    const card = await formedDeal();
    const invoice = await bobTapsPay(card);
    const check = await bobChecksOut(invoice, CAROL);
    expect(h!.api.payments.checks.get(check)?.answer).toEqual({
      ok: false,
      error_message: 'This invoice is for Bob; only they can pay it. Nothing was charged.',
    });
  });

  it('a member who never opened a private chat gets the invoice in the group; paid there, it is recorded', async () => {
    await start(mode);
    const card = await formedDeal({ bobOpened: false });
    const invoice = await bobTapsPay(card);
    expect(toChat(invoice, CHAT_ID)).toBe(true);
    await h!.until(() => /invoice/.test(String(toast())), 'the toast');
    expect(toast()).toBe(
      '💳 I cannot write to you privately, so the invoice for #1 (¥45.00) is in the group. Only you can pay it.',
    );
    // Refused privately (Bob never opened the bot), then sent in the group (after its pacing).
    expect(h!.api.refusals.find((r) => r.method === 'sendInvoice')?.error_code).toBe(403);
    const check = await bobChecksOut(invoice);
    h!.api.completePayment(check);
    await h!.until(() => saidTo(CHAT_ID, /Payment received/).length > 0, 'Bob told in the group');
    expect(bobMoney()[0]).toMatchObject({ state: 'paid', paidCents: 4500 });
  });

  it("Bob's /myorders in private carries a Pay button with what he owes; a tap there sends the invoice", async () => {
    await start(mode);
    await formedDeal();
    h!.api.push(updates.message(textMessage(BOB, '/myorders', { chat: privateChat(BOB) })));
    const answer = await h!.until(
      () => h!.api.acceptedOf('sendMessage').find((c) => toChat(c, BOB.id) && actions(c).includes('i:1')),
      'the order list with Pay',
    );
    expect(labels(answer)).toEqual(['💳 Pay #1 ¥45.00']);
    h!.api.push(tap(BOB, 1, 'i:1', privateChat(BOB)));
    const invoice = await h!.until(() => h!.api.acceptedOf('sendInvoice')[0], 'the invoice');
    expect(toChat(invoice, BOB.id)).toBe(true);
    expect(invoice.params.prices).toEqual([{ label: 'Order #1', amount: 4500 }]);
  });

  it('nothing to pay: a second tap after paying sends no invoice', async () => {
    await start(mode);
    const card = await formedDeal();
    const check = await bobChecksOut(await bobTapsPay(card));
    h!.api.completePayment(check);
    await h!.until(() => bobMoney()[0]?.state === 'paid', 'paid');
    h!.api.push(tap(BOB, card, 'i:1'));
    await h!.until(() => toast() === 'You owe nothing in #1.', 'the toast');
    expect(h!.api.acceptedOf('sendInvoice')).toHaveLength(1);
  });
});

describe.each(MODES)('GIVEN Telegram Stars at ¥0.10 a Star (%s)', (mode) => {
  it('the invoice asks whole Stars (XTR, no provider token), and paying it settles exactly what was owed', async () => {
    await start(mode, { kind: 'stars', centsPerStar: 10 });
    h!.api.push(updates.message(textMessage(BOB, '/start', { chat: privateChat(BOB) })));
    h!.api.push(updates.message(textMessage(ALICE, '/deal new "Plums" price=12.34 min=1 ends=48h')));
    const card = await cardId();
    h!.api.push(tap(BOB, card, 'o:1'));
    await h!.until(() => h!.store.tables.deals.get(DEAL_ID)?.status === 'succeeded', 'formed');
    const invoice = await bobTapsPay(card);
    // ¥12.34 at ¥0.10 a Star: 123.4, rounded up to 124 Stars.
    expect(invoice.params).toMatchObject({ currency: 'XTR', provider_token: '', prices: [{ amount: 124 }] });
    await h!.until(() => /invoice/.test(String(toast())), 'the toast');
    expect(toast()).toMatch(/\(¥12\.34 \(124 ⭐\)\)/);
    h!.api.completePayment(await bobChecksOut(invoice));
    await h!.until(() => bobMoney()[0]?.state === 'paid', 'paid');
    // Not ¥12.40: the rounding up owes nobody anything back.
    expect(bobMoney()[0]).toMatchObject({ paidCents: 1234, refundDueCents: 0 });
  });
});

describe('GIVEN no payment setting', () => {
  it('the formed card has no Pay button, and a stale Pay tap sends no invoice', async () => {
    await start('polling', null);
    const card = await formedDeal();
    await h!.settle();
    const keyboards = [...h!.api.acceptedOf('sendMessage'), ...h!.api.acceptedOf('editMessageText')];
    expect(keyboards.flatMap(actions)).not.toContain('i:1');
    h!.api.push(tap(BOB, card, 'i:1'));
    await h!.until(() => /not available/.test(String(toast())), 'the toast');
    expect(h!.api.callsOf('sendInvoice')).toHaveLength(0);
  });
});
