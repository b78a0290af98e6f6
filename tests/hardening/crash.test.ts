import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/core/clock.js';
import { readState, Store } from '../../src/store/store.js';
import { startBot } from '../e2e/run-bot.js';
import { invalidRecords } from './state.js';
import { scratchDir } from './world.js';

/**
 * Crash: the console bot (its own node process, as `npm start` runs it) takes a scripted burst of
 * orders and is SIGKILLed at a random moment: 2 data dirs × 10 rounds. After each kill the
 * data dir loads, and every order the bot showed as taken before the kill is in it, with its
 * quantity, including those of all earlier rounds. The console has no reactions, so an order is
 * acknowledged by its line in the deal card the bot posted or edited (`[main] bot edited m1: 🛒 …`
 * then `  5. r0u4 ×2`). The bot sends the card only after the order's change is durable; an order
 * durable but not yet shown may be there too.
 */
// Two data dirs of ten rounds each, side by side: a restart costs seconds of module loading.
const CHAINS = 2;
const ROUNDS = 10;
const ORDERS_PER_ROUND = 150;
const SEED = 4_242;
const DEAL = 'console:main#1';

interface Round {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Who the cards showed as ordered before the kill, with the quantity shown. */
  acks: Map<string, number>;
}

/**
 * Reads the console transcript as it arrives: the members of one round (`r3u…`) whose roster line
 * appeared in a deal card (`[main] bot (m1): 🛒 …` or `[main] bot edited m1: 🛒 …`, then indented
 * `  N. name ×qty` lines), with the quantity shown. The card also lists earlier rounds' members;
 * those were counted in their round. Only complete lines count: a line cut by the kill says nothing.
 */
class CardReader {
  readonly shown = new Map<string, number>();
  private pending = '';
  private inCard = false;
  private readonly orderLine: RegExp;

  constructor(round: number) {
    this.orderLine = new RegExp(`^ {2}\\d+\\. (r${round}u\\d+) ×(\\d+)$`);
  }

  feed(chunk: string): void {
    const text = this.pending + chunk;
    const end = text.lastIndexOf('\n');
    this.pending = text.slice(end + 1);
    if (end < 0) return;
    for (const line of text.slice(0, end).split('\n')) {
      // A message starts unindented; its further lines are indented by two spaces.
      if (!line.startsWith('  ')) {
        this.inCard = /^\[main\] bot (?:\(m\d+\)|edited m\d+): 🛒 /.test(line);
        continue;
      }
      const order = this.inCard ? this.orderLine.exec(line) : null;
      if (order) this.shown.set(order[1]!, Number(order[2]));
    }
  }
}

/**
 * Starts the bot, feeds it the script, and kills it `jitterMs` after its cards have shown
 * `afterAcks` orders: a random moment inside the burst however fast the machine is.
 */
function crashRound(
  dir: string,
  round: number,
  script: string,
  afterAcks: number,
  jitterMs: number,
): Promise<Round> {
  const child = startBot(dir);
  const cards = new CardReader(round);
  // Decoded as a stream: a chunk may end inside a character (🛒, ×).
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    cards.feed(chunk);
    if (!timer && cards.shown.size >= afterAcks) timer = setTimeout(() => child.kill('SIGKILL'), jitterMs);
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // stdin stays open: at end of input the bot would quit cleanly, and this is about dying.
  child.stdin.write(script);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, acks: cards.shown });
    }),
  );
}

/** One data dir through ROUNDS kills; returns how many orders were acknowledged and how many kills hit a burst. */
async function crashChain(chain: number): Promise<{ promised: number; midBurst: number }> {
  const dir = await scratchDir(`crash${chain}`);
  const seed = SEED + chain;
  const acksBeforeKill = fc.sample(fc.integer({ min: 0, max: ORDERS_PER_ROUND - 1 }), {
    seed,
    numRuns: ROUNDS,
  });
  const jitter = fc.sample(fc.integer({ min: 0, max: 5 }), { seed: seed + 100, numRuns: ROUNDS });
  const quantities = fc.sample(fc.integer({ min: 1, max: 3 }), {
    seed: seed + 200,
    numRuns: ROUNDS * ORDERS_PER_ROUND,
  });
  const promised = new Map<string, number>();
  let midBurst = 0;
  try {
    const setup = startBot(dir);
    setup.stdin.end('/deal new "Flash" price=1 min=1 stock=1000000 ends=30d\n');
    expect(await new Promise((resolve) => setup.on('close', resolve))).toBe(0);
    for (let r = 0; r < ROUNDS; r++) {
      const lines = ['/whoami'];
      for (let i = 0; i < ORDERS_PER_ROUND; i++)
        lines.push(`r${r}u${i}> +${quantities[r * ORDERS_PER_ROUND + i]}`);
      const round = await crashRound(dir, r, `${lines.join('\n')}\n`, acksBeforeKill[r]!, jitter[r]!);
      const where = `chain ${chain} round ${r} (killed after ${acksBeforeKill[r]} acks + ${jitter[r]} ms)`;
      expect(round.signal, `${where} ended by itself: ${round.stderr}`).toBe('SIGKILL');
      const { acks } = round;
      if (acks.size < ORDERS_PER_ROUND) midBurst++;
      for (const [user, qty] of acks) promised.set(user, qty);

      // What a restart loads: every acknowledged order of this round and all earlier ones.
      const tables = await readState(dir);
      const missing: string[] = [];
      for (const [user, qty] of promised) {
        const order = tables.orders.get(`${DEAL}/${user}`);
        if (order?.status !== 'active' || order.qty !== qty)
          missing.push(`${user} ×${qty}: ${JSON.stringify(order)}`);
      }
      expect(missing, where).toEqual([]);
      const active = tables.orders.by('deal', DEAL).filter((o) => o.status === 'active');
      expect(tables.deals.get(DEAL)?.sold, where).toBe(active.reduce((sum, o) => sum + o.qty, 0));
    }
    // The restarted store opens (taking over the dead process's lock) and every record is valid.
    const store = await Store.open({ dir, clock: new SystemClock() });
    try {
      expect(invalidRecords(store.tables)).toEqual([]);
    } finally {
      await store.close();
    }
    return { promised: promised.size, midBurst };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('crash: SIGKILL at random moments during an order burst', () => {
  it(`${CHAINS * ROUNDS} rounds: the store loads and every acknowledged order is there`, async () => {
    const chains = await Promise.all(Array.from({ length: CHAINS }, (_, i) => crashChain(i)));
    for (const { promised, midBurst } of chains) {
      expect(promised).toBeGreaterThan(ORDERS_PER_ROUND); // acknowledgements did get out
      expect(midBurst).toBeGreaterThanOrEqual(ROUNDS / 2); // most kills landed inside a burst
    }
  }, 120_000);
});
