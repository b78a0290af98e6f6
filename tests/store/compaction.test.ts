import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { backupDir } from '../../src/store/backups.js';
import { JournalWriter } from '../../src/store/journal.js';
import { ARCHIVE_DIR, archiveFile, readArchive } from '../../src/store/ledger-archive.js';
import type { LedgerEntry } from '../../src/store/schema.js';
import { journalFile, Store, StoreWriteError, snapshotFile } from '../../src/store/store.js';
import { memberRecord } from '../helpers/records.js';

/**
 * A snapshot holds exactly what is durable: a commit whose journal write fails is reported as
 * failed and stays failed, whether a compaction (size, /forget, daily backup) began just before
 * its write or the store was reloading after another failed write.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/**
 * Makes the journal write whose line contains `failing` throw as a full disk would, at every
 * journal (a compaction opens a new one). `onWrite(line)` runs after each good write.
 */
function journalFaults(failing: string, onWrite: (line: string) => void = () => {}) {
  const append = JournalWriter.prototype.append;
  return vi.spyOn(JournalWriter.prototype, 'append').mockImplementation(function (this: JournalWriter, line) {
    if (line.includes(failing)) throw diskFull();
    append.call(this, line);
    onWrite(line);
  });
}

/** What a crash leaves: the files as written, the lock free. */
async function crash(store: Store): Promise<void> {
  const internals = store as unknown as { releaseLock(): Promise<void>; journal: { close(): Promise<void> } };
  await internals.journal.close();
  await internals.releaseLock();
}

const userIds = (store: Store) => [...store.tables.members.values()].map((m) => m.userId).sort();

describe('a snapshot holds exactly what is durable', () => {
  let dir: string;
  let clock: ManualClock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-compaction-'));
    clock = new ManualClock('2026-11-25T08:00:00Z');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a /forget compacting WHEN a commit made as it began fails to write THEN it is failed in memory, on disk and after a restart', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', { ...memberRecord('alice'), name: 'Alice Secret' }));
    await store.mutate((tx) => tx.put('members', memberRecord('bob')));
    let carol: Promise<void> | undefined;
    journalFaults('c/carol', (line) => {
      // Another command commits right after the erasing write, before its compaction takes the state.
      if (line.includes('"c/alice",null'))
        queueMicrotask(() => {
          carol = store.transact((tx) => tx.put('members', memberRecord('carol'))).committed;
        });
    });
    await store.mutate((tx) => {
      tx.erasesPersonalData();
      tx.delete('members', 'c/alice');
    });
    await store.idle();
    await expect(carol).rejects.toBeInstanceOf(StoreWriteError);
    expect(userIds(store)).toEqual(['bob']);
    expect(await readFile(snapshotFile(dir), 'utf8')).not.toMatch(/carol|Alice Secret/);
    vi.restoreAllMocks();
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect(userIds(again)).toEqual(['bob']);
    await again.close();
  });

  it('GIVEN the daily backup compacting WHEN a commit made meanwhile fails to write THEN neither the store, the backup nor a restart has it', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', memberRecord('day0')));
    clock.advance(16 * HOUR - 1);
    await store.idle(); // the hourly checks until midnight: the day has its backup
    journalFaults('c/dave');
    clock.advance(1); // midnight (UTC): the new day's backup has begun and waits on the disk
    const dave = store.transact((tx) => tx.put('members', memberRecord('dave'))).committed;
    await store.idle();
    await expect(dave).rejects.toBeInstanceOf(StoreWriteError);
    expect(userIds(store)).toEqual(['day0']);
    const backup = await readFile(join(backupDir(dir), 'state-2026-11-26.json'), 'utf8');
    expect(backup).toContain('day0');
    expect(backup).not.toContain('dave');
    vi.restoreAllMocks();
    // The next commit is written and acknowledged as usual.
    await store.mutate((tx) => tx.put('members', memberRecord('erin')));
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect(userIds(again)).toEqual(['day0', 'erin']);
    await again.close();
  });

  it('a commit made while the store reloads after a failed write ran on the failed state: it fails too, and the failed change never comes back', async () => {
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', memberRecord('alice', 1)));
    let next: Promise<void> | undefined;
    journalFaults('"messageCount":5');
    const failed = store.transact((tx) => tx.put('members', memberRecord('alice', 5))).committed;
    // The next event arrives while the store reads the disk back; it counts on from what it sees.
    setImmediate(() => {
      next = store.transact((tx) => {
        const alice = tx.get('members', 'c/alice')!;
        tx.put('members', { ...alice, messageCount: alice.messageCount + 1 });
      }).committed;
    });
    await expect(failed).rejects.toBeInstanceOf(StoreWriteError);
    await store.idle();
    expect(next).toBeDefined();
    await expect(next).rejects.toBeInstanceOf(StoreWriteError);
    expect(store.tables.members.get('c/alice')?.messageCount).toBe(1);
    vi.restoreAllMocks();
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect(again.tables.members.get('c/alice')?.messageCount).toBe(1);
    await again.close();
  });

  it('a compaction that archives old points entries completes, and later commits are written', async () => {
    const store = await Store.open({ dir, clock });
    const entry: LedgerEntry = {
      id: 'checkin:alice:2026-11-25',
      communityId: 'c',
      userId: 'alice',
      delta: 1,
      reason: 'checkin',
      at: clock.now().toISOString(),
    };
    await store.mutate((tx) => {
      tx.put('members', { ...memberRecord('alice'), points: 1 });
      tx.put('ledger', entry);
    });
    clock.advance(61 * DAY);
    await store.mutate((tx) => {
      tx.erasesPersonalData();
      tx.put('members', memberRecord('bob'));
    });
    // Hung for good before: the compaction waited for the archive's removal, which only it writes.
    await store.mutate((tx) => tx.put('members', memberRecord('carol')));
    await store.idle();
    expect(store.tables.ledger.size).toBe(0);
    expect((await readArchive(dir, 'c')).map((e) => e.id)).toEqual([entry.id]);
    await crash(store);
    const again = await Store.open({ dir, clock });
    expect(userIds(again)).toEqual(['alice', 'bob', 'carol']);
    expect(again.tables.ledger.size).toBe(0);
    expect(again.tables.members.get('c/alice')?.archivedPoints).toBe(1);
    await again.close();
  });

  it('temp files of durable writes cut short by a crash are deleted at open; other files stay', async () => {
    const store = await Store.open({ dir, clock });
    await store.close();
    const snapshotTemp = `.state.json.${process.pid}.0badcafe.tmp`;
    const archiveName = archiveFile(dir, 'telegram:-100').split('/').at(-1)!;
    const archiveTemp = `.${archiveName}.7.deadbeef.tmp`;
    await writeFile(
      join(dir, snapshotTemp),
      '{"version":3,"format":"lines"}\n"members"\n{"name":"Alice Secret"',
    );
    await mkdir(join(dir, ARCHIVE_DIR), { recursive: true });
    await writeFile(join(dir, ARCHIVE_DIR, archiveTemp), '{"userId":"alice"}\n');
    await writeFile(join(dir, 'notes.tmp'), 'an operator’s file');
    const again = await Store.open({ dir, clock });
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual(['notes.tmp']);
    expect(await readdir(join(dir, ARCHIVE_DIR))).toEqual([]);
    expect(await readFile(journalFile(dir), 'utf8')).toBe('');
    await again.close();
  });
});
