import type { Wechaty } from 'wechaty';
import { DeliveryError, ImageTooLargeError } from '../../src/core/adapter.js';
import { toDeliveryError } from './errors.js';

/**
 * The file of a picture (or attachment) message a member sent, by the message's id: wechaty finds
 * the message, its FileBox (toFileBox) is read as a stream and cut off past `maxBytes` (a FileBox
 * that knows its size is refused before reading). Rejects with ImageTooLargeError, or DeliveryError
 * (not logged in, the message or its file gone from the puppet, or not whole within 30 s).
 */
export async function readMessageFile(
  wechaty: Wechaty | undefined,
  messageId: string,
  maxBytes: number,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<Uint8Array> {
  if (!wechaty?.isLoggedIn) throw new DeliveryError('wechat: not logged in (yet)', true);
  // As Telegram's and Discord's downloads (adapters/download.ts): a file that never comes is given
  // up on, never leaving the picture (and the admin's photo work after it) waiting for ever.
  let timer: NodeJS.Timeout | undefined;
  let stream: NodeJS.ReadableStream | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      (stream as { destroy?: () => void } | undefined)?.destroy?.();
      reject(new DeliveryError(`wechat: file of message ${messageId} timed out`, true));
    }, timeoutMs);
  });
  try {
    return await Promise.race([read(wechaty, messageId, maxBytes, (s) => (stream = s)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a picture's file may take to arrive whole. */
const READ_TIMEOUT_MS = 30_000;

async function read(
  wechaty: Wechaty,
  messageId: string,
  maxBytes: number,
  opened: (stream: NodeJS.ReadableStream) => void,
): Promise<Uint8Array> {
  let stream: NodeJS.ReadableStream;
  try {
    const message = await wechaty.Message.find({ id: messageId });
    if (!message) throw new DeliveryError(`wechat: message ${messageId} is gone`, false);
    const box = await message.toFileBox();
    // -1: the box does not know its size; the stream's length decides then.
    if (box.size > maxBytes) throw new ImageTooLargeError(maxBytes, box.size);
    stream = await box.toStream();
    opened(stream);
  } catch (error) {
    if (error instanceof ImageTooLargeError) throw error;
    throw toDeliveryError(error, `file of message ${messageId}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop destroys the stream: the rest is never read.
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw new ImageTooLargeError(maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
