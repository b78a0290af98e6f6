import type { CallbackQuery, InlineKeyboardMarkup } from 'telegraf/types';
import type { ButtonRows } from '../../src/core/adapter.js';
import type { ButtonEvent } from '../../src/core/events.js';
import { chatRef, userRef } from './normalize.js';

/** Telegram shows at most 8 buttons in a row of an inline keyboard. */
const PER_ROW = 8;
/** callback_data is 1–64 bytes; longer is refused (BUTTON_DATA_INVALID). */
const MAX_DATA_BYTES = 64;
/** answerCallbackQuery's text is 0–200 characters. */
export const MAX_TOAST = 200;

/**
 * Rows of buttons as an inline keyboard: at most 8 a row (the rest of a row is dropped), and a
 * button whose action is over 64 bytes left out rather than the whole message refused.
 */
export function inlineKeyboard(rows: ButtonRows): InlineKeyboardMarkup {
  const inline_keyboard = rows
    .map((row) =>
      row
        .filter((b) => Buffer.byteLength(b.action, 'utf8') <= MAX_DATA_BYTES && b.action.length > 0)
        .slice(0, PER_ROW)
        .map((b) => ({ text: b.label, callback_data: b.action })),
    )
    .filter((row) => row.length > 0);
  return { inline_keyboard };
}

/** A toast Telegram takes: cut to 200 characters. */
export function toastText(text: string): string {
  const chars = [...text];
  return chars.length > MAX_TOAST ? `${chars.slice(0, MAX_TOAST - 1).join('')}…` : text;
}

/**
 * A tap on an inline keyboard button under one of the bot's messages → a ButtonEvent. Undefined for
 * what is not one (a game button, a message sent in inline mode, a chat the bot does not serve);
 * the adapter still answers those, or the member's client shows a spinner until it times out.
 * The sender's role is not looked up: what a tap does is the same for every member.
 */
export function normalizeCallback(query: CallbackQuery): ButtonEvent | undefined {
  if (!('data' in query) || !query.message) return undefined;
  const chat = chatRef(query.message.chat);
  if (!chat) return undefined;
  return {
    type: 'button',
    // A redelivered update carries the same query id.
    id: `cb:${query.id}`,
    chat,
    sender: userRef(query.from),
    messageId: String(query.message.message_id),
    action: query.data,
    interactionId: query.id,
  };
}
