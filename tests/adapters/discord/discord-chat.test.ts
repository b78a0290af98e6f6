import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { ADMIN_ROLE_ID, APP_ID, CHANNEL_ID, type FakeUser, MANAGE_GUILD, OWNER } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const BOB: FakeUser = { id: '200000000000000003', username: 'bob', global_name: 'Bob' };
const GROUP: ChatRef = { platform: 'discord', chatId: CHANNEL_ID, kind: 'group' };
const COMMUNITY = `discord:${CHANNEL_ID}`;

describe('Discord adapter: messages, slash commands and roles against a fake Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('GIVEN a member WHEN they send /help as a message THEN the command list is posted to the channel', async () => {
    h = await DiscordHarness.create();
    const before = h.fake.calls.length;
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '/help'));
    const call = await h.waitForCall('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), before);
    const body = call.body as { content: string; allowed_mentions: unknown };
    expect(body.content).toContain('/whoami');
    expect(body.content).not.toContain('/lang'); // admin commands stay hidden from members
    expect(body.allowed_mentions).toEqual({ parse: ['users'] });
    expect(h.store.tables.communities.get(COMMUNITY)?.title).toBe('Tea Club #group-buy');
  });

  it('a slash command is acknowledged at once and answered through the interaction endpoints', async () => {
    h = await DiscordHarness.create();
    const before = h.fake.calls.length;
    const interaction = h.fake.slashCommand(ALICE, 'help', [{ name: 'command', type: 3, value: 'lang' }]);
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const ack = await h.waitForCall('POST', /^\/interactions\/\d+\/.+\/callback$/, before);
    expect(ack.path).toBe(`/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(ack.body).toMatchObject({ type: 5 }); // deferred channel message: "thinking…"
    const answer = await h.waitForCall('PATCH', /@original$/, before);
    expect(answer.path).toBe(`/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    expect((answer.body as { content: string }).content).toContain('/lang zh|en');
    expect(h.calls('POST', /\/messages$/)).toHaveLength(0); // not a second, separate message
    expect(h.events.at(-1)).toMatchObject({ type: 'message', id: interaction.id, text: '/help lang' });
  });

  it('registers every command as an application command with options typed from its arguments', async () => {
    h = await DiscordHarness.create();
    const put = await h.waitForCall('PUT', new RegExp(`^/applications/${APP_ID}/commands$`));
    const commands = put.body as {
      name: string;
      description: string;
      description_localizations?: Record<string, string>;
      default_member_permissions?: string;
      options: { name: string; type: number; required: boolean; choices?: { value: string }[] }[];
    }[];
    const names = commands.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['help', 'lang', 'start', 'whoami']));
    expect(names).not.toContain('language'); // aliases stay out of the menu
    expect(names.every((name) => /^[-_\p{L}\p{N}]{1,32}$/u.test(name) && name === name.toLowerCase())).toBe(
      true,
    );
    const lang = commands.find((c) => c.name === 'lang')!;
    expect(lang.description).toBe("set the group's language");
    expect(lang.description_localizations).toEqual({ 'zh-CN': '设置本群语言' });
    expect(lang.default_member_permissions).toBe(MANAGE_GUILD);
    expect(lang.options).toEqual([
      expect.objectContaining({ name: 'locale', type: 3, required: true, choices: expect.any(Array) }),
    ]);
    expect(lang.options[0]!.choices!.map((c) => c.value)).toEqual(['zh', 'en']);
    const help = commands.find((c) => c.name === 'help')!;
    expect(help.options).toEqual([expect.objectContaining({ name: 'command', type: 3, required: false })]);
  });

  it('/lang zh from a member without Manage Server is refused and nothing changes', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '/lang zh'));
    await waitFor(() => h.posted().length === 1, 'the refusal');
    expect(h.posted()[0]).toMatch(/Only group admins/);
    h.fake.dispatch(
      'INTERACTION_CREATE',
      h.fake.slashCommand(ALICE, 'lang', [{ name: 'locale', type: 3, value: 'zh' }]),
    );
    await waitFor(() => h.posted().length === 2, 'the second refusal');
    expect(h.posted()[1]).toMatch(/Only group admins/);
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('en');
  });

  it('/lang zh from a member whose role has Manage Server switches the language', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(BOB, '/lang zh', { roles: [ADMIN_ROLE_ID] }));
    await waitFor(() => h.posted().length === 1, 'the answer');
    expect(h.posted()[0]).toContain('简体中文');
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('zh');
    expect(h.store.tables.members.get(`${COMMUNITY}/${BOB.id}`)).toMatchObject({
      role: 'admin',
      name: 'Bob',
    });
  });

  it('a slash command from a member with Manage Server (interaction permissions) is allowed; the owner is owner', async () => {
    h = await DiscordHarness.create();
    const locale = [{ name: 'locale', type: 3, value: 'zh' }];
    h.fake.dispatch('INTERACTION_CREATE', h.fake.slashCommand(BOB, 'lang', locale, MANAGE_GUILD));
    await waitFor(() => h.posted().length === 1, 'the answer');
    expect(h.posted()[0]).toContain('简体中文');
    expect(h.store.tables.communities.get(COMMUNITY)?.locale).toBe('zh');
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(OWNER, '/whoami'));
    await waitFor(() => h.posted().length === 2, 'whoami');
    expect(h.posted()[1]).toContain('身份：群主');
  });

  it('a redelivered MESSAGE_CREATE (same id) is counted once', async () => {
    h = await DiscordHarness.create();
    const first = h.fake.guildMessage(ALICE, '/whoami');
    h.fake.dispatch('MESSAGE_CREATE', first);
    h.fake.dispatch('MESSAGE_CREATE', first);
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '/whoami'));
    await waitFor(() => h.posted().length === 2, 'two answers');
    expect(h.posted()[0]).toContain('Messages: 1');
    expect(h.posted()[1]).toContain('Messages: 2');
    expect(h.store.tables.members.get(`${COMMUNITY}/${ALICE.id}`)?.messageCount).toBe(2);
  });

  it('replies, edits, long texts, attachments and direct messages reach the right endpoints', async () => {
    h = await DiscordHarness.create();
    const { messageId } = await h.adapter.send(GROUP, { kind: 'text', text: 'roster v1', replyTo: '42' });
    const sent = h.calls('POST', /\/messages$/).at(-1)!;
    expect(sent.body).toMatchObject({ content: 'roster v1', message_reference: { message_id: '42' } });
    await h.adapter.edit(GROUP, messageId, 'roster v2');
    const edit = h.calls('PATCH', /\/messages\/\d+$/).at(-1)!;
    expect(edit.path).toBe(`/channels/${CHANNEL_ID}/messages/${messageId}`);
    expect(edit.body).toMatchObject({ content: 'roster v2' });

    const before = h.posted().length;
    await h.adapter.send(GROUP, { kind: 'text', text: `${'a'.repeat(1500)}\n${'b'.repeat(1500)}` });
    expect(h.posted().slice(before)).toEqual(['a'.repeat(1500), 'b'.repeat(1500)]);

    const path = join(h.dir, 'poster.png');
    await writeFile(path, 'not really a png');
    await h.adapter.send(GROUP, { kind: 'image', path, caption: 'new deal' });
    expect(h.calls('POST', /\/messages$/).at(-1)).toMatchObject({
      files: ['poster.png'],
      body: { embeds: [{ description: 'new deal', image: { url: 'attachment://poster.png' } }] },
    });

    await h.adapter.send(h.adapter.directChat(ALICE.id), { kind: 'text', text: 'psst' });
    const dm = h.calls('POST', /^\/users\/@me\/channels$/).at(-1)!;
    expect(dm.body).toEqual({ recipient_id: ALICE.id });
    expect(h.calls('POST', /\/messages$/).at(-1)).toMatchObject({
      path: `/channels/5${ALICE.id.slice(1)}/messages`,
      body: { content: 'psst' },
    });
  });

  it('a DM from a member is a direct chat; the answer goes back through the DM channel', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', { ...h.fake.message('500000000000000777', '/start', ALICE) });
    await waitFor(() => h.posted().length === 1, 'the DM answer');
    expect(h.events[0]).toMatchObject({ chat: { chatId: `dm:${ALICE.id}`, kind: 'direct' } });
    expect(h.posted()[0]).toContain('Add me to your group');
    expect(h.calls('POST', /\/messages$/)[0]!.path).toBe(`/channels/5${ALICE.id.slice(1)}/messages`);
  });

  it('Discord failures become delivery errors: 5xx retryable, 403 not (and admins hear why)', async () => {
    h = await DiscordHarness.create();
    // discord.js retries a 5xx three times by itself; the fourth failure reaches the adapter.
    for (let i = 0; i < 4; i++) h.fake.failNext('POST', /\/messages$/, 502);
    const failed = await h.adapter.send(GROUP, { kind: 'text', text: 'hi' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).retryable).toBe(true);

    h.fake.failNext('POST', /\/messages$/, 403, { message: 'Missing Permissions', code: 50013 });
    const refused = await h.adapter.send(GROUP, { kind: 'text', text: 'hi' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).retryable).toBe(false);
    expect(h.problems).toContainEqual({ code: 'cannot_send', detail: 'SendMessages' });
  });
});
