import { describe, expect, it } from 'vitest';
import { MIN_ACTIVE_MEMBERS, MIN_HISTORY_DAYS } from '../../../src/services/insights/index.js';
import { BASE_MEMBERS, NOW, nearMissDeal, World } from './world.js';

describe('thin data: no suggestion, and the report says what is missing', () => {
  it('the thresholds are 7 days of history and 10 active members', () => {
    expect([MIN_HISTORY_DAYS, MIN_ACTIVE_MEMBERS]).toEqual([7, 10]);
  });

  it('9 active members: thin, even where a rule would fire; 10 are enough', () => {
    const nine = nearMissDeal(World.base()).silence(['owner', 'm10', 'm11', 'm12']);
    expect(nine.report().suggestions).toEqual({
      kind: 'thin',
      need: { historyDays: 85, minHistoryDays: 7, activeMembers: 9, minActiveMembers: 10 },
    });
    const ten = nearMissDeal(World.base()).silence(['owner', 'm11', 'm12']);
    expect(ten.report().suggestions.kind).toBe('ok');
  });

  it('a group the bot first saw 6 days ago: thin; 7 days: not', () => {
    const young = (createdAt: string) => {
      const world = new World('en', createdAt);
      for (const id of BASE_MEMBERS) world.member(id, { firstSeen: createdAt }).talk(id, '2026-11-24', 1);
      return world.report();
    };
    const sixDays = new Date(NOW.getTime() - 6 * 86_400_000 - 1).toISOString().replace(/\.\d+Z$/, '.000Z');
    expect(young(sixDays).suggestions).toMatchObject({
      kind: 'thin',
      need: { historyDays: 6, activeMembers: 12 },
    });
    expect(young(new Date(NOW.getTime() - 7 * 86_400_000).toISOString()).suggestions.kind).toBe('ok');
  });
});
