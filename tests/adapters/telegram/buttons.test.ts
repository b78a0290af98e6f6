import type { Update, User } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { ALLOWED_UPDATES } from '../../../adapters/telegram/polling.js';
import type { ApiCall } from './fake-bot-api.js';
import { ALICE, BOB, GROUP, textMessage, updates } from './fixtures.js';
import { MODES, type Mode, startHarness, type TelegramHarness } from './harness.js';

/** The deal card's inline keyboard through the real adapter and a fake Bot API. */

const CHAT_ID = String(GROUP.id);
type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let queries = 0;
/** A member taps the button with callback_data `data` under message `messageId` (a callback_query update). */
function tap(from: User, messageId: number, data: string): Omit<Update.CallbackQueryUpdate, 'update_id'> {
  return {
    callback_query: {
      id: `q${++queries}`,
      from,
      chat_instance: 'ci-1',
      data,
      message: { message_id: messageId, date: 1_764_057_600, chat: GROUP, text: 'card' } as never,
    },
  };
}

const keyboardOf = (call: ApiCall | undefined) => call?.params.reply_markup as Keyboard | undefined;
const labels = (call: ApiCall | undefined) =>
  keyboardOf(call)?.inline_keyboard.map((r) => r.map((b) => b.text));
const action = (call: ApiCall | undefined, label: string) =>
  keyboardOf(call)!
    .inline_keyboard.flat()
    .find((b) => b.text === label)!.callback_data;

/** Opens a deal with options as the group's owner and returns the card's sendMessage call. */
async function openDeal(mode: Mode): Promise<ApiCall> {
  h = await startHarness(
    (api) => api.admins.set(CHAT_ID, [{ id: ALICE.id, name: 'Alice', status: 'creator' }]),
    { mode },
  );
  h.api.push(updates.message(textMessage(ALICE, '/deal new "Peaches" price=20 options="S,L:30:1" ends=48h')));
  return h.until(
    () => h!.api.acceptedOf('sendMessage').find((c) => String(c.params.text).startsWith('🛒 #1')),
    'the deal card',
  );
}

describe.each(MODES)('GIVEN a deal card in a Telegram group (%s)', (mode) => {
  it('the bot asks Telegram for callback queries', () => {
    expect(ALLOWED_UPDATES).toContain('callback_query');
  });

  it('the card is sent with an inline keyboard: +1 per option, Withdraw and My order', async () => {
    const card = await openDeal(mode);
    expect(labels(card)).toEqual([
      ['+1 S', '+1 L'],
      ['Withdraw', 'My order'],
    ]);
  });

  it('a tap is answered with a toast, the card is edited with its keyboard still there, and nothing is posted', async () => {
    const card = await openDeal(mode);
    const messageId = (await h!.until(
      () => h!.store.tables.deals.get(`telegram:${CHAT_ID}#1`)?.rosterMessageId,
    ))!;
    const sentBefore = h!.api.callsOf('sendMessage').length;
    h!.api.push(tap(BOB, Number(messageId), action(card, '+1 S')));
    const toast = await h!.until(() => h!.api.acceptedOf('answerCallbackQuery')[0], 'the toast');
    expect(toast.params).toMatchObject({
      callback_query_id: `q${queries}`,
      text: '✓ #1 Peaches: you have ×1 S',
    });
    const edit = await h!.until(
      () => h!.api.acceptedOf('editMessageText').find((c) => String(c.params.text).includes('Bob ×1 S')),
      'the card edit',
    );
    expect(String(edit.params.message_id)).toBe(messageId);
    // The deal formed with that order (min 1): the card offers "I paid" too.
    expect(labels(edit)).toEqual([
      ['+1 S', '+1 L'],
      ['Withdraw', 'My order', 'I paid'],
    ]);
    await h!.settle();
    expect(h!.api.callsOf('sendMessage')).toHaveLength(sentBefore);
  });

  it('a sold-out option is told in the toast, and a tap on a closed deal changes nothing', async () => {
    const card = await openDeal(mode);
    const messageId = Number(h!.store.tables.deals.get(`telegram:${CHAT_ID}#1`)?.rosterMessageId);
    h!.api.push(tap(BOB, messageId, action(card, '+1 L')));
    h!.api.push(tap(ALICE, messageId, action(card, '+1 L')));
    await h!.until(() => h!.api.acceptedOf('answerCallbackQuery').length === 2, 'two toasts');
    expect(h!.api.acceptedOf('answerCallbackQuery').map((c) => c.params.text)).toEqual([
      '✓ #1 Peaches: you have ×1 L',
      '✗ Alice Wang: L sold out — you are 1st on the waitlist (×1 L); you will be told privately if it frees up',
    ]);
    h!.api.push(updates.message(textMessage(ALICE, '/deal close #1')));
    // The closed card keeps only its money buttons.
    const closed = await h!.until(
      () =>
        h!.api
          .acceptedOf('editMessageText')
          .find((c) => JSON.stringify(labels(c)) === JSON.stringify([['My order', 'I paid']])),
      'the card edited with only My order and I paid',
    );
    expect(String(closed.params.text)).toMatch(/^🛒 #1 Peaches/);
    const orders = JSON.stringify([...h!.store.tables.orders.values()]);
    h!.api.push(tap(BOB, messageId, action(card, '+1 S')));
    await h!.until(() => h!.api.acceptedOf('answerCallbackQuery').length === 3, 'the third toast');
    expect(h!.api.acceptedOf('answerCallbackQuery')[2]!.params.text).toBe('✗ Bob: the deal is closed');
    expect(JSON.stringify([...h!.store.tables.orders.values()])).toBe(orders);
  });
});
