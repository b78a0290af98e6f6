import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { CopyRefusedError, type CopyReport, copyStore, type StorePlace } from '../../src/store/copy.js';
import { digestTables, recordCount } from '../../src/store/copy-digest.js';
import { readPlace } from '../../src/store/copy-places.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { readState, Store } from '../../src/store/store.js';
import { createTables } from '../../src/store/tables.js';
import { TestBot } from '../helpers/chat.js';
import { cleanUp, cleanup, community, database, START, tempDir, views } from './store-copy-fixture.js';

/**
 * `npm run store:copy` moves every record between the JSON store and PostgreSQL (both ways, and
 * dir → dir), verified by counts and checksums; a bot started on the copy shows what it showed
 * before; a refused copy writes nothing.
 */

afterEach(cleanUp);

const dirPlace = (dir: string): StorePlace => ({ kind: 'dir', dir });
const pgPlace = (url: string): StorePlace => ({ kind: 'postgres', url });

/** A TestBot on the copy, at the clock time the original was closed at. */
async function botOn(place: StorePlace, dataDir: string): Promise<TestBot> {
  const t = await TestBot.create({
    start: '2026-11-26T08:00:00Z',
    dir: dataDir,
    ...(place.kind === 'postgres'
      ? { store: 'postgres' as const, databaseUrl: place.url }
      : { store: 'json' as const }),
  });
  cleanup.push(() => t.bot.stop());
  return t;
}

function expectAllMatch(report: CopyReport): void {
  expect(report.mismatch).toBeUndefined();
  expect(report.checks.every((c) => c.ok)).toBe(true);
}

describe('copying a data dir to PostgreSQL and back', () => {
  it('moves every record, verified; the bot on PostgreSQL shows the same; the copy back equals the original', async () => {
    const { dir, seen } = await community();
    const original = digestTables(await readState(dir));
    const db = await database();
    const clock = new ManualClock('2026-11-26T08:00:00Z');

    const there = await copyStore({
      from: dirPlace(dir),
      to: pgPlace(db.url),
      dataDir: dir,
      clock,
      chunk: 7,
    });
    expectAllMatch(there);
    expect(there.records).toBe(original.reduce((n, c) => n + c.records, 0));
    for (const name of ['communities', 'members', 'deals', 'orders', 'ledger', 'tickets', 'outbox'] as const)
      expect(there.checks.find((c) => c.collection === name)?.records, name).toBeGreaterThan(0);
    // The files stay in the data dir, which the bot on PostgreSQL keeps as its DATA_DIR.
    expect(there.files).toMatchObject({ kind: 'shared', dir });
    expect(digestTables(await readPlace(pgPlace(db.url)))).toEqual(original);

    const back = await tempDir();
    const returned = await copyStore({ from: pgPlace(db.url), to: dirPlace(back), dataDir: dir, clock });
    expectAllMatch(returned);
    expect(digestTables(await readState(back))).toEqual(original);
    // Today's backup of the copy is the copy, not the empty store the target opened as.
    const [backup] = await readdir(join(back, 'backups'));
    expect(await readFile(join(back, 'backups', backup!))).toEqual(await readFile(join(back, 'state.json')));
    // The ticket's photo came along, under the path its record names.
    const [ticket] = (await readState(back)).tickets.values();
    const photo = ticket!.photos[0]!;
    expect(await readFile(join(back, photo))).toEqual(await readFile(join(dir, photo)));
    // The photo and bob's /mydata file, held for him in the outbox.
    expect(returned.files).toEqual({ kind: 'copied', from: dir, to: back, files: 2, copied: 2 });

    expect(await views(await botOn(pgPlace(db.url), dir), 'on-pg')).toEqual(seen);
    expect(await views(await botOn(dirPlace(back), back), 'back')).toEqual(seen);
  });

  it('copies dir → dir and database → database the same way', async () => {
    const { dir } = await community();
    const original = digestTables(await readState(dir));
    const clock = new ManualClock(START);
    const other = join(await tempDir(), 'data');
    expectAllMatch(await copyStore({ from: dirPlace(dir), to: dirPlace(other), dataDir: dir, clock }));
    const a = await database();
    const b = await database();
    expectAllMatch(await copyStore({ from: dirPlace(other), to: pgPlace(a.url), dataDir: other, clock }));
    const report = await copyStore({ from: pgPlace(a.url), to: pgPlace(b.url), dataDir: other, clock });
    expectAllMatch(report);
    expect(report.files).toMatchObject({ kind: 'shared' });
    expect(digestTables(await readPlace(pgPlace(b.url)))).toEqual(original);
  });
});

/** Runs a copy that must be refused; returns the refusal's one-line message. */
async function refused(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CopyRefusedError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

/** Whether the database has any tuanbot table (a refused copy into it must not create them). */
async function hasTables(url: string): Promise<boolean> {
  return readPlace(pgPlace(url)).then(
    () => true,
    (e: { code?: string }) => (e.code === '42P01' ? false : Promise.reject(e)),
  );
}

describe('a copy that cannot be right is refused and writes nothing', () => {
  it('refuses a target that already holds records, leaving it as it was', async () => {
    const { dir } = await community();
    const clock = new ManualClock(START);
    const db = await database();
    await copyStore({ from: dirPlace(dir), to: pgPlace(db.url), dataDir: dir, clock });
    const before = digestTables(await readPlace(pgPlace(db.url)));
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: pgPlace(db.url), dataDir: dir, clock })),
    ).toMatch(/the target 127\.0\.0\.1:5432\/tuanbot_copy_\w+ already holds \d+ tuanbot records/);
    expect(digestTables(await readPlace(pgPlace(db.url)))).toEqual(before);
    const full = await tempDir();
    await copyStore({ from: pgPlace(db.url), to: dirPlace(full), dataDir: dir, clock });
    const state = await readFile(join(full, 'state.json'));
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: dirPlace(full), dataDir: dir, clock })),
    ).toContain(`the target ${full} already holds`);
    expect(await readFile(join(full, 'state.json'))).toEqual(state);
  });

  it('refuses an empty or missing source, and the same store on both sides', async () => {
    const clock = new ManualClock(START);
    const empty = await tempDir();
    const db = await database();
    expect(
      await refused(copyStore({ from: dirPlace(empty), to: pgPlace(db.url), dataDir: empty, clock })),
    ).toBe(`the source ${empty} holds no tuanbot records`);
    expect(
      await refused(
        copyStore({ from: dirPlace(join(empty, 'nope')), to: pgPlace(db.url), dataDir: empty, clock }),
      ),
    ).toBe(`the source ${join(empty, 'nope')} is not a folder`);
    expect(
      await refused(copyStore({ from: pgPlace(db.url), to: dirPlace(empty), dataDir: empty, clock })),
    ).toMatch(/^the source 127\.0\.0\.1:5432\/\w+ holds no tuanbot records$/);
    expect(
      await refused(copyStore({ from: dirPlace(empty), to: dirPlace(empty), dataDir: empty, clock })),
    ).toContain('the source and the target are the same store');
    expect(await hasTables(db.url)).toBe(false);
  });

  it('names an unreachable server by host:port/database, never its password', async () => {
    const { dir } = await community();
    const message = await refused(
      copyStore({
        from: dirPlace(dir),
        to: pgPlace('postgres://tuan:s3cret@127.0.0.1:9/shop'),
        dataDir: dir,
        clock: new ManualClock(START),
      }),
    );
    expect(message).toMatch(/^cannot reach the target database 127\.0\.0\.1:9\/shop: .*ECONNREFUSED/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a source a running bot uses, unless --live, which copies its committed state', async () => {
    const { dir } = await community();
    const clock = new ManualClock(START);
    const running = await Store.open({ dir, clock });
    cleanup.push(() => running.close());
    const db = await database();
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: pgPlace(db.url), dataDir: dir, clock })),
    ).toMatch(/^a running tuanbot \(pid \d+\) is using the source .*; stop it first, or copy with --live/);
    expect(await hasTables(db.url)).toBe(false);
    const live = await copyStore({
      from: dirPlace(dir),
      to: pgPlace(db.url),
      dataDir: dir,
      clock,
      live: true,
    });
    expectAllMatch(live);
    expect(live.live).toBe(true);
    expect(digestTables(await readPlace(pgPlace(db.url)))).toEqual(digestTables(running.tables));

    // The same on PostgreSQL: the lease held by a bot serving the database.
    const serving = await PgStore.open({ url: db.url, dir, clock });
    cleanup.push(() => serving.close());
    const out = await tempDir();
    expect(
      await refused(copyStore({ from: pgPlace(db.url), to: dirPlace(out), dataDir: dir, clock })),
    ).toMatch(
      /^a running tuanbot \(database session \d+\) is serving the source 127\.0\.0\.1:5432\/\w+; stop it first, or copy with --live/,
    );
    expect(recordCount(await readState(out))).toBe(0);
    expectAllMatch(
      await copyStore({ from: pgPlace(db.url), to: dirPlace(out), dataDir: dir, clock, live: true }),
    );
  });

  it('refuses a target a bot is serving, and files that would overwrite different ones', async () => {
    const { dir } = await community();
    const clock = new ManualClock(START);
    const db = await database();
    const other = await tempDir();
    const serving = await PgStore.open({ url: db.url, dir: other, clock });
    cleanup.push(() => serving.close());
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: pgPlace(db.url), dataDir: other, clock })),
    ).toMatch(
      /^the target 127\.0\.0\.1:5432\/\w+ is in use: a running tuanbot \(database session \d+\) serves it; stop it first$/,
    );
    expect(recordCount(serving.tables)).toBe(0);

    const target = await tempDir();
    const [ticket] = (await readState(dir)).tickets.values();
    const photo = ticket!.photos[0]!;
    await mkdir(join(target, photo, '..'), { recursive: true });
    await writeFile(join(target, photo), 'another picture');
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: dirPlace(target), dataDir: dir, clock })),
    ).toContain(`already has 1 file(s) that differ from the source's, e.g. ${photo}`);
    expect(recordCount(await readState(target))).toBe(0);

    const nested = join(dir, 'copy');
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: dirPlace(nested), dataDir: dir, clock })),
    ).toContain('one folder is inside the other');
    expect(await readFile(join(nested, 'state.json')).catch(() => 'none')).toBe('none');
  });
});

describe('a copy that fails partway', () => {
  it('says how far it got and that the target must be emptied', async () => {
    const { dir } = await community();
    const clock = new ManualClock(START);
    const db = await database();
    // The target's tables exist, empty; the server then refuses every order (as a full disk would).
    await (await PgStore.open({ url: db.url, dir, clock })).close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'no space left on device'; END $$`);
    await client.query(
      'CREATE TRIGGER refuse BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION refuse()',
    );
    await client.end();
    const total = recordCount(await readState(dir));
    expect(
      await refused(copyStore({ from: dirPlace(dir), to: pgPlace(db.url), dataDir: dir, clock, chunk: 5 })),
    ).toMatch(
      new RegExp(
        `^writing 127\\.0\\.0\\.1:5432/\\w+ failed after \\d+ of ${total} records \\(no space left on device\\); it holds part of them: empty it before copying again$`,
      ),
    );
  });
});

describe('what the verification compares', () => {
  it('the same records give the same checksum whatever their key order (jsonb sorts keys); another row order does not', () => {
    const a = { id: 'a', communityId: 'c', name: 'Alice', tags: [{ x: 1, y: 2 }] };
    const b = { id: 'b', communityId: 'c', name: 'Bob' };
    const tables = (...rows: object[]) => {
      const t = createTables();
      for (const r of rows) (t.members as unknown as { put(r: object): void }).put(r);
      return t;
    };
    const members = (t: ReturnType<typeof createTables>) =>
      digestTables(t).find((d) => d.collection === 'members')!;
    const reordered = { tags: [{ y: 2, x: 1 }], name: 'Alice', id: 'a', communityId: 'c' };
    expect(members(tables(reordered, b))).toEqual(members(tables(a, b)));
    expect(members(tables(b, a)).checksum).not.toBe(members(tables(a, b)).checksum);
    expect(members(tables(a, { ...b, name: 'Bobby' })).checksum).not.toBe(members(tables(a, b)).checksum);
    expect(members(tables(a, b)).records).toBe(2);
  });
});
