import { describe, expect, it } from 'vitest';
import { CID, fallingConversion, nearMissDeal, offPeakDeals, rules, World } from './world.js';

/**
 * A suggestion the leader already acted on is not made again: a deal suggested for copying that
 * was copied after the suggestion applied to it (a deal with copiedFrom = it, created later).
 */
describe('suggestions already acted on', () => {
  it('near_miss: #4 copied after it failed (as suggested) is not suggested again; a copy from before it failed does not count', () => {
    const copied = nearMissDeal(World.base()).deal(9, 'open', {
      copiedFrom: `${CID}#4`,
      createdAt: '2026-11-22T03:00:00.000Z',
    });
    expect(rules(copied.report())).not.toContain('near_miss');
    const earlier = nearMissDeal(World.base()).deal(9, 'closed', {
      copiedFrom: `${CID}#4`,
      createdAt: '2026-11-21T03:00:00.000Z',
    });
    expect(rules(earlier.report())).toContain('near_miss');
  });

  it('conversion_falling: the best seller copied after it formed is not suggested again', () => {
    const copied = fallingConversion(World.base()).deal(9, 'open', {
      copiedFrom: `${CID}#5`,
      createdAt: '2026-11-24T03:00:00.000Z',
    });
    expect(rules(copied.report())).not.toContain('conversion_falling');
  });

  it('posting_hours: the latest off-peak deal copied with a scheduled start is not suggested again', () => {
    const copied = offPeakDeals(World.base()).deal(9, 'scheduled', {
      copiedFrom: `${CID}#3`,
      createdAt: '2026-11-23T03:00:00.000Z',
      startsAt: '2026-11-26T12:00:00.000Z',
    });
    expect(rules(copied.report())).not.toContain('posting_hours');
  });
});
