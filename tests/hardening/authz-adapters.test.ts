import { describe, expect, it } from 'vitest';
import { coreText } from '../../src/core/messages.js';
import { CHANNEL_ID, OWNER } from '../adapters/discord/fake-discord.js';
import { DiscordHarness, waitFor as waitForDiscord } from '../adapters/discord/harness.js';
import type { FakeBotApi } from '../adapters/telegram/fake-bot-api.js';
import { ALICE, BOB, GROUP, textMessage, updates } from '../adapters/telegram/fixtures.js';
import { startHarness } from '../adapters/telegram/harness.js';
import { WechatWorld, waitFor as waitForWechat } from '../adapters/wechat/harness.js';
import { ADMIN_LINES, adminCommands } from './admin-matrix.js';
import { serializeState } from './state.js';

/**
 * The authorization matrix through the real adapters: a sample of admin commands from a Telegram
 * member who is not in getChatAdministrators, a Discord member without Manage Server (messages and
 * a slash command), and a WeChat room member who is not the room owner. Each is refused with the
 * readable refusal and the store (see serializeState for what a message may change) stays as it was.
 */
const SAMPLE = [
  'deal new',
  'deal close',
  'award',
  'settings',
  'lang',
  'refund',
  'topic add',
  'prune confirm',
];

/**
 * The texts after the refusals' start, split in refusals and the rest; the rest may only be the
 * deal card showing the earlier order (reposted where the platform cannot edit), which the outbox
 * sends when it gets to it.
 */
function refusals(texts: string[]): string[] {
  const background = texts.filter((t) => !/^Only group admins|^只有群管理员/.test(t));
  for (const text of background) expect(text).toMatch(/^🛒 #1/);
  return texts.filter((t) => !background.includes(t));
}

/** The emoji the bot put on a member's message in the Telegram group, joined. */
function reactedWith(api: FakeBotApi, messageId: number): string | undefined {
  return api.reactions.get(`${GROUP.id}:${messageId}`)?.join('');
}

/** Whether a deal card the fake Bot API accepted (posted or edited) shows this roster line. */
function cardShows(api: FakeBotApi, line: string): boolean {
  return [...api.acceptedOf('sendMessage'), ...api.acceptedOf('editMessageText')]
    .map((c) => String(c.params.text))
    .some((text) => text.startsWith('🛒 #1') && text.split('\n').includes(line));
}

/** Whether a deal card the fake Discord took (posted or edited) shows this roster line. */
function discordCardShows(h: DiscordHarness, line: string): boolean {
  return h.fake.calls
    .filter((c) => /^\/channels\/\d+\/messages(\/\d+)?$/.test(c.path) && c.method !== 'DELETE')
    .map((c) => String((c.body as { content?: string } | undefined)?.content ?? ''))
    .some((text) => text.startsWith('🛒 #1') && text.split('\n').includes(line));
}

/** The declared command of a name: refusals name it by its keyword in Chinese. */
const command = (name: string) => adminCommands().find((c) => c.name === name)!;

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
      const deal = () => h.store.tables.deals.get(`telegram:${GROUP.id}#1`);
      h.api.push(updates.message(textMessage(BOB, '/deal new "Tea" price=5 min=2 stock=9')));
      const order = textMessage(ALICE, '+1');
      h.api.push(updates.message(order));
      // The order is taken (👌 on it) and the card shows it, before the refusals start.
      await h.until(
        () => reactedWith(h.api, order.message_id) === '👌' && cardShows(h.api, '1. Alice Wang ×1'),
        'the order acknowledged',
      );
      expect(deal()?.sold).toBe(1);
      void h.bot.outbox.flush(); // a held-back update of the card goes out now, not mid-test
      await h.settle();
      const speaker = { communityId: `telegram:${GROUP.id}`, userId: String(ALICE.id) };
      const before = serializeState(h.store.tables, [speaker]);
      const already = sent().length;
      const sample = lines('Bob');
      for (const { line } of sample) h.api.push(updates.message(textMessage(ALICE, line)));
      // Eight replies in one group are paced a second apart on the harness's clock: move it.
      await h.until(() => refusals(sent().slice(already)).length >= sample.length, 'the refusals');
      await h.settle();
      expect(refusals(sent().slice(already))).toEqual(
        sample.map((s) => coreText('en').needsRole(command(s.name), 'admin')),
      );
      expect(serializeState(h.store.tables, [speaker])).toBe(before);
      expect(h.api.refused(429)).toBe(0); // paced within the group's limits, nothing refused
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
      const orderId = h.fake.id();
      h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, '+1', { id: orderId }));
      // The order is taken (👌 on it) and the card shows it, before the refusals start.
      await waitForDiscord(
        () =>
          h.fake.reactions.get(`${CHANNEL_ID}/${orderId}`)?.join('') === '👌' &&
          discordCardShows(h, '1. alice ×1'),
        'the order acknowledged',
      );
      expect(h.store.tables.deals.get(`discord:${CHANNEL_ID}#1`)?.sold).toBe(1);
      await h.bot.outbox.flush(); // a held-back update of the card goes out now, not mid-test
      const speaker = { communityId: `discord:${CHANNEL_ID}`, userId: alice.id };
      const before = serializeState(h.store.tables, [speaker]);
      const already = h.posted().length;
      const sample = lines('owner');
      for (const { line } of sample) h.fake.dispatch('MESSAGE_CREATE', h.fake.guildMessage(alice, line));
      h.fake.dispatch(
        'INTERACTION_CREATE',
        h.fake.slashCommand(alice, 'lang', [{ name: 'locale', type: 3, value: 'zh' }]),
      );
      // Nine replies in one channel, a second apart (the outbox's pacing, in real time here).
      await waitForDiscord(
        () => refusals(h.posted().slice(already)).length >= sample.length + 1,
        'the refusals',
        20_000,
      );
      await h.bot.idle();
      const expected = [...sample.map((s) => s.name), 'lang'].map((n) =>
        coreText('en').needsRole(command(n), 'admin'),
      );
      expect(refusals(h.posted().slice(already)).sort()).toEqual(expected.sort());
      expect(serializeState(h.store.tables, [speaker])).toBe(before);
      expect(h.fake.refused(429)).toBe(0); // paced within the channel's bucket, nothing refused
    } finally {
      await h.close();
    }
  }, 30_000);

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
      // WeChat has no reactions and no edits: the card, posted again, is the acknowledgement.
      await waitForWechat(
        () =>
          w.botSaid(room.id).some((s) => s.text?.includes('成团啦')) &&
          w.botSaid(room.id).some((s) => {
            const card = s.text?.split('\n') ?? [];
            return card[0]?.startsWith('🛒 #1') && card.includes('1. Bob ×2') && card.includes('2. Alice ×1');
          }),
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
      ).toEqual(sample.map((s) => coreText('zh').needsRole(command(s.name), 'admin')));
      expect(serializeState(w.store.tables, [speaker])).toBe(before);
      expect(w.restrictions).toEqual([]); // paced within the room's limits: no post refused
    } finally {
      await w.close();
    }
  });
});
