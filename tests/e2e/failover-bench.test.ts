import { describe, expect, it } from 'vitest';
import { failoverReport, QUICK_FAILOVER, runFailover } from '../../bench/failover.js';
import { failoverGoals } from '../../bench/goals.js';

// Checks the failover benchmark (npm run bench, "Two processes on one database") still runs on its
// quick shape and reports what it should; never how fast anything was.
describe('bench/failover.ts on the quick shape', () => {
  it('GIVEN A killed under load THEN the section reports a takeover, every order handled, none lost or twice', {
    timeout: 120_000,
  }, async () => {
    const result = await runFailover(QUICK_FAILOVER, () => {});
    expect(result).toMatchObject({
      groups: QUICK_FAILOVER.groups,
      unhandled: 0,
      lost: 0,
      double: 0,
      conflicts409: 0,
    });
    expect(result.takeoverPollMs).not.toBeNull();
    expect(result.takeoverAckMs).not.toBeNull();
    const report = failoverReport(result);
    for (const row of [
      /^Two processes on one database: 20 groups/m,
      /^\| SIGKILL A → B polls, ms +\| +[\d,]+ \|$/m,
      /^\| acknowledged \(👌\) lost \/ counted twice +\| +0 \/ 0 \|$/m,
    ])
      expect(report).toMatch(row);
    expect(failoverGoals(result).map((g) => g.goal)).toEqual([
      'failover: SIGKILL → standby polls',
      'failover: acknowledged orders lost',
      'failover: orders counted twice',
    ]);
  });
});
