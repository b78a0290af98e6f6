import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { readDatabase } from '../../src/store/postgres/pg-load.js';
import { FailoverCluster, group, healthOf, LEAD, until } from './failover-cluster.js';

/**
 * Issue #20, timed jobs exactly once across processes: A serves and B stands by on one database
 * (see failover.test.ts); a deadline that falls while A is dead is applied once, by B, and a
 * scheduled job A ran before dying is not run again by B (its slot is in jobRuns). Waits for a
 * minute's start, when the scheduler runs what fell due (up to 80 s).
 */

/** The store's lease (src/store/postgres/lease.ts): an advisory lock on these two keys. */
const LEASE_KEYS = [0x7475616e, 1];

const GROUP = group(1);

let cluster: FailoverCluster | undefined;

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('failover: timed jobs run once across processes', () => {
  it('GIVEN a deadline that falls while A is dead THEN B closes the deal once, and a prompt A posted is not posted again', async () => {
    const c = await FailoverCluster.start('failover_jobs');
    cluster = c;
    c.leadOf([GROUP]);
    const { a, b } = await c.activeAndStandby();
    // The next whole minute at least 20 s away: A's scheduler runs due jobs at each minute's start.
    const now = Date.now();
    let slot = Math.ceil(now / 60_000) * 60_000;
    if (slot - now < 20_000) slot += 60_000;
    const hhmm = new Date(slot).toISOString().slice(11, 16);
    const inSeconds = (at: number) => `${Math.round((at - Date.now()) / 1000)}s`;
    c.say(LEAD, GROUP, `/topic schedule daily ${hhmm}`);
    // #1 falls due before the slot (A closes it then); #2 four seconds after it, once A is dead.
    c.say(LEAD, GROUP, `/deal new "Pears" price=5 min=2 stock=10 ends=${inSeconds(slot - 5_000)}`);
    c.say(LEAD, GROUP, `/deal new "Plums" price=5 min=2 stock=10 ends=${inSeconds(slot + 4_000)}`);
    await c.expectSoon(() => c.postsWith(GROUP.id, '🛒 #2', ['sendMessage']) > 0, "the deals' cards");
    const deadline2 = Date.parse(
      [...(await readDatabase(c.databaseUrl)).deals.values()].find((d) => d.no === 2)!.endsAt,
    );

    const prompts = () => c.postsWith(GROUP.id, '💬 Topic:', ['sendMessage']);
    const closings = (no: number) => c.postsWith(GROUP.id, `❌ #${no} `, ['sendMessage']);
    await c.expectSoon(
      () => prompts() > 0 && closings(1) > 0,
      "A's jobs at the slot",
      slot - Date.now() + 15_000,
    );

    // Whoever asks for the lease first gets it when A dies: the test holds it until #2's deadline
    // has passed, so the deadline falls while nobody serves the database, then lets B take over.
    const gate = new pg.Client({ connectionString: c.databaseUrl });
    await gate.connect();
    try {
      const held = gate.query('SELECT pg_advisory_lock($1, $2)', LEASE_KEYS);
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      expect(killedAt).toBeLessThan(deadline2);
      await a.exited;
      await held;
      await until(() => Date.now() > deadline2 + 200, 15_000);
      await gate.query('SELECT pg_advisory_unlock($1, $2)', LEASE_KEYS);
      await c.expectSoon(() => closings(2) > 0, 'B to close #2');
      // Everything B's start owed the group is out (its /healthz: ok, nothing owed) before counting.
      const port = await b.healthPort();
      let health = await healthOf(port);
      for (let i = 0; i < 100 && (health.status !== 200 || health.body.outbox?.owed !== 0); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        health = await healthOf(port);
      }
      expect(health).toMatchObject({ status: 200, body: { status: 'ok', outbox: { owed: 0 } } });
      const tables = await readDatabase(c.databaseUrl);
      const run = [...tables.jobRuns.values()].find((r) => r.job === 'topic-prompt');
      expect(run).toMatchObject({ lastSlot: new Date(slot).toISOString() });
      expect(Date.parse(run!.ranAt)).toBeLessThan(killedAt);
    } finally {
      await gate.end();
    }
    // B's start ran every job: one closing message per deal, one prompt, none repeated.
    expect({ prompts: prompts(), closed1: closings(1), closed2: closings(2) }).toEqual({
      prompts: 1,
      closed1: 1,
      closed2: 1,
    });
    b.child.kill('SIGTERM');
    await b.exited;
  }, 180_000);
});
