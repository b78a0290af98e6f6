/**
 * The flash-deal burst every contender faces: the same order texts from the same members, fed the
 * same way. Orders arrive in waves of 100 (what one Telegram poll hands over), one wave per turn of
 * the event loop, without waiting for earlier waves to be acknowledged: the loop stays saturated
 * and a slow contender builds a queue, as in a real flash sale. At most MAX_IN_FLIGHT orders wait
 * unacknowledged (memory stays bounded). An order's latency runs from its wave's arrival to its
 * durable acknowledgement (the handler's promise resolving), which is fair to synchronous peers too.
 */

/** One order message in the burst. */
export interface BurstOrder {
  seq: number;
  user: string;
  text: string;
}

export interface BurstShape {
  orders: number;
  members: number;
  stock: number;
}

export const FULL_BURST: BurstShape = { orders: 10_000, members: 5_000, stock: 6_000 };
export const QUICK_BURST: BurstShape = { orders: 1_000, members: 500, stock: 600 };

/** Orders per wave, and the most orders waiting for their acknowledgement at any time. */
export const WAVE = 100;
export const MAX_IN_FLIGHT = 2_000;

/**
 * Each member orders one unit, then (in a second pass) changes the line to two units, in the ways
 * group chats write it. Every accepted change adds exactly one unit, so a stock below the demand
 * sells out exactly — a count off by one would show a lost or doubled order.
 */
export function burstOrders(
  shape: BurstShape,
  dealNo: number,
  userOf = (i: number) => `u${i}`,
): BurstOrder[] {
  const first = ['+1', `/join #${dealNo}`, '接龙', `+1 #${dealNo}`];
  const second = ['+2', `/join #${dealNo} 2`, '接龙 2', `#${dealNo} +2`];
  const orders: BurstOrder[] = [];
  for (let seq = 0; seq < shape.orders; seq++) {
    const member = seq % shape.members;
    const pass = Math.floor(seq / shape.members) === 0 ? first : second;
    orders.push({ seq, user: userOf(member), text: pass[member % pass.length]! });
  }
  return orders;
}

/** The quantity a burst text asks for (the peers' parser; tuanbot parses with its own). */
export function quantityOf(text: string): number {
  const m = /(?:\+|\s)(\d+)\s*$/.exec(text) ?? /\+(\d+)/.exec(text);
  return m ? Number(m[1]) : 1;
}

export interface BurstRun {
  latencies: Float64Array;
  elapsedMs: number;
}

/**
 * Feeds the orders to handle in waves and records each one's time to acknowledgement. Saturated
 * (no rate): a wave every turn of the loop, as fast as the contender takes them. With ratePerSec:
 * a wave every WAVE/ratePerSec seconds, an open model (a flash sale's members do not wait for the
 * bot), and each latency counts from the wave's scheduled arrival, so a contender that falls behind
 * is charged for the wait (no coordinated omission).
 */
export async function driveBurst(
  orders: BurstOrder[],
  handle: (order: BurstOrder) => Promise<void>,
  ratePerSec?: number,
): Promise<BurstRun> {
  const latencies = new Float64Array(orders.length);
  const acknowledged: Promise<void>[] = [];
  let inFlight = 0;
  let slotFreed: (() => void) | undefined;
  const start = performance.now();
  for (let next = 0; next < orders.length; next += WAVE) {
    while (inFlight + WAVE > MAX_IN_FLIGHT) await new Promise<void>((resolve) => (slotFreed = resolve));
    const scheduled = ratePerSec ? start + (next / ratePerSec) * 1000 : performance.now();
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const arrived = ratePerSec ? scheduled : performance.now();
    for (const order of orders.slice(next, next + WAVE)) {
      inFlight++;
      acknowledged.push(
        handle(order).then(() => {
          latencies[order.seq] = performance.now() - arrived;
          inFlight--;
          slotFreed?.();
        }),
      );
    }
    // The next wave arrives on the next turn of the loop: I/O (the store's fsync) gets its turn.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(acknowledged);
  return { latencies, elapsedMs: performance.now() - start };
}
