import { describe, expect, it } from 'vitest';
import { runQuickBench } from '../helpers/quick-bench.js';

// Checks the benchmark still runs and reports what it should; never how fast anything was.
describe('npm run bench -- --quick --only core', () => {
  it('prints every table and writes results with the burst sold out exactly', {
    timeout: 180_000,
  }, async () => {
    const { stdout, results } = await runQuickBench('core');
    for (const row of [
      /^\| tuanbot +\|/m,
      /^\| lowdb \(naive, write per order\) +\|/m,
      /^\| SQLite \(WAL, synchronous=FULL\) +\|/m,
      /^\| 1,000 +\|/m,
      /^\| 10,000 +\|/m,
      /^\| 1,000 members, 10,000 points, 2,000 orders +\|/m,
      /^\| burst throughput +\|/m,
    ])
      expect(stdout).toMatch(row);

    expect(Object.keys(results).sort()).toEqual(
      ['burst', 'coldStart', 'date', 'goals', 'history', 'machine', 'quick'].sort(),
    );
    expect(results.quick).toBe(true);
    expect(Object.keys(results.machine)).toEqual(
      expect.arrayContaining(['cpu', 'nproc', 'memoryGB', 'node', 'loadAverage']),
    );
    const { burst } = results;
    for (const contender of [burst.tuanbot, burst.lowdb, burst.sqlite]) {
      expect(contender).toEqual(
        expect.objectContaining({
          ordersPerSec: expect.any(Number),
          p50Ms: expect.any(Number),
          p99Ms: expect.any(Number),
          maxMs: expect.any(Number),
        }),
      );
      expect(contender.sold).toBe(burst.stock);
    }
    expect(burst.tuanbot.groupMessages).toEqual(expect.any(Number));
    expect(burst).toEqual(
      expect.objectContaining({ ratioVsLowdb: expect.any(Number), ratioVsSqlite: expect.any(Number) }),
    );
    expect(results.history.map((h: { ledger: number }) => h.ledger)).toEqual([1_000, 10_000]);
    for (const h of results.history) expect(h.sold).toBe(burst.stock);
    expect(results.coldStart).toEqual(
      expect.objectContaining({
        ledger: 10_000,
        coldStartMs: expect.any(Number),
        rssMB: expect.any(Number),
      }),
    );
    expect(results.coldStart).toHaveProperty('reportMs');
    expect(results.goals.length).toBeGreaterThanOrEqual(10);
    for (const goal of results.goals)
      expect(Object.keys(goal).sort()).toEqual(['goal', 'measured', 'met', 'target']);
  });
});
