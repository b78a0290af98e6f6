import type { Wechaty } from 'wechaty';
import { DeliveryError, ImageTooLargeError } from '../../src/core/adapter.js';
import { toDeliveryError } from './errors.js';

/**
 * The file of a picture (or attachment) message a member sent, by the message's id: wechaty finds
 * the message, its FileBox (toFileBox) is read as a stream and cut off past `maxBytes` (a FileBox
 * that knows its size is refused before reading). Rejects with ImageTooLargeError, or DeliveryError
 * (not logged in, the message or its file gone from the puppet).
 */
export async function readMessageFile(
  wechaty: Wechaty | undefined,
  messageId: string,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!wechaty?.isLoggedIn) throw new DeliveryError('wechat: not logged in (yet)', true);
  let stream: NodeJS.ReadableStream;
  try {
    const message = await wechaty.Message.find({ id: messageId });
    if (!message) throw new DeliveryError(`wechat: message ${messageId} is gone`, false);
    const box = await message.toFileBox();
    // -1: the box does not know its size; the stream's length decides then.
    if (box.size > maxBytes) throw new ImageTooLargeError(maxBytes, box.size);
    stream = await box.toStream();
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
