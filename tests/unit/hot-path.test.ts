import { describe, expect, it } from 'vitest';
import { localDay } from '../../src/core/format.js';
import { Collection } from '../../src/store/collection.js';

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
