/**
 * The delivery section's results, the goals for it (never lowered) and its printed tables.
 * Latencies are ms from the member's message reaching the fake Bot API to the first accepted call
 * that showed them their order; rates are durable orders per second.
 */
import type { Goal } from './goals.js';
import type { Machine } from './machine.js';
import { round, table } from './stats.js';

/** One scenario's figures (firstSign and refused429By are counts by kind). */
export type Row = Record<string, unknown>;

export interface DeliveryResults {
  date: string;
  machine: Machine;
  shape: Row;
  burst: Row;
  stream: Row;
  restart: Row;
  throughput: Row;
  /** The core burst (in process, no adapter) run right after the throughput run, for comparison. */
  core: Row;
}

const num = (v: unknown) => Number(v);
const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? '—'));
const seconds = (ms: unknown) =>
  ms === null || ms === undefined ? 'never' : `${round(num(ms) / 1000, 2)} s`;
const unseen = (r: Row) => (num(r.unseen) > 0 ? `, ${r.unseen} never within the wait` : '');

export function evaluateDeliveryGoals(d: DeliveryResults): Goal[] {
  const { burst, stream, restart, throughput, core } = d;
  const floods = [burst, stream, restart, throughput].map((r) => num(r.refused429));
  const ratio = num(throughput.ordersPerSec) / num(core.ordersPerSec);
  return [
    {
      goal: 'burst: member sees their order, p99',
      target: '≤ 5 s, everyone',
      measured: `${seconds(burst.p99Ms)}${unseen(burst)}`,
      met: num(burst.p99Ms) <= 5_000 && num(burst.unseen) === 0,
    },
    {
      goal: 'slow stream: member sees their order, p99',
      target: '≤ 5 s, everyone',
      measured: `${seconds(stream.p99Ms)}${unseen(stream)}`,
      met: num(stream.p99Ms) <= 5_000 && num(stream.unseen) === 0,
    },
    {
      goal: 'admin /orders mid-burst answered',
      target: '≤ 3 s',
      measured: seconds(burst.adminAnswerMs),
      met: burst.adminAnswerMs !== null && num(burst.adminAnswerMs) <= 3_000,
    },
    {
      goal: 'burst: group messages per order',
      target: '≤ 0.05',
      measured: `${burst.groupMessagesPerOrder} (${burst.groupMessages} for ${burst.orders})`,
      met: num(burst.groupMessagesPerOrder) <= 0.05,
    },
    {
      // The deal's one 成团 announcement (min 10) is not a message per order.
      goal: 'slow stream: group messages per order',
      target: 'none (the 成团 announcement aside)',
      measured: `${stream.groupMessages} for ${stream.orders}`,
      met: num(stream.groupMessages) <= 1,
    },
    {
      goal: 'durable orders unacknowledged after SIGTERM + restart',
      target: '0',
      measured: `${restart.unacknowledged} of ${restart.durable}`,
      met: num(restart.unacknowledged) === 0,
    },
    {
      goal: '429s received (all delivery scenarios)',
      target: '0',
      measured: `${floods.reduce((a, b) => a + b, 0)} (burst ${floods[0]}, stream ${floods[1]}, restart ${floods[2]}, throughput ${floods[3]})`,
      met: floods.every((f) => f === 0),
    },
    {
      goal: 'durable orders/s through the Telegram adapter',
      target: '≥ 10,000/s',
      measured: `${n(throughput.ordersPerSec)}/s`,
      met: num(throughput.ordersPerSec) >= 10_000 && num(throughput.durable) === num(throughput.orders),
    },
    {
      goal: 'Telegram adapter ÷ core burst, same minute',
      target: '≥ 0.5 (within 2×)',
      measured: `${round(ratio)} (${n(throughput.ordersPerSec)} ÷ ${n(core.ordersPerSec)})`,
      met: ratio >= 0.5,
    },
  ];
}

/** The delivery section as printed by npm run bench (and pasted into BENCHMARKS.md). */
export function deliveryReport(d: DeliveryResults): string {
  const { burst, stream, restart, throughput, core, shape } = d;
  const counts = (v: unknown) =>
    Object.entries((v ?? {}) as Record<string, number>)
      .map(([k, c]) => `${k} ${c}`)
      .join(', ') || 'none';
  const signs = (r: Row) => counts(r.firstSign);
  const floodBy = (r: Row) => counts(r.refused429By);
  return [
    `Delivery through the Telegram adapter (bot process → telegraf → fake Bot API with Telegram's limits, real clock)`,
    table(
      [
        'scenario',
        'orders',
        'seen',
        'p50 s',
        'p99 s',
        'max s',
        'group msgs',
        'per order',
        'card edits',
        '429s',
      ],
      [burst, stream].map((r, i) => [
        i === 0
          ? `burst: ${shape.burstOrders} in ${num(shape.burstMs) / 1000} s, stock ${shape.burstStock}`
          : `slow stream: ${shape.streamOrders}, one every ${num(shape.streamGapMs) / 1000} s`,
        n(r.orders),
        n(r.seen),
        n(round(num(r.p50Ms) / 1000)),
        n(round(num(r.p99Ms) / 1000)),
        n(round(num(r.maxMs) / 1000)),
        n(r.groupMessages),
        n(r.groupMessagesPerOrder),
        n(r.cardEdits),
        n(r.refused429),
      ]),
    ),
    `first sign seen — burst: ${signs(burst)}; slow stream: ${signs(stream)}`,
    `429s by method — burst: ${floodBy(burst)}; slow stream: ${floodBy(stream)}; restart: ${floodBy(restart)}; throughput: ${floodBy(throughput)}`,
    `admin /orders #1 sent mid-burst: answered after ${seconds(burst.adminAnswerMs)}`,
    '',
    table(
      [
        'SIGTERM after a burst',
        'durable at stop',
        'unacked when it exited',
        'shutdown s',
        'durable',
        'unacked after restart',
      ],
      [
        [
          `${num(shape.sigtermAfterMs) / 1000} s after ${restart.orders} orders, stock ${restart.stock}`,
          n(restart.durableAtStop),
          n(restart.unacknowledgedAtStop),
          n(round(num(restart.shutdownMs) / 1000)),
          n(restart.durable),
          n(restart.unacknowledged),
        ],
      ],
    ),
    '',
    table(
      [
        'throughput',
        'orders',
        'durable',
        'orders/s',
        'polls',
        'journal writes',
        'core orders/s (same minute)',
      ],
      [
        [
          `${n(throughput.orders)} members, 100 per getUpdates`,
          n(throughput.orders),
          n(throughput.durable),
          n(throughput.ordersPerSec),
          n(throughput.polls),
          n(throughput.journalWrites),
          n(core.ordersPerSec),
        ],
      ],
    ),
  ].join('\n');
}
