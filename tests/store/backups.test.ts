import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { backupDir, listBackups } from '../../src/store/backups.js';
import { Store } from '../../src/store/store.js';
import { memberRecord } from '../helpers/records.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('daily backups', () => {
  let dir: string;
  let clock: ManualClock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-backups-'));
    clock = new ManualClock('2026-11-25T08:00:00Z');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Moves the fake clock and waits for the backup it set off. */
  async function advance(store: Store, ms: number): Promise<void> {
    clock.advance(ms);
    await store.idle();
  }

  it('GIVEN a bot that runs for days without a restart THEN a backup is taken every day (UTC) with all changes so far, and backups keep_days old are deleted at the start of that day', async () => {
    const store = await Store.open({ dir, clock, backupKeepDays: 3 });
    expect(await listBackups(dir)).toEqual(['state-2026-11-25.json']);
    await store.mutate((tx) => tx.put('members', memberRecord('day0')));
    for (let day = 1; day <= 5; day++) {
      clock.advance(DAY);
      // Made while that day's backup is being taken: it waits for it, then is written.
      await store.mutate((tx) => tx.put('members', memberRecord(`day${day}`)));
      await store.idle();
    }
    // 2026-11-30 08:00: one backup a day, the last three days.
    expect(await listBackups(dir)).toEqual([
      'state-2026-11-30.json',
      'state-2026-11-29.json',
      'state-2026-11-28.json',
    ]);
    // Taken while running: it holds the changes the journal had (the day before's).
    const newest = await readFile(join(backupDir(dir), 'state-2026-11-30.json'), 'utf8');
    expect(newest).toContain('day4');
    // The 28th's is kept until the 1st begins, then deleted as the 1st's is taken.
    await advance(store, 16 * HOUR - 1);
    expect(await listBackups(dir)).toContain('state-2026-11-28.json');
    await advance(store, 1);
    expect(await listBackups(dir)).toEqual([
      'state-2026-12-01.json',
      'state-2026-11-30.json',
      'state-2026-11-29.json',
    ]);
    await store.close();
    // Nothing acknowledged was lost to the compactions the backups made.
    const again = await Store.open({ dir, clock, backupKeepDays: 3 });
    expect([...again.tables.members.values()].map((m) => m.id).sort()).toEqual([
      'c/day0',
      'c/day1',
      'c/day2',
      'c/day3',
      'c/day4',
      'c/day5',
    ]);
    await again.close();
  });

  it('a restarted bot keeps the backups younger than keep_days and deletes the older ones (by age, not by count)', async () => {
    for (let day = 0; day < 3; day++) {
      const store = await Store.open({ dir, clock, backupKeepDays: 7 });
      await store.close();
      clock.advance(DAY);
    }
    // Down for 5 days (back on 12-03): only the backups of the last 7 days (11-27 on) stay.
    clock.advance(5 * DAY);
    const store = await Store.open({ dir, clock, backupKeepDays: 7 });
    await store.close();
    expect(await listBackups(dir)).toEqual(['state-2026-12-03.json', 'state-2026-11-27.json']);
  });
});
