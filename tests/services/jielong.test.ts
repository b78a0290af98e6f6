import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DealView, parseJielong, readEnvelope } from '../../src/services/jielong.js';
import { PHRASING_DEAL, PHRASING_GROUPS, type Phrasing } from '../helpers/phrasings.js';

/** What a member's message means for deal #3 (or the deal its code names), as the handler reads it. */
function read({ text, options = [], roster = [] }: Phrasing) {
  const envelope = readEnvelope(text);
  if (!envelope) return 'chatter';
  const deal: DealView = {
    no: envelope.deal ?? PHRASING_DEAL.no,
    title: PHRASING_DEAL.title,
    options,
    rosterNames: roster,
  };
  return parseJielong(envelope.body, deal) ?? 'chatter';
}

describe('接龙: how members write in the chat', () => {
  for (const [group, cases] of Object.entries(PHRASING_GROUPS)) {
    describe(group, () => {
      it.each(cases)('$text → $expect.kind', (phrasing) => {
        expect(read(phrasing)).toEqual(phrasing.expect);
      });
    });
  }
});

describe('接龙 envelope: what surrounds the order', () => {
  it('takes the deal code from anywhere in the text', () => {
    expect(readEnvelope('+2 #12 周六拿')).toMatchObject({ deal: 12 });
    expect(readEnvelope('＃３　＋１')).toMatchObject({ deal: 3, body: '#3 +1' });
  });

  it('gives up on two different deal codes, and accepts the same one twice', () => {
    expect(readEnvelope('#3 +1 #4')).toBeUndefined();
    expect(readEnvelope('#3 +1 #3')).toMatchObject({ deal: 3 });
  });

  it('keeps a WeChat quote apart from the reply', () => {
    const text = '「团购小助手：🛒 #5 丹东草莓\n下单：发送 +1」\n- - - - - - - - - - - - - - -\n+2 周六拿';
    expect(readEnvelope(text)).toEqual({
      body: '+2 周六拿',
      quoted: '🛒 #5 丹东草莓\n下单：发送 +1',
      quotedFrom: '团购小助手',
    });
  });

  it('does not take a deal code from the quote: the handler decides what the quote means', () => {
    const text = '「团购小助手：🛒 #5 丹东草莓」\n- - - - - - - - - - - - - - -\n+1';
    expect(readEnvelope(text)?.deal).toBeUndefined();
  });

  it('strips mentions before and after, WeChat ones too', () => {
    expect(readEnvelope('@群主 +2')?.body).toBe('+2');
    expect(readEnvelope('+2 @团长')?.body).toBe('+2');
    expect(readEnvelope('@Tony Wang\u2005+1')?.body).toBe('+1');
    expect(readEnvelope('@团长\u2005@小美\u2005+1 周六拿')?.body).toBe('+1 周六拿');
  });

  it('keeps an e-mail address: it is not a mention', () => {
    expect(readEnvelope('发到 a@b.com')?.body).toBe('发到 a@b.com');
  });

  it('folds full-width forms and spaces but keeps Chinese punctuation as typed', () => {
    expect(readEnvelope('＋２　Ｌ，周六拿！')?.body).toBe('+2 L，周六拿！');
  });

  it('ignores empty text, a bare mention and text over 2,000 characters', () => {
    expect(readEnvelope('')).toBeUndefined();
    expect(readEnvelope('  \n ')).toBeUndefined();
    expect(readEnvelope('@团长')).toBeUndefined();
    expect(readEnvelope(`+1 ${'好'.repeat(2000)}`)).toBeUndefined();
  });
});

describe('接龙 reader on any text', () => {
  const deal: DealView = { no: 3, title: '丹东草莓', options: ['小份', '大份', 'L'], rosterNames: ['alice'] };
  const pieces = fc.constantFrom(
    '+',
    '-',
    '1',
    '２',
    '两',
    '十',
    '份',
    '个',
    '接龙',
    '要',
    '加',
    '改',
    '小份',
    'L',
    ' ',
    '\n',
    '1. ',
    '，',
    '？',
    '#3',
    '@团长 ',
    '帮',
    '各',
    '不要了',
    'x',
    '=',
    '再',
    '少',
    '➕',
    '1️⃣',
    '码',
    '（alice 代订）',
    '合计：',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
  );

  it('never throws, and every order or copied line has an integer quantity and one of the deal’s options', () => {
    fc.assert(
      fc.property(text, (t) => {
        const envelope = readEnvelope(t);
        const intent = envelope && parseJielong(envelope.body, deal);
        if (intent?.kind === 'order') {
          expect(intent.lines.length).toBeGreaterThan(0);
          for (const l of intent.lines) {
            expect(Number.isInteger(l.qty) && l.qty >= 0).toBe(true);
            if (l.option !== undefined) expect(deal.options).toContain(l.option);
          }
        }
        if (intent?.kind === 'cancel' && intent.option !== undefined)
          expect(deal.options).toContain(intent.option);
        if (intent?.kind === 'option') expect(deal.options).toContain(intent.option);
        if (intent?.kind === 'copy') {
          expect(intent.lines.length).toBeGreaterThan(0);
          for (const l of intent.lines) {
            expect(Number.isInteger(l.qty) && l.qty >= 0 && l.name.trim() !== '').toBe(true);
            if (l.option !== undefined) expect(deal.options).toContain(l.option);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
