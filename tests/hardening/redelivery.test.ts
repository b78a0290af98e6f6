import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ID } from '../adapters/discord/fake-discord.js';
import { DiscordHarness, waitFor } from '../adapters/discord/harness.js';
import { TestBot } from '../helpers/chat.js';
import { serializeState } from './state.js';
import { scratchDir } from './world.js';

/**
 * Redelivery: the same platform update delivered twice counts once. Covered already per adapter:
 * - Telegram: tests/adapters/telegram/adapter.test.ts "the same message delivered twice is counted
 *   once" (same message under a new update id) and "a join update delivered again after the member
 *   left does not bring them back";
 * - Discord: tests/adapters/discord/discord-chat.test.ts "a redelivered MESSAGE_CREATE (same id) is
 *   counted once";
 * - WeChat: tests/adapters/wechat/adapter.test.ts "the same message delivered twice is handled once";
 * - the ledger property test (tests/properties/ledger.test.ts) redelivers random commands.
 * Added here: every kind of event through the core (also after a restart), and a Discord slash
 * command (INTERACTION_CREATE) delivered twice.
 */
describe('redelivery counts once', () => {
  it('an order, an award, a check-in, a join and a leave delivered twice each change the store once', async () => {
    const dir = await scratchDir('redeliver');
    let t = await TestBot.create({ dir });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await group.as('bob').says('hi');
    const first = [
      () => group.as('alice').says('+2', { id: 'order-1' }),
      () => group.as('owner').says('/award @bob 30 thanks', { id: 'award-1' }),
      () => group.as('bob').says('/checkin', { id: 'checkin-1' }),
    ];
    for (const send of first) await send();
    const join = {
      type: 'member_joined' as const,
      id: 'join-1',
      chat: group.chat,
      member: { id: 'carol', name: 'carol' },
    };
    const leave = {
      type: 'member_left' as const,
      id: 'leave-1',
      chat: group.chat,
      member: { id: 'dave', name: 'dave' },
    };
    await t.capture(() => t.bot.handle(t.adapter, join));
    await t.capture(() => t.bot.handle(t.adapter, leave));
    const once = serializeState(t.store.tables);

    // Again, at once: no reply and no change, not even the senders' message counts.
    for (const send of first) expect(await send()).toEqual([]);
    expect(await t.capture(() => t.bot.handle(t.adapter, join))).toEqual([]);
    expect(await t.capture(() => t.bot.handle(t.adapter, leave))).toEqual([]);
    expect(serializeState(t.store.tables)).toBe(once);

    // And after a restart: the processed ids are on disk too.
    await t.bot.stop();
    t = await TestBot.create({ dir, start: t.clock.now().toISOString() });
    const again = t.group();
    expect(await again.as('alice').says('+2', { id: 'order-1' })).toEqual([]);
    expect(await again.as('owner').says('/award @bob 30 thanks', { id: 'award-1' })).toEqual([]);
    expect(await t.capture(() => t.bot.handle(t.adapter, join))).toEqual([]);
    expect(serializeState(t.store.tables)).toBe(once);
    expect(t.store.tables.deals.get('memory:main#1')?.sold).toBe(2);
    expect(t.store.tables.members.get('memory:main/bob')?.points).toBe(31);
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('Discord: the same slash command interaction delivered twice is answered and counted once', async () => {
    const h = await DiscordHarness.create();
    try {
      const alice = { id: '200000000000000002', username: 'alice' };
      const interaction = h.fake.slashCommand(alice, 'whoami');
      h.fake.dispatch('INTERACTION_CREATE', interaction);
      h.fake.dispatch('INTERACTION_CREATE', interaction);
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, '/whoami'));
      await waitFor(() => h.posted().some((p) => p.includes('Messages: 2')), 'the second /whoami');
      await h.bot.idle();
      const answers = h.posted().filter((p) => p.includes('alice in'));
      expect(answers).toHaveLength(2);
      expect(answers[0]).toContain('Messages: 1');
      expect(h.store.tables.members.get(`discord:${CHANNEL_ID}/${alice.id}`)?.messageCount).toBe(2);
    } finally {
      await h.close();
    }
  });
});
