import { MemoryAdapter } from '../adapters/memory/index.js';
import { features } from '../commands/index.js';
import { Bot } from '../src/core/bot.js';
import { SystemClock } from '../src/core/clock.js';
import type { ChatRef, MessageEvent } from '../src/core/events.js';
import { silentLogger } from '../src/core/logger.js';
import { communityRecords } from '../src/services/community-records.js';
import type { BotStore } from '../src/store/contract.js';
import { Store } from '../src/store/store.js';
import { type BurstShape, burstOrders, driveBurst } from './burst.js';
import { type LatencySummary, round, summarize } from './stats.js';

/** The bot as production runs it (all features, real clock, real store), on the in-memory platform. */

export const CHAT: ChatRef = { platform: 'memory', chatId: 'main', kind: 'group', title: 'Flash buyers' };
export const OWNER = 'owner';
/** Telegram's limits: about 20 messages a minute in one group, 30 a second overall. */
const TELEGRAM_PACING = {
  perChatPerMinute: 20,
  globalPerSecond: 30,
  liveEditMs: 3_000,
  liveRepostMs: 60_000,
};

export interface RunningBot {
  bot: Bot;
  adapter: MemoryAdapter;
  store: BotStore;
}

let eventSeq = 0;

export function message(user: string, text: string): MessageEvent {
  return {
    type: 'message',
    id: `bench-${++eventSeq}`,
    chat: CHAT,
    sender: { id: user, name: user, role: user === OWNER ? 'owner' : 'member' },
    text,
  };
}

/**
 * Store.open (or `open`, another store on the same clock: PostgreSQL) + bot start on a data dir,
 * timed.
 */
export async function startBot(
  dir: string,
  open: (clock: SystemClock) => Promise<BotStore> = (clock) => Store.open({ dir, clock }),
): Promise<RunningBot & { openMs: number; startMs: number }> {
  const clock = new SystemClock();
  const t0 = performance.now();
  const store = await open(clock);
  const t1 = performance.now();
  const bot = new Bot(
    store,
    clock,
    { ownerIds: [OWNER], timezone: 'UTC', dataDir: dir },
    silentLogger,
    communityRecords,
  ).use(...features);
  const adapter = new MemoryAdapter('memory', { pacing: TELEGRAM_PACING }, clock);
  await bot.start([adapter]);
  return { bot, adapter, store, openMs: t1 - t0, startMs: performance.now() - t1 };
}

export interface TuanbotBurstResult extends LatencySummary {
  orders: number;
  members: number;
  stock: number;
  ordersPerSec: number;
  elapsedMs: number;
  sold: number;
  buyers: number;
  /** Sends and edits in the group from the first order until the last one was acknowledged. */
  groupMessages: number;
  /** Journal writes (fsyncs) that carried the burst: group commit at work. */
  fsyncs: number;
}

/** Opens a deal as the owner, then runs the burst against it. */
export async function runTuanbotBurst(
  running: RunningBot,
  shape: BurstShape,
  ratePerSec?: number,
): Promise<TuanbotBurstResult> {
  const { bot, adapter, store } = running;
  await bot.handle(
    adapter,
    message(OWNER, `/deal new "Flash mangoes" price=9.9 min=10 stock=${shape.stock} ends=2h`),
  );
  const deal = [...store.tables.deals.by('community', 'memory:main')].find((d) => d.status === 'open');
  if (!deal) throw new Error('the benchmark deal was not created');
  const orders = burstOrders(shape, deal.no);
  const events = orders.map((o) => message(o.user, o.text));
  const actionsBefore = adapter.actions.length;
  const writesBefore = store.stats.writes;
  const run = await driveBurst(orders, (o) => bot.handle(adapter, events[o.seq]!), ratePerSec);
  const groupMessages = adapter.actions.length - actionsBefore;
  const after = store.tables.deals.get(deal.id)!;
  return {
    ...shape,
    ordersPerSec: Math.round(orders.length / (run.elapsedMs / 1000)),
    elapsedMs: round(run.elapsedMs),
    ...summarize(run.latencies),
    sold: after.sold,
    buyers: after.buyers,
    groupMessages,
    fsyncs: store.stats.writes - writesBefore,
  };
}

/** Stops timed work and closes the store without waiting for the paced outbox to drain. */
export async function stopBot(running: RunningBot): Promise<void> {
  running.bot.scheduler.stop();
  await running.store.close();
}
