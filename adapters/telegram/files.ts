import { type Telegram, TelegramError } from 'telegraf';
import { ImageTooLargeError } from '../../src/core/adapter.js';
import { downloadLimited } from '../download.js';
import { toDeliveryError } from './errors.js';

/**
 * The largest file the Bot API hands a bot through getFile (20 MB); a larger one is refused with
 * 400 "file is too big" (FIELD-NOTES: what platforms refuse).
 */
export const GET_FILE_LIMIT = 20 * 1024 * 1024;

/** Telegram's 400 for getFile on a file over GET_FILE_LIMIT. */
function isTooBig(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 400 && /file is too big/i.test(error.description);
}

/**
 * A file a member sent (a photo size's or a document's file_id), at most `maxBytes`: getFile tells
 * its path and size (a file larger than asked is refused before downloading), then it is fetched
 * from the file URL (`<api root>/file/bot<token>/<path>`, or a path on disk from a local Bot API
 * server). Rejects with ImageTooLargeError, or DeliveryError (a file_id Telegram does not know).
 */
export async function readTelegramFile(
  telegram: Telegram,
  fileId: string,
  maxBytes: number,
): Promise<Uint8Array> {
  let file: Awaited<ReturnType<Telegram['getFile']>>;
  try {
    file = await telegram.getFile(fileId);
  } catch (error) {
    if (isTooBig(error)) throw new ImageTooLargeError(maxBytes);
    throw toDeliveryError(error, `getFile ${fileId}`);
  }
  if (file.file_size !== undefined && file.file_size > maxBytes)
    throw new ImageTooLargeError(maxBytes, file.file_size);
  // With file_path known, getFileLink builds the URL without asking Telegram again.
  return downloadLimited(await telegram.getFileLink(file), maxBytes);
}
