import { describe, expect, it } from 'vitest';
import { competitionRanks } from '../../src/services/points.js';

describe('competitionRanks', () => {
  it('gives equal values one rank and skips the places they share', () => {
    expect(competitionRanks([10, 8, 8, 5])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([7, 7, 7])).toEqual([1, 1, 1]);
    expect(competitionRanks([9, 6, 6, 6, 2, 2, 1])).toEqual([1, 2, 2, 2, 5, 5, 7]);
    expect(competitionRanks([3, 2, 1])).toEqual([1, 2, 3]);
    expect(competitionRanks([])).toEqual([]);
  });
});
