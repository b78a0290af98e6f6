import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError, LOCK_FILE } from '../../src/store/lock.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Another process that takes the lock and keeps it until it dies; resolves once it holds it. */
async function holder(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    // The compiled module (the suite's global setup builds dist/), as the bot itself runs it.
    [
      '--input-type=module',
      '-e',
      "const { acquireLock } = await import('./dist/src/store/lock.js'); await acquireLock(process.argv[1]); console.log('locked'); setInterval(() => {}, 60_000);",
      dir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) done();
    });
    child.on('exit', (code) => fail(new Error(`the holder exited (${code}) before taking the lock`)));
  });
  return child;
}

describe('data dir lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a live bot holding the data dir THEN another is refused, naming its pid; WHEN that bot is killed with SIGKILL THEN the lock is free at once', async () => {
    const other = await holder(dir);
    children.push(other);
    const refused = await acquireLock(dir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toBe(
      `another tuanbot (pid ${other.pid}) is already using the data dir ${dir}; stop it first or set DATA_DIR to another folder`,
    );
    const gone = new Promise((done) => other.on('exit', done));
    other.kill('SIGKILL');
    await gone;
    const release = await acquireLock(dir);
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await release();
  });

  it('a pid left in the lock file names no holder, even when that pid is alive now (a container restart: the same pid every time)', async () => {
    // What a bot killed in a container leaves: its pid, which the restarted bot has again.
    await writeFile(join(dir, LOCK_FILE), String(process.pid));
    const release = await acquireLock(dir);
    await release();
    await writeFile(join(dir, LOCK_FILE), '1');
    const again = await acquireLock(dir);
    await again();
  });

  it('two stores in one process are refused too; release empties the file and frees the lock', async () => {
    const release = await acquireLock(dir);
    await expect(acquireLock(dir)).rejects.toThrow(DataDirLockedError);
    await release();
    // Kept, not deleted: see acquireLock on why a lock file must never be unlinked.
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe('');
    const again = await acquireLock(dir);
    await again();
  });
});
