import { describe, expect, it } from 'vitest';
import type { BurstShape } from '../../bench/burst.js';
import {
  assertSoldOut,
  inTempDir,
  runJsonStoreBurst,
  runPgStoreBurst,
  runSqliteGroupBurst,
} from '../../bench/store-only.js';
import { withAdmin } from '../helpers/pg.js';
import { runQuickBench } from '../helpers/quick-bench.js';

// Checks the benchmark still runs and reports what it should; never how fast anything was.
describe('npm run bench -- --quick --only core', () => {
  it('prints every table and writes results with the burst sold out exactly', {
    timeout: 180_000,
  }, async () => {
    const { stdout, results } = await runQuickBench('core');
    for (const row of [
      /^\| tuanbot \(whole pipeline, one fsync per turn\) +\|.*\| +— \|$/m,
      /^\| lowdb \(naive, write per order\) +\|/m,
      /^\| SQLite store work only, per-order commit +\|.*\| not comparable \|$/m,
      /^\| SQLite store work only, same group commit +\|/m,
      /^Store work alone \(same group commit\)/m,
      /^\| tuanbot JSON store .*\| +— \|$/m,
      /^\| SQLite \(WAL, synchronous=FULL, one transaction per turn\) +\|/m,
      /^\| PostgreSQL \(PgStore, synchronous_commit=on, one transaction per turn\) +\| +[\d,]+ \|/m,
      /^Second line, .*: per-order commit \(not the same durability as the group-committed contenders\)/m,
      /^\| SQLite \(WAL, synchronous=FULL, one transaction per order\) +\|/m,
      /^\| JSON store-only ≥ SQLite, same group commit +\|/m,
      /^\| 1,000 +\|/m,
      /^\| 10,000 +\|/m,
      /^\| 1,000 members, 10,000 points, 2,000 orders +\|/m,
      /^\| burst throughput +\|/m,
      /^The burst through the core on each store/m,
      /^\| PostgreSQL, saturated +\| +[\d,]+ \|/m,
      /^\| PostgreSQL, 5,000\/s offered +\| +[\d,]+ \|/m,
      /^\| PostgreSQL: p99 at 5,000 orders\/s offered +\|/m,
    ])
      expect(stdout).toMatch(row);

    expect(Object.keys(results).sort()).toEqual(
      [
        'burst',
        'coldStart',
        'corePostgres',
        'date',
        'goals',
        'history',
        'machine',
        'quick',
        'storeOnly',
      ].sort(),
    );
    expect(results.quick).toBe(true);
    expect(Object.keys(results.machine)).toEqual(
      expect.arrayContaining(['cpu', 'nproc', 'memoryGB', 'node', 'loadAverage']),
    );
    const { burst, storeOnly, corePostgres } = results;
    // PostgreSQL runs here and on CI: a missing server is a failure, not a row to skip.
    expect(storeOnly.postgres.notMeasured).toBeUndefined();
    for (const contender of [
      burst.tuanbot,
      burst.lowdb,
      burst.sqlite,
      storeOnly.json,
      storeOnly.sqlite,
      storeOnly.postgres,
      corePostgres.saturated.json,
      corePostgres.saturated.postgres,
      corePostgres.paced.json,
      corePostgres.paced.postgres,
    ]) {
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
    expect(storeOnly.stock).toBe(burst.stock);
    expect(storeOnly.ratioJsonVsSqlite).toEqual(expect.any(Number));
    expect(burst).toEqual(
      expect.objectContaining({
        ratioVsLowdb: expect.any(Number),
        ratioVsSqliteGroupCommit: expect.any(Number),
      }),
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

// Each store-only contender on a tiny burst: the rule sells exactly the stock, and the orders of
// one turn share a durable write (group commit), whichever store holds them.
describe('store work alone, same group commit', () => {
  // 3 waves of 100 orders; 150 members order 1 unit then change to 2: demand 300 > stock 200.
  const tiny: BurstShape = { orders: 300, members: 150, stock: 200 };
  const waves = 3;

  it('the JSON store sells exactly the stock, at most one durable write per wave', async () => {
    const result = await inTempDir((dir) => runJsonStoreBurst(dir, tiny));
    expect(result.sold).toBe(tiny.stock);
    expect(result.durableWrites).toBeGreaterThan(0);
    expect(result.durableWrites).toBeLessThanOrEqual(waves);
  });

  it('SQLite with one transaction per turn sells exactly the stock, at most one durable write per wave', async () => {
    const result = await inTempDir((dir) => runSqliteGroupBurst(dir, tiny));
    expect(result.sold).toBe(tiny.stock);
    expect(result.durableWrites).toBeGreaterThan(0);
    expect(result.durableWrites).toBeLessThanOrEqual(waves);
  });

  it('PostgreSQL through PgStore sells exactly the stock and drops its throwaway database', {
    timeout: 60_000,
  }, async () => {
    // Throws "cannot reach PostgreSQL at … start it with: …" when the server is down.
    await withAdmin((admin) => admin.query('SELECT 1'));
    const result = await inTempDir((dir) => runPgStoreBurst(dir, tiny));
    if ('notMeasured' in result) throw new Error(`PostgreSQL contender did not run: ${result.notMeasured}`);
    expect(result.sold).toBe(tiny.stock);
    expect(result.durableWrites).toBeGreaterThan(0);
    expect(result.durableWrites).toBeLessThanOrEqual(waves);
    const left = await withAdmin((admin) =>
      admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`tuanbot_bench_${process.pid}`]),
    );
    expect(left.rowCount).toBe(0);
  });

  it('says "not measured: no PostgreSQL" rather than a figure when no server answers', async () => {
    // Port 1 on this host: nothing listens there, the connection is refused at once.
    const result = await inTempDir((dir) =>
      runPgStoreBurst(dir, tiny, 'postgres://postgres@127.0.0.1:1/postgres'),
    );
    expect(result).toEqual({ notMeasured: expect.stringMatching(/^not measured: no PostgreSQL/) });
  });

  it('a run that did not sell exactly the stock fails', () => {
    expect(() => assertSoldOut('SQLite', tiny, { sold: tiny.stock + 1 })).toThrow(
      /sold 201 units of a stock of 200/,
    );
    expect(assertSoldOut('SQLite', tiny, { sold: tiny.stock })).toEqual({ sold: tiny.stock });
  });
});
