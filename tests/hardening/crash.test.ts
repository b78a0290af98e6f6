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
 * data dir loads, and every order whose ✓ acknowledgement reached stdout before the kill is in
 * it, with its quantity, including those of all earlier rounds. (The bot prints an order's ✓
 * only after its change is durable; an order durable but not yet acknowledged may be there too.)
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
}

/**
 * Starts the bot, feeds it the script, and kills it `jitterMs` after it has printed `afterAcks`
 * acknowledgements: a random moment inside the burst however fast the machine is.
 */
function crashRound(dir: string, script: string, afterAcks: number, jitterMs: number): Promise<Round> {
  const child = startBot(dir, {}, true);
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
    if (!timer && (stdout.match(/✓ r/g)?.length ?? 0) >= afterAcks)
      timer = setTimeout(() => child.kill('SIGKILL'), jitterMs);
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  // stdin stays open: at end of input the bot would quit cleanly, and this is about dying.
  child.stdin.write(script);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    }),
  );
}

/** The ✓ lines on complete stdout lines: who was told their order is in, with what quantity. */
function acknowledged(stdout: string): Map<string, number> {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  const acks = new Map<string, number>();
  for (const m of complete.matchAll(/✓ (r\d+u\d+) ×(\d+)/g)) acks.set(m[1]!, Number(m[2]));
  return acks;
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
    const setup = startBot(dir, {}, true);
    setup.stdin.end('/deal new "Flash" price=1 min=1 stock=1000000 ends=30d\n');
    expect(await new Promise((resolve) => setup.on('close', resolve))).toBe(0);
    for (let r = 0; r < ROUNDS; r++) {
      const lines = ['/whoami'];
      for (let i = 0; i < ORDERS_PER_ROUND; i++)
        lines.push(`r${r}u${i}> +${quantities[r * ORDERS_PER_ROUND + i]}`);
      const round = await crashRound(dir, `${lines.join('\n')}\n`, acksBeforeKill[r]!, jitter[r]!);
      const where = `chain ${chain} round ${r} (killed after ${acksBeforeKill[r]} acks + ${jitter[r]} ms)`;
      expect(round.signal, `${where} ended by itself: ${round.stderr}`).toBe('SIGKILL');
      const acks = acknowledged(round.stdout);
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
  }, 180_000);
});
