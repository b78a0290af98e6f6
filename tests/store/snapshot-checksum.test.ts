import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { backupDir } from '../../src/store/backups.js';
import { SnapshotSchema } from '../../src/store/schema.js';
import { SnapshotFile, schemaFingerprintForTest } from '../../src/store/snapshot-file.js';
import { Store, StoreLoadError, snapshotFile } from '../../src/store/store.js';
import { memberRecord } from '../helpers/records.js';

const member = memberRecord;

describe('snapshot checksum: our own snapshot loads without per-record validation', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-25T08:00:00Z');
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-checksum-'));
    const store = await Store.open({ dir, clock });
    await store.mutate((tx) => tx.put('members', member('alice', 3)));
    await store.close();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN an unchanged snapshot THEN it loads without the schema check, with every record', async () => {
    expect((await new SnapshotFile(snapshotFile(dir)).read())?.trusted).toBe(true);
    const parse = vi.spyOn(SnapshotSchema, 'safeParse');
    const store = await Store.open({ dir, clock });
    expect(parse).not.toHaveBeenCalled();
    expect(store.tables.members.get('c/alice')?.messageCount).toBe(3);
    await store.close();
  });

  it('GIVEN a record edited into valid JSON that breaks the schema THEN the checksum fails and validation catches it', async () => {
    const text = await readFile(snapshotFile(dir), 'utf8');
    await writeFile(snapshotFile(dir), text.replace('"messageCount":3', '"messageCount":-3'));
    const parse = vi.spyOn(SnapshotSchema, 'safeParse');
    const error = await Store.open({ dir, clock }).catch((e: unknown) => e);
    expect(parse).toHaveBeenCalled();
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toMatch(
      /does not match the schema at collections\.members\.0\.messageCount/,
    );
  });

  it('GIVEN a valid edit (or a snapshot without a checksum) THEN it is validated and loads', async () => {
    const text = await readFile(snapshotFile(dir), 'utf8');
    await writeFile(snapshotFile(dir), text.replace('"messageCount":3', '"messageCount":4'));
    const parse = vi.spyOn(SnapshotSchema, 'safeParse');
    const store = await Store.open({ dir, clock });
    expect(parse).toHaveBeenCalled();
    expect(store.tables.members.get('c/alice')?.messageCount).toBe(4);
    await store.close();
  });

  it('GIVEN a snapshot of the earlier single-document format THEN it is validated and loads', async () => {
    const { raw } = (await new SnapshotFile(snapshotFile(dir)).read())!;
    await writeFile(snapshotFile(dir), JSON.stringify(raw));
    const parse = vi.spyOn(SnapshotSchema, 'safeParse');
    const store = await Store.open({ dir, clock });
    expect(parse).toHaveBeenCalled();
    expect(store.tables.members.get('c/alice')?.messageCount).toBe(3);
    await store.mutate((tx) => tx.put('members', member('bob')));
    await store.close();
    // The next snapshot is written in lines: header first, one record per line, the end line last.
    const lines = (await readFile(snapshotFile(dir), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'lines', version: 1 });
    expect(lines).toContain(JSON.stringify(member('alice', 3)));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, records: 2 });
  });

  it('GIVEN a snapshot cut at a line boundary (its end line missing) THEN it is refused, not loaded short', async () => {
    const text = await readFile(snapshotFile(dir), 'utf8');
    const cut = text.slice(0, text.trimEnd().lastIndexOf('\n') + 1);
    await writeFile(snapshotFile(dir), cut);
    await expect(Store.open({ dir, clock })).rejects.toThrow(
      /probably truncated \(the end line is missing\)/,
    );
  });

  it('GIVEN a truncated snapshot THEN it is refused as before', async () => {
    const text = await readFile(snapshotFile(dir), 'utf8');
    await writeFile(snapshotFile(dir), text.slice(0, text.length - 5));
    await expect(Store.open({ dir, clock })).rejects.toThrow(/not valid JSON/);
  });

  it('the daily backup is a hard link to the snapshot, and keeps its content when the snapshot is replaced', async () => {
    const day2 = new ManualClock('2026-11-26T08:00:00Z');
    const store = await Store.open({ dir, clock: day2 });
    const backup = join(backupDir(dir), 'state-2026-11-26.json');
    const [snap, copy] = await Promise.all([stat(snapshotFile(dir)), stat(backup)]);
    expect(copy.ino).toBe(snap.ino);
    const before = await readFile(backup, 'utf8');
    await store.mutate((tx) => tx.put('members', member('bob')));
    await store.close();
    expect((await stat(snapshotFile(dir))).ino).not.toBe(copy.ino);
    expect(await readFile(backup, 'utf8')).toBe(before);
    expect(before).not.toMatch(/"bob"/);
  });
});

describe('the schema fingerprint in the checksum', () => {
  it('names the kind of every field, so a changed field type is never trusted blindly', () => {
    const print = schemaFingerprintForTest();
    expect(print).toContain('priceCents:number');
    expect(print).toContain('title:string');
    expect(print).not.toContain('undefined');
  });
});
