import type {
  APIChatInputApplicationCommandInteraction,
  GatewayGuildMemberAddDispatchData,
  GatewayMessageCreateDispatchData,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findUsedInvite, type InviteCount } from '../../../adapters/discord/invites.js';
import {
  commandLine,
  type GuildFacts,
  normalizeInteraction,
  normalizeMemberAdd,
  normalizeMessage,
  normalizeMessageUpdate,
  quoteWord,
  snowflakeTime,
} from '../../../adapters/discord/normalize.js';
import { MAX_MESSAGE_LENGTH, toPosts } from '../../../adapters/discord/render.js';
import { type CommandSpec, defineCommand } from '../../../src/core/command.js';
import { splitText } from '../../../src/core/split-text.js';

const GUILD: GuildFacts = {
  id: '1000',
  ownerId: '42',
  rolePermissions: { '1000': '1024', '2000': '32', '3000': '8' },
};
const help = { summary: 's', usage: 'u' };
const dealNew = defineCommand({
  name: 'deal new',
  role: 'admin',
  scope: 'group',
  args: z.object({ title: z.string(), price: z.coerce.number(), maxQty: z.coerce.number().int().optional() }),
  positional: ['title', 'price'],
  help: { en: help, zh: help },
  run() {},
});
const note = defineCommand({
  name: 'note',
  role: 'member',
  scope: 'group',
  args: z.object({ qty: z.coerce.number().optional(), text: z.string() }),
  positional: ['qty', 'text'],
  rest: 'text',
  help: { en: help, zh: help },
  run() {},
});
const specs = [dealNew, note] as unknown as CommandSpec[];
const find = (name: string) => specs.find((s) => s.name === name);

/** A MESSAGE_CREATE as the gateway sends it (trimmed to what matters, cast once). */
function message(over: Record<string, unknown>): GatewayMessageCreateDispatchData {
  return {
    id: '175928847299117063',
    channel_id: '555',
    guild_id: '1000',
    type: 0,
    content: '+1',
    timestamp: '2026-11-25T08:00:00.000+00:00',
    author: {
      id: '175928847299117063',
      username: 'nelly',
      global_name: 'Nelly',
      discriminator: '0',
      avatar: null,
    },
    member: { roles: [], joined_at: '2026-01-01T00:00:00Z', deaf: false, mute: false, nick: null },
    ...over,
  } as unknown as GatewayMessageCreateDispatchData;
}

describe('normalize: Discord payloads → tuanbot events', () => {
  it('a guild message is a group message in its channel, with sender, reply and account age', () => {
    const event = normalizeMessage(message({ message_reference: { message_id: '99' } }), {
      guild: GUILD,
      title: 'Tea #buy',
    });
    expect(event).toEqual({
      type: 'message',
      id: '175928847299117063',
      chat: { platform: 'discord', chatId: '555', kind: 'group', title: 'Tea #buy' },
      sender: {
        id: '175928847299117063',
        name: 'Nelly',
        role: 'member',
        // Discord's documented example: this snowflake dates from 2016-04-30T11:18:25.796Z.
        accountCreatedAt: '2016-04-30T11:18:25.796Z',
      },
      text: '+1',
      replyTo: '99',
      at: '2026-11-25T08:00:00.000+00:00',
    });
  });

  it('roles: guild owner → owner; Manage Server or Administrator role → admin; others → member', () => {
    const role = (authorId: string, roles: string[]) =>
      normalizeMessage(message({ author: { id: authorId, username: 'x' }, member: { roles } }), {
        guild: GUILD,
      }).sender.role;
    expect(role('42', [])).toBe('owner');
    expect(role('7', ['2000'])).toBe('admin');
    expect(role('7', ['3000'])).toBe('admin');
    expect(role('7', [])).toBe('member');
  });

  it('an edit (MESSAGE_UPDATE with edited_timestamp) is the same message with editedAt; without it, nothing', () => {
    const edited = message({ content: '+3', edited_timestamp: '2026-11-25T08:05:00.000+00:00' });
    expect(normalizeMessageUpdate(edited, { guild: GUILD })).toMatchObject({
      type: 'message',
      id: '175928847299117063',
      text: '+3',
      editedAt: '2026-11-25T08:05:00.000Z',
    });
    expect(normalizeMessageUpdate(message({ edited_timestamp: null }), { guild: GUILD })).toBeUndefined();
  });

  it('a DM is a direct chat keyed by the user; bots are marked', () => {
    const event = normalizeMessage(
      message({ guild_id: undefined, member: undefined, author: { id: '7', username: 'b', bot: true } }),
      {},
    );
    expect(event.chat).toEqual({ platform: 'discord', chatId: 'dm:7', kind: 'direct' });
    expect(event.sender).toMatchObject({ isBot: true });
    expect(event.sender.role).toBeUndefined();
  });

  it("a webhook's post is a bot's, even when its author carries no bot flag (never a member)", () => {
    const posted = message({ webhook_id: '321', author: { id: '321', username: 'Deals feed' } });
    expect(normalizeMessage(posted, { guild: GUILD }).sender).toMatchObject({ id: '321', isBot: true });
    expect(normalizeMessage(message({}), { guild: GUILD }).sender.isBot).toBeUndefined();
  });

  it('a slash command becomes the command line a user would type', () => {
    const sub = (options: unknown[]) => [{ type: 1, name: 'new', options }];
    const line = (options: unknown[]) => commandLine('deal', sub(options) as never, find);
    expect(
      line([
        { name: 'title', type: 3, value: 'Lychee box' },
        { name: 'price', type: 10, value: 39.9 },
        { name: 'maxqty', type: 4, value: 3 },
      ]),
    ).toBe('/deal new "Lychee box" 39.9 maxQty=3');
    // A missing positional would shift the next one into its place: the rest go by name.
    expect(line([{ name: 'price', type: 10, value: 5 }])).toBe('/deal new price=5');
    expect(commandLine('note', [{ name: 'text', type: 3, value: 'leave at door' }] as never, find)).toBe(
      '/note text="leave at door"',
    );
    expect(
      commandLine(
        'note',
        [
          { name: 'qty', type: 4, value: 2 },
          { name: 'text', type: 3, value: 'say "hi"' },
        ] as never,
        find,
      ),
    ).toBe('/note 2 「say "hi"」');
    expect(commandLine('whoami', undefined, find)).toBe('/whoami');
  });

  it('words the parser would misread are quoted', () => {
    expect(quoteWord('zh')).toBe('zh');
    expect(quoteWord('a=b')).toBe('"a=b"');
    expect(quoteWord('')).toBe('""');
    expect(quoteWord('"x')).toBe('「"x」');
  });

  it('an interaction carries the member permissions Discord computed; the owner is owner', () => {
    const raw = {
      id: '9001',
      type: 2,
      guild_id: '1000',
      channel: { id: '555', type: 0 },
      channel_id: '555',
      member: { user: { id: '7', username: 'mod' }, roles: [], permissions: '32', nick: 'Moddy' },
      data: {
        id: '1',
        name: 'note',
        type: 1,
        options: [
          { name: 'qty', type: 4, value: 2 },
          { name: 'text', type: 3, value: 'hi' },
        ],
      },
      token: 't',
    } as unknown as APIChatInputApplicationCommandInteraction;
    const event = normalizeInteraction(raw, { guild: GUILD }, find);
    expect(event).toMatchObject({ id: '9001', chat: { chatId: '555', kind: 'group' }, text: '/note 2 hi' });
    expect(event.sender).toMatchObject({ id: '7', name: 'Moddy', role: 'admin' });
  });

  /** User 7 joining guild 1000 at 08:00, in the chat the joins are told in. */
  const newMember = {
    guild_id: '1000',
    user: { id: '7', username: 'new' },
    roles: [],
    joined_at: '2026-11-25T08:00:00Z',
  } as unknown as GatewayGuildMemberAddDispatchData;
  const JOIN_CHAT = { platform: 'discord', chatId: '555', kind: 'group' as const };

  it('a join is keyed by user and join time, and carries the invite and its inviter', () => {
    const event = normalizeMemberAdd(newMember, JOIN_CHAT, {
      url: 'https://discord.gg/x',
      inviter: { id: '42', username: 'own' },
    });
    expect(event).toMatchObject({
      id: '7@2026-11-25T08:00:00Z',
      member: { id: '7', name: 'new' },
      invite: 'https://discord.gg/x',
      inviter: { id: '42', name: 'own' },
    });
    expect(snowflakeTime('0')).toBe('2015-01-01T00:00:00.000Z');
  });

  it('an invite the bot made (for a member, by /invite) names no inviter: the link says who', () => {
    const event = normalizeMemberAdd(newMember, JOIN_CHAT, {
      url: 'https://discord.gg/inv1',
      inviter: { id: '900', username: 'tuanbot', bot: true },
    });
    expect(event.invite).toBe('https://discord.gg/inv1');
    expect(event.inviter).toBeUndefined();
  });
});

describe('invite diff and message pieces', () => {
  const count = (code: string, uses: number, maxUses = 0): InviteCount => ({
    code,
    url: code,
    uses,
    maxUses,
  });
  const before = new Map([
    ['a', count('a', 1)],
    ['b', count('b', 4, 5)],
  ]);

  it('the invite whose uses rose is the one used; two risen or none is unknown', () => {
    expect(findUsedInvite(before, [count('a', 2), count('b', 4, 5)])?.code).toBe('a');
    expect(findUsedInvite(before, [count('a', 2), count('b', 5, 5)])).toBeUndefined();
    expect(findUsedInvite(before, [count('a', 1), count('b', 4, 5), count('c', 1)])?.code).toBe('c');
    expect(findUsedInvite(before, [count('a', 1), count('b', 4, 5)])).toBeUndefined();
    expect(findUsedInvite(before, [count('a', 1)])?.code).toBe('b'); // its last use deleted it
  });

  it('credits nobody when the window could be explained more than one way', () => {
    const vanity: InviteCount = { ...count('teaclub', 10), vanity: true };
    const withVanity = new Map([...before, ['teaclub', vanity]]);
    // Two members arrived while the list was read: the one use could be either's.
    expect(findUsedInvite(before, [count('a', 2), count('b', 4, 5)], 2)).toBeUndefined();
    // One member, two uses of one invite: someone else's join is still on its way.
    expect(findUsedInvite(before, [count('a', 3), count('b', 4, 5)])).toBeUndefined();
    // The vanity URL credits nobody, alone or beside an invite that also rose.
    expect(
      findUsedInvite(withVanity, [count('a', 1), count('b', 4, 5), { ...vanity, uses: 11 }]),
    ).toBeUndefined();
    expect(
      findUsedInvite(withVanity, [count('a', 2), count('b', 4, 5), { ...vanity, uses: 11 }]),
    ).toBeUndefined();
    expect(findUsedInvite(withVanity, [count('a', 2), count('b', 4, 5), vanity])?.code).toBe('a');
  });

  it('long text is split at line breaks under 2000 characters; the reply marker goes on the first piece', () => {
    const text = `${'x'.repeat(1200)}\n${'y'.repeat(1200)}`;
    expect(splitText(text, MAX_MESSAGE_LENGTH).map((p) => p.length)).toEqual([1200, 1200]);
    expect(splitText('z'.repeat(4500), MAX_MESSAGE_LENGTH).map((p) => p.length)).toEqual([2000, 2000, 500]);
    expect(toPosts({ kind: 'text', text, replyTo: '9' })).toEqual([
      { content: 'x'.repeat(1200), replyTo: '9' },
      { content: 'y'.repeat(1200) },
    ]);
  });
});
