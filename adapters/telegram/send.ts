import type { Telegram } from 'telegraf';
import type { Outgoing } from '../../src/core/adapter.js';

/** Telegram's limit on one text message. */
export const MAX_TEXT = 4096;

/** How far a multi-part send got: parts already posted are not posted again on a retry. */
export interface SendProgress {
  sentParts: number;
  firstMessageId?: number;
}

/** Splits a long text into parts Telegram accepts, at line breaks where possible. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * Sends a text, in parts if it is too long; returns the first part's id (a live message edits it).
 * The outbox retries a failed send with the same Outgoing object, so progress is kept per object.
 */
export async function sendText(
  telegram: Telegram,
  chatId: string,
  out: Extract<Outgoing, { kind: 'text' }>,
  progressOf: WeakMap<Outgoing, SendProgress>,
): Promise<{ messageId: string }> {
  const parts = splitText(out.text);
  const progress = progressOf.get(out) ?? { sentParts: 0 };
  progressOf.set(out, progress);
  const replyTo = out.replyTo ? Number(rawMessageId(out.replyTo)) : undefined;
  for (let i = progress.sentParts; i < parts.length; i++) {
    const extra =
      i === 0 && replyTo !== undefined && Number.isInteger(replyTo)
        ? // The original may be deleted by the time we answer; send anyway.
          { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
        : {};
    const sent = await telegram.sendMessage(chatId, parts[i]!, extra);
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
