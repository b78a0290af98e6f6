import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bindArgs } from '../../src/core/args.js';
import { CommandRegistry, defineCommand } from '../../src/core/command.js';

const help = { en: { summary: 's', usage: 'u' }, zh: { summary: 's', usage: 'u' } };
const spec = defineCommand({
  name: 'join',
  role: 'member',
  scope: 'group',
  args: z.object({
    deal: z.string().regex(/^#\d+$/),
    qty: z.coerce.number().int().min(1).max(99).default(1),
    note: z.string().max(200).optional(),
    use: z.coerce.number().int().min(0).optional(),
  }),
  positional: ['deal', 'qty', 'note'],
  rest: 'note',
  help,
  run() {},
});

describe('bindArgs', () => {
  it('fills positional arguments, options and the rest text', () => {
    expect(bindArgs(spec, '#3 2 leave at the door use=50')).toEqual({
      ok: true,
      args: { deal: '#3', qty: 2, note: 'leave at the door', use: 50 },
    });
  });

  it('applies defaults', () => {
    expect(bindArgs(spec, '#3')).toEqual({ ok: true, args: { deal: '#3', qty: 1 } });
  });

  it.each([
    ['', { code: 'missing', arg: 'deal' }],
    ['#3 0', { code: 'invalid', arg: 'qty', min: 1 }],
    ['#3 1000000000000', { code: 'invalid', arg: 'qty', max: 99 }],
    ['#3 abc', { code: 'invalid', arg: 'qty', expected: 'number' }],
    ['#3 1 x bogus=1', { code: 'unknown_option', option: 'bogus' }],
    ['#3 "open', { code: 'unclosed_quote' }],
  ])('%j is refused with a reason', (input, error) => {
    expect(bindArgs(spec, input)).toEqual({ ok: false, error });
  });

  it('refuses extra words when the command takes no rest', () => {
    const lang = defineCommand({
      name: 'lang',
      role: 'admin',
      scope: 'group',
      args: z.object({ locale: z.enum(['en', 'zh']) }),
      positional: ['locale'],
      help,
      run() {},
    });
    expect(bindArgs(lang, 'zh en')).toEqual({ ok: false, error: { code: 'too_many', extra: 'en' } });
    expect(bindArgs(lang, 'fr')).toMatchObject({
      ok: false,
      error: { code: 'invalid', choices: ['en', 'zh'] },
    });
  });

  it('Chinese option names bind to the declared option; unknown ones are refused as typed', () => {
    const deal = defineCommand({
      name: 'deal new',
      role: 'admin',
      scope: 'group',
      args: z.object({
        title: z.string(),
        price: z.string(),
        min: z.coerce.number().int().min(1).default(1),
      }),
      positional: ['title'],
      help,
      run() {},
    });
    expect(bindArgs(deal, '"芒果" 价格=39.9 成团人数＝10')).toEqual({
      ok: true,
      args: { title: '芒果', price: '39.9', min: 10 },
    });
    expect(bindArgs(deal, '"芒果" 价格=1 颜色=红')).toEqual({
      ok: false,
      error: { code: 'unknown_option', option: '颜色' },
    });
  });

  it('a Chinese word stands for a fixed value only where the argument refuses the word itself', () => {
    const orders = defineCommand({
      name: 'orders',
      role: 'admin',
      scope: 'group',
      args: z.object({ deal: z.string(), view: z.enum(['csv', 'unpaid']).optional() }),
      positional: ['deal', 'view'],
      help,
      run() {},
    });
    expect(bindArgs(orders, '#3 未付款')).toEqual({ ok: true, args: { deal: '#3', view: 'unpaid' } });
    expect(bindArgs(orders, '#3 导出')).toEqual({ ok: true, args: { deal: '#3', view: 'csv' } });
    // Free text keeps its words: a title may well be 确认.
    expect(bindArgs(orders, '确认')).toEqual({ ok: true, args: { deal: '确认' } });
  });

  it('a sign inside free text is text, not an option (`话题 添加 今天=周五`)', () => {
    const add = defineCommand({
      name: 'topic add',
      role: 'admin',
      scope: 'group',
      args: z.object({ text: z.string() }),
      positional: ['text'],
      rest: 'text',
      help,
      run() {},
    });
    expect(bindArgs(add, '今天=周五 吃什么')).toEqual({ ok: true, args: { text: '今天=周五 吃什么' } });
  });

  it('a loose schema accepts any option name (for /settings)', () => {
    const settings = defineCommand({
      name: 'settings',
      role: 'admin',
      scope: 'group',
      args: z.looseObject({}),
      help,
      run() {},
    });
    expect(bindArgs(settings, 'ref.join=5 tz=Asia/Shanghai')).toEqual({
      ok: true,
      args: { 'ref.join': '5', tz: 'Asia/Shanghai' },
    });
  });
});

describe('CommandRegistry', () => {
  const make = (name: string, extra: object = {}) =>
    defineCommand({ name, role: 'member', scope: 'any', args: z.object({}), help, run() {}, ...extra });

  it('finds subcommands before the parent, and keywords without a slash', () => {
    const registry = new CommandRegistry();
    registry.register(make('deal'), make('deal new', { keywords: ['开团'] }));
    expect(registry.find('deal', 'new')?.spec.name).toBe('deal new');
    expect(registry.find('deal', 'NEW')?.consumedWord).toBe(true);
    expect(registry.find('deal', '#3')?.spec.name).toBe('deal');
    expect(registry.findKeyword('开团 "苹果" price=1')).toMatchObject({
      spec: { name: 'deal new' },
      rest: '"苹果" price=1',
    });
    expect(registry.findKeyword('开团吧')).toBeUndefined();
  });

  it('a two-word keyword names the subcommand, also written together or after a slash', () => {
    const registry = new CommandRegistry();
    registry.register(
      make('prune', { keywords: ['清理'] }),
      make('prune confirm', { keywords: ['清理 确认'] }),
    );
    expect(registry.findKeyword('清理')).toMatchObject({ spec: { name: 'prune' }, rest: '' });
    expect(registry.findKeyword('清理 确认')).toMatchObject({ spec: { name: 'prune confirm' }, rest: '' });
    expect(registry.findKeyword('清理确认 x')).toMatchObject({ spec: { name: 'prune confirm' }, rest: 'x' });
    expect(registry.findKeyword('清理 名单')).toMatchObject({ spec: { name: 'prune' }, rest: '名单' });
    expect(registry.find('清理', '确认')).toMatchObject({
      spec: { name: 'prune confirm' },
      consumedWord: true,
    });
    expect(registry.find('清理', undefined)).toMatchObject({ spec: { name: 'prune' }, consumedWord: false });
  });

  it('refuses a name declared twice', () => {
    const registry = new CommandRegistry();
    registry.register(make('help'));
    expect(() => registry.register(make('help'))).toThrow(/declared twice/);
  });
});

describe('bindArgs for a text it bound before (a burst of the same `/join #3 2`)', () => {
  it('gives the same arguments, which no handler can change for the next one', () => {
    const first = bindArgs(spec, '#3 2');
    const again = bindArgs(spec, '#3 2');
    expect(again).toEqual({ ok: true, args: { deal: '#3', qty: 2 } });
    if (!first.ok) throw new Error('bound');
    expect(() => {
      (first.args as { qty: number }).qty = 5;
    }).toThrow(TypeError);
    expect(bindArgs(spec, '#3 2')).toEqual({ ok: true, args: { deal: '#3', qty: 2 } });
    expect(bindArgs(spec, '#3 0')).toEqual({ ok: false, error: { code: 'invalid', arg: 'qty', min: 1 } });
  });

  it('binds arguments that are objects anew each time: no two handlers share one', () => {
    const listed = defineCommand({
      name: 'options',
      role: 'member',
      scope: 'group',
      args: z.object({ names: z.string().transform((s) => s.split(',')) }),
      positional: ['names'],
      help,
      run() {},
    });
    const first = bindArgs(listed, 'S,M');
    const second = bindArgs(listed, 'S,M');
    if (!first.ok || !second.ok) throw new Error('bound');
    first.args.names.push('L');
    expect(second.args.names).toEqual(['S', 'M']);
  });
});
