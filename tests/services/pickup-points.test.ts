import { describe, expect, it } from 'vitest';
import { nextWindow, readWindow } from '../../src/services/pickup-points.js';
import type { Community, PickupPoint } from '../../src/store/schema.js';

const community = { timezone: 'Asia/Shanghai' } as Community;
const point = (times: string): PickupPoint => ({
  id: 'c|p1',
  communityId: 'c',
  no: 1,
  name: '东门驿站',
  times,
  window: readWindow(times),
  verifiers: [],
  status: 'active',
  createdAt: '2026-11-25T00:00:00Z',
  createdBy: 'owner',
});

describe('pickup point opening times', () => {
  it.each([
    ['周六 10:00-12:00', { weekday: 6, start: '10:00', end: '12:00' }],
    ['Sat 9:30–11:00', { weekday: 6, start: '09:30', end: '11:00' }],
    ['每天 18:00~20:30', { start: '18:00', end: '20:30' }],
    ['星期日 8：00至9：00', { weekday: 0, start: '08:00', end: '09:00' }],
  ])('%s reads as %o', (times, window) => {
    expect(readWindow(times)).toEqual(window);
  });

  it.each(['周六上午', '12:00-10:00', '25:00-26:00'])('%s has no window (shown as written)', (times) => {
    expect(readWindow(times)).toBeUndefined();
  });

  it('the next window ending after a moment, in the community’s timezone', () => {
    // Thursday 2026-11-26 12:00 in Shanghai → Saturday 11-28 10:00–12:00 (02:00–04:00 UTC).
    expect(nextWindow(point('周六 10:00-12:00'), new Date('2026-11-26T04:00:00Z'), community)).toEqual({
      start: new Date('2026-11-28T02:00:00Z'),
      end: new Date('2026-11-28T04:00:00Z'),
    });
    // During Saturday's window it is that window; after it, next Saturday's.
    expect(nextWindow(point('周六 10:00-12:00'), new Date('2026-11-28T03:00:00Z'), community)?.end).toEqual(
      new Date('2026-11-28T04:00:00Z'),
    );
    expect(nextWindow(point('周六 10:00-12:00'), new Date('2026-11-28T04:00:00Z'), community)?.end).toEqual(
      new Date('2026-12-05T04:00:00Z'),
    );
    expect(nextWindow(point('18:00-20:00'), new Date('2026-11-26T13:00:00Z'), community)?.end).toEqual(
      new Date('2026-11-27T12:00:00Z'),
    );
  });
});
