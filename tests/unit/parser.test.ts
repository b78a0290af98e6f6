import { describe, expect, it } from 'vitest';
import { ParseError, splitCommand, tokenize } from '../../src/core/parser.js';

const values = (text: string) => tokenize(text).map((t) => (t.key ? `${t.key}=${t.value}` : t.value));

describe('tokenize', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    ['"two words" three', ['two words', 'three']],
    ['“全角 引号” x', ['全角 引号', 'x']],
    ['「直角 引号」', ['直角 引号']],
    ["'single quoted'", ['single quoted']],
    ['price=39.9 min=10', ['price=39.9', 'min=10']],
    ['options="S,M,L" pickup=“小区 东门”', ['options=S,M,L', 'pickup=小区 东门']],
    ['"a=b" c', ['a=b', 'c']],
    ['1+1=2', ['1+1=2']],
    ['   ', []],
    ['emoji 🍎 ok', ['emoji', '🍎', 'ok']],
    ['价格=39.9 成团人数=10', ['价格=39.9', '成团人数=10']],
    ['自提点＝“小区 东门”', ['自提点=小区 东门']],
    ['"芒果" 单价=59', ['芒果', '单价=59']],
    // A member as lists show a look-alike name is one word; a number in brackets elsewhere is not glued.
    ['@Alice (2) 5 helped', ['@Alice (2)', '5', 'helped']],
    ['#3 ＠Alice（12）', ['#3', '＠Alice（12）']],
    ['Alice (2)', ['Alice', '(2)']],
    ['@Alice (2)x', ['@Alice', '(2)x']],
  ])('%s', (input, expected) => {
    expect(values(input)).toEqual(expected);
  });

  it('marks quoted tokens', () => {
    expect(tokenize('"x" y').map((t) => t.quoted)).toEqual([true, false]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => tokenize('"never closed')).toThrow(ParseError);
    expect(() => tokenize('「没有闭合')).toThrow(ParseError);
  });
});

describe('splitCommand', () => {
  it.each([
    ['/help', 'help', ''],
    ['/HELP deal', 'help', 'deal'],
    ['／帮助', '帮助', ''],
    ['/help@tuanbot deal', 'help', 'deal'],
    ['/deal new "T" price=1', 'deal', 'new "T" price=1'],
  ])('%s', (input, name, rest) => {
    expect(splitCommand(input)).toEqual({ name, rest });
  });

  it.each(['help', '+1', 'a /help', '/', '/ help'])('%s is not a command', (input) => {
    expect(splitCommand(input)).toBeUndefined();
  });
});
