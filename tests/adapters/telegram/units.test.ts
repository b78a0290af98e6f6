import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { isMissingRights, toDeliveryError } from '../../../adapters/telegram/errors.js';
import { menuCommands } from '../../../adapters/telegram/menu.js';
import { MAX_TEXT } from '../../../adapters/telegram/send.js';
import { type DeliveryError, RateLimitedError } from '../../../src/core/adapter.js';
import type { CommandSpec } from '../../../src/core/command.js';
import { splitText } from '../../../src/core/split-text.js';

function spec(name: string, en: string, zh: string): CommandSpec {
  return { name, help: { en: { summary: en, usage: '' }, zh: { summary: zh, usage: '' } } } as CommandSpec;
}

describe('telegram command menu', () => {
  it('lists top-level commands Telegram accepts, with the summary in the asked language', () => {
    const specs = [
      spec('help', 'list commands', '命令列表'),
      spec('deal new', 'open a deal', '开团'),
      spec('Deal-Admin', 'bad name', '坏名字'),
      spec('x'.repeat(33), 'too long', '太长'),
      spec('points', 'your points', '我的积分'),
    ];
    expect(menuCommands(specs, 'en')).toEqual([
      { command: 'help', description: 'list commands' },
      { command: 'points', description: 'your points' },
    ]);
    expect(menuCommands(specs, 'zh').map((c) => c.description)).toEqual(['命令列表', '我的积分']);
  });
});

describe('telegram errors', () => {
  it('429 becomes RateLimitedError in ms; 5xx and dropped connections retry; other 4xx do not', () => {
    const limited = toDeliveryError(
      new TelegramError({
        error_code: 429,
        description: 'Too Many Requests',
        parameters: { retry_after: 3 },
      }),
      'send',
    );
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3000);
    const retryable = (error: unknown) => (toDeliveryError(error, 'send') as DeliveryError).retryable;
    expect(retryable(new TelegramError({ error_code: 500, description: 'Internal' }))).toBe(true);
    expect(retryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(retryable(Object.assign(new Error('timeout'), { name: 'FetchError', code: 'ETIMEDOUT' }))).toBe(
      true,
    );
    expect(retryable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(
      retryable(new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' })),
    ).toBe(false);
    expect(retryable(Object.assign(new Error('no file'), { code: 'ENOENT' }))).toBe(false);
  });

  it('recognises a missing admin right', () => {
    const err = (code: number, description: string) => new TelegramError({ error_code: code, description });
    expect(
      isMissingRights(err(400, 'Bad Request: not enough rights to restrict/unrestrict chat member')),
    ).toBe(true);
    expect(isMissingRights(err(400, 'Bad Request: CHAT_ADMIN_REQUIRED'))).toBe(true);
    expect(isMissingRights(err(400, "Bad Request: can't remove chat owner"))).toBe(false);
  });
});

describe('telegram long texts', () => {
  it('splits at a line break where possible, never past the limit', () => {
    expect(splitText('short', MAX_TEXT)).toEqual(['short']);
    const parts = splitText(`${'a'.repeat(10)}\n${'b'.repeat(10)}`, 15);
    expect(parts).toEqual(['a'.repeat(10), 'b'.repeat(10)]);
    expect(splitText('c'.repeat(40), 15).map((p) => p.length)).toEqual([15, 15, 10]);
  });
});
