import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src/core/bot.js';
import { coreText } from '../../src/core/messages.js';
import type { Deal } from '../../src/store/schema.js';
import { CHANNEL_ID, OWNER } from '../adapters/discord/fake-discord.js';
import { DiscordHarness, waitFor as waitForDiscord } from '../adapters/discord/harness.js';
import { ALICE, BOB, GROUP, textMessage, updates } from '../adapters/telegram/fixtures.js';
import { startHarness, waitFor as waitForTelegram } from '../adapters/telegram/harness.js';
import { WechatWorld, waitFor as waitForWechat } from '../adapters/wechat/harness.js';
import { ADMIN_LINES } from './admin-matrix.js';
import { serializeState } from './state.js';

/**
 * The authorization matrix through the real adapters: a sample of admin commands from a Telegram
 * member who is not in getChatAdministrators, a Discord member without Manage Server (messages and
 * a slash command), and a WeChat room member who is not the room owner. Each is refused with the
 * readable refusal and the store (see serializeState for what a message may change) stays as it was.
 */
const SAMPLE = ['deal new', 'deal close', 'award', 'settings', 'lang', 'paid', 'topic add', 'prune confirm'];

/**
 * The texts after the refusals' start, split in refusals and the rest; the rest may only be the
 * earlier order's acknowledgement and deal card, which the outbox sends when it gets to them.
 */
function refusals(texts: string[]): string[] {
  const background = texts.filter((t) => !/^Only group admins|^只有群管理员/.test(t));
  for (const text of background) expect(text).toMatch(/^#1 \S+[:：]\n✓|^🛒 #1/);
  return texts.filter((t) => !background.includes(t));
}

/** Waits until the deal card is out and nothing is held back, so no background send lands mid-test. */
async function settled(bot: Bot, deal: () => Deal | undefined): Promise<void> {
  await waitForTelegram(() => deal()?.rosterMessageId, 'the deal card');
  await bot.outbox.flush();
}

function lines(otherName: string): { name: string; line: string }[] {
  return SAMPLE.map((name) => ({ name, line: ADMIN_LINES[name]!.replaceAll('@OTHER', `@${otherName}`) }));
}

describe('authorization through the real adapters', () => {
  it('Telegram: a member who is not a chat administrator is refused and nothing changes', async () => {
    const h = await startHarness((api) =>
      api.admins.set(String(GROUP.id), [{ id: BOB.id, name: 'Bob', status: 'administrator' }]),
    );
    try {
      const sent = () => h.api.callsOf('sendMessage').map((c) => String(c.params.text));
      h.api.push(updates.message(textMessage(BOB, '/deal new "Tea" price=5 min=2 stock=9')));
      h.api.push(updates.message(textMessage(ALICE, '+1')));
      await waitForTelegram(
        () => h.store.tables.deals.get(`telegram:${GROUP.id}#1`)?.sold === 1,
        'the order',
      );
      await settled(h.bot, () => h.store.tables.deals.get(`telegram:${GROUP.id}#1`));
      const speaker = { communityId: `telegram:${GROUP.id}`, userId: String(ALICE.id) };
      const before = serializeState(h.store.tables, [speaker]);
      const already = sent().length;
      const sample = lines('Bob');
      for (const { line } of sample) h.api.push(updates.message(textMessage(ALICE, line)));
      await waitForTelegram(() => refusals(sent().slice(already)).length >= sample.length, 'the refusals');
      await h.bot.idle();
      expect(refusals(sent().slice(already))).toEqual(
        sample.map((s) => coreText('en').needsRole(s.name, 'admin')),
      );
      expect(serializeState(h.store.tables, [speaker])).toBe(before);
    } finally {
      await h.close();
    }
  });

  it('Discord: a member without Manage Server is refused (messages and slash) and nothing changes', async () => {
    const h = await DiscordHarness.create();
    try {
      const alice = { id: '200000000000000002', username: 'alice' };
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(OWNER, '/deal new "Tea" price=5 min=2 stock=9'));
      await waitForDiscord(() => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`), 'the deal');
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, '+1'));
      await waitForDiscord(
        () => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.sold === 1,
        'the order',
      );
      await settled(h.bot, () => h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`));
      const speaker = { communityId: `discord:${CHANNEL_ID}`, userId: alice.id };
      const before = serializeState(h.store.tables, [speaker]);
      const already = h.posted().length;
      const sample = lines('owner');
      for (const { line } of sample) h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, line));
      h.fake.dispatch(
        'INTERACTION_CREATE',
        h.fake.slashCommand(alice, 'lang', [{ name: 'locale', type: 3, value: 'zh' }]),
      );
      await waitForDiscord(
        () => refusals(h.posted().slice(already)).length >= sample.length + 1,
        'the refusals',
      );
      await h.bot.idle();
      const expected = [...sample.map((s) => s.name), 'lang'].map((n) =>
        coreText('en').needsRole(n, 'admin'),
      );
      expect(refusals(h.posted().slice(already)).sort()).toEqual(expected.sort());
      expect(serializeState(h.store.tables, [speaker])).toBe(before);
    } finally {
      await h.close();
    }
  });

  it('WeChat: a room member who is not the room owner is refused (in Chinese) and nothing changes', async () => {
    const w = await WechatWorld.create();
    try {
      const owner = w.contact('王姐');
      const alice = w.contact('Alice');
      const bob = w.contact('Bob');
      const room = w.room('小区团购', [owner, alice, bob], owner);
      await w.login();
      owner.say('开团 "脐橙" price=5 min=2 stock=9').to(room);
      await waitForWechat(
        () => w.store.tables.deals.get(`wechat:${room.id}#1`) !== undefined,
        w.clock,
        'deal',
      );
      bob.say('+2').to(room);
      alice.say('接龙').to(room);
      await waitForWechat(
        () => w.store.tables.deals.get(`wechat:${room.id}#1`)?.sold === 3,
        w.clock,
        'orders',
      );
      await waitForWechat(
        () => ['成团啦', '✓ Alice'].every((m) => w.botSaid(room.id).some((s) => s.text?.includes(m))),
        w.clock,
        'the orders answered',
      );
      void w.bot.outbox.flush(); // the held-back repost of the deal card goes out now, not mid-test
      await w.settle();
      const speaker = { communityId: `wechat:${room.id}`, userId: alice.id };
      const before = serializeState(w.store.tables, [speaker]);
      const already = w.botSaid(room.id).length;
      const sample = lines('Bob');
      for (const { line } of sample) alice.say(line).to(room);
      await waitForWechat(
        () => w.botSaid(room.id).filter((s) => s.text?.includes('只有群管理员')).length >= sample.length,
        w.clock,
        'the refusals',
      );
      await w.settle();
      expect(
        refusals(
          w
            .botSaid(room.id)
            .slice(already)
            .map((s) => s.text ?? ''),
        ),
      ).toEqual(sample.map((s) => coreText('zh').needsRole(s.name, 'admin')));
      expect(serializeState(w.store.tables, [speaker])).toBe(before);
    } finally {
      await w.close();
    }
  });
});
