import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, UnreachableError } from '../../../src/core/adapter.js';
import type { ChatRef } from '../../../src/core/events.js';
import { CHANNEL_ID, type FakeUser, GUILD_ID } from './fake-discord.js';
import { DiscordHarness, waitFor } from './harness.js';

/**
 * The Discord adapter against a fake that refuses like Discord: the channel's message bucket
 * (X-RateLimit-* headers, 429), closed DMs (50007), content over 2,000 characters (50035); and
 * edits, reactions and event order.
 */

const ALICE: FakeUser = { id: '200000000000000002', username: 'alice' };
const DAVE: FakeUser = { id: '200000000000000005', username: 'dave' };
const GROUP: ChatRef = { platform: 'discord', chatId: CHANNEL_ID, kind: 'group' };
const text = (t: string) => ({ kind: 'text' as const, text: t });

describe('Discord adapter: what Discord refuses', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('more posts than the channel bucket holds are spaced by its headers: all arrive, no 429', async () => {
    h = await DiscordHarness.create((fake) => {
      // Discord's bucket shape (5 per window, headers) with a short window to keep the test quick.
      fake.messageLimit = { perWindow: 5, windowMs: 600 };
    });
    const started = Date.now();
    await Promise.all(Array.from({ length: 7 }, (_, i) => h.adapter.send(GROUP, text(`line ${i}`))));
    expect(h.posted()).toHaveLength(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500); // the 6th waited for the window
    expect(h.fake.refused(429)).toBe(0);
  });

  it('a DM to a member with closed DMs is UnreachableError (50007), and no permission is blamed', async () => {
    h = await DiscordHarness.create((fake) => fake.closedDms.add(DAVE.id));
    const failed = await h.adapter
      .send(h.adapter.directChat(DAVE.id), text('your file'))
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnreachableError);
    expect((failed as UnreachableError).userId).toBe(DAVE.id);
    expect(h.fake.refusals).toContainEqual(expect.objectContaining({ status: 403, code: 50007 }));
    expect(h.problems).toEqual([]);
    await expect(h.adapter.send(h.adapter.directChat(ALICE.id), text('hi'))).resolves.toBeDefined();
  });

  it('texts longer than 2,000 characters go out in parts Discord accepts; edits are clipped to fit', async () => {
    h = await DiscordHarness.create();
    const { messageId } = await h.adapter.send(GROUP, text(`${'a'.repeat(1900)}\n${'b'.repeat(1900)}`));
    await h.adapter.edit(GROUP, messageId, 'c'.repeat(2500));
    expect(h.posted().every((content) => content.length <= 2000)).toBe(true);
    expect(h.fake.refused(400)).toBe(0);
  });

  it('an over-long content is refused by the fake with 50035, as a final delivery error', async () => {
    h = await DiscordHarness.create();
    h.fake.failNext('POST', /\/messages$/, 400, { message: 'Invalid Form Body', code: 50035 });
    const failed = await h.adapter.send(GROUP, text('x')).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).retryable).toBe(false);
  });
});

describe('Discord adapter: reactions, edits and order', () => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('react puts the emoji on the member message', async () => {
    h = await DiscordHarness.create();
    expect(h.adapter.capabilities.reactions).toBe(true);
    const id = h.fake.id();
    await h.adapter.react(GROUP, id, '👌');
    expect(h.fake.reactions.get(`${CHANNEL_ID}/${id}`)).toEqual(['👌']);
  });

  it('a member editing "+1" into "+3" (MESSAGE_UPDATE) reaches the core as the same message with editedAt', async () => {
    h = await DiscordHarness.create();
    const id = h.fake.id();
    const original = h.fake.guildMessage(ALICE, '+1', { id });
    h.fake.dispatch('MESSAGE_CREATE', original);
    // Discord's own update (a link preview) has no edited_timestamp: not an edit.
    h.fake.dispatch('MESSAGE_UPDATE', { ...original, embeds: [] });
    h.fake.dispatch('MESSAGE_UPDATE', {
      ...original,
      content: '+3',
      edited_timestamp: '2026-11-25T08:01:00.000Z',
    });
    await waitFor(() => h.events.length === 2, 'the edit');
    expect(h.events[1]).toMatchObject({
      type: 'message',
      id,
      text: '+3',
      editedAt: '2026-11-25T08:01:00.000Z',
    });
  });

  it('a partial MESSAGE_UPDATE is completed from the REST API', async () => {
    h = await DiscordHarness.create();
    const id = h.fake.id();
    const edited = {
      ...h.fake.guildMessage(ALICE, '+2', { id }),
      edited_timestamp: '2026-11-25T08:02:00.000Z',
    };
    h.fake.stored.set(id, edited);
    h.fake.dispatch('MESSAGE_UPDATE', {
      id,
      channel_id: CHANNEL_ID,
      guild_id: GUILD_ID,
      edited_timestamp: edited.edited_timestamp,
    });
    await waitFor(() => h.events.length === 1, 'the completed edit');
    expect(h.events[0]).toMatchObject({ id, text: '+2', sender: { id: ALICE.id } });
  });

  it("a member's join reaches the core before their first message, though the join waits on invites", async () => {
    h = await DiscordHarness.create();
    h.fake.dispatch('GUILD_MEMBER_ADD', {
      ...h.fake.member(DAVE),
      joined_at: '2026-11-25T08:00:00.000Z',
      guild_id: GUILD_ID,
    });
    h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(DAVE, 'hello'));
    await waitFor(() => h.events.length === 2, 'join and message');
    expect(h.events.map((e) => e.type)).toEqual(['member_joined', 'message']);
  });
});
