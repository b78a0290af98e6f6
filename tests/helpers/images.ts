/**
 * Bytes that are (or are not) pictures, as members send them: each starts with its format's real
 * signature and is padded to the size asked for, which is all the bot looks at.
 */

function padded(head: number[] | string, size: number): Uint8Array {
  const start = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  const bytes = new Uint8Array(Math.max(size, start.length));
  bytes.set(start);
  return bytes;
}

/** A PNG of `size` bytes (signature and IHDR chunk type). */
export function png(size = 2_000): Uint8Array {
  return padded([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], size);
}

/** A JPEG of `size` bytes (SOI and a JFIF APP0 marker). */
export function jpeg(size = 2_000): Uint8Array {
  return padded([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00], size);
}

/** A WebP of `size` bytes (RIFF header naming WEBP). */
export function webp(size = 2_000): Uint8Array {
  return padded('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', size);
}

/** A PDF: a file members send that is no picture. */
export function pdf(size = 2_000): Uint8Array {
  return padded('%PDF-1.7\n', size);
}

/** A GIF: a picture, but not one the bot keeps. */
export function gif(size = 2_000): Uint8Array {
  return padded('GIF89a', size);
}

export const MB = 1024 * 1024;
