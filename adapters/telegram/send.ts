import type { Telegram } from 'telegraf';
import type { Origin, Outgoing } from '../../src/core/adapter.js';
import { type Clock, pause } from '../../src/core/clock.js';
import { splitText } from '../../src/core/split-text.js';
import { inlineKeyboard } from './buttons.js';

/** Telegram's limit on one text message. */
export const MAX_TEXT = 4096;

/** How far a multi-part send got: parts already posted are not posted again on a retry. */
export interface SendProgress {
  sentParts: number;
  firstMessageId?: number;
}

/** Where a message goes in its chat: `message_thread_id` and `reply_parameters` for sendMessage/sendPhoto/sendDocument. */
export interface Placement {
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply: true };
}

/**
 * Where an answer goes: into the forum topic of `origin.threadId`, and as a reply to the message it
 * answers (`origin.messageId`, else `out.replyTo`). `reply` false: the topic only (later parts of a
 * long text). Ids that are not Telegram message ids (a callback query's) are left out, never guessed.
 */
export function placement(origin: Origin | undefined, replyTo: string | undefined, reply = true): Placement {
  const thread = origin?.threadId !== undefined ? Number(origin.threadId) : undefined;
  const answered = origin?.messageId ?? replyTo;
  const messageId = reply && answered !== undefined ? Number(rawMessageId(answered)) : undefined;
  return {
    ...(thread !== undefined && Number.isInteger(thread) ? { message_thread_id: thread } : {}),
    ...(messageId !== undefined && Number.isInteger(messageId)
      ? // The original may be deleted by the time we answer; send anyway.
        { reply_parameters: { message_id: messageId, allow_sending_without_reply: true as const } }
      : {}),
  };
}

/** How many messages a text takes on Telegram (4,096 characters each): the outbox counts each one. */
export function textParts(text: string): number {
  return splitText(text, MAX_TEXT).length;
}

/**
 * Sends a text, in parts if it is too long; returns the first part's id (a live message edits it).
 * Every part goes to the origin's topic; the first one replies to the message it answers. Parts
 * are spaced by `gapMs` (Telegram takes about one message a second in a chat: back to back, the
 * third part of a long /help came back 429). The outbox retries a failed send with the same
 * Outgoing object, so progress is kept per object and a retry sends only the parts still missing.
 */
export async function sendText(
  telegram: Telegram,
  chatId: string,
  out: Extract<Outgoing, { kind: 'text' }>,
  progressOf: WeakMap<Outgoing, SendProgress>,
  origin: Origin | undefined,
  spacing: { clock: Pick<Clock, 'setTimer'> | undefined; gapMs: number },
): Promise<{ messageId: string }> {
  const parts = splitText(out.text, MAX_TEXT);
  const progress = progressOf.get(out) ?? { sentParts: 0 };
  progressOf.set(out, progress);
  const from = progress.sentParts;
  for (let i = from; i < parts.length; i++) {
    if (i > from) await pause(spacing.clock, spacing.gapMs);
    // The keyboard goes under the first part: the one a live message edits (with its keyboard).
    const keyboard = i === 0 && out.buttons?.length ? { reply_markup: inlineKeyboard(out.buttons) } : {};
    const sent = await telegram.sendMessage(chatId, parts[i]!, {
      ...placement(origin, out.replyTo, i === 0),
      ...keyboard,
    });
    progress.firstMessageId ??= sent.message_id;
    progress.sentParts = i + 1;
  }
  progressOf.delete(out);
  return { messageId: String(progress.firstMessageId) };
}

/** Message ids the core hands back are the ones send returned, or `chat:message` event ids. */
export function rawMessageId(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}
