import { describe, expect, it } from 'vitest';
import { pointAnswer, pointOfWord, takePointWord } from '../../src/services/pickup-choice.js';
import type { PickupPoint } from '../../src/store/schema.js';

const point = (no: number, name: string): PickupPoint => ({
  id: `c|p${no}`,
  communityId: 'c',
  no,
  name,
  verifiers: [],
  status: 'active',
  createdAt: '2026-11-25T00:00:00Z',
  createdBy: 'owner',
});
const POINTS = [point(1, '东门驿站'), point(2, '西门'), point(3, 'B栋大堂')];
const names = (found: PickupPoint | undefined) => found?.name;

describe('a pickup point named in an order’s words', () => {
  it.each([
    ['东门', '东门驿站'],
    ['东门驿站', '东门驿站'],
    ['东门自提', '东门驿站'],
    ['西门取', '西门'],
    ['b栋', 'B栋大堂'],
  ])('%s names %s', (word, name) => {
    expect(names(pointOfWord(word, POINTS))).toBe(name);
  });

  it.each(['东', '2', '#p2', '东门口', '门', '周六来拿'])('%s names no point', (word) => {
    expect(pointOfWord(word, POINTS)).toBeUndefined();
  });

  it('the point is taken out of the note; the other words stay the note', () => {
    expect(takePointWord('东门 周六来拿', POINTS)).toMatchObject({ kind: 'point', rest: '周六来拿' });
    expect(takePointWord('西门，谢谢团长', POINTS)).toMatchObject({ kind: 'point', rest: '谢谢团长' });
    expect(takePointWord('放东门口', POINTS)).toEqual({ kind: 'none' });
    expect(takePointWord('东门 西门', POINTS)).toMatchObject({ kind: 'several' });
    expect(takePointWord('东门 东门驿站', POINTS)).toMatchObject({ kind: 'point', rest: '' });
    expect(takePointWord('东门', [])).toEqual({ kind: 'none' });
  });

  it('an answer to "which point?" is a point, with a few words around it, or its number alone', () => {
    expect(names(pointAnswer('西门', POINTS))).toBe('西门');
    expect(names(pointAnswer('选西门', POINTS))).toBe('西门');
    expect(names(pointAnswer('我在东门的', POINTS))).toBe('东门驿站');
    expect(names(pointAnswer('2', POINTS))).toBe('西门');
    expect(pointAnswer('9', POINTS)).toBeUndefined();
    expect(pointAnswer('西门 好的', POINTS)).toBeUndefined();
    expect(pointAnswer('好的', POINTS)).toBeUndefined();
  });

  // Names of two words are common where members write English ("East Gate", "Block 3").
  const GATES = [point(1, 'East Gate'), point(2, 'West Gate')];

  it('a name of several words, written whole, names its point and leaves nothing of it in the note', () => {
    expect(takePointWord('East Gate', GATES)).toMatchObject({ kind: 'point', point: { no: 1 }, rest: '' });
    expect(takePointWord('west gate see you sunday', GATES)).toMatchObject({
      kind: 'point',
      point: { no: 2 },
      rest: 'see you sunday',
    });
    expect(takePointWord('East Gate, West Gate', GATES)).toMatchObject({ kind: 'several' });
    expect(takePointWord('at the gate', GATES)).toEqual({ kind: 'none' });
  });

  it('the answer "East Gate", as the question suggests it, is that point', () => {
    expect(names(pointAnswer('East Gate', GATES))).toBe('East Gate');
    expect(names(pointAnswer('west  gate', GATES))).toBe('West Gate');
    expect(pointAnswer('East Gate please hold it', GATES)).toBeUndefined();
  });
});
