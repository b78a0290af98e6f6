import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import {
  CHANNEL_ID,
  type FakeUser,
  GUILD_ID,
  GUILD_MEMBERS_INTENT,
  MESSAGE_CONTENT_INTENT,
} from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const CAROL: FakeUser = { id: '200000000000000004', username: 'carol', global_name: 'Carol' };
const DAVE: FakeUser = { id: '200000000000000005', username: 'dave' };
const GROUP: ChatRef = { platform: 'discord', chatId: CHANNEL_ID, kind: 'group' };
const COMMUNITY = `discord:${CHANNEL_ID}`;

function joined(h: DiscordHarness, user: FakeUser, at = '2026-11-25T08:00:00.000Z') {
  h.fake.dispatch('GUILD_MEMBER_ADD', { ...h.fake.member(user), joined_at: at, guild_id: GUILD_ID });
}

describe('Discord adapter: members, invites and permissions against a fake Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('GIVEN an invite whose use count rose WHEN a member joins THEN the join is credited to its inviter', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.invites.push({ code: 'aliceinv', uses: 2, max_uses: 0, inviter: ALICE, channelId: CHANNEL_ID });
      fake.invites.push({ code: 'other', uses: 5, max_uses: 0, channelId: CHANNEL_ID });
    });
    h.fake.invites[0]!.uses = 3; // Discord counts the use before it tells the bot about the join
    joined(h, CAROL);
    const member = await waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${CAROL.id}`), 'carol');
    expect(member).toMatchObject({ name: 'Carol', status: 'active', invitedBy: ALICE.id });
    expect(h.events.at(-1)).toMatchObject({
      type: 'member_joined',
      chat: { chatId: CHANNEL_ID, kind: 'group' },
      invite: 'https://discord.gg/aliceinv',
      inviter: { id: ALICE.id, name: 'alice' },
    });
  });

  it('a join with no invite use that rose (vanity URL, two candidates) credits nobody', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.invites.push({ code: 'a', uses: 0, max_uses: 0, inviter: ALICE, channelId: CHANNEL_ID });
      fake.invites.push({ code: 'b', uses: 0, max_uses: 0, inviter: CAROL, channelId: CHANNEL_ID });
    });
    joined(h, DAVE);
    await waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${DAVE.id}`), 'dave');
    h.fake.invites[0]!.uses = 1;
    h.fake.invites[1]!.uses = 1;
    joined(h, CAROL);
    await waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${CAROL.id}`), 'carol');
    expect(h.store.tables.members.get(`${COMMUNITY}/${DAVE.id}`)?.invitedBy).toBeUndefined();
    expect(h.store.tables.members.get(`${COMMUNITY}/${CAROL.id}`)?.invitedBy).toBeUndefined();
    expect(h.events.filter((e) => e.type === 'member_joined' && e.invite)).toEqual([]);
  });

  it('a one-use invite that vanished with the join is still credited', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.invites.push({ code: 'once', uses: 0, max_uses: 1, inviter: ALICE, channelId: CHANNEL_ID });
    });
    h.fake.invites.length = 0; // Discord deletes an invite at its last use
    joined(h, CAROL);
    const member = await waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${CAROL.id}`), 'carol');
    expect(member.invitedBy).toBe(ALICE.id);
  });

  it('createInviteLink makes a permanent unique invite, and joins through it are credited', async () => {
    h = await DiscordHarness.create();
    const url = await h.adapter.createInviteLink(GROUP, 'alice');
    expect(url).toBe('https://discord.gg/inv1');
    const created = h.calls('POST', new RegExp(`^/channels/${CHANNEL_ID}/invites$`));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      body: { max_age: 0, unique: true },
      reason: 'tuanbot invite for alice',
    });
    const refetched = h.fake.calls.findLastIndex((c) => c.method === 'GET' && c.path.endsWith('/invites'));
    expect(refetched).toBeGreaterThan(h.fake.calls.indexOf(created[0]!));
    h.fake.invites[0]!.uses = 1;
    joined(h, DAVE);
    await waitFor(() => h.events.some((e) => e.type === 'member_joined'), 'the join');
    expect(h.events.at(-1)).toMatchObject({ invite: url });
  });

  it('removeMember kicks through DELETE /guilds/:g/members/:u and the leave is recorded as a removal', async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(DAVE, 'hello'));
    await waitFor(() => h.store.tables.members.get(`${COMMUNITY}/${DAVE.id}`), 'dave');
    await h.adapter.removeMember(GROUP, DAVE.id);
    const kick = h.calls('DELETE', /^\/guilds\/\d+\/members\/\d+$/);
    expect(kick.map((c) => c.path)).toEqual([`/guilds/${GUILD_ID}/members/${DAVE.id}`]);
    h.fake.dispatch('GUILD_MEMBER_REMOVE', {
      guild_id: GUILD_ID,
      user: { ...DAVE, discriminator: '0', avatar: null },
    });
    await waitFor(
      () => h.store.tables.members.get(`${COMMUNITY}/${DAVE.id}`)?.status === 'removed',
      'removal',
    );

    h.fake.dispatch('GUILD_MEMBER_REMOVE', {
      guild_id: GUILD_ID,
      user: { ...ALICE, discriminator: '0', avatar: null },
    });
    await waitFor(
      () => h.store.tables.members.get(`${COMMUNITY}/${ALICE.id}`)?.status === 'left',
      'alice left',
    );
  });

  it('a kick Discord refuses (403) is not retried and the group hears the bot cannot remove members', async () => {
    h = await DiscordHarness.create();
    h.fake.failNext('DELETE', /\/members\//, 403, { message: 'Missing Permissions', code: 50013 });
    const error = await h.adapter.removeMember(GROUP, DAVE.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect(h.problems).toEqual([{ code: 'cannot_remove', detail: 'KickMembers', chat: CHANNEL_ID }]);
    await waitFor(
      () => h.posted().some((text) => text.includes('do not have the right to remove')),
      'notice',
    );
  });

  it('GIVEN the GuildMembers intent is off WHEN the bot logs in THEN it says so and works without it', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.refusedIntents = GUILD_MEMBERS_INTENT;
    });
    expect(h.problems).toEqual([{ code: 'missing_intent', detail: 'GuildMembers' }]);
    const last = h.fake.identifies.at(-1)!.intents;
    expect(last & GUILD_MEMBERS_INTENT).toBe(0);
    expect(last & MESSAGE_CONTENT_INTENT).toBe(MESSAGE_CONTENT_INTENT);
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(ALICE, '/help'));
    await waitFor(() => h.posted().length === 1, 'the help answer');
  });

  it('with both privileged intents off, slash commands still work', async () => {
    h = await DiscordHarness.create((fake) => {
      fake.refusedIntents = GUILD_MEMBERS_INTENT | MESSAGE_CONTENT_INTENT;
    });
    expect(h.problems).toEqual([{ code: 'missing_intent', detail: 'GuildMembers, MessageContent' }]);
    h.fake.dispatch('INTERACTION_CREATE', h.fake.slashCommand(ALICE, 'whoami'));
    await waitFor(() => h.posted().length === 1, 'the whoami answer');
    expect(h.posted()[0]).toContain('Role: member');
  });
});
