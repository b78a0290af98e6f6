import { writeExport } from '../src/store/exports.js';
import type { Order } from '../src/store/schema.js';

/**
 * A pickup code as a QR image, for platforms that show images: sent with the private arrival
 * notice, so the member shows their phone at the point and the keeper scans or reads the code
 * printed under it in the caption. The image holds the code only (no name, no deal): a scanner at
 * the point shows the same six characters `/verify` takes.
 */

/** Pixels per QR module: a 6-character code is a 21×21 matrix, so with the margin about 200 px wide. */
const SCALE = 8;

/**
 * Writes the QR image of a line's pickup code (PNG) owner-only under DATA_DIR/exports/ and returns
 * its path; like every export it is deleted once sent and older than `exports.keep`. Throws when
 * the line has no code yet (codes are given on arrival: assignPickupCodes).
 */
export async function writePickupQr(dataDir: string, order: Order, now: Date): Promise<string> {
  const code = order.pickupCode;
  if (!code) throw new Error(`order ${order.id} has no pickup code`);
  // Medium error correction: still read from a cracked or dim phone screen at the point.
  // Loaded on first use: a bot that never records an arrival never pays for it (about 6 MB).
  const { default: QRCode } = await import('qrcode');
  const png = await QRCode.toBuffer(code, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: SCALE,
  });
  const name = `pickup-${order.communityId.replace(/[^\w-]/g, '_')}-${code}.png`;
  return writeExport(dataDir, name, png, now);
}
