import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../src/core/events.js';
import {
  cleanName,
  distinctNames,
  lookalikeKey,
  readLabel,
  showName,
  withCleanNames,
} from '../../src/core/names.js';

const FSI = '\u2068';
const PDI = '\u2069';

describe('cleanName: a display name as it may be stored', () => {
  it('drops bidi controls, zero-width characters and blank letters; turns line breaks into spaces', () => {
    expect(cleanName('\u202Emallory')).toBe('mallory');
    expect(cleanName('al\u200Bice\uFEFF')).toBe('alice');
    expect(cleanName('a\u2066b\u2069\u200E\u061C')).toBe('ab');
    expect(cleanName('Alice\n2. bob ×9')).toBe('Alice 2. bob ×9');
    expect(cleanName('  Bob   Lee\t')).toBe('Bob Lee');
    expect(cleanName('Alice\uFE0F')).toBe('Alice');
    expect(cleanName('\u3164\u200B')).toBe('');
  });

  it('keeps what a name is spelled with: emoji sequences, Persian and Hindi joiners, CJK', () => {
    for (const name of ['👩\u200D👩\u200D👧 mum', '❤\uFE0F', 'می\u200Cخواهم', 'क्\u200Dष', '王阿姨', 'Zoë']) {
      expect(cleanName(name), name).toBe(name);
    }
  });

  it('returns the very same string for an ordinary name (nothing to allocate on the hot path)', () => {
    const name = 'alice';
    expect(cleanName(name)).toBe(name);
  });
});

describe('showName: a name as it is put into a message', () => {
  it('fences right-to-left names, leaves others alone', () => {
    expect(showName('דנה')).toBe(`${FSI}דנה${PDI}`);
    expect(showName('علي 2')).toBe(`${FSI}علي 2${PDI}`);
    expect(showName('alice')).toBe('alice');
    expect(showName('王阿姨')).toBe('王阿姨');
  });

  it('cleans names stored before cleaning existed', () => {
    expect(showName('\u202Eדנה')).toBe(`${FSI}דנה${PDI}`);
    expect(showName('\u202Emallory')).toBe('mallory');
  });
});

describe('distinctNames: the names of one list', () => {
  it('numbers look-alikes of different people in the order they come; the same person once', () => {
    const shown = distinctNames([
      { id: 'a', name: 'Alice' },
      { id: 'b', name: 'Ali\u200Bce' },
      { id: 'a', name: 'Alice' },
      { id: 'c', name: 'Alice' },
      { id: 'd', name: 'Jose\u0301' },
      { id: 'e', name: 'José' },
      { id: 'f', name: 'alice' },
    ]);
    expect([...shown]).toEqual([
      ['a', 'Alice'],
      ['b', 'Alice (2)'],
      ['c', 'Alice (3)'],
      ['d', 'Jose\u0301'],
      ['e', 'José (2)'],
      ['f', 'alice'],
    ]);
  });

  it('uses the number a person has in their community when given, whoever else is on the list', () => {
    const shown = distinctNames([
      { id: 'b', name: 'Alice', no: 2 },
      { id: 'e', name: 'Alice', no: 5 },
      { id: 'a', name: 'Alice', no: 1 },
    ]);
    expect([...shown.values()]).toEqual(['Alice (2)', 'Alice (5)', 'Alice']);
  });
});

describe('lookalikeKey: what names that look the same share', () => {
  it('folds invisible characters, full-width and styled letters, and Cyrillic and Greek look-alikes; keeps case', () => {
    const alice = lookalikeKey('Alice');
    for (const name of [
      'Ali\u200Bce',
      '\uFF21lice', // full-width Ａ
      '\uFF21\uFF4C\uFF49\uFF43\uFF45', // all full-width
      '\u{1D400}lice', // mathematical bold A
      '\u0410lic\u0435', // Cyrillic А and е
      '\u0391lice', // Greek Α
      ' Alice  ',
    ])
      expect(lookalikeKey(name), name).toBe(alice);
    expect(lookalikeKey('alice')).not.toBe(alice);
    expect(lookalikeKey('Alicia')).not.toBe(alice);
    // A Russian name keeps its own letters apart from Latin ones (Б, и), and a copy that mixes
    // in Latin о, р, с looks the same as it.
    expect(lookalikeKey('Борис')).toBe(lookalikeKey('Бopиc'));
    expect(lookalikeKey('Борис')).not.toBe(lookalikeKey('Boris'));
    expect(lookalikeKey('张伟')).toBe('张伟');
  });
});

describe('readLabel: a name as a command gives it', () => {
  it('reads the look-alike number a list label carries, in either kind of bracket', () => {
    expect(readLabel('@Alice (2)')).toEqual({ name: 'Alice', no: 2 });
    expect(readLabel('＠Alice（3）')).toEqual({ name: 'Alice', no: 3 });
    expect(readLabel('Alice(4)')).toEqual({ name: 'Alice', no: 4 });
    expect(readLabel('@Alice')).toEqual({ name: 'Alice' });
    expect(readLabel('(2)')).toEqual({ name: '(2)' });
  });
});

describe('withCleanNames: where names from adapters enter the core', () => {
  const chat = { platform: 'memory', chatId: 'main', kind: 'group' as const };

  it('cleans the sender, the member who joined and who invited them; falls back to the id', () => {
    const message: BotEvent = {
      type: 'message',
      id: 'm1',
      chat,
      sender: { id: 'u1', name: '\u202Eeve' },
      text: '+1',
    };
    expect(withCleanNames(message)).toMatchObject({ sender: { id: 'u1', name: 'eve' }, text: '+1' });
    const joined: BotEvent = {
      type: 'member_joined',
      chat,
      member: { id: 'u2', name: '\u3164' },
      inviter: { id: 'u3', name: 'bob\u200B' },
    };
    expect(withCleanNames(joined)).toMatchObject({ member: { name: 'u2' }, inviter: { name: 'bob' } });
  });

  it('hands back the same event when nothing needs cleaning', () => {
    const message: BotEvent = {
      type: 'message',
      id: 'm1',
      chat,
      sender: { id: 'u1', name: 'alice' },
      text: 'hi',
    };
    expect(withCleanNames(message)).toBe(message);
  });
});
