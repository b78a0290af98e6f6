import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandOptions, discordName, slashCommands } from '../../../adapters/discord/options.js';
import { features } from '../../../commands/index.js';
import { type CommandSpec, defineCommand } from '../../../src/core/command.js';

const help = (en: string, zh = `${en}（中文）`) => ({
  en: { summary: en, usage: en },
  zh: { summary: zh, usage: zh },
});

function spec(name: string, args: z.ZodObject, extra: Partial<CommandSpec> = {}): CommandSpec {
  return defineCommand({
    name,
    role: 'member',
    scope: 'group',
    args,
    help: help(`about ${name}`),
    run() {},
    ...extra,
  }) as CommandSpec;
}

describe('zod arguments → Discord command options', () => {
  it('maps strings, integers, numbers, booleans and enums, with limits, required-ness and descriptions', () => {
    const options = commandOptions(
      spec(
        'deal new',
        z.object({
          note: z.string().max(200).optional(),
          title: z.string().min(1).describe('what is on sale'),
          price: z.coerce.number().positive(),
          qty: z.coerce.number().int().min(1).max(99).default(1),
          pickup: z.boolean().optional(),
          unit: z.enum(['box', 'kg']),
        }),
        { positional: ['title', 'price'], rest: 'note' },
      ),
    );
    expect(options).toEqual([
      { name: 'title', description: 'what is on sale', required: true, type: 3, min_length: 1 },
      { name: 'price', description: 'price', required: true, type: 10 },
      {
        name: 'unit',
        description: 'unit',
        required: true,
        type: 3,
        choices: [
          { name: 'box', value: 'box' },
          { name: 'kg', value: 'kg' },
        ],
      },
      { name: 'note', description: 'note', required: false, type: 3, max_length: 200 },
      { name: 'qty', description: 'qty', required: false, type: 4, min_value: 1, max_value: 99 },
      { name: 'pickup', description: 'pickup', required: false, type: 5 },
    ]);
  });

  it('names are lowercased and must fit Discord; words that cannot are left out', () => {
    expect(discordName('maxQty')).toBe('maxqty');
    expect(discordName('积分')).toBe('积分');
    expect(discordName('two words')).toBeUndefined();
    expect(discordName('x'.repeat(33))).toBeUndefined();
  });

  it('subcommands share one top-level command; aliases and a clashing plain command stay out', () => {
    const commands = slashCommands([
      spec('deal new', z.object({ title: z.string() }), { role: 'admin', aliases: ['open'] }),
      spec('deal close', z.object({}), { role: 'admin' }),
      spec('deal', z.object({})),
      spec('points', z.object({}), { scope: 'any' }),
    ]);
    expect(commands.map((c) => c.name)).toEqual(['deal', 'points']);
    const deal = commands[0]!;
    expect(deal.options?.map((o) => [o.name, o.type])).toEqual([
      ['new', 1],
      ['close', 1],
    ]);
    expect(deal.default_member_permissions).toBeUndefined(); // `deal` itself is for members
    expect(commands[1]).toMatchObject({
      description: 'about points',
      description_localizations: { 'zh-CN': 'about points（中文）' },
      contexts: [0, 1],
    });
  });

  it('the real command set maps without errors and fits Discord limits', () => {
    const commands = slashCommands(features.flatMap((f) => f.commands ?? []));
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThanOrEqual(100);
    for (const command of commands) {
      expect(command.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect((command.options ?? []).length).toBeLessThanOrEqual(25);
    }
    const lang = commands.find((c) => c.name === 'lang');
    expect(lang?.options).toEqual([
      expect.objectContaining({
        name: 'locale',
        type: 3,
        required: true,
        choices: [
          { name: 'zh', value: 'zh' },
          { name: 'en', value: 'en' },
        ],
      }),
    ]);
  });
});
