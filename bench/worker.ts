/**
 * One workload in its own process, so each starts with a clean heap and RSS means something.
 * Usage: node dist/bench/worker.js TASK JSON-ARGS (bench/run.ts builds and runs it compiled, as
 * `npm start` runs the bot); prints one JSON line with the result on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../src/core/clock.js';
import { buildReport, DEFAULT_PERIOD } from '../src/services/report.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { Store } from '../src/store/store.js';
import { type BurstShape, FULL_BURST, QUICK_BURST } from './burst.js';
import { historyOf, writeHistory } from './history.js';
import { runLowdbBurst, runSqliteBurst } from './peers.js';
import { round } from './stats.js';
import { runJsonStoreBurst, runPgStoreBurst, runSqliteGroupBurst, withBenchDatabase } from './store-only.js';
import { message, OWNER, runTuanbotBurst, startBot, stopBot } from './tuanbot.js';

interface Args {
  quick?: boolean;
  dir?: string;
  ledger?: number;
  /** Orders offered per second (an open model: bench/burst.ts driveBurst); unset: saturated. */
  rate?: number;
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-bench-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The burst on the bot in dir (fresh or holding history), on the JSON store or the one `open` opens. */
async function burst(dir: string, shape: BurstShape, rate?: number, open?: Parameters<typeof startBot>[1]) {
  const running = await startBot(dir, open);
  const result = await runTuanbotBurst(running, shape, rate);
  await stopBot(running);
  return { ...result, openMs: round(running.openMs), startMs: round(running.startMs) };
}

/** process.memoryUsage in MB, with the peak RSS so far. */
function memoryMB() {
  const memory = process.memoryUsage();
  return {
    rssMB: mb(memory.rss),
    heapUsedMB: mb(memory.heapUsed),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
  };
}

/**
 * RSS once garbage is collected: the run starts this worker with --expose-gc. V8 returns freed
 * pages to the system from a background thread after a collection, so RSS read right after gc()
 * still counts them; a second collection a second later reads the settled figure.
 */
async function memoryAfterGc() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return { rssAfterGcMB: null, heapUsedAfterGcMB: null };
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc();
  const { rssMB, heapUsedMB } = memoryMB();
  return { rssAfterGcMB: rssMB, heapUsedAfterGcMB: heapUsedMB };
}

/**
 * Start-up on a big data dir: time to a running bot, memory (raw and after a collection), and
 * /report if the bot has it: its computation (buildReport, what the goal is about) timed on its
 * own, the first call (cold code, as a bot's first /report) and a second one, then the whole
 * command through bot.handle (which also draws the PNG chart and loads its fonts).
 */
async function coldStart(dir: string) {
  const running = await startBot(dir);
  const readyAt = performance.now();
  const { bot, adapter, store } = running;
  const result: Record<string, unknown> = {
    openMs: round(running.openMs),
    startMs: round(running.startMs),
    coldStartMs: round(running.openMs + running.startMs),
    processToReadyMs: round(readyAt),
    ...memoryMB(),
    ...(await memoryAfterGc()),
    members: store.tables.members.size,
    // Entries in memory plus those in the ledger archive (counted on the members).
    ledger:
      store.tables.ledger.size +
      [...store.tables.members.values()].reduce((n, m) => n + (m.archivedEntries ?? 0), 0),
    ledgerInMemory: store.tables.ledger.size,
    orders: store.tables.orders.size,
  };
  if (bot.commands().some((c) => c.name === 'report')) {
    const community = [...store.tables.communities.values()][0]!;
    const computeMs = [0, 1].map(() => {
      const t0 = performance.now();
      buildReport(store.tables, community, DEFAULT_PERIOD, new Date());
      return round(performance.now() - t0);
    });
    result.reportComputeMs = computeMs[0];
    result.reportComputeWarmMs = computeMs[1];
    const before = adapter.actions.length;
    const t0 = performance.now();
    await bot.handle(adapter, message(OWNER, '/report'));
    result.reportMs = round(performance.now() - t0);
    result.reportReplied = adapter.actions.length > before || bot.outbox.stats.sent > 0;
  } else {
    result.reportComputeMs = null;
    result.reportMs = null;
    result.reportNote = 'no /report command registered in this build (commands/report.ts not there yet)';
  }
  await stopBot(running);
  return result;
}

/**
 * The generated snapshot holds every points entry live, as no running bot's would: one open and
 * close moves those older than the archive age to the ledger archive, as a bot's compactions do.
 * Its time is the one-off upgrade of a data dir written before the archive existed.
 */
async function settle(dir: string) {
  const t0 = performance.now();
  const store = await Store.open({ dir, clock: new SystemClock() });
  // Written again by the store itself, whatever the generator wrote: the data dir is then exactly
  // what a running bot leaves (the snapshot format included).
  await store.compact();
  await store.close();
  return { settleMs: round(performance.now() - t0) };
}

async function main(): Promise<unknown> {
  const [task, json] = process.argv.slice(2);
  const args = JSON.parse(json ?? '{}') as Args;
  const shape = args.quick ? QUICK_BURST : FULL_BURST;
  switch (task) {
    case 'burst':
      return withTempDir((dir) => burst(dir, shape, args.rate));
    // The same burst through the core with the state in PostgreSQL (a throwaway database).
    case 'burst-postgres':
      return withTempDir((dir) =>
        withBenchDatabase((url) =>
          burst(dir, shape, args.rate, (clock) => PgStore.open({ url, dir, clock })),
        ),
      );
    case 'generate':
      await writeHistory(args.dir!, historyOf(args.ledger!));
      return { dir: args.dir, ...historyOf(args.ledger!), ...(await settle(args.dir!)) };
    case 'history':
      return burst(args.dir!, shape);
    case 'cold':
      return coldStart(args.dir!);
    case 'lowdb':
      return withTempDir((dir) => runLowdbBurst(dir, shape));
    case 'sqlite':
      return withTempDir((dir) => runSqliteBurst(dir, shape));
    // The store work alone under the same group commit (store-only.ts).
    case 'store-json':
      return withTempDir((dir) => runJsonStoreBurst(dir, shape));
    case 'store-sqlite':
      return withTempDir((dir) => runSqliteGroupBurst(dir, shape));
    case 'store-postgres':
      return withTempDir((dir) => runPgStoreBurst(dir, shape));
    default:
      throw new Error(`unknown task ${task}`);
  }
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // Paced messages may still be waiting in the outbox; they are not part of any measure.
    process.exit(0);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
