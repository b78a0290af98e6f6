import { describe, expect, it } from 'vitest';
import { migrate, UnsupportedVersionError } from '../../src/store/migrations.js';

describe('migrate', () => {
  const renameField = (s: Record<string, unknown>) => {
    const { people, ...rest } = s as { people?: unknown[] };
    return { ...rest, collections: { members: people ?? [] } };
  };

  it('runs each step from the file version up to the current one, in order', () => {
    const steps: number[] = [];
    const result = migrate(
      { version: 1, people: [{ id: 'a' }] },
      {
        1: (s) => {
          steps.push(1);
          return renameField(s);
        },
        2: (s) => {
          steps.push(2);
          return { ...s, seq: 0 };
        },
      },
      3,
    );
    expect(steps).toEqual([1, 2]);
    expect(result).toEqual({ version: 3, collections: { members: [{ id: 'a' }] }, seq: 0 });
  });

  it('leaves a current snapshot as it is', () => {
    const snapshot = { version: 1, seq: 4 };
    expect(migrate(snapshot, {}, 1)).toBe(snapshot);
  });

  it('refuses a file from a newer tuanbot, a missing step, and a file without a version', () => {
    expect(() => migrate({ version: 5 }, {}, 1)).toThrow(/newer tuanbot/);
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(UnsupportedVersionError);
    expect(() => migrate({}, {}, 1)).toThrow(/no schema version/);
  });
});
