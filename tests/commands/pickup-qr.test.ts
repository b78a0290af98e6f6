import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePickupQr } from '../../commands/pickup-qr.js';
import type { Order } from '../../src/store/schema.js';

/** The QR image of a pickup code: a PNG a phone shows at the point, which scans back to the code. */

const order = (pickupCode?: string) =>
  ({ id: 'memory:g#1/alice', communityId: 'memory:g', ...(pickupCode ? { pickupCode } : {}) }) as Order;

describe('a pickup code as a QR image', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-qr-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is a PNG under exports/, readable by the bot only, that scans as the code', async () => {
    const path = await writePickupQr(dir, order('K7M4QX'), new Date('2026-11-25T08:00:00Z'));
    expect(path.startsWith(join(dir, 'exports'))).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const png = PNG.sync.read(await readFile(path));
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned?.data).toBe('K7M4QX');
  });

  it('a line without a code has no image', async () => {
    await expect(writePickupQr(dir, order(), new Date())).rejects.toThrow(/no pickup code/);
  });
});
