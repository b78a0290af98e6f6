import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, mkdtemp, open, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coreText } from '../../src/core/messages.js';
import { validateSnapshotFile } from '../../src/store/backups.js';
import { readJournal } from '../../src/store/journal.js';
import {
  DataDirUnwritableError,
  journalFile,
  readState,
  Store,
  snapshotFile,
} from '../../src/store/store.js';
import { startBot } from '../e2e/run-bot.js';
import { TestBot } from '../helpers/chat.js';
import { invalidRecords, serializeState } from './state.js';

/**
 * Disk full and read-only data dirs, for real: a 256 KiB tmpfs mounted as the data dir (the
 * machine and CI run as root) gives a real ENOSPC, and `mount -o remount,ro` a real EROFS.
 * The bot must refuse what it cannot save with a clear reply, keep the last good state in memory
 * and on disk, and leave no corrupt file.
 *
 * A running bot's data dir cannot be remounted read-only: the kernel refuses (EBUSY) while the
 * bot holds its journal open for writing, so read-only is tested at start (and restart).
 */
const SAVE_FAILED = coreText('en').saveFailed;

/**
 * Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN: this machine and CI). Tried
 * once rather than guessed from the uid: root in a container without that capability cannot.
 */
const CAN_MOUNT = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'tuanbot-disk-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

let mounted: string[] = [];
let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  for (const dir of mounted) {
    try {
      execFileSync('umount', [dir]);
    } catch {
      execFileSync('umount', ['-l', dir]);
    }
    await rm(dir, { recursive: true, force: true });
  }
  mounted = [];
});

async function tmpfs(size = '256k'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

/** Writes a filler file until the file system says ENOSPC. */
async function fillUp(dir: string): Promise<string> {
  const file = join(dir, 'filler');
  const handle = await open(file, 'w');
  try {
    for (;;) await handle.write(Buffer.alloc(4096, 120));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    await handle.close();
  }
  return file;
}

/** Every data file loads: a valid snapshot, a journal with no torn or corrupt line, no temp files left. */
async function expectNoCorruptFile(dir: string): Promise<void> {
  await validateSnapshotFile(snapshotFile(dir));
  const journal = await readJournal(journalFile(dir));
  expect(journal.tornTail).toBe(false);
  expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  for (const backup of await readdir(join(dir, 'backups')))
    await validateSnapshotFile(join(dir, 'backups', backup));
}

async function digest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const bytes = await readFile(join(dir, name)).catch(() => Buffer.from('dir'));
    hash.update(name).update(bytes);
  }
  return hash.digest('hex');
}

describe.skipIf(!CAN_MOUNT)('disk full and read-only data dir (skipped: needs root to mount)', () => {
  it('a write that fails after the reply went out (the deal card id) is no unhandled rejection', async () => {
    const t = await TestBot.create();
    try {
      const journal = () => (t.store as unknown as { journal: { append(lines: string): void } }).journal;
      const send = t.adapter.send.bind(t.adapter);
      // The deal's commit is durable and its card goes out; recording the card's message id fails.
      t.adapter.send = async (chat, out) => {
        if (out.kind === 'text' && out.text.startsWith('🛒'))
          journal().append = () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        return send(chat, out);
      };
      const out = await t.group().as('owner').says('/deal new "Mangoes" price=10');
      expect(out[0]).toContain('🛒 #1 Mangoes');
      // Let the failed write finish (the store reloads from disk) and its rejection surface.
      await t.store.flushed().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
      expect(t.store.tables.deals.get('memory:main#1')).toBeDefined(); // the acknowledged deal stays
    } finally {
      await t.close().catch(() => {});
    }
  });

  it('disk full: orders are refused with a clear reply, acknowledged ones are kept, nothing is corrupt, and it recovers', async () => {
    const dir = await tmpfs();
    const t = await TestBot.create({ dir });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=1000');
    await group.as('alice').says('+1');
    // More orders until the journal has just begun a new page (tmpfs allocates 4 KiB pages): once
    // the disk is full, that page's free room still holds an order's commit (about 1.6 KB) or so.
    const journalBytes = async () => (await stat(journalFile(dir))).size;
    for (let k = 0; (await journalBytes()) % 4096 > 1024; k++) await group.as(`early${k}`).says('+1');
    const filler = await fillUp(dir);

    // The journal's last page still has room for a few commits; then the disk is full.
    // An order is acknowledged by 👌 on the member's message (sent only once its change is on
    // disk); a refused one gets the refusal, and neither 👌 nor a card that lists its line.
    const acked: string[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 200 && refused.length < 5; i++) {
      const out = await group.as(`u${i}`).says('+1', { id: `order${i}` });
      const taken = out.includes(`👌 on order${i}`);
      const shown = out.some((o) => o.includes(`. u${i} ×1`));
      if (taken && !out.includes(SAVE_FAILED)) acked.push(`u${i}`);
      else if (out.includes(SAVE_FAILED) && !taken && !shown) refused.push(`u${i}`);
      else throw new Error(`u${i} +1 got neither an acknowledgement nor the refusal: ${JSON.stringify(out)}`);
    }
    expect(refused).toHaveLength(5);
    expect(acked.length).toBeGreaterThan(0); // orders were taken while the disk was full, too
    // Still full for a change of an order's size (a smaller change may still fit the last bytes
    // of the journal's page, which is no failure: whatever is written is whole and acknowledged).
    expect(await group.as('late').says('+1', { id: 'late' })).toEqual([SAVE_FAILED]);
    expect(rejections).toEqual([]);

    // The state in memory is the last good one: exactly what is on disk.
    const onDisk = await readState(dir);
    expect(serializeState(t.store.tables)).toBe(serializeState(onDisk));
    for (const user of ['alice', ...acked])
      expect(onDisk.orders.get(`memory:main#1/${user}`)?.status).toBe('active');
    for (const user of refused) expect(onDisk.orders.get(`memory:main#1/${user}`)).toBeUndefined();
    expect(onDisk.deals.get('memory:main#2')).toBeUndefined();
    await expectNoCorruptFile(dir);

    // Space comes back: the bot saves again without a restart.
    await unlink(filler);
    const zoe = await group.as('zoe').says('+1', { id: 'order-zoe' });
    expect(zoe).toContain('👌 on order-zoe');
    expect(zoe.some((o) => o.includes('. zoe ×1'))).toBe(true); // the card is edited again too

    // A restart on a copy of the files holds every acknowledged change.
    await t.bot.stop();
    const copy = await mkdtemp(join(tmpdir(), 'tuanbot-disk-copy-'));
    try {
      await cp(dir, copy, { recursive: true });
      const store = await Store.open({ dir: copy, clock: t.clock });
      for (const user of ['alice', 'zoe', ...acked])
        expect(store.tables.orders.get(`memory:main#1/${user}`)?.status).toBe('active');
      expect(invalidRecords(store.tables)).toEqual([]);
      await store.close();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('disk full at shutdown: the final snapshot cannot be written, yet nothing acknowledged is lost', async () => {
    const dir = await tmpfs();
    const t = await TestBot.create({ dir });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 stock=100');
    await group.as('alice').says('+3');
    await fillUp(dir);
    await t.bot.stop().catch(() => {}); // the snapshot needs room; the journal already has everything
    await expectNoCorruptFile(dir);
    const tables = await readState(dir);
    expect(tables.orders.get('memory:main#1/alice')?.qty).toBe(3);
  });

  it('disk full at start after a crash (journal to fold in): the store refuses to open with a clear reason, files untouched', async () => {
    const dir = await tmpfs();
    const t = await TestBot.create({ dir });
    await t.group().as('owner').says('/deal new "Mangoes" price=10');
    await t.bot.outbox.flush();
    // As if the process died here: the journal holds the deal, and its lock is gone with it (the
    // kernel drops it; the lock file stays).
    await (t.store as unknown as { releaseLock(): Promise<void> }).releaseLock();
    await fillUp(dir);
    const before = await digest(dir);
    const error = await Store.open({ dir, clock: t.clock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirUnwritableError);
    expect((error as Error).message).toBe(
      `cannot write to the data dir ${dir}: the disk is full (ENOSPC). The data there is as it was; make it writable or free some space and start again.`,
    );
    expect(await digest(dir)).toBe(before);
    expect((await readState(dir)).deals.get('memory:main#1')?.title).toBe('Mangoes');
    await t.bot.stop().catch(() => {});
  });

  it('read-only data dir: the bot does not start, says why in one line, and changes no file', async () => {
    const dir = await tmpfs();
    const t = await TestBot.create({ dir });
    await t.group().as('owner').says('/deal new "Mangoes" price=10');
    await t.bot.stop();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const before = await digest(dir);

    const child = startBot(dir);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stdin.end('/deal new "Pears" price=3\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(dir);
    expect(stderr).toMatch(/read-only/);
    expect(stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    expect(await digest(dir)).toBe(before);

    // Writable again: everything is there.
    execFileSync('mount', ['-o', 'remount,rw', dir]);
    const store = await Store.open({ dir, clock: t.clock });
    expect(store.tables.deals.get('memory:main#1')?.title).toBe('Mangoes');
    await store.close();
  }, 30_000);
});
