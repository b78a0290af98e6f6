/**
 * Two processes on one database (issue #20): A serves 2,000 communities (Telegram groups on the
 * local fake Bot API, tests/e2e/failover-cluster.ts), B stands by on the same DATABASE_URL, data
 * dir and token. Measured before the kill: orders/s and the latency to the member's 👌; then A is
 * SIGKILLed and B takes over: kill → B's first getUpdates, kill → first order B acknowledges, and
 * from the database, lost (orders the group saw acknowledged that are not there) and double
 * (orders counted twice). The bot process paces 👌 to half of Telegram's 30 calls/s (reactions.ts),
 * so the latency phase offers orders below that; the throughput phase queues a burst at once and
 * times its durable handling (the getUpdates that confirms the last update).
 */
import { readDatabase } from '../src/store/postgres/pg-load.js';
import { FailoverCluster, group, LEAD, member, type Pushed, until } from '../tests/e2e/failover-cluster.js';
import { summarize, table } from './stats.js';

/** Sizes of one failover run. */
export interface FailoverShape {
  groups: number;
  /** Latency phase: orders per second offered (below the bot's 15 👌/s) and for how long. */
  paceOrdersPerSec: number;
  paceSeconds: number;
  /** Throughput phase: orders queued at once, spread over the groups. */
  burstOrders: number;
  /** After the kill: orders per second offered while B takes over, and for how long. */
  afterKillSeconds: number;
}

export const FULL_FAILOVER: FailoverShape = {
  groups: 2_000,
  paceOrdersPerSec: 10,
  paceSeconds: 20,
  burstOrders: 10_000,
  afterKillSeconds: 10,
};

/** Proves the code runs; its figures mean nothing. */
export const QUICK_FAILOVER: FailoverShape = {
  groups: 20,
  paceOrdersPerSec: 10,
  paceSeconds: 2,
  burstOrders: 200,
  afterKillSeconds: 3,
};

export type FailoverResults = Record<string, number | string | null> & {
  groups: number;
  ordersPerSec: number;
  p99AckMs: number;
  takeoverPollMs: number | null;
  takeoverAckMs: number | null;
  lost: number;
  double: number;
};

/**
 * When each pushed message got its 👌 (Date.now ms), and how many deal cards were posted, read
 * incrementally from the fake's call log.
 */
class Acks {
  private read = 0;
  readonly at = new Map<string, number>();
  cards = 0;
  constructor(private readonly cluster: FailoverCluster) {}
  scan(): void {
    const calls = this.cluster.api.calls;
    for (; this.read < calls.length; this.read++) {
      const c = calls[this.read]!;
      if (c.refused === undefined && c.method === 'sendMessage' && String(c.params.text).startsWith('🛒'))
        this.cards++;
      if (c.method !== 'setMessageReaction' || c.refused !== undefined) continue;
      const key = `${c.params.chat_id}:${c.params.message_id}`;
      if (!this.at.has(key)) this.at.set(key, c.at);
    }
  }
  of(p: Pushed): number | undefined {
    return this.at.get(`${p.chatId}:${p.messageId}`);
  }
}

/** Refusals of this code per Bot API method, as `method count, …` (most first). */
function refusedBy(cluster: FailoverCluster, code: number): string {
  const counts = new Map<string, number>();
  for (const r of cluster.api.refusals)
    if (r.error_code === code) counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([m, c]) => `${m} ${c}`)
      .join(', ') || 'none'
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the scenario on a throwaway database; throws with the processes' logs if a step never happens. */
export async function runFailover(
  shape: FailoverShape,
  log: (text: string) => void,
): Promise<FailoverResults> {
  const cluster = await FailoverCluster.start('bench_failover');
  try {
    const groups = Array.from({ length: shape.groups }, (_, i) => group(i));
    cluster.leadOf(groups);
    const { a, b } = await cluster.activeAndStandby();
    log(`failover: opening a deal in each of ${shape.groups.toLocaleString('en')} groups…`);
    let last: Pushed | undefined;
    const openFrom = Date.now();
    for (const g of groups)
      last = cluster.say(LEAD, g, '/deal new "Mangoes" price=9.9 min=2 stock=100000 ends=7d');
    await cluster.expectSoon(() => cluster.confirmed(last!.updateId), 'the deals to be opened', 600_000);
    // Steady state before measuring: every card posted (at Telegram's 30 messages/s overall).
    const acks = new Acks(cluster);
    await cluster.expectSoon(
      () => {
        acks.scan();
        return acks.cards >= shape.groups;
      },
      "the deals' cards to be posted",
      600_000,
    );
    const openedAt = Date.now();
    const pushed: Pushed[] = [];
    let next = 0;
    const order = () => {
      const i = next++;
      const p = cluster.say(member(i), groups[i % groups.length]!, '+1');
      pushed.push(p);
      return p;
    };
    const paced = async (perSec: number, seconds: number) => {
      const t0 = Date.now();
      const count = Math.round(perSec * seconds);
      for (let k = 0; k < count; k++) {
        const wait = t0 + (k * 1000) / perSec - Date.now();
        if (wait > 0) await sleep(wait);
        order();
      }
    };

    log(`failover: ${shape.paceOrdersPerSec} orders/s for ${shape.paceSeconds} s through A (latency to 👌)…`);
    const paceFrom = pushed.length;
    await paced(shape.paceOrdersPerSec, shape.paceSeconds);
    await until(() => {
      acks.scan();
      return pushed.slice(paceFrom).every((p) => acks.of(p) !== undefined);
    }, 30_000);
    const latencies = pushed
      .slice(paceFrom)
      .map((p) => (acks.of(p) ?? Number.NaN) - p.at)
      .filter((ms) => !Number.isNaN(ms));
    const latency = summarize(Float64Array.from(latencies));

    log(`failover: ${shape.burstOrders.toLocaleString('en')} orders queued at once (durable orders/s)…`);
    const t0 = Date.now();
    for (let k = 0; k < shape.burstOrders; k++) last = order();
    await cluster.expectSoon(() => cluster.confirmed(last!.updateId), 'A to handle the burst', 600_000);
    const confirmedAt = cluster.api.polls.find((p) => p.offset > last!.updateId)!.at;
    const ordersPerSec = Math.round(shape.burstOrders / ((confirmedAt - t0) / 1000));

    log('failover: SIGKILL A while orders keep coming…');
    const killFrom = pushed.length;
    const afterKill = paced(shape.paceOrdersPerSec, shape.afterKillSeconds);
    await sleep(500);
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await a.exited;
    await afterKill;
    last = pushed.at(-1)!;
    await cluster.expectSoon(() => cluster.confirmed(last!.updateId), 'B to handle every order', 120_000);
    await until(() => {
      acks.scan();
      return pushed.slice(killFrom).some((p) => (acks.of(p) ?? 0) > killedAt);
    }, 30_000);
    acks.scan();
    const firstPoll = cluster.api.polls.find((p) => p.at >= killedAt)?.at;
    const firstAck = Math.min(...[...acks.at.values()].filter((at) => at > killedAt));

    const tables = await readDatabase(cluster.databaseUrl);
    const lines = [...tables.orders.values()].filter((o) => o.status === 'active');
    const byUser = new Map<string, number>();
    for (const o of lines) byUser.set(o.userId, (byUser.get(o.userId) ?? 0) + o.qty);
    const lost = pushed.filter((p) => acks.of(p) !== undefined && !byUser.has(String(p.from.id))).length;
    // Each member sent one `+1`: a line of more than 1, or a deal whose count is not its lines' sum, is counted twice.
    const overCounted = [...byUser.values()].filter((qty) => qty > 1).length;
    const sums = new Map<string, number>();
    for (const o of lines) sums.set(o.dealId, (sums.get(o.dealId) ?? 0) + o.qty);
    const badDeals = [...tables.deals.values()].filter((d) => d.sold !== (sums.get(d.id) ?? 0)).length;
    const unhandled = pushed.filter((p) => !byUser.has(String(p.from.id))).length;
    b.child.kill('SIGTERM');
    await b.exited;
    return {
      groups: shape.groups,
      cardsPostedMs: openedAt - openFrom,
      orders: pushed.length,
      paceOrdersPerSec: shape.paceOrdersPerSec,
      p50AckMs: latency.p50Ms,
      p99AckMs: latency.p99Ms,
      notAcked: shape.paceOrdersPerSec * shape.paceSeconds - latencies.length,
      burstOrders: shape.burstOrders,
      ordersPerSec,
      takeoverPollMs: firstPoll === undefined ? null : firstPoll - killedAt,
      takeoverAckMs: Number.isFinite(firstAck) ? firstAck - killedAt : null,
      acknowledged: acks.at.size,
      lost,
      double: overCounted + badDeals,
      unhandled,
      conflicts409: cluster.api.refused(409),
      refused429: cluster.api.refused(429),
      refused429By: refusedBy(cluster, 429),
      reactions429: cluster.api.refusals.filter(
        (r) => r.error_code === 429 && r.method === 'setMessageReaction',
      ).length,
    };
  } finally {
    await cluster.close();
  }
}

export function failoverReport(r: FailoverResults): string {
  const n = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en') : String(v ?? '—'));
  return [
    `Two processes on one database: ${n(r.groups)} groups on the fake Bot API, A serving, B standing by (PostgreSQL)`,
    table(
      ['measure', 'value'],
      [
        [
          `👌 latency at ${n(r.paceOrdersPerSec)} orders/s, p50 / p99 ms`,
          `${n(r.p50AckMs)} / ${n(r.p99AckMs)}`,
        ],
        [`durable orders/s, ${n(r.burstOrders)} queued at once`, n(r.ordersPerSec)],
        ['SIGKILL A → B polls, ms', n(r.takeoverPollMs)],
        ['SIGKILL A → first 👌 by B, ms', n(r.takeoverAckMs)],
        ['orders pushed / not handled', `${n(r.orders)} / ${n(r.unhandled)}`],
        ['acknowledged (👌) lost / counted twice', `${n(r.lost)} / ${n(r.double)}`],
        ['two pollers at once (409)', n(r.conflicts409)],
        ['flood refusals (429) in all / of 👌', `${n(r.refused429)} / ${n(r.reactions429)}`],
        ['429 by method', String(r.refused429By)],
      ],
    ),
    'Latency: from the update reaching the fake to its 👌 being accepted; the bot paces 👌 to 15/s',
    "(half of Telegram's 30 calls/s), so the latency phase stays below it. Orders/s: until the",
    'getUpdates that confirms the last update (each handled and committed before it is confirmed).',
  ].join('\n');
}

/** The section of npm run bench (run.ts): the full shape, or the quick one with --quick. */
export async function runFailoverSection(
  quick: boolean,
  log: (text: string) => void,
): Promise<FailoverResults> {
  return runFailover(quick ? QUICK_FAILOVER : FULL_FAILOVER, log);
}
