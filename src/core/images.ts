import { mkdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { filetypeinfo } from 'magic-bytes.js';
import { type Adapter, ImageTooLargeError } from './adapter.js';
import { writeFileDurably } from './durable-write.js';
import type { BotEvent, ImageRef } from './events.js';

/**
 * Pictures members send (a payment code, a payment screenshot), the same on every platform: the
 * adapter only fetches the bytes (Adapter.readImage); here they are checked to be a picture and
 * written owner-only, so no platform can let a non-image or an oversized file onto the disk.
 */

/** The largest picture the bot keeps, in bytes (10 MB: a phone screenshot is well under 1 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The picture types the bot keeps: what every platform can show again. */
export type ImageType = 'jpeg' | 'png' | 'webp';

const EXTENSION: Record<ImageType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
const BY_MIME: Record<string, ImageType> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/** Owner-only folders: the files in them are members' payment details. */
const DIR_MODE = 0o700;

/** What became of a picture: kept (absolute path), or why not. */
export type ImageSave =
  | { kind: 'saved'; path: string; type: ImageType; bytes: number }
  /** Not a jpeg, png or webp (a PDF, a GIF, a video), by what the platform declared or by its bytes. */
  | { kind: 'not_image' }
  | { kind: 'too_large'; limitBytes: number }
  /** The platform could not hand it over (gone, network), or this adapter cannot fetch pictures. */
  | { kind: 'unavailable'; error?: unknown };

/** The pictures a message carries; none for any other event. */
export function imagesOf(event: BotEvent): ImageRef[] {
  return event.type === 'message' ? (event.images ?? []) : [];
}

/** Events whose pictures a handler took (kept them, or answered why not). */
const taken = new WeakSet<BotEvent>();

/**
 * The pictures a message carries, taken by the caller (`/pay setup` keeps its payment code): the
 * router then offers them to no picture handler after the command (see Feature.onImage).
 */
export function takeImages(event: BotEvent): ImageRef[] {
  taken.add(event);
  return imagesOf(event);
}

/** Whether a handler took the event's pictures (takeImages, or a picture handler that returned true). */
export function imagesTaken(event: BotEvent): boolean {
  return taken.has(event);
}

/** The picture type of these bytes (by their signature), or undefined when they are no jpeg, png or webp. */
export function imageType(bytes: Uint8Array): ImageType | undefined {
  for (const guess of filetypeinfo(bytes.subarray(0, 64))) {
    const type = guess.mime ? BY_MIME[guess.mime] : undefined;
    if (type) return type;
  }
  return undefined;
}

/** A refusal the platform's own description of the file already decides, before fetching it. */
function refusedUnseen(image: ImageRef, maxBytes: number): ImageSave | undefined {
  // A generic type says nothing (a file sent as a document); the bytes decide then.
  if (image.mime && image.mime !== 'application/octet-stream' && !BY_MIME[image.mime.toLowerCase()])
    return { kind: 'not_image' };
  if (image.bytes !== undefined && image.bytes > maxBytes) return { kind: 'too_large', limitBytes: maxBytes };
  return undefined;
}

/**
 * Fetches `image` through the adapter, checks it is a jpeg, png or webp of at most `maxBytes`, and
 * writes it to `base` + its extension (`.jpg`, `.png`, `.webp`) durably, owner-only (0600), creating
 * its folders owner-only (0700). Nothing is written for a refusal. Never rejects for the picture's
 * sake; a failing disk rejects (the caller's handler answers that the save failed).
 */
export async function saveImage(
  adapter: Adapter,
  image: ImageRef,
  base: string,
  maxBytes = MAX_IMAGE_BYTES,
): Promise<ImageSave> {
  const refused = refusedUnseen(image, maxBytes);
  if (refused) return refused;
  if (!adapter.readImage) return { kind: 'unavailable' };
  let bytes: Uint8Array;
  try {
    bytes = await adapter.readImage(image, maxBytes);
  } catch (error) {
    if (error instanceof ImageTooLargeError) return { kind: 'too_large', limitBytes: maxBytes };
    return { kind: 'unavailable', error };
  }
  // An adapter that read past the limit (or a platform that lied about the size) is held to it here.
  if (bytes.length > maxBytes) return { kind: 'too_large', limitBytes: maxBytes };
  const type = imageType(bytes);
  if (!type) return { kind: 'not_image' };
  const path = `${base}.${EXTENSION[type]}`;
  await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
  await writeFileDurably(path, bytes);
  return { kind: 'saved', path, type, bytes: bytes.length };
}

/** Deletes a kept picture; one already gone counts as deleted. */
export async function removeImage(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
