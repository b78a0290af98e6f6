import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

// Checks the benchmark still runs and reports what it should; never how fast anything was.
describe('npm run bench -- --quick --only core', () => {
  it('prints every table and writes results with the burst sold out exactly', {
    timeout: 180_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-bench-test-'));
    try {
      const out = join(dir, 'results.json');
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench', 'run.ts'), '--quick', '--only', 'core', '--out', out],
        { cwd: root, maxBuffer: 16 << 20 },
      );
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

      const results = JSON.parse(await readFile(out, 'utf8'));
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
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
