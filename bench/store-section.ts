/**
 * The "store work alone" section of npm run bench: the order rule under the same group commit on
 * tuanbot's JSON store, on SQLite and on PostgreSQL (store-only.ts), each run in its own process,
 * interleaved, median of `runs`; SQLite committing once per order (the core burst's peer) is shown
 * beside them as a second line, labelled as not the same durability.
 */
import type { Row } from './goals.js';
import { round, table } from './stats.js';

/** The three group-committed contenders: worker task and how the results name them. */
export const STORE_CONTENDERS = [
  ['store-json', 'json'],
  ['store-sqlite', 'sqlite'],
  ['store-postgres', 'postgres'],
] as const;

export interface StoreOnlyResults {
  orders: number;
  members: number;
  stock: number;
  runs: number;
  json: Row;
  sqlite: Row;
  /** `notMeasured` says why when no PostgreSQL answered (then no figures). */
  postgres: Row;
  /** The JSON store's orders/s ÷ SQLite's under the same group commit. */
  ratioJsonVsSqlite: number;
}

type Median = (rows: Row[]) => Row & { runs: number[] };

/**
 * Runs the contenders `runs` times each, interleaved (a noisy minute hits them alike), through
 * `worker` (one process per run), and takes each one's median by throughput. Throws when a
 * measured contender did not sell exactly the stock.
 */
export async function runStoreOnlySection(
  shape: { orders: number; members: number; stock: number },
  runs: number,
  worker: (task: string) => Promise<Row>,
  median: Median,
  log: (text: string) => void,
): Promise<StoreOnlyResults> {
  const rows: Record<'json' | 'sqlite' | 'postgres', Row[]> = { json: [], sqlite: [], postgres: [] };
  for (let run = 1; run <= runs; run++) {
    for (const [task, name] of STORE_CONTENDERS) {
      log(`store work alone ${run}/${runs}: ${name}…`);
      const row = await worker(task);
      if (!('notMeasured' in row) && row.sold !== shape.stock)
        throw new Error(`store work alone: ${name} sold ${row.sold} of a stock of ${shape.stock}`);
      rows[name].push(row);
    }
  }
  const json = median(rows.json);
  const sqlite = median(rows.sqlite);
  // Not measured in one run means not measured here at all: no server (the same in every run).
  const missing = rows.postgres.find((r) => 'notMeasured' in r);
  const postgres = missing ?? median(rows.postgres);
  return {
    ...shape,
    runs,
    json,
    sqlite,
    postgres,
    ratioJsonVsSqlite: round(Number(json.ordersPerSec) / Number(sqlite.ordersPerSec)),
  };
}

const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? '—'));

/** The section's table; `perOrder` is the core burst's SQLite peer (a commit per order). */
export function storeOnlyReport(s: StoreOnlyResults, perOrder: Row): string {
  const row = (name: string, r: Row, ratio: string) =>
    'notMeasured' in r
      ? [name, String(r.notMeasured), '—', '—', '—', '—', '—']
      : [name, n(r.ordersPerSec), n(r.p50Ms), n(r.p99Ms), n(r.sold), n(r.durableWrites ?? '—'), ratio];
  const vsJson = (r: Row) =>
    'notMeasured' in r ? '—' : `${round(Number(s.json.ordersPerSec) / Number(r.ordersPerSec))}×`;
  return [
    `Store work alone (same group commit): the order rule, ${n(s.orders)} orders from ${n(s.members)} members, stock ${n(s.stock)} (median of ${s.runs} runs)`,
    table(
      ['contender', 'orders/s', 'p50 ms', 'p99 ms', 'sold', 'durable writes', 'JSON store ÷ contender'],
      [
        row('tuanbot JSON store (journal, O_DSYNC, one write per turn)', s.json, '—'),
        row('SQLite (WAL, synchronous=FULL, one transaction per turn)', s.sqlite, vsJson(s.sqlite)),
        row(
          'PostgreSQL (PgStore, synchronous_commit=on, one transaction per turn)',
          s.postgres,
          vsJson(s.postgres),
        ),
      ],
    ),
    '',
    'Second line, from the core burst run: per-order commit (not the same durability as the group-committed contenders)',
    table(
      ['contender', 'orders/s', 'p50 ms', 'p99 ms', 'sold', 'durable writes'],
      [
        [
          'SQLite (WAL, synchronous=FULL, one transaction per order)',
          n(perOrder.ordersPerSec),
          n(perOrder.p50Ms),
          n(perOrder.p99Ms),
          n(perOrder.sold),
          'one per accepted order',
        ],
      ],
    ),
  ].join('\n');
}
