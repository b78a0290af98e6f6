import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { DataDirLockedError } from '../../src/store/lock.js';
import { SnapshotFile } from '../../src/store/snapshot-file.js';
import { journalFile, Store, StoreLoadError, snapshotFile } from '../../src/store/store.js';
import { memberRecord } from '../helpers/records.js';

const member = memberRecord;

/**
 * What a crash leaves: the journal as written, no final snapshot, the lock free. The journal's
 * file is closed as the dying process's would be (left to the garbage collector, Node warns).
 */
async function crash(store: Store): Promise<void> {
  const internals = store as unknown as { releaseLock(): Promise<void>; journal: { close(): Promise<void> } };
  await internals.journal.close();
  await internals.releaseLock();
}

describe('Store', () => {
  let dir: string;
  let clock: ManualClock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-store-'));
    clock = new ManualClock();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN committed changes WHEN the store reopens THEN they are all there (journal replay)', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', member('alice', 3)));
    await store.mutate((tx) => tx.put('members', member('bob')));
    await store.mutate((tx) => tx.delete('members', 'c/bob'));
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.get('c/alice')?.messageCount).toBe(3);
    expect(again.tables.members.get('c/bob')).toBeUndefined();
    await again.close();
  });

  it('a commit resolves only once its change is in the journal file', async () => {
    const store = await Store.open({ dir, clock });
    const { committed } = store.transact((tx) => tx.put('members', member('carol')));
    let acknowledged = false;
    void committed.then(() => {
      acknowledged = true;
    });
    await Promise.resolve();
    expect(acknowledged).toBe(false);
    await committed;
    expect(await readFile(journalFile(dir), 'utf8')).toContain('carol');
    await store.close();
  });

  it('commits arriving together share one write (group commit)', async () => {
    const store = await Store.open({ dir, clock });
    const writesBefore = store.stats.writes;
    await Promise.all(
      Array.from(
        { length: 200 },
        (_, i) => store.transact((tx) => tx.put('members', member(`m${i}`))).committed,
      ),
    );
    expect(store.tables.members.size).toBe(200);
    expect(store.stats.writes - writesBefore).toBeLessThan(5);
    await store.close();
  });

  it('a batch keeps only the last version of a record, and a restart gives back the same rows in the same order', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => {
      for (const id of ['a', 'b', 'c']) tx.put('members', member(id));
    });
    // One turn of the loop: many versions of one record, a delete, a delete then a re-insert.
    const commits = [
      ...Array.from({ length: 50 }, (_, i) => store.transact((tx) => tx.put('members', member('a', i + 1)))),
      store.transact((tx) => tx.put('members', member('d'))),
      store.transact((tx) => tx.delete('members', 'c/b')),
      store.transact((tx) => tx.delete('members', 'c/c')),
      store.transact((tx) => tx.put('members', member('c', 7))),
      store.transact((tx) => tx.put('members', member('e'))),
      store.transact((tx) => tx.put('members', member('e', 2))),
    ];
    await Promise.all(commits.map((c) => c.committed));
    const journal = (await readFile(journalFile(dir), 'utf8')).trim().split('\n');
    const last = JSON.parse(journal.at(-1)!) as { c: [string, string, { messageCount: number } | null][] };
    expect(journal).toHaveLength(2); // the first commit's line and the batch's
    expect(last.c.filter(([, id]) => id === 'c/a')).toEqual([['members', 'c/a', member('a', 50)]]);
    const live = [...store.tables.members.values()];
    expect(live.map((m) => `${m.userId}${m.messageCount}`)).toEqual(['a50', 'd0', 'c7', 'e2']);
    // Crash: no final snapshot, the journal alone brings the state back.
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect([...again.tables.members.values()]).toEqual(live);
    expect(again.tables.members.by('community', 'c').map((m) => m.userId)).toEqual(['a', 'd', 'c', 'e']);
    await again.close();
  });

  it('a transaction that throws leaves no trace', async () => {
    const store = await Store.open({ dir, clock });
    expect(() =>
      store.transact((tx) => {
        tx.put('members', member('dave'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.tables.members.get('c/dave')).toBeUndefined();
    await store.close();
  });

  it('records are frozen: a change that bypasses the transaction throws', async () => {
    const store = await Store.open({ dir, clock });
    const saved = await store.mutate((tx) => tx.put('members', member('erin')));
    expect(() => {
      (saved as { messageCount: number }).messageCount = 9;
    }).toThrow();
    await store.close();
  });

  it('close() folds the journal into the snapshot; secondary indexes are rebuilt on load', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', member('frank')));
    await store.close();
    expect(await readFile(journalFile(dir), 'utf8')).toBe('');
    const { raw } = (await new SnapshotFile(snapshotFile(dir)).read())!;
    expect((raw as { collections: { members: unknown[] } }).collections.members).toHaveLength(1);
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.by('community', 'c').map((m) => m.userId)).toEqual(['frank']);
    await again.close();
  });

  it('a journal past the size limit is compacted while running', async () => {
    const store = await Store.open({ dir, clock, compactBytes: 2_000 });
    for (let i = 0; i < 30; i++) await store.mutate((tx) => tx.put('members', member(`n${i}`)));
    await store.idle();
    expect(store.stats.compactions).toBeGreaterThan(1);
    expect((await readFile(journalFile(dir), 'utf8')).length).toBeLessThan(2_000);
    await store.close();
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.size).toBe(30);
    await again.close();
  });

  it('a commit that erases personal data is folded into a fresh snapshot at once: neither file keeps what it replaced', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', { ...member('alice'), name: 'Alice Secret' }));
    await store.mutate((tx) => tx.put('members', member('bob')));
    await store.idle();
    expect(await readFile(journalFile(dir), 'utf8')).toContain('Alice Secret');
    await store.mutate((tx) => {
      tx.erasesPersonalData();
      tx.delete('members', 'c/alice');
    });
    await store.idle();
    expect(await readFile(journalFile(dir), 'utf8')).toBe('');
    expect(await readFile(snapshotFile(dir), 'utf8')).not.toContain('Alice Secret');
    await store.close();
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.by('community', 'c').map((m) => m.userId)).toEqual(['bob']);
    await again.close();
  });

  it('a snapshot that cannot be written is logged, and the commits it followed still succeed', async () => {
    const warnings: string[] = [];
    const log = { warn: (_obj: unknown, msg?: string) => void warnings.push(String(msg)) };
    // pino's warn has many overloads; this records the one form the store uses.
    const store = await Store.open({ dir, clock, compactBytes: 500, log: log as never });
    // A directory where the snapshot file should go: every rename onto it fails.
    await rm(snapshotFile(dir));
    await mkdir(join(snapshotFile(dir), 'blocker'), { recursive: true });
    for (let i = 0; i < 10; i++) await store.mutate((tx) => tx.put('members', member(`w${i}`)));
    await store.idle();
    expect(store.stats.compactionFailures).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/could not write a snapshot/);
    await rm(snapshotFile(dir), { recursive: true });
    await store.close();
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.size).toBe(10);
    await again.close();
  });

  it('a torn last journal line (crash mid-write) is dropped; earlier commits survive', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', member('gina')));
    await crash(store);
    await writeFile(
      journalFile(dir),
      `${await readFile(journalFile(dir), 'utf8')}{"s":99,"c":[["members","c/x",{"id`,
    );
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.get('c/gina')).toBeDefined();
    expect(again.tables.members.get('c/x')).toBeUndefined();
    await again.mutate((tx) => tx.put('members', member('hank')));
    await again.close();
    const third = await Store.open({ dir, clock });
    expect(third.tables.members.get('c/hank')).toBeDefined();
    await third.close();
  });

  it('one process per data dir: a second open is refused with a clear error', async () => {
    const store = await Store.open({ dir, clock });
    await expect(Store.open({ dir, clock })).rejects.toThrow(DataDirLockedError);
    await expect(Store.open({ dir, clock })).rejects.toThrow(/already using the data dir/);
    await store.close();
    const again = await Store.open({ dir, clock });
    await again.close();
  });

  it('a lock left by a dead process is taken over', async () => {
    await writeFile(join(dir, 'tuanbot.lock'), '999999');
    const store = await Store.open({ dir, clock });
    await store.close();
  });

  it('keeps daily backups, at most 7', async () => {
    for (let day = 0; day < 9; day++) {
      const store = await Store.open({ dir, clock });
      await store.mutate((tx) => tx.put('members', member(`day${day}`)));
      await store.close();
      clock.advance(86_400_000);
    }
    const names = await readdir(join(dir, 'backups'));
    expect(names).toHaveLength(7);
    expect(names.sort()[6]).toBe('state-2026-12-03.json');
  });

  describe('a data file that cannot be loaded stops start-up, is left untouched, and names the newest good backup', () => {
    const cases: [string, (good: string) => string, RegExp][] = [
      ['empty', () => '', /the file is empty/],
      ['truncated', (good) => good.slice(0, good.length / 2), /not valid JSON/],
      ['not JSON', () => 'hello world', /not valid JSON/],
      [
        'wrong schema',
        () => JSON.stringify({ version: 1, seq: 0, savedAt: 'x', collections: {} }),
        /does not match the schema/,
      ],
      ['newer version', () => JSON.stringify({ version: 99 }), /newer tuanbot/],
    ];
    it.each(cases)('%s', async (_name, corrupt, reason) => {
      const store = await Store.open({ dir, clock });
      await store.mutate((tx) => tx.put('members', member('ivy')));
      await store.close();
      const good = await readFile(snapshotFile(dir), 'utf8');
      const bad = corrupt(good);
      await writeFile(snapshotFile(dir), bad);
      const error = await Store.open({ dir, clock }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreLoadError);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toContain(snapshotFile(dir));
      expect((error as Error).message).toMatch(/Newest good backup: .*state-2026-11-25\.json/);
      expect(await readFile(snapshotFile(dir), 'utf8')).toBe(bad);
      // the failed start released the lock
      await writeFile(snapshotFile(dir), good);
      const again = await Store.open({ dir, clock });
      await again.close();
    });

    it('a corrupt line in the middle of the journal', async () => {
      const store = await Store.open({ dir, clock });
      await store.mutate((tx) => tx.put('members', member('jack')));
      await crash(store);
      const journal = await readFile(journalFile(dir), 'utf8');
      await writeFile(journalFile(dir), `garbage\n${journal}`);
      await expect(Store.open({ dir, clock })).rejects.toThrow(
        /journal\.jsonl: line 1 is not a valid journal entry/,
      );
    });
  });
});
