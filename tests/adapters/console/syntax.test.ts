import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../../adapters/console/syntax.js';

describe('console syntax', () => {
  it.each([
    ['alice> +1', { kind: 'say', name: 'alice', text: '+1' }],
    ['王小明> 接龙 2', { kind: 'say', name: '王小明', text: '接龙 2' }],
    ['/help', { kind: 'say', text: '/help' }],
    ['+1', { kind: 'say', text: '+1' }],
    [':as bob', { kind: 'as', name: 'bob' }],
    [':group 水果团', { kind: 'group', name: '水果团' }],
    [':join carol', { kind: 'join', name: 'carol' }],
    [':join carol via ABC123', { kind: 'join', name: 'carol', via: 'ABC123' }],
    [':leave carol', { kind: 'leave', name: 'carol' }],
    [':admin dave', { kind: 'admin', name: 'dave' }],
    [':dm erin> /points', { kind: 'dm', name: 'erin', text: '/points' }],
    [':clock +90m', { kind: 'clock', by: 90 * 60_000 }],
    [':clock +2d', { kind: 'clock', by: 2 * 86_400_000 }],
    [':clock 2026-12-01T20:00:00Z', { kind: 'clock', to: new Date('2026-12-01T20:00:00Z') }],
    [':quit', { kind: 'quit' }],
    ['', { kind: 'empty' }],
  ])('%s', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });

  it.each([':as', ':as two words', ':join', ':dm nobody', ':clock soon', ':clock 2d', ':what'])(
    '%s is a clear error',
    (line) => {
      expect(parseConsoleLine(line).kind).toBe('error');
    },
  );
});
