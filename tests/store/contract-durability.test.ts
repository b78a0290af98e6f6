import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import type { BotStore } from '../../src/store/contract.js';
import { StoreWriteError } from '../../src/store/write-errors.js';
import { memberRecord as member } from '../helpers/records.js';
import {
  cutStoreConnection,
  databaseIds,
  ENGINES,
  type FreshTarget,
  freshTarget,
  openEngine,
  refuseWrites,
} from '../helpers/stores.js';

/**
 * The store contract (src/store/contract.ts), the same cases on every engine: what is acknowledged
 * is durable and comes back in the same order, commits of one turn share one durable write, and
 * what cannot be made durable is refused and undone. The core's side (redelivery, the outbox,
 * stock under a burst) is contract-core.test.ts.
 */

const userIds = (store: BotStore) =>
  [...store.tables.members.values()].map((m) => `${m.userId}${m.messageCount}`);

describe.each(ENGINES)('the store contract on %s: durability', (engine) => {
  let target: FreshTarget;
  const madeTargets: FreshTarget[] = [];
  const open: BotStore[] = [];
  /** Opens a store on this test's target; closed after the test if the test did not. */
  const openStore = async () => {
    const store = await openEngine(engine, target);
    open.push(store);
    return store;
  };
  /** Closes the store and opens the target again: only what was durable comes back. */
  const reopen = async (store: BotStore) => {
    await store.close();
    return openStore();
  };

  beforeEach(async () => {
    target = await freshTarget(engine, `contract-${engine}`, new ManualClock('2026-11-25T08:00:00Z'));
    madeTargets.push(target);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close().catch(() => {});
    // Only targets that were made: a beforeEach that failed (no server) leaves none.
    for (const made of madeTargets.splice(0)) await made.dispose();
  });

  it('GIVEN acknowledged commits WHEN the store is closed and reopened THEN every record is back, rows in the order they were first inserted', async () => {
    const store = await openStore();
    await store.mutate((tx) => {
      for (const id of ['a', 'b', 'c']) tx.put('members', member(id));
    });
    // One turn: many versions of one row, an insert, deletes, a delete then a re-insert.
    const turn = [
      ...Array.from({ length: 20 }, (_, i) => store.transact((tx) => tx.put('members', member('a', i + 1)))),
      store.transact((tx) => tx.put('members', member('d'))),
      store.transact((tx) => tx.delete('members', 'c/b')),
      store.transact((tx) => tx.delete('members', 'c/c')),
      store.transact((tx) => tx.put('members', member('c', 7))),
      store.transact((tx) => tx.put('members', member('e'))),
    ];
    await Promise.all(turn.map((commit) => commit.committed));
    // Across writes: an update keeps its place, a row deleted and put back goes last.
    await store.mutate((tx) => tx.put('members', member('d', 4)));
    await store.mutate((tx) => tx.delete('members', 'c/a'));
    await store.mutate((tx) => tx.put('members', member('a', 99)));
    const live = [...store.tables.members.values()];
    expect(userIds(store)).toEqual(['d4', 'c7', 'e0', 'a99']);

    const again = await reopen(store);
    expect([...again.tables.members.values()]).toEqual(live);
    expect(again.tables.members.by('community', 'c').map((m) => m.userId)).toEqual(['d', 'c', 'e', 'a']);
    if (engine === 'postgres')
      expect(await databaseIds(target, 'members')).toEqual(['c/d', 'c/c', 'c/e', 'c/a']);
  });

  it('GIVEN 50 commits made in one turn of the event loop THEN one durable write carries them all', async () => {
    const store = await openStore();
    await store.mutate((tx) => tx.put('members', member('warm-up')));
    const writes = store.stats.writes;
    const commits = store.stats.commits;
    const turn = Array.from({ length: 50 }, (_, i) =>
      store.transact((tx) => tx.put('members', member(`m${i}`))),
    );
    await Promise.all(turn.map((commit) => commit.committed));
    expect(store.stats.commits - commits).toBe(50);
    expect(store.stats.writes - writes).toBe(1);
    const again = await reopen(store);
    expect(again.tables.members.size).toBe(51);
  });

  it('GIVEN a transaction whose fn throws THEN nothing it did is kept, in memory or after a reopen', async () => {
    const store = await openStore();
    await store.mutate((tx) => tx.put('members', member('alice', 1)));
    expect(() =>
      store.transact((tx) => {
        tx.put('members', member('alice', 2));
        tx.put('members', member('dave'));
        tx.delete('members', 'c/alice');
        throw new Error('a rule said no');
      }),
    ).toThrow('a rule said no');
    expect(userIds(store)).toEqual(['alice1']);
    await store.flushed();
    const again = await reopen(store);
    expect(userIds(again)).toEqual(['alice1']);
  });

  it('GIVEN a durable write that fails THEN its commits are refused, memory goes back to the durable state, and the next commit works', async () => {
    const store = await openStore();
    await store.mutate((tx) => tx.put('members', member('alice', 1)));
    const restore = await refuseWrites(engine, target, 'members', 'c/carol');
    // One turn: carol's commit shares a write with an update of alice; both are refused.
    const carol = store.transact((tx) => tx.put('members', member('carol'))).committed;
    const alice = store.transact((tx) => tx.put('members', member('alice', 2))).committed;
    await expect(carol).rejects.toBeInstanceOf(StoreWriteError);
    await expect(alice).rejects.toBeInstanceOf(StoreWriteError);
    await store.idle();
    expect(userIds(store)).toEqual(['alice1']);
    // The health check sees the failure until a later write succeeds.
    expect(store.lastWriteError).toBeDefined();
    await restore();

    await store.mutate((tx) => tx.put('members', member('erin')));
    expect(store.lastWriteError).toBeUndefined();
    expect(userIds(store)).toEqual(['alice1', 'erin0']);
    if (engine === 'postgres') expect(await databaseIds(target, 'members')).toEqual(['c/alice', 'c/erin']);
    const again = await reopen(store);
    expect(userIds(again)).toEqual(['alice1', 'erin0']);
  });

  // PostgreSQL only: the JSON store has no connection to lose (declared only there, not skipped).
  if (engine === 'postgres')
    it('GIVEN the database connection is cut during a burst THEN every acknowledged commit is in the database, nothing after the cut is acknowledged, and a new process reads what the database holds', async () => {
      const store = await openStore();
      const acknowledged: string[] = [];
      const refused: string[] = [];
      const commits: Promise<unknown>[] = [];
      /** Every id the burst commits, in the order it committed them. */
      const burst: string[] = [];
      let cut: Promise<number> | undefined;
      let ended = false;
      // Turns of ten commits each, until some are acknowledged, then the cut from another session
      // while the burst goes on, and ten turns more once the session has ended.
      for (let turn = 0, after = 0; after < 10 && turn < 100_000; turn++) {
        for (let i = 0; i < 10; i++) {
          const id = `c/t${turn}n${i}`;
          burst.push(id);
          try {
            const { committed } = store.transact((tx) => tx.put('members', member(`t${turn}n${i}`)));
            commits.push(
              committed.then(
                () => acknowledged.push(id),
                () => refused.push(id),
              ),
            );
          } catch (error) {
            expect(error).toBeInstanceOf(StoreWriteError);
            refused.push(id);
          }
        }
        if (ended) after++;
        else if (!cut && acknowledged.length >= 50)
          cut = cutStoreConnection(target).finally(() => {
            ended = true;
          });
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await cut).toBe(1);
      await Promise.all(commits);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      const inDatabase = await databaseIds(target, 'members');
      expect(inDatabase).toEqual(expect.arrayContaining(acknowledged));
      // Acknowledged commits are a prefix of the burst: none after the first refused one.
      const made = (id: string) => burst.indexOf(id);
      expect(Math.max(...acknowledged.map(made))).toBeLessThan(Math.min(...refused.map(made)));
      // The store refuses anything more; whoever opens the database next reads what it holds.
      expect(() => store.transact((tx) => tx.put('members', member('late')))).toThrow(StoreWriteError);
      const again = await reopen(store);
      expect([...again.tables.members.values()].map((m) => m.id)).toEqual(inDatabase);
    });
});
