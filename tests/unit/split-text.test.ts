import { describe, expect, it } from 'vitest';
import { clipText, splitText } from '../../src/core/split-text.js';

/** Long texts become several messages (every adapter, and commands that answer in parts). */
describe('splitText', () => {
  it('a text within the limit is one piece, unchanged', () => {
    expect(splitText('short', 10)).toEqual(['short']);
    expect(splitText('', 10)).toEqual(['']);
  });

  it('packs whole lines, and starts a line on a new piece rather than cut it where it fits whole', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 9)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitText('aa\nbbbbbbbbbb', 10)).toEqual(['aa', 'bbbbbbbbbb']);
  });

  it('cuts a line longer than the limit, losing nothing: one long line joins back exactly', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const json = JSON.stringify({
      deals: Array.from({ length: 40 }, (_, i) => ({ no: i, title: `芒果 ${i}` })),
    });
    const pieces = splitText(json, 100);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces.join('')).toBe(json);
    const lines = splitText(`head\n${'x'.repeat(25)}\ntail`, 10);
    expect(lines).toEqual(['head', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx\ntail']);
  });

  it('never cuts an emoji in half', () => {
    const text = `a${'😀'.repeat(6)}`;
    const pieces = splitText(text, 4);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4);
      expect(piece).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(piece).not.toMatch(/^[\uDC00-\uDFFF]/);
    }
  });

  it('sends no piece of blank lines alone', () => {
    expect(splitText(`${'a'.repeat(10)}\n\n\n${'b'.repeat(10)}`, 10)).toEqual([
      'a'.repeat(10),
      'b'.repeat(10),
    ]);
  });
});

describe('clipText', () => {
  it('cuts to the limit with an ellipsis, never inside an emoji', () => {
    expect(clipText('short', 10)).toBe('short');
    expect(clipText('abcdefghij', 5)).toBe('abcd…');
    const clipped = clipText('ab😀cd', 4);
    expect(clipped).toBe('ab…');
    expect(clipped.length).toBeLessThanOrEqual(4);
  });
});
