import { describe, expect, it } from 'vitest';
import { runQuickBench } from '../helpers/quick-bench.js';

// The delivery section at tiny sizes: it runs the bot process through the Telegram adapter and
// reports every scenario; its figures (and whether goals are met) are npm run bench's to measure.
describe('npm run bench -- --quick --only delivery', () => {
  it('prints the delivery tables and writes each scenario, the core burst beside it and the delivery goals', {
    timeout: 120_000,
  }, async () => {
    const { stdout, results } = await runQuickBench('delivery');
    for (const row of [
      /^\| burst: 12 in 0\.3 s, stock 9 +\|/m,
      /^\| slow stream: 3, one every 0\.3 s +\|/m,
      /^\| 0\.1 s after 12 orders, stock 9 +\|/m,
      /^\| 300 members, 100 per getUpdates +\|/m,
      /^\| durable orders\/s through the Telegram adapter +\|/m,
    ])
      expect(stdout).toMatch(row);

    // No core sections were run or recorded in this fresh file: only the delivery section.
    expect(results).not.toHaveProperty('burst');
    const { burst, stream, restart, throughput, core } = results.delivery;
    for (const scenario of [burst, stream]) {
      expect(scenario).toEqual(
        expect.objectContaining({
          p50Ms: expect.any(Number),
          p99Ms: expect.any(Number),
          maxMs: expect.any(Number),
          groupMessages: expect.any(Number),
          refused429: expect.any(Number),
        }),
      );
      // Every member is accounted for, seen or not.
      expect(scenario.seen + scenario.unseen).toBe(scenario.orders);
    }
    expect(burst.orders).toBe(12);
    expect(stream.orders).toBe(3);
    expect(burst).toHaveProperty('adminAnswerMs');
    // The stock caps what can be durable, before and after the restart.
    expect(restart.durableAtStop).toBeLessThanOrEqual(9);
    expect(restart.durable).toBe(9);
    expect(restart.unacknowledged).toEqual(expect.any(Number));
    // Every order fed through getUpdates became durable: none lost between poller and store.
    expect(throughput).toEqual(expect.objectContaining({ orders: 300, durable: 300 }));
    expect(throughput.ordersPerSec).toEqual(expect.any(Number));
    expect(core.sold).toBe(600);
    expect(results.goals.map((g: { goal: string }) => g.goal)).toContain(
      'durable orders/s through the Telegram adapter',
    );
  });
});
