/**
 * npm run bench [-- --quick] [-- --out FILE] [-- --runs N] [-- --only core|delivery|failover]
 *
 * The flash-deal benchmark: tuanbot's burst, the same burst on growing history, cold start and
 * memory on a large data dir, and two peers (naive lowdb, SQLite) on the same burst in the same
 * run; the store work alone under the same group commit (JSON store, SQLite, PostgreSQL:
 * store-section.ts); then the delivery section (the bot process through the real Telegram adapter against a
 * fake Bot API with Telegram's limits, delivery.ts). Prints tables and writes bench/results.json.
 * Each measurement runs in its own process. `--only delivery` (or BENCH_ONLY=delivery) runs the
 * delivery section alone and keeps the core sections already recorded in the output file.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist } from '../scripts/build.mjs';
import { FULL_BURST, QUICK_BURST } from './burst.js';
import { corePostgresReport, runCorePostgresSection } from './core-postgres.js';
import { type DeliveryResults, deliveryReport, evaluateDeliveryGoals } from './delivery-goals.js';
import { runDeliverySection } from './delivery-section.js';
import { type FailoverResults, failoverReport, runFailoverSection } from './failover.js';
import { evaluateGoals, failoverGoals, type Results, type Row } from './goals.js';
import { historyOf } from './history.js';
import { machine } from './machine.js';
import { round, table } from './stats.js';
import { runStoreOnlySection, storeOnlyReport } from './store-section.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const out = resolve(flag('--out') ?? join(root, 'bench', 'results.json'));
const runs = Number(flag('--runs') ?? (quick ? 1 : 3));
const historySizes = quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000];
const coldSize = quick ? 10_000 : 1_000_000;
const only = flag('--only') ?? process.env.BENCH_ONLY;
if (only !== undefined && only !== 'core' && only !== 'delivery' && only !== 'failover')
  throw new Error(`--only takes core, delivery or failover, not ${only}`);

/** What results.json holds: the core sections (absent when only delivery ever ran) and delivery. */
type BenchFile = (Results | Pick<Results, 'quick' | 'date' | 'machine' | 'goals'>) & {
  delivery?: DeliveryResults;
  /** Two processes on one database (bench/failover.ts). */
  failover?: FailoverResults;
};

/**
 * Runs one workload in a fresh process and returns its JSON result. The worker is the compiled one
 * (dist/bench/worker.js, built by main), run as `npm start` runs the bot: node on the compiled
 * JavaScript with source maps. Under tsx the transpiler's code and caches sat in the measured
 * process (~40 MB of the cold start's RSS at ready) and no operator runs the bot that way.
 */
function worker(task: string, args: object): Promise<Row> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      // --expose-gc: the cold start also reads RSS after a collection (worker.ts).
      [
        '--expose-gc',
        '--enable-source-maps',
        join(root, 'dist', 'bench', 'worker.js'),
        task,
        JSON.stringify({ quick, ...args }),
      ],
      { cwd: root, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) return fail(new Error(`bench ${task} failed: ${stderr || error.message}`));
        done(JSON.parse(stdout.trim().split('\n').at(-1)!) as Row);
      },
    );
  });
}

const log = (text: string) => process.stderr.write(`${text}\n`);

/**
 * The run with the median of one figure (throughput unless told): one noisy run neither flatters
 * nor sinks a contender. `runs` lists that figure for every run.
 */
function median(rows: Row[], by = 'ordersPerSec'): Row & { runs: number[] } {
  const sorted = [...rows].sort((a, b) => Number(a[by]) - Number(b[by]));
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, runs: rows.map((r) => Number(r[by])) };
}

async function main(): Promise<void> {
  // The workers run compiled (see worker); `npm run bench` built already, a direct run may not have.
  await buildDist(root);
  const core = only === 'delivery' || only === 'failover' ? await recordedCore() : await runCore();
  const file: BenchFile = core ?? {
    quick,
    date: new Date().toISOString(),
    machine: await machine(),
    goals: [],
  };
  if (only !== 'core' && only !== 'failover') {
    const delivery = await runDeliverySection(quick, () => worker('burst', {}), log);
    file.delivery = delivery;
    file.goals = [...('burst' in file ? evaluateGoals(file) : []), ...evaluateDeliveryGoals(delivery)];
  }
  if (only === undefined || only === 'failover') {
    file.failover = await runFailoverSection(quick, log);
    file.goals = [...file.goals, ...failoverGoals(file.failover)];
  }
  await writeFile(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(
    [
      ...(only === 'delivery' || only === 'failover' ? [] : ['burst' in file ? report(file) : '']),
      ...(file.delivery ? ['', deliveryReport(file.delivery)] : []),
      ...(file.failover ? ['', failoverReport(file.failover)] : []),
      '',
      'Goals',
      table(
        ['goal', 'target', 'measured', 'met'],
        file.goals.map((g) => [g.goal, g.target, g.measured, g.met === null ? 'n/a' : g.met ? 'yes' : 'NO']),
      ),
    ].join('\n'),
  );
  log(`results written to ${out}`);
}

/** The core sections already in the output file (same --quick), kept when only delivery runs. */
async function recordedCore(): Promise<Results | undefined> {
  const text = await readFile(out, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const recorded = JSON.parse(text) as Partial<Results>;
  // A file from before the store-only section holds no core results this run can report.
  return recorded.burst && recorded.storeOnly && recorded.corePostgres && recorded.quick === quick
    ? (recorded as Results)
    : undefined;
}

/** The core sections: bursts against the peers, history growth, cold start. */
async function runCore(): Promise<Results> {
  const shape = quick ? QUICK_BURST : FULL_BURST;
  const work = await mkdtemp(join(tmpdir(), 'tuanbot-bench-data-'));
  try {
    const contenders: Record<'tuanbot' | 'lowdb' | 'sqlite', Row[]> = { tuanbot: [], lowdb: [], sqlite: [] };
    for (let run = 1; run <= runs; run++) {
      // Interleaved, so a noisy moment on the machine hits every contender alike.
      for (const task of ['burst', 'lowdb', 'sqlite'] as const) {
        log(`burst ${run}/${runs}: ${task === 'burst' ? 'tuanbot' : task}…`);
        contenders[task === 'burst' ? 'tuanbot' : task].push(await worker(task, {}));
      }
    }
    const tuanbot = median(contenders.tuanbot);
    const lowdb = median(contenders.lowdb);
    const sqlite = median(contenders.sqlite);
    const storeOnly = await runStoreOnlySection(shape, runs, (task) => worker(task, {}), median, log);
    const corePostgres = await runCorePostgresSection(shape.stock, runs, worker, median, log);

    const templates = new Map<number, string>();
    for (const ledger of new Set([...historySizes, coldSize])) {
      log(`writing a data dir with ${ledger.toLocaleString('en')} points entries…`);
      const dir = join(work, `template-${ledger}`);
      await worker('generate', { dir, ledger });
      templates.set(ledger, dir);
    }
    const copyOf = async (ledger: number, name: string) => {
      const dir = join(work, name);
      await cp(templates.get(ledger)!, dir, { recursive: true });
      return dir;
    };
    const history: Row[] = [];
    for (const ledger of historySizes) {
      const rows: Row[] = [];
      for (let run = 1; run <= runs; run++) {
        log(`history ${ledger.toLocaleString('en')} ${run}/${runs}…`);
        const dir = await copyOf(ledger, `history-${ledger}-${run}`);
        rows.push(await worker('history', { dir }));
        await rm(dir, { recursive: true, force: true });
      }
      // The burst's own sizes are in results.burst; here members and orders are the history's.
      history.push({ ...median(rows), ...historyOf(ledger) });
    }
    // Like the bursts, the median of `runs` starts (by start-up time), each on a fresh copy.
    const starts: Row[] = [];
    for (let run = 1; run <= runs; run++) {
      log(`cold start ${run}/${runs}…`);
      const dir = await copyOf(coldSize, `cold-${run}`);
      starts.push(await worker('cold', { dir }));
      await rm(dir, { recursive: true, force: true });
    }
    const coldStart = median(starts, 'coldStartMs');

    const results: Results = {
      quick,
      date: new Date().toISOString(),
      machine: await machine(),
      burst: {
        ...shape,
        runs,
        tuanbot,
        lowdb,
        sqlite,
        ratioVsLowdb: round(Number(tuanbot.ordersPerSec) / Number(lowdb.ordersPerSec)),
        ratioVsSqliteGroupCommit: round(Number(tuanbot.ordersPerSec) / Number(storeOnly.sqlite.ordersPerSec)),
      },
      storeOnly,
      corePostgres,
      history,
      coldStart,
      goals: [],
    };
    results.goals = evaluateGoals(results);
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? '—'));

function report(r: Results): string {
  const b = r.burst;
  const m = r.machine;
  const burstRow = (name: string, row: Row, ratio: string) => [
    name,
    n(row.ordersPerSec),
    n(row.p50Ms),
    n(row.p99Ms),
    n(row.maxMs),
    n(row.sold),
    n(row.groupMessages ?? '—'),
    ratio,
  ];
  const base = Number(r.history[0]?.p99Ms);
  return [
    `tuanbot benchmark${r.quick ? ' (--quick: small sizes, not comparable with the goals)' : ''}`,
    `${m.cpu} · ${m.nproc} cores · ${m.memoryGB} GB · Node ${m.node} · load ${m.loadAverage.join(' ')}`,
    '',
    `Burst: ${n(b.orders)} orders from ${n(b.members)} members, stock ${n(b.stock)} (median of ${b.runs} runs)`,
    table(
      ['contender', 'orders/s', 'p50 ms', 'p99 ms', 'max ms', 'sold', 'group msgs', 'tuanbot ÷ peer'],
      [
        burstRow('tuanbot (whole pipeline, one fsync per turn)', b.tuanbot, '—'),
        burstRow('lowdb (naive, write per order)', b.lowdb, `${b.ratioVsLowdb}×`),
        // A commit per order is not tuanbot's durability model: no ratio (see the store-only section).
        burstRow('SQLite store work only, per-order commit', b.sqlite, 'not comparable'),
        burstRow(
          'SQLite store work only, same group commit',
          r.storeOnly.sqlite,
          `${b.ratioVsSqliteGroupCommit}×`,
        ),
      ],
    ),
    'lowdb and SQLite do the store work alone (no parsing, replies, roster or outbox); SQLite with the same',
    'group commit is from the store-only section below, which compares the stores on equal terms.',
    '',
    storeOnlyReport(r.storeOnly, b.sqlite),
    '',
    corePostgresReport(r.corePostgres),
    '',
    'History growth: the same burst on a community with history',
    table(
      ['points entries', 'members', 'orders', 'load ms', 'orders/s', 'p99 ms', 'p99 ÷ smallest'],
      r.history.map((h) => [
        n(h.ledger),
        n(h.members),
        n(h.orders),
        n(h.openMs),
        n(h.ordersPerSec),
        n(h.p99Ms),
        `${round(Number(h.p99Ms) / base)}×`,
      ]),
    ),
    '',
    `Cold start and memory (median of ${b.runs} starts)`,
    table(
      [
        'data dir',
        'open + start ms',
        'process → ready ms',
        'RSS MB',
        'RSS after GC MB',
        'peak RSS MB',
        '/report compute ms',
        '/report with chart ms',
      ],
      [
        [
          `${n(r.coldStart.members)} members, ${n(r.coldStart.ledger)} points, ${n(r.coldStart.orders)} orders`,
          n(r.coldStart.coldStartMs),
          n(r.coldStart.processToReadyMs),
          n(r.coldStart.rssMB),
          n(r.coldStart.rssAfterGcMB),
          n(r.coldStart.peakRssMB),
          r.coldStart.reportComputeMs === null ? 'skipped' : n(r.coldStart.reportComputeMs),
          r.coldStart.reportMs === null ? 'skipped' : n(r.coldStart.reportMs),
        ],
      ],
    ),
    ...(r.coldStart.reportNote ? [`/report: ${r.coldStart.reportNote}`] : []),
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
