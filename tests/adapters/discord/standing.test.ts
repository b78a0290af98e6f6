import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { ADMIN_ROLE_ID, CHANNEL_ID, type FakeUser, OWNER } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/**
 * Where members stand, as pruning asks it: fetched from Discord now (rights from their roles,
 * Unknown Member for who left), not from what the bot last saw in a message.
 */

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const CAROL: FakeUser = { id: '200000000000000004', username: 'carol' };
const DAVE: FakeUser = { id: '200000000000000005', username: 'dave' };
const GROUP: ChatRef = { platform: 'discord', chatId: CHANNEL_ID, kind: 'group' };
const memberPath = /^\/guilds\/\d+\/members\/\d+$/;

describe('Discord adapter: memberStanding against a fake Discord', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  async function threeMembers(): Promise<void> {
    h = await DiscordHarness.create();
    for (const who of [ALICE, CAROL, DAVE])
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(who, 'hello'));
    await waitFor(() => h.store.tables.members.size >= 3 || undefined, 'three members');
  }

  it('GIVEN Alice got a Manage Server role and Carol left, both unseen by the bot, THEN Discord says so: admin, gone; Dave a member, the owner the owner', async () => {
    await threeMembers();
    expect(h.store.tables.members.get(`discord:${CHANNEL_ID}/${ALICE.id}`)?.role).toBe('member');
    h.fake.setRoles(ALICE, [ADMIN_ROLE_ID]);
    h.fake.leaveUnseen(CAROL);
    const standing = await h.adapter.memberStanding(GROUP, [ALICE.id, CAROL.id, DAVE.id, OWNER.id]);
    expect(Object.fromEntries(standing)).toEqual({
      [ALICE.id]: 'admin',
      [CAROL.id]: 'gone',
      [DAVE.id]: 'member',
      [OWNER.id]: 'owner',
    });
    // Asked once a member; within the minute the answers are reused.
    expect(h.calls('GET', memberPath)).toHaveLength(4);
    await h.adapter.memberStanding(GROUP, [ALICE.id, DAVE.id]);
    expect(h.calls('GET', memberPath)).toHaveLength(4);
  });

  it('GIVEN Discord refuses the lookup THEN memberStanding rejects, so nothing is decided on a guess', async () => {
    await threeMembers();
    h.fake.failNext('GET', memberPath, 403, { message: 'Missing Access', code: 50001 });
    await expect(h.adapter.memberStanding(GROUP, [DAVE.id])).rejects.toBeInstanceOf(DeliveryError);
  });
});
