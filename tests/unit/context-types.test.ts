import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, helpText } from '../../src/core/command.js';
import type { Context, GroupContext } from '../../src/core/context.js';
import type { Feature, JobContext, JoinHandler } from '../../src/core/feature.js';
import type { Community } from '../../src/store/schema.js';
import { TestBot } from '../helpers/chat.js';

/**
 * What a handler may touch is told by its type (the type assertions are checked by `tsc --noEmit`,
 * `npm run check`): a group command's community is there, commands and jobs change state alike.
 */

const where = defineCommand({
  name: 'where',
  keywords: ['哪个群'],
  role: 'member',
  scope: 'group',
  args: z.object({}),
  help: helpText('name the group', '群名', '/where'),
  run(ctx) {
    expectTypeOf(ctx).toEqualTypeOf<GroupContext>();
    expectTypeOf(ctx.community).toEqualTypeOf<Community>();
    ctx.reply(`group ${ctx.community.title}`);
  },
});

const anywhere = defineCommand({
  name: 'anywhere',
  keywords: ['随便'],
  role: 'member',
  scope: 'any',
  args: z.object({}),
  help: helpText('name the group, if any', '群名', '/anywhere'),
  run(ctx) {
    expectTypeOf(ctx).toEqualTypeOf<Context>();
    expectTypeOf(ctx.community).toEqualTypeOf<Community | undefined>();
    ctx.reply(`group ${ctx.community?.title ?? 'none'}`);
  },
});

const feature: Feature = { name: 'where', commands: [where, anywhere] };

describe('a group command runs with its community', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('in the group, and in private about the one group the sender is in; told so where there is none', async () => {
    t = await TestBot.create({ features: [feature] });
    expect(await t.group().as('alice').reply('/where')).toBe('group main');
    expect(await t.dm('alice').reply('/where')).toBe('[dm alice] group main');
    expect(await t.dm('carol').reply('/where')).toMatch(/^\[dm carol\] I don't know which group you mean/);
    expect(await t.dm('carol').reply('/anywhere')).toBe('[dm carol] group none');
  });
});

describe('the types of the handlers', () => {
  it('join and leave hooks run in a community; commands and jobs change state with one signature', () => {
    expectTypeOf<Parameters<JoinHandler>[0]['community']>().toEqualTypeOf<Community>();
    expectTypeOf<JobContext['mutate']>().toEqualTypeOf<Context['mutate']>();
    expectTypeOf<JobContext['durable']>().toEqualTypeOf<Context['durable']>();
  });
});
