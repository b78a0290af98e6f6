import { randomInt } from 'node:crypto';
import type { Deal, Order } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/**
 * Pickup codes (核销码): one per order line, handed out when the line's goods arrive at its point
 * and checked once there (src/services/pickup-verify.ts). A code is drawn from crypto randomness,
 * so no code tells anything about another, and is unique within its community for good (old lines
 * keep theirs), so a code typed at a point names one line.
 */

/**
 * The characters of a code: digits and capital letters without those read or written alike
 * (0/O, 1/I/L), so a code read aloud at the point is typed right. 31 characters.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Characters of a code: 31⁶ ≈ 887 million codes, too many to guess one that is handed out. */
export const CODE_LENGTH = 6;

/** Draws a code. Every character is an unbiased crypto draw (randomInt rejects modulo bias). */
export function randomCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * A code as a keeper types it, in the form codes are stored: `k7m 4qx`, `K7M-4QX` and full-width
 * `Ｋ７Ｍ４ＱＸ` all read `K7M4QX`. Undefined when it cannot be a code (wrong length, 0/O/1/I/L or
 * other characters no code has).
 */
export function readCode(typed: string): string | undefined {
  const code = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '');
  if (code.length !== CODE_LENGTH) return undefined;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : undefined;
}

/** The line holding `code` (as readCode gives it) in a community, if any. */
export function lineOfCode(tables: Tables, communityId: string, code: string): Order | undefined {
  return tables.orders.by('pickupCode', `${communityId}|${code}`)[0];
}

/**
 * The lines of a deal at a pickup point: `pointId` a PickupPoint id, or '' for lines with no point
 * (a community without points, lines from before points existed). Withdrawn lines included.
 */
export function linesAtPoint(tables: Tables, deal: Deal, pointId: string): Order[] {
  return tables.orders
    .by('deal', deal.id)
    .filter((o) => (o.pointId ?? '') === pointId)
    .sort((a, b) => a.line - b.line);
}

/** Gives a line that has no pickup code a fresh one (`draw` as for assignPickupCodes); the line as stored. */
export function giveCode(tx: Tx, order: Order, draw: () => string = randomCode): Order {
  if (order.pickupCode) return order;
  return tx.put('orders', { ...order, pickupCode: freshCode(tx.tables, order.communityId, draw) });
}

/** Draws until a code no line of the community has; a collision is one in ~887 million per line. */
function freshCode(tables: Tables, communityId: string, draw: () => string): string {
  for (let tries = 0; tries < 100; tries++) {
    const code = draw();
    if (!lineOfCode(tables, communityId, code)) return code;
  }
  throw new Error('no free pickup code after 100 draws');
}

/**
 * Gives every active line of the deal at a point (`pointId`, '' for lines with no point) that is
 * not picked up yet a pickup code if it has none, and returns those lines (each with its code), in
 * roster order: the buyers to tell that their goods arrived. A line keeps its code when arrival is
 * recorded again. `draw` makes a code (tests give a fixed sequence); `_now` is the agreed signature's
 * moment of arrival, unused: a code is valid from when it is given until the line is picked up.
 * `held`: options ('' without options) held back short (src/services/held-goods.ts): no code yet.
 */
export function assignPickupCodes(
  tx: Tx,
  deal: Deal,
  pointId: string,
  _now: Date,
  draw: () => string = randomCode,
  held: readonly string[] = [],
): Order[] {
  const waiting = linesAtPoint(tx.tables, deal, pointId).filter(
    (o) => o.status === 'active' && !o.deliveredAt && !held.includes(o.option ?? ''),
  );
  return waiting.map((order) => giveCode(tx, order, draw));
}
