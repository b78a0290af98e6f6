import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DeliveryError, ImageTooLargeError } from '../src/core/adapter.js';

/**
 * Fetches a file a member sent from where the platform keeps it (a Telegram file URL, a Discord
 * attachment URL), at most `maxBytes` of it: a larger one is refused by its declared length, or
 * cut off as soon as more arrives, so a huge file is never read whole. A `file:` URL (a local Bot
 * API server hands out paths on its own disk) is read from the disk the same way.
 */
export async function downloadLimited(url: URL | string, maxBytes: number): Promise<Uint8Array> {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (target.protocol === 'file:') return readLimited(fileURLToPath(target), maxBytes);
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new DeliveryError(`download failed: ${(error as Error).message}`, true);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DeliveryError(`download refused: HTTP ${response.status}`, response.status >= 500);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ImageTooLargeError(maxBytes, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body)
    for await (const chunk of response.body) {
      size += chunk.length;
      // Leaving the loop cancels the stream: the rest is never downloaded.
      if (size > maxBytes) throw new ImageTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  return Buffer.concat(chunks, size);
}

/** A local file, at most maxBytes of it (see downloadLimited). */
async function readLimited(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new DeliveryError(`cannot open ${path}: ${(error as Error).message}`, false);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new ImageTooLargeError(maxBytes, size);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
