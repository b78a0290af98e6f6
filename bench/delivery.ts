/**
 * The delivery benchmark: the bot as `npm start` runs it, through the real Telegram adapter, against
 * a local fake Bot API on the real clock that enforces Telegram's limits (telegram-bot.ts). Where
 * the core burst (burst.ts) times durable acknowledgements inside the process, this times what a
 * member sees: how long until their order shows, what the group gets to read, what survives SIGTERM.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { journalFile, readState } from '../src/store/store.js';
import { round, summarize } from './stats.js';
import { GROUP_ID, LEAD, member, type Said, sleep, TelegramBench, waitUntil } from './telegram-bot.js';
import { ANY_SIGN, seenAt, VisibilityTracker } from './visibility.js';

/** Sizes of one delivery run. */
export interface DeliveryShape {
  burstOrders: number;
  burstMs: number;
  burstStock: number;
  streamOrders: number;
  streamGapMs: number;
  throughputOrders: number;
  /** SIGTERM this long after the burst's last order. */
  sigtermAfterMs: number;
  /** How long to wait for every member to see their order before counting the rest as unseen. */
  waitMs: number;
}

export const FULL_DELIVERY: DeliveryShape = {
  burstOrders: 200,
  burstMs: 2_000,
  burstStock: 150,
  streamOrders: 30,
  streamGapMs: 2_000,
  throughputOrders: 5_000,
  sigtermAfterMs: 500,
  waitMs: 75_000,
};

/** Proves the code runs; its figures mean nothing. */
export const QUICK_DELIVERY: DeliveryShape = {
  burstOrders: 12,
  burstMs: 300,
  burstStock: 9,
  streamOrders: 3,
  streamGapMs: 300,
  throughputOrders: 300,
  sigtermAfterMs: 100,
  waitMs: 8_000,
};

/** Seconds to a visible order, per member (p50/p99/max; members never reached are counted apart). */
export interface Visibility {
  orders: number;
  seen: number;
  unseen: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How members first saw their order. */
  firstSign: Record<string, number>;
}

const dealCommand = (stock: number) => `/deal new "Flash mangoes" price=9.9 min=10 stock=${stock} ends=2h`;

/** A fresh data dir and fake, the bot started, and a deal opened by the group's creator. */
async function withDeal<T>(stock: number, run: (bench: TelegramBench) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-bench-telegram-'));
  const bench = await TelegramBench.start(dir);
  try {
    await bench.startBot();
    const from = bench.api.calls.length;
    bench.say(LEAD, dealCommand(stock));
    const posted = await waitUntil(
      () =>
        bench.api.calls
          .slice(from)
          .some((c) => c.method === 'sendMessage' && !c.refused && String(c.params.text).startsWith('🛒 #1')),
      30_000,
    );
    if (!posted) throw new Error(`the deal's card was not posted: ${bench.log}`);
    // The card took the group's per-chat gap: a member's order a moment later is a fair start.
    await sleep(1_100);
    return await run(bench);
  } finally {
    await bench.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Members' `+1`s at an even pace over `spanMs` (all at once when 0), each watched from its sending. */
async function feed(
  bench: TelegramBench,
  tracker: VisibilityTracker,
  count: number,
  spanMs: number,
  first = 0,
  midway?: () => void,
): Promise<Said[]> {
  const said: Said[] = [];
  const t0 = Date.now();
  let midwayDone = midway === undefined;
  for (let i = 0; i < count; i++) {
    const due = t0 + (count > 1 ? (spanMs * i) / (count - 1) : 0);
    if (!midwayDone && due >= t0 + spanMs / 2) {
      midway!();
      midwayDone = true;
    }
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const s = bench.say(member(first + i), '+1');
    tracker.watch(s);
    said.push(s);
  }
  return said;
}

function visibility(tracker: VisibilityTracker): Visibility {
  const sightings = tracker.sightings;
  const latencies: number[] = [];
  const firstSign: Record<string, number> = {};
  for (const s of sightings) {
    const at = seenAt(s, ANY_SIGN);
    if (at === undefined) continue;
    latencies.push(at - s.said.at);
    const via = ANY_SIGN.find((k) => s.via[k] === at)!;
    firstSign[via] = (firstSign[via] ?? 0) + 1;
  }
  return {
    orders: sightings.length,
    seen: latencies.length,
    unseen: sightings.length - latencies.length,
    ...summarize(Float64Array.from(latencies)),
    firstSign,
  };
}

/** Waits until every watched member saw a sign (or the shape's wait is over). */
async function awaitSightings(tracker: VisibilityTracker, waitMs: number, also = () => true): Promise<void> {
  await waitUntil(() => {
    tracker.scan();
    return also() && tracker.sightings.every((s) => seenAt(s, ANY_SIGN) !== undefined);
  }, waitMs);
  tracker.scan();
}

/**
 * The flash burst: `burstOrders` members send `+1` over `burstMs` on a deal with less stock, and
 * the group's creator asks `/orders #1` halfway through.
 */
export async function deliveryBurst(shape: DeliveryShape) {
  return withDeal(shape.burstStock, async (bench) => {
    const refusedBefore = bench.api.refusals.length;
    const admin: { said?: Said } = {};
    const excluded = new Set<number>();
    const tracker = new VisibilityTracker(bench.api.calls, GROUP_ID, bench.api.calls.length, excluded);
    await feed(bench, tracker, shape.burstOrders, shape.burstMs, 0, () => {
      admin.said = bench.say(LEAD, '/orders #1');
      excluded.add(admin.said.messageId);
    });
    const answered = () => tracker.answerTo(admin.said!.messageId, LEAD.id);
    await awaitSightings(tracker, shape.waitMs, () => answered() !== undefined);
    const answeredAt = answered();
    return {
      ...visibility(tracker),
      adminAnswerMs: answeredAt === undefined ? null : answeredAt - admin.said!.at,
      groupMessages: tracker.groupSends,
      groupMessagesPerOrder: round(tracker.groupSends / shape.burstOrders, 3),
      cardEdits: tracker.groupEdits,
      ...floodRefusals(bench, refusedBefore),
    };
  });
}

/** A slow stream: one `+1` every `streamGapMs`, as a quiet group orders through the day. */
export async function deliveryStream(shape: DeliveryShape) {
  return withDeal(shape.streamOrders + 10, async (bench) => {
    const refusedBefore = bench.api.refusals.length;
    const tracker = new VisibilityTracker(bench.api.calls, GROUP_ID);
    await feed(bench, tracker, shape.streamOrders, shape.streamGapMs * (shape.streamOrders - 1));
    await awaitSightings(tracker, shape.waitMs);
    return {
      ...visibility(tracker),
      groupMessages: tracker.groupSends,
      groupMessagesPerOrder: round(tracker.groupSends / shape.streamOrders, 3),
      cardEdits: tracker.groupEdits,
      ...floodRefusals(bench, refusedBefore),
    };
  });
}

/** 429s the bot received since refusal number `from`, in all and per Bot API method. */
function floodRefusals(bench: TelegramBench, from: number) {
  const byMethod: Record<string, number> = {};
  for (const r of bench.api.refusals.slice(from))
    if (r.error_code === 429) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
  return { refused429: Object.values(byMethod).reduce((a, b) => a + b, 0), refused429By: byMethod };
}

/** Active order lines in the data dir, by buyer (read without opening the store: no lock taken). */
async function durableBuyers(dir: string): Promise<Set<string>> {
  const tables = await readState(dir);
  return new Set([...tables.orders.values()].filter((o) => o.status === 'active').map((o) => o.userId));
}

/**
 * SIGTERM `sigtermAfterMs` after a burst, then a restart on the same data dir: which durable orders
 * were never acknowledged to their member (no reaction, no card line), counting what both the
 * stopped and the restarted bot sent.
 */
export async function deliveryRestart(shape: DeliveryShape) {
  return withDeal(shape.burstStock, async (bench) => {
    const refusedBefore = bench.api.refusals.length;
    const tracker = new VisibilityTracker(bench.api.calls, GROUP_ID);
    await feed(bench, tracker, shape.burstOrders, shape.burstMs);
    await sleep(shape.sigtermAfterMs);
    const shutdownMs = await bench.stopBot('SIGTERM');
    tracker.scan();
    const acked = (kinds = ['reaction', 'card'] as const) =>
      tracker.sightings.filter((s) => seenAt(s, kinds) !== undefined).map((s) => String(s.said.userId));
    const durableAtStop = await durableBuyers(bench.dataDir);
    const ackedBeforeStop = new Set(acked());
    const callsBefore = bench.api.calls.length;
    const restartedAt = Date.now();
    await bench.startBot();
    const unacknowledged = async () => {
      tracker.scan();
      const seen = new Set(acked());
      return [...(await durableBuyers(bench.dataDir))].filter((u) => !seen.has(u));
    };
    const deadline = Date.now() + shape.waitMs;
    while (Date.now() < deadline && (await unacknowledged()).length > 0) await sleep(250);
    const settledMs = Date.now() - restartedAt;
    await bench.stopBot('SIGTERM');
    const left = await unacknowledged();
    const durable = await durableBuyers(bench.dataDir);
    return {
      orders: shape.burstOrders,
      stock: shape.burstStock,
      durableAtStop: durableAtStop.size,
      unacknowledgedAtStop: [...durableAtStop].filter((u) => !ackedBeforeStop.has(u)).length,
      durable: durable.size,
      unacknowledged: left.length,
      shutdownMs,
      restartSettledMs: settledMs,
      callsAfterRestart: bench.api.calls.length - callsBefore,
      ...floodRefusals(bench, refusedBefore),
    };
  });
}

/**
 * Durable orders per second end to end: `throughputOrders` members' `+1`s queued at once, handed
 * out 100 per getUpdates as Telegram does. The poller confirms a batch (the next getUpdates' offset)
 * only once every update of it was handled and fsynced, so the clock stops at the getUpdates that
 * confirms the last one.
 */
export async function deliveryThroughput(shape: DeliveryShape) {
  return withDeal(shape.throughputOrders, async (bench) => {
    const journal = journalFile(bench.dataDir);
    const lines = async () => (await readFile(journal, 'utf8').catch(() => '')).split('\n').length - 1;
    const linesBefore = await lines();
    const pollsBefore = bench.api.polls.length;
    const refusedBefore = bench.api.refusals.length;
    const t0 = Date.now();
    let last = 0;
    for (let i = 0; i < shape.throughputOrders; i++) last = bench.say(member(i), '+1').updateId;
    const confirmed = await waitUntil(
      () => bench.api.polls.some((p) => p.offset > last),
      Math.max(60_000, shape.waitMs),
      2,
    );
    if (!confirmed) throw new Error(`the bot did not confirm the orders: ${bench.log}`);
    const at = bench.api.polls.find((p) => p.offset > last)!.at;
    const journalWrites = (await lines()) - linesBefore;
    const elapsedMs = at - t0;
    const flood = floodRefusals(bench, refusedBefore);
    await bench.stopBot('SIGTERM');
    const durable = await durableBuyers(bench.dataDir);
    return {
      orders: shape.throughputOrders,
      durable: durable.size,
      elapsedMs,
      ordersPerSec: Math.round(shape.throughputOrders / (elapsedMs / 1000)),
      polls: bench.api.polls.length - pollsBefore,
      journalWrites,
      ...flood,
    };
  });
}
