/**
 * The "burst through the core on PostgreSQL" section of npm run bench: the flash-deal burst through
 * the whole bot (commands, services, outbox) with the state on the JSON store and on PostgreSQL,
 * each run in its own process, interleaved, median of `runs`. Twice: saturated (a wave every turn
 * of the loop: the most each store takes) and offered at PACED_RATE orders/s (an open model, each
 * latency counted from the order's scheduled arrival), which is what the goal is about:
 * PostgreSQL ≥ 5,000 durable orders/s with p99 ≤ 50 ms.
 */
import type { Row } from './goals.js';
import { table } from './stats.js';

/** Orders offered per second in the paced runs. */
export const PACED_RATE = 5_000;

export interface CorePostgresResults {
  runs: number;
  rate: number;
  saturated: { json: Row; postgres: Row };
  paced: { json: Row; postgres: Row };
}

type Median = (rows: Row[]) => Row & { runs: number[] };

const CONTENDERS = [
  ['burst', 'json'],
  ['burst-postgres', 'postgres'],
] as const;

/** Runs both stores saturated and paced, `runs` times each, interleaved; throws on a wrong stock. */
export async function runCorePostgresSection(
  stock: number,
  runs: number,
  worker: (task: string, args: Record<string, unknown>) => Promise<Row>,
  median: Median,
  log: (text: string) => void,
): Promise<CorePostgresResults> {
  const rows = {
    saturated: { json: [] as Row[], postgres: [] as Row[] },
    paced: { json: [] as Row[], postgres: [] as Row[] },
  };
  for (let run = 1; run <= runs; run++)
    for (const mode of ['saturated', 'paced'] as const)
      for (const [task, name] of CONTENDERS) {
        log(`core burst ${mode} ${run}/${runs}: ${name}…`);
        const row = await worker(task, mode === 'paced' ? { rate: PACED_RATE } : {});
        if (!('notMeasured' in row) && row.sold !== stock)
          throw new Error(`core burst on ${name}: sold ${row.sold} of a stock of ${stock}`);
        rows[mode][name].push(row);
      }
  const pick = (list: Row[]) => list.find((r) => 'notMeasured' in r) ?? median(list);
  return {
    runs,
    rate: PACED_RATE,
    saturated: { json: pick(rows.saturated.json), postgres: pick(rows.saturated.postgres) },
    paced: { json: pick(rows.paced.json), postgres: pick(rows.paced.postgres) },
  };
}

const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? '—'));

/** The section's table. */
export function corePostgresReport(r: CorePostgresResults): string {
  const row = (name: string, x: Row) =>
    'notMeasured' in x
      ? [name, String(x.notMeasured), '—', '—', '—', '—', '—']
      : [name, n(x.ordersPerSec), n(x.p50Ms), n(x.p99Ms), n(x.maxMs), n(x.sold), n(x.fsyncs)];
  return [
    `The burst through the core on each store (median of ${r.runs} runs): saturated, and offered at ${n(r.rate)} orders/s`,
    table(
      ['store', 'orders/s', 'p50 ms', 'p99 ms', 'max ms', 'sold', 'durable writes'],
      [
        row('JSON store, saturated', r.saturated.json),
        row('PostgreSQL, saturated', r.saturated.postgres),
        row(`JSON store, ${n(r.rate)}/s offered`, r.paced.json),
        row(`PostgreSQL, ${n(r.rate)}/s offered`, r.paced.postgres),
      ],
    ),
    'Saturated: a wave of 100 orders every turn of the loop, so an asynchronous store (PostgreSQL: the loop',
    'runs on while a transaction is in flight) is offered more at once and its latency is queueing. Offered:',
    "a wave every 20 ms, each latency from the wave's scheduled arrival (a store that falls behind pays for it).",
  ].join('\n');
}
