import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../src/core/format.js';
import { type Request, stageRequests } from '../../src/core/outbox/records.js';
import { Collection } from '../../src/store/collection.js';
import { JournalWriter, readJournal } from '../../src/store/journal.js';
import { createTables } from '../../src/store/tables.js';
import { Tx } from '../../src/store/tx.js';

/** An index as Collection keeps it (private there). */
type IndexDeclaration = { key: (row: never) => unknown; fields: readonly string[] | undefined };

describe('localDay (cached per UTC minute)', () => {
  it('turns to the next day exactly at local midnight, also in a half-hour timezone', () => {
    // Asia/Kolkata is UTC+5:30: local midnight is 18:30 UTC.
    expect(localDay(new Date('2026-11-25T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-11-25');
    expect(localDay(new Date('2026-11-25T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2026-11-26');
    expect(localDay(new Date('2026-11-25T15:59:59.000Z'), 'Asia/Shanghai')).toBe('2026-11-25');
    expect(localDay(new Date('2026-11-25T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-11-26');
    // Asked again for an earlier moment: not stuck on the cached day.
    expect(localDay(new Date('2026-11-25T18:29:00.000Z'), 'Asia/Kolkata')).toBe('2026-11-25');
  });
});

describe('Collection indexes', () => {
  type Row = { id: string; group: string; n: number };

  it('an update that keeps its key keeps its place; one that changes it moves buckets', () => {
    const rows = new Collection<Row>();
    rows.defineIndex('group', (r) => r.group);
    rows.put({ id: 'a', group: 'x', n: 1 });
    rows.put({ id: 'b', group: 'x', n: 1 });
    rows.put({ id: 'a', group: 'x', n: 2 });
    expect(rows.by('group', 'x').map((r) => `${r.id}${r.n}`)).toEqual(['a2', 'b1']);

    rows.put({ id: 'a', group: 'y', n: 3 });
    expect(rows.by('group', 'x').map((r) => r.id)).toEqual(['b']);
    expect(rows.by('group', 'y').map((r) => `${r.id}${r.n}`)).toEqual(['a3']);
    rows.delete('b');
    expect(rows.countBy('group', 'x')).toBe(0);
  });
});

describe('Collection indexes that list the fields their key reads', () => {
  type Row = { id: string; group: string; owner: string; n: number };
  const byOwner = (rows: Collection<Row>, key: string) => rows.by('owner', key).map((r) => `${r.id}${r.n}`);

  it('an update of other fields keeps the row where it was; one of a listed field moves it', () => {
    const rows = new Collection<Row>();
    rows.defineIndex('owner', (r) => `${r.group}|${r.owner}`, ['group', 'owner']);
    rows.put({ id: 'a', group: 'x', owner: 'al', n: 1 });
    rows.put({ id: 'b', group: 'x', owner: 'al', n: 1 });
    rows.put({ id: 'a', group: 'x', owner: 'al', n: 2 });
    expect(byOwner(rows, 'x|al')).toEqual(['a2', 'b1']);

    rows.put({ id: 'a', group: 'y', owner: 'al', n: 3 });
    expect(byOwner(rows, 'x|al')).toEqual(['b1']);
    expect(byOwner(rows, 'y|al')).toEqual(['a3']);
    rows.put({ id: 'b', group: 'x', owner: 'bo', n: 4 });
    expect(rows.countBy('owner', 'x|al')).toBe(0);
    expect(byOwner(rows, 'x|bo')).toEqual(['b4']);
  });

  it('keeps insertion order as a bucket grows from one row and empties again', () => {
    const rows = new Collection<Row>();
    rows.defineIndex('owner', (r) => r.owner, ['owner']);
    rows.put({ id: 'a', group: 'x', owner: 'al', n: 1 });
    expect(rows.by('owner', 'al').map((r) => r.id)).toEqual(['a']);
    rows.put({ id: 'a', group: 'x', owner: 'al', n: 2 });
    rows.put({ id: 'b', group: 'x', owner: 'al', n: 1 });
    rows.put({ id: 'c', group: 'x', owner: 'al', n: 1 });
    expect(rows.by('owner', 'al').map((r) => `${r.id}${r.n}`)).toEqual(['a2', 'b1', 'c1']);
    rows.delete('a');
    rows.delete('c');
    expect(rows.countBy('owner', 'al')).toBe(1);
    rows.put({ id: 'a', group: 'x', owner: 'al', n: 3 });
    expect(rows.by('owner', 'al').map((r) => `${r.id}${r.n}`)).toEqual(['b1', 'a3']);
    rows.delete('b');
    rows.delete('a');
    expect(rows.by('owner', 'al')).toEqual([]);
    expect(rows.countBy('owner', 'al')).toBe(0);
    rows.put({ id: 'd', group: 'x', owner: 'al', n: 1 });
    rows.delete('d');
    expect(rows.countBy('owner', 'al')).toBe(0);
  });

  it("every index of the store's tables lists each field its key reads", () => {
    // A field read but not listed would leave a row under its old key after an update of that field.
    const tables = createTables();
    for (const [name, table] of Object.entries(tables)) {
      // The indexes are private to Collection: read here only to check their declarations.
      const indexes = (table as unknown as { indexes: Map<string, IndexDeclaration> }).indexes;
      for (const [index, { key, fields }] of indexes) {
        if (fields === undefined) continue;
        const read = new Set<string>();
        // Each field reads as a string that also has any nested field (`chat.platform`).
        const value = (): unknown =>
          new Proxy(new String('v'), {
            get(target, prop) {
              if (typeof prop === 'symbol' || prop in target) {
                const v: unknown = Reflect.get(target, prop);
                return typeof v === 'function' ? v.bind(target) : v;
              }
              return value();
            },
          });
        const record = new Proxy({} as Record<string, unknown>, {
          get(_target, prop) {
            if (typeof prop !== 'string') return undefined;
            read.add(prop);
            // An open deal: key() then reads all it ever reads.
            return prop === 'status' ? 'open' : value();
          },
        });
        key(record as never);
        expect(
          [...read].filter((f) => !fields.includes(f)),
          `${name}.${index}`,
        ).toEqual([]);
      }
    }
  });
});

describe('the journal writer', () => {
  it('writes each line whole: short after long, multi-byte, bigger than its buffer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'journal-'));
    const file = join(dir, 'journal.jsonl');
    const journal = await JournalWriter.open(file, 0);
    const entries = [
      JSON.stringify({ s: 1, c: [['orders', 'a', { note: 'x'.repeat(5000) }]] }),
      JSON.stringify({ s: 2, c: [['orders', 'b', { note: '接龙' }]] }),
      // More UTF-8 bytes than the writer's reused 1 MiB buffer, in fewer characters than that.
      JSON.stringify({ s: 3, c: [['orders', 'c', { note: '团'.repeat(400_000) }]] }),
      JSON.stringify({ s: 4, c: [['orders', 'd', { note: 'y'.repeat(1_100_000) }]] }),
      JSON.stringify({ s: 5, c: [['orders', 'e', null]] }),
    ];
    for (const entry of entries) journal.append(`${entry}\n`);
    await journal.close();
    const written = entries.map((entry) => `${entry}\n`).join('');
    expect(await readFile(file, 'utf8')).toBe(written);
    const read = await readJournal(file);
    expect(read.entries.map((e) => e.s)).toEqual([1, 2, 3, 4, 5]);
    expect(read.tornTail).toBe(false);
    expect(journal.size).toBe(Buffer.byteLength(written));
    await rm(dir, { recursive: true, force: true });
  });
});

describe('outbox records (built field by field)', () => {
  const group = { platform: 'memory', chatId: 'g', kind: 'group' as const, title: 'Buyers' };
  const direct = { platform: 'memory', chatId: 'u1', kind: 'direct' as const };
  const at = new Date('2026-11-25T08:00:00.000Z');
  const stage = (request: Request, communityId?: string) => {
    const tx = new Tx(createTables());
    return stageRequests(tx, [request], at, communityId)[0]!.record;
  };

  it('hold exactly the fields their request has, none set to undefined', () => {
    const send = stage(
      {
        kind: 'send',
        chat: direct,
        out: { kind: 'text', text: 'hi' },
        priority: 'reply',
        origin: {},
        onDelivered: { name: 'sent' },
        hold: { userId: 'u1', name: 'Al', chat: group, locale: 'en' },
      },
      'memory:g',
    );
    expect(send).toStrictEqual({
      id: send.id,
      communityId: 'memory:g',
      userId: 'u1',
      chat: { platform: 'memory', chatId: 'u1', kind: 'direct' },
      kind: 'send',
      priority: 'reply',
      out: { kind: 'text', text: 'hi' },
      onDelivered: { name: 'sent', args: {} },
      hold: { userId: 'u1', name: 'Al', chat: group, locale: 'en' },
      createdAt: '2026-11-25T08:00:00.000Z',
    });
    const line = stage({
      kind: 'line',
      chat: group,
      key: 'problems:d1',
      header: '#1:',
      line: '✗ al',
      origin: { threadId: 't' },
    });
    expect(line).toStrictEqual({
      id: line.id,
      chat: group,
      kind: 'line',
      priority: 'notice',
      key: 'problems:d1',
      header: '#1:',
      line: '✗ al',
      origin: { threadId: 't' },
      createdAt: '2026-11-25T08:00:00.000Z',
    });
    const live = stage(
      {
        kind: 'live',
        chat: group,
        key: 'deal:d1',
        text: () => ({ text: 'card' }),
        opts: { messageId: 'm9' },
      },
      'memory:g',
    );
    expect(live).toStrictEqual({
      id: 'live|memory|g|deal:d1',
      communityId: 'memory:g',
      chat: group,
      kind: 'live',
      priority: 'card',
      key: 'deal:d1',
      messageId: 'm9',
      createdAt: '2026-11-25T08:00:00.000Z',
    });
  });
});
