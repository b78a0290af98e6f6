import { describe, expect, it } from 'vitest';
import { ConsoleReader, MAX_PASTE_CHARS, parseConsoleLine } from '../../../adapters/console/syntax.js';

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
    // several lines in one message: \n is a newline, \\ a backslash
    ['alice> 1. bob +1\\n2. alice +2', { kind: 'say', name: 'alice', text: '1. bob +1\n2. alice +2' }],
    ['+1\\n周六来拿', { kind: 'say', text: '+1\n周六来拿' }],
    ['path C:\\\\new and \\\\n', { kind: 'say', text: 'path C:\\new and \\n' }],
    ['a \\t stays', { kind: 'say', text: 'a \\t stays' }],
    [':dm erin> hi\\nthere', { kind: 'dm', name: 'erin', text: 'hi\nthere' }],
    // replies to a bot message, by the id it was printed with
    [':reply m3 +1', { kind: 'reply', messageId: 'm3', text: '+1' }],
    [':reply m12 bob> +2 小份', { kind: 'reply', messageId: 'm12', name: 'bob', text: '+2 小份' }],
    [':reply m3 a\\nb', { kind: 'reply', messageId: 'm3', text: 'a\nb' }],
    [':paste', { kind: 'paste' }],
    [':paste 王阿姨', { kind: 'paste', name: '王阿姨' }],
  ])('%s', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });

  it.each([':as', ':as two words', ':join', ':dm nobody', ':clock soon', ':clock 2d', ':what', ':', ': as'])(
    '%s is a clear error',
    (line) => {
      expect(parseConsoleLine(line).kind).toBe('error');
    },
  );

  it.each([
    [':reply', ':reply needs MSGID TEXT, e.g. :reply m3 +1'],
    [':reply m3', ':reply needs MSGID TEXT, e.g. :reply m3 +1'],
    [':reply +1', ':reply needs MSGID TEXT, e.g. :reply m3 +1'],
    [':reply 3 +1', ':reply needs MSGID TEXT, e.g. :reply m3 +1'],
    [':reply m3 bob>', ':reply needs MSGID TEXT, e.g. :reply m3 +1'],
    [':paste two words', ':paste takes an optional NAME (no spaces), then lines, then :end'],
    [':end', ':end without :paste — nothing to send'],
  ])('%s answers in one line: %s', (line, message) => {
    expect(parseConsoleLine(line)).toEqual({ kind: 'error', message });
  });
});

describe('console :paste blocks', () => {
  /** Feeds lines to one reader; returns what it made of them, in order. */
  function read(lines: string[], endOfInput = false) {
    const reader = new ConsoleReader();
    const actions = lines.map((line) => reader.read(line)).filter((a) => a !== undefined);
    const last = endOfInput ? reader.end() : undefined;
    return last ? [...actions, last] : actions;
  }

  it('every line up to :end is one message, as typed: no escapes, no directives', () => {
    expect(read([':paste', '1. alice ×1', '', ':as bob', 'a\\nb', ':end', '+1'])).toEqual([
      { kind: 'say', text: '1. alice ×1\n\n:as bob\na\\nb' },
      { kind: 'say', text: '+1' },
    ]);
  });

  it(':paste NAME speaks as NAME', () => {
    expect(read([':paste carol', '1. alice ×1\r', '2. carol +2', ' :end '])).toEqual([
      { kind: 'say', name: 'carol', text: '1. alice ×1\n2. carol +2' },
    ]);
  });

  it('an empty block, a block that is never closed, and an oversized one send nothing', () => {
    expect(read([':paste', '  ', ':end'])).toEqual([
      { kind: 'error', message: ':paste block is empty — nothing sent' },
    ]);
    expect(read([':paste', '+1'], true)).toEqual([
      { kind: 'error', message: ':paste was not closed with :end — nothing sent' },
    ]);
    const line = 'x'.repeat(1000);
    const big = read([':paste', ...Array<string>(MAX_PASTE_CHARS / 1000 + 1).fill(line), ':end', 'after']);
    expect(big).toEqual([
      { kind: 'error', message: `:paste block is over ${MAX_PASTE_CHARS} characters — nothing sent` },
      { kind: 'say', text: 'after' },
    ]);
  });
});
