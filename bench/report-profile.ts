/**
 * Times /report's computation (buildReport, no chart) on a data dir, a few times in one process.
 * For profiling: `node --cpu-prof --import tsx bench/report-profile.ts DIR [RUNS]`.
 */
import { SystemClock } from '../src/core/clock.js';
import { buildReport } from '../src/services/report.js';
import { Store } from '../src/store/store.js';
import { round } from './stats.js';

const [dir, runs = '5'] = process.argv.slice(2);
const clock = new SystemClock();
const store = await Store.open({ dir: dir!, clock });
const community = [...store.tables.communities.values()][0]!;
const times: number[] = [];
for (let i = 0; i < Number(runs); i++) {
  const t0 = performance.now();
  const outcome = buildReport(store.tables, community, '30d', clock.now());
  times.push(round(performance.now() - t0));
  if (outcome.kind !== 'report') throw new Error(outcome.kind);
}
await store.close();
process.stdout.write(`${JSON.stringify({ reportComputeMs: times })}\n`);
