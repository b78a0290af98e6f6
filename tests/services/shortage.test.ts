import { describe, expect, it } from 'vitest';
import { type Share, shareShortage } from '../../src/services/shortage.js';

/** Who is shorted when fewer units arrive than the lines hold: exact integer arithmetic. */

/** Lines a, b, c in roster order holding 5, 3 and 2 units (10 in all). */
const LINES: Share[] = [
  { id: 'a', qty: 5, line: 1 },
  { id: 'b', qty: 3, line: 2 },
  { id: 'c', qty: 2, line: 3 },
];

const taken = (lines: Share[], arrived: number, rule: 'first' | 'prorata') =>
  Object.fromEntries(shareShortage(lines, arrived, rule));

describe('first: the last orders are shorted first', () => {
  it('3 lines 5/3/2, 7 arrive: the last line loses its 2, the one before it 1', () => {
    expect(taken(LINES, 7, 'first')).toEqual({ c: 2, b: 1 });
  });

  it('by roster place, whatever order the lines come in', () => {
    expect(taken([...LINES].reverse(), 7, 'first')).toEqual({ c: 2, b: 1 });
  });

  it('nothing arrived: every line loses all; all arrived or more: nobody loses anything', () => {
    expect(taken(LINES, 0, 'first')).toEqual({ a: 5, b: 3, c: 2 });
    expect(taken(LINES, 10, 'first')).toEqual({});
    expect(taken(LINES, 12, 'first')).toEqual({});
  });
});

describe('prorata: each keeps its share, largest remainders get the units left over', () => {
  it('3 lines 5/3/2, 7 arrive: shares 3.5/2.1/1.4 → 3/2/1 and the 1 left to the largest remainder (a) → 4/2/1', () => {
    expect(taken(LINES, 7, 'prorata')).toEqual({ a: 1, b: 1, c: 1 });
  });

  it('3 lines 5/3/2, 4 arrive: shares 2/1.2/0.8 → 2/1/0, the 1 left to c (0.8) → 2/1/1', () => {
    expect(taken(LINES, 4, 'prorata')).toEqual({ a: 3, b: 2, c: 1 });
  });

  it('equal remainders go by roster order: 1/1/1 with 2 arrived → the third line is shorted', () => {
    const equal: Share[] = [
      { id: 'z', qty: 1, line: 3 },
      { id: 'x', qty: 1, line: 1 },
      { id: 'y', qty: 1, line: 2 },
    ];
    expect(taken(equal, 2, 'prorata')).toEqual({ z: 1 });
  });

  it('the units kept always add up to what arrived', () => {
    const lines: Share[] = [7, 1, 4, 9, 2, 5].map((qty, i) => ({ id: `l${i}`, qty, line: i + 1 }));
    const total = lines.reduce((sum, l) => sum + l.qty, 0);
    for (let arrived = 0; arrived <= total; arrived++) {
      const cut = shareShortage(lines, arrived, 'prorata');
      const kept = lines.reduce((sum, l) => sum + l.qty - (cut.get(l.id) ?? 0), 0);
      expect(kept, `${arrived} arrived`).toBe(arrived);
      for (const l of lines) expect(cut.get(l.id) ?? 0).toBeLessThanOrEqual(l.qty);
    }
  });
});
