import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { acquireLock } from '../../src/store/lock.js';
import { Store } from '../../src/store/store.js';
import { fillReportFixture, NOW } from '../helpers/report-fixture.js';
import { ReportJsonSchema } from '../helpers/report-schema.js';
import { runCli } from './run-bot.js';

const report = (dir: string, ...args: string[]) => runCli('report', dir, args);

/** A data dir holding the report fixture, written by the real store (snapshot and journal). */
async function fixtureDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-report-'));
  const store = await Store.open({ dir, clock: new ManualClock(NOW) });
  const fixture = fillReportFixture();
  await store.mutate((tx) => {
    for (const name of Object.keys(fixture) as (keyof typeof fixture)[])
      for (const record of fixture[name].values()) tx.put(name, record as never);
  });
  await store.close();
  return dir;
}

describe('npm run report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fixtureDir();
  });

  it('--list lists the communities and their ids', () => {
    // npm run report itself once; the compiled script directly in the other cases.
    const out = runCli('report', dir, ['--list'], { npm: true });
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('memory:main\tmain\n');
  });

  it('prints the summary in the community language, or the one asked for', () => {
    const en = report(dir, '--community', 'memory:main', '--period', '7d', '--at', NOW.toISOString());
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('📊 main — last 7 days (11-19 → 11-25, Asia/Shanghai)');
    expect(en.stdout).toContain('💰 GMV ¥33.00 (¥21.00, +57%)');
    expect(en.stdout).toContain('net sales ¥30.00 (¥14.00, +114%)');
    expect(en.stdout).toContain('💵 Collected ¥33.00 (¥21.00, +57%)');
    expect(en.stdout).toContain('🧾 Now: still owed ¥10.00 by 1 member · refunds due ¥56.00 to 1 member');
    const zh = report(
      dir,
      '--community',
      'memory:main',
      '--period',
      '7d',
      '--at',
      NOW.toISOString(),
      '--lang',
      'zh',
    );
    expect(zh.stdout).toContain('成交额 GMV ¥33.00');
    expect(zh.stdout).toContain('净销售额 ¥30.00');
  });

  it('--json prints the report in the published schema, with the same numbers', () => {
    const out = report(
      dir,
      '--community',
      'memory:main',
      '--period',
      '7d',
      '--json',
      '--at',
      NOW.toISOString(),
    );
    expect(out.status).toBe(0);
    const json = ReportJsonSchema.parse(JSON.parse(out.stdout));
    expect(json.commerce.gmvCents.value).toBe(3300);
    expect(json.referrals.kFactor.value).toBe(0.25);
    expect(json.money.netSalesCents.value).toBe(3000);
    expect(json.money.collectedCents.value).toBe(3300);
    expect(json.money.refundDueNow).toEqual({ cents: 5600, lines: 2, members: 1 });
    expect(json.daily).toHaveLength(7);
  });

  it('reads beside a running bot (no lock taken, nothing written) and refuses bad input clearly', async () => {
    const release = await acquireLock(dir); // as if the bot were running
    try {
      expect(report(dir, '--community', 'memory:main', '--at', NOW.toISOString()).status).toBe(0);
    } finally {
      await release();
    }
    const unknown = report(dir, '--community', 'memory:nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No community memory:nope');
    expect(unknown.stderr).toContain('memory:main');
    const badPeriod = report(dir, '--community', 'memory:main', '--period', '12d');
    expect(badPeriod.status).toBe(2);
    expect(badPeriod.stderr).toContain('Unknown period "12d"');
    expect(report(dir).status).toBe(2);
  });

  it('a state file that does not load is named, and nothing is printed', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'tuanbot-report-'));
    await writeFile(join(broken, 'state.json'), '{"version":1');
    const out = report(broken, '--list');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('cannot load');
    expect(out.stdout).toBe('');
  });
});
