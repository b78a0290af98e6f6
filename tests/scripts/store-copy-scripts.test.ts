import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { copyStore } from '../../src/store/copy.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { nodeArgs } from '../e2e/run-bot.js';
import { TestBot } from '../helpers/chat.js';
import { cleanUp, cleanup, community, database, START, tempDir } from './store-copy-fixture.js';

/**
 * The operator's commands on both stores, run as `npm run …` runs them (the compiled scripts):
 * store:copy prints its verification; export, report and import read and write PostgreSQL when
 * DATABASE_URL is set; restore says its backups are the JSON store's.
 */

afterEach(cleanUp);

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs scripts/NAME with DATA_DIR, and DATABASE_URL only when given (never the machine's). */
function run(name: string, args: readonly string[], env: { DATA_DIR: string; DATABASE_URL?: string }) {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const result = spawnSync(process.execPath, [...nodeArgs(`scripts/${name}`), ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The community's data dir, and a database holding the same records (copied, verified). */
async function onBoth(): Promise<{ dir: string; url: string }> {
  const { dir } = await community();
  const db = await database();
  const copied = await copyStore({
    from: { kind: 'dir', dir },
    to: { kind: 'postgres', url: db.url },
    dataDir: dir,
    clock: new ManualClock(START),
  });
  expect(copied.mismatch).toBeUndefined();
  return { dir, url: db.url };
}

describe('npm run store:copy', () => {
  it('copies a data dir into an empty database and prints what it verified', async () => {
    const { dir } = await community();
    const db = await database();
    const out = run('store-copy', ['--from', dir, '--to', db.url], { DATA_DIR: dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^collection\s+records\s+checksum\s+ok$/);
    expect(lines).toContainEqual(expect.stringMatching(/^orders\s+3\s+[0-9a-f]{12}\s+ok$/));
    expect(lines).toContainEqual(
      `files: 2 files beside the records (pictures, points archive, exports) stay in ${dir}, the DATA_DIR of both stores; nothing to move`,
    );
    expect(lines.at(-1)).toMatch(/^copied \d+ records in \d+ collections; every count and checksum matches$/);

    // Again into the same database: refused in one line, exit 1.
    const again = run('store-copy', ['--from', dir, '--to', db.url], { DATA_DIR: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^tuanbot: not copied: the target 127\.0\.0\.1:5432\/\w+ already holds \d+ tuanbot records; copy into an empty database\n$/,
    );
  });

  it('refuses a bad URL and says how to call it without arguments', async () => {
    const dir = await tempDir();
    const bad = run('store-copy', ['--from', dir, '--to', 'postgres://u:pw@[bad/x'], { DATA_DIR: dir });
    expect(bad.code).toBe(1);
    // The password never shows; the reason says how a URL is written.
    expect(bad.stderr).toBe(
      'tuanbot: not copied: postgres://u:***@[bad/x: not a valid URL; expected postgres://user:password@host:5432/database (percent-encode @, # or / in the password)\n',
    );
    // Another database's URL, or a typo of the scheme, is no folder name.
    for (const url of ['mysql://root:hunter2@127.0.0.1/shop', 'postgress://postgres:hunter2@127.0.0.1/x']) {
      const other = run('store-copy', ['--from', dir, '--to', url], { DATA_DIR: dir });
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/expected a PostgreSQL URL/);
      expect(other.stderr + other.stdout).not.toContain('hunter2');
    }
    const usage = run('store-copy', [], { DATA_DIR: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run store:copy -- --from');
  });
});

describe('export, report and import on PostgreSQL', () => {
  it('export and report read the same from PostgreSQL as from the data dir', async () => {
    const { dir, url } = await onBoth();
    const fromDir = run('export', ['--community', 'memory:main'], { DATA_DIR: dir });
    const fromDb = run('export', ['--community', 'memory:main'], { DATA_DIR: dir, DATABASE_URL: url });
    expect(fromDb.stderr).toBe('');
    expect(fromDb.code).toBe(0);
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: undefined });
    expect(strip(fromDb.stdout)).toEqual(strip(fromDir.stdout));
    expect(strip(fromDb.stdout).collections.orders).toHaveLength(3);

    const args = ['--community', 'memory:main', '--at', '2026-11-26T09:00:00Z'];
    const reportDir = run('report', args, { DATA_DIR: dir });
    const reportDb = run('report', args, { DATA_DIR: dir, DATABASE_URL: url });
    expect(reportDb.code).toBe(0);
    expect(reportDb.stdout).toBe(reportDir.stdout);
    expect(reportDb.stdout).toContain('Mangoes');
    const listed = run('report', ['--list'], { DATA_DIR: dir, DATABASE_URL: url });
    expect(listed.stdout).toBe('memory:main\tmain\n');
  });

  it('export names the database without its password when it cannot be reached', async () => {
    const dir = await tempDir();
    const out = run('export', ['--community', 'x'], {
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://u:s3cret@127.0.0.1:9/shop',
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^tuanbot: cannot read the database 127\.0\.0\.1:9\/shop: .*ECONNREFUSED/);
    expect(out.stderr).not.toContain('s3cret');
    const empty = await database();
    const none = run('report', ['--list'], { DATA_DIR: dir, DATABASE_URL: empty.url });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/holds no tuanbot records yet/);
  });

  it('import writes into PostgreSQL, where the bot then serves the community; refused while a bot serves it', async () => {
    const { dir } = await community();
    const exported = run('export', ['--community', 'memory:main'], { DATA_DIR: dir });
    const file = join(dir, 'main.json');
    await writeFile(file, exported.stdout);
    const db = await database();
    const other = await tempDir();

    const serving = await PgStore.open({ url: db.url, dir: other, clock: new ManualClock(START) });
    const refused = run('import', [file], { DATA_DIR: other, DATABASE_URL: db.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^tuanbot: a running tuanbot is serving 127\.0\.0\.1:5432\/\w+; stop it before importing .* Nothing was changed\.\n$/,
    );
    expect(serving.tables.communities.size).toBe(0);
    await serving.close();

    const imported = run('import', [file], { DATA_DIR: other, DATABASE_URL: db.url });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^Imported \d+ records as memory:main\.\n$/);

    const t = await TestBot.create({
      start: '2026-11-26T08:00:00Z',
      dir: other,
      store: 'postgres',
      databaseUrl: db.url,
    });
    cleanup.push(() => t.bot.stop());
    expect(await t.group().as('alice').says('/points', { id: 'after-import' })).toEqual([
      'Points: 7\nThis month: +7 earned, −0 spent\nRecent:\n  +7 award · 11-25 08:00',
    ]);
  });

  it('restore with DATABASE_URL set points to pg_dump and pg_restore and changes nothing', async () => {
    const dir = await tempDir();
    const out = run('restore', ['2026-11-25.json'], {
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://u:s3cret@db.example:5433/shop',
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('DATABASE_URL is set: the records are in PostgreSQL (db.example:5433/shop)');
    expect(out.stderr).toContain('pg_dump --format=custom');
    expect(out.stderr).toContain('pg_restore --clean');
    expect(out.stderr).not.toContain('s3cret');
  });
});
