import { describe, expect, it, vi } from 'vitest';
import { RateLimitedError } from '../../src/core/adapter.js';
import { botsPerTest } from '../helpers/bots.js';
import type { GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Private offers (私信优惠): a deal of a category opens, and each member subscribed to it who
 * allows offers hears of it once, privately, at most offers.daily_cap a local day, with a one-tap
 * stop. Wed 2026-11-25 16:00 in Shanghai.
 */
const START = '2026-11-25T08:00:00Z';
const dmsTo = (out: string[], user: string) => out.filter((o) => o.startsWith(`[dm ${user}] `));
const ALICE_OFFER =
  '[dm alice] 🛒 New in main: #1 Mangoes — ¥39.90/box, orders until 2026-11-27 16:00.\nTo order, send +1 in the group (or /join #1).\nYou get this because you subscribed to 水果.';

describe('private offers of subscribed categories', () => {
  const { bot } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });

  /** alice subscribes to 水果 (turning offers on), bob to 蔬菜; carol says hello. */
  async function community(t: TestBot): Promise<GroupChat> {
    const group = t.group();
    await group.as('alice').says('/subscribe 水果');
    await group.as('bob').says('/subscribe 蔬菜');
    await group.as('carol').says('hello');
    return group;
  }

  const offersOf = (t: TestBot, user: string) =>
    [...t.store.tables.offers.values()].filter((o) => o.userId === user);

  it('a deal opening sends one offer to each matching subscriber only, with its stop button', async () => {
    const t = await bot();
    const group = await community(t);
    const out = await group.as('owner').says('/deal new "Mangoes" price=39.9 unit=box category=水果,生鲜');
    expect(dmsTo(out, 'alice')).toEqual([ALICE_OFFER]);
    expect(out.filter((o) => o.startsWith('[dm '))).toHaveLength(1);
    expect(out.some((o) => o.includes('Category: 水果, 生鲜'))).toBe(true);
    expect(t.buttons('dm:alice').rows).toEqual([['Stop 水果 offers']]);
    expect(offersOf(t, 'alice').map((o) => [o.dealId, o.key, o.day, o.state])).toEqual([
      ['memory:main#1', '水果', '2026-11-25', 'reached'],
    ]);
    // Editing the deal sends nothing again: one offer per deal.
    expect(dmsTo(await group.as('owner').says('/deal edit #1 stock=50'), 'alice')).toEqual([]);
  });

  it('not without the offers purpose, not to the deal’s creator, not to members who left', async () => {
    const t = await bot();
    const group = await community(t);
    await group.as('alice').says('/privacy off offers');
    await group.admin('dave').as('dave').says('/subscribe 水果');
    await group.as('erin').says('/subscribe 水果');
    await group.leave('erin');
    const out = await group.as('dave').says('/deal new "Mangoes" price=39.9 category=水果');
    expect(out.filter((o) => o.startsWith('[dm '))).toEqual([]);
    expect([...t.store.tables.offers.values()]).toEqual([]);
    // The subscription was kept: turning offers back on brings the next deal.
    await group.as('alice').says('/privacy on offers');
    const next = await group.as('dave').says('/deal new "Pears" price=20 category=水果');
    expect(dmsTo(next, 'alice')).toHaveLength(1);
  });

  it('at most offers.daily_cap a local day (default 3); the next local day starts again', async () => {
    const t = await bot();
    const group = await community(t);
    let offered = 0;
    for (const title of ['A', 'B', 'C', 'D'])
      offered += dmsTo(
        await group.as('owner').says(`/deal new "${title}" price=10 category=水果`),
        'alice',
      ).length;
    expect(offered).toBe(3);
    expect(offersOf(t, 'alice').map((o) => o.dealId)).toEqual([
      'memory:main#1',
      'memory:main#2',
      'memory:main#3',
    ]);
    await t.advance('8h'); // 00:00 in Shanghai
    expect(dmsTo(await group.as('owner').says('/deal new "E" price=10 category=水果'), 'alice')).toHaveLength(
      1,
    );
  });

  it('offers.daily_cap=0 sends none; a bad value is refused and changes nothing', async () => {
    const t = await bot();
    const group = await community(t);
    expect(await group.as('owner').reply('/settings offers.daily_cap=-1')).toContain('Nothing was changed');
    expect(t.store.tables.communities.get('memory:main')?.settings['offers.daily_cap']).toBeUndefined();
    await group.as('owner').says('/settings offers.daily_cap=0');
    const out = await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    expect(dmsTo(out, 'alice')).toEqual([]);
  });

  it('the stop button unsubscribes that category at once: no more offers of it', async () => {
    const t = await bot();
    const group = await community(t);
    await group.as('alice').says('/subscribe 生鲜');
    await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    const { messageId, action } = t.buttons('dm:alice');
    expect(await t.dm('alice').taps(messageId, action('Stop 水果 offers'))).toEqual([
      '[to alice] Done: no more offers of 水果.',
    ]);
    expect(t.store.tables.subscriptions.by('member', 'memory:main/alice').map((s) => s.category)).toEqual([
      '生鲜',
    ]);
    expect(dmsTo(await group.as('owner').says('/deal new "Pears" price=20 category=水果'), 'alice')).toEqual(
      [],
    );
    // A second tap has nothing left to stop.
    expect(await t.dm('alice').taps(messageId, action('Stop 水果 offers'))).toEqual([
      '[to alice] Nothing to stop: you are not subscribed to that any more.',
    ]);
  });

  it('where the platform has no buttons (WeChat) the offer says what to reply to stop', async () => {
    const t = await bot({ capabilities: { buttons: false }, locale: 'zh' });
    const group = t.group();
    await group.as('alice').says('订阅 水果');
    const out = await group.as('owner').says('开团 "芒果" 价格=39.9 分类=水果');
    expect(dmsTo(out, 'alice')).toEqual([
      '[dm alice] 🛒 main 新团：#1 芒果，¥39.90，2026-11-27 16:00 截止。\n在群里发送 +1（或「参团 #1」）即可下单。\n你订阅了「水果」，所以收到这条消息。\n不想再收到：回复“退订 水果”',
    ]);
    await group.as('alice').says('退订 水果');
    expect(dmsTo(await group.as('owner').says('开团 "梨" 价格=20 分类=水果'), 'alice')).toEqual([]);
  });

  it('a scheduled deal offers at its start, not at its announcement', async () => {
    const t = await bot();
    const group = await community(t);
    const announced = await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果 starts=2h');
    expect(dmsTo(announced, 'alice')).toEqual([]);
    expect(dmsTo(await t.advance('119m'), 'alice')).toEqual([]);
    const opened = await t.advance('1m');
    expect(dmsTo(opened, 'alice')).toHaveLength(1);
    expect(dmsTo(opened, 'alice')[0]).toContain('#1 Mangoes');
  });

  it('an unreachable member is recorded so, not counted as reached, and does not use up the cap', async () => {
    const t = await bot();
    const group = await community(t);
    await group.as('owner').says('/settings offers.daily_cap=1');
    t.adapter.unreachable.add('alice');
    expect(dmsTo(await group.as('owner').says('/deal new "A" price=10 category=水果'), 'alice')).toEqual([]);
    expect(offersOf(t, 'alice').map((o) => o.state)).toEqual(['unreachable']);
    t.adapter.unreachable.delete('alice');
    expect(dmsTo(await group.as('owner').says('/deal new "B" price=10 category=水果'), 'alice')).toHaveLength(
      1,
    );
    await group.as('alice').says('/join #2');
    const report = await group.as('owner').says('/report 7d');
    expect(report[0]).toContain('📨 Private offers: 2 sent · 1 reached · 1 refused · 1 then ordered');
  });

  it('an offer still waiting to go out when the member turns offers off is never delivered', async () => {
    const t = await bot();
    const group = await community(t);
    // The platform asks the bot to wait a minute before alice's private chat (a 429).
    const send = t.adapter.send.bind(t.adapter);
    let waited = false;
    t.adapter.send = async (chat, out, origin) => {
      if (!waited && chat.chatId === 'dm:alice') {
        waited = true;
        throw new RateLimitedError(60_000);
      }
      return send(chat, out, origin);
    };
    const opening = group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    await vi.waitFor(() => expect(waited).toBe(true));
    const off = group.as('alice').says('/privacy off offers');
    await vi.waitFor(() => expect(offersOf(t, 'alice')).toEqual([]));
    t.clock.advance(60_000);
    await opening;
    // Alice hears the answer to /privacy off offers, and no offer.
    expect(dmsTo(await off, 'alice')).toHaveLength(1);
    const toAlice = t.adapter.actions.flatMap((a) =>
      a.kind === 'send' && a.chat.chatId === 'dm:alice' && a.out.kind === 'text' ? [a.out.text] : [],
    );
    expect(toAlice.filter((text) => text.includes('🛒'))).toEqual([]);
    expect([...t.store.tables.outbox.values()].filter((m) => m.userId === 'alice')).toEqual([]);
  });

  it('an offer still waiting to go out when the member leaves the group is never delivered', async () => {
    const t = await bot();
    const group = await community(t);
    const send = t.adapter.send.bind(t.adapter);
    let waited = false;
    t.adapter.send = async (chat, out, origin) => {
      if (!waited && chat.chatId === 'dm:alice') {
        waited = true;
        throw new RateLimitedError(60_000);
      }
      return send(chat, out, origin);
    };
    const opening = group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    await vi.waitFor(() => expect(waited).toBe(true));
    const left = group.leave('alice');
    await vi.waitFor(() => expect(offersOf(t, 'alice')).toEqual([]));
    t.clock.advance(60_000);
    await opening;
    await left;
    const toAlice = t.adapter.actions.flatMap((a) =>
      a.kind === 'send' && a.chat.chatId === 'dm:alice' && a.out.kind === 'text' ? [a.out.text] : [],
    );
    expect(toAlice.filter((text) => text.includes('🛒'))).toEqual([]);
    expect([...t.store.tables.outbox.values()].filter((m) => m.userId === 'alice')).toEqual([]);
    // Her subscription and consent stay as she left them (she may come back); nothing is withdrawn.
    expect(t.store.tables.subscriptions.by('member', 'memory:main/alice')).toHaveLength(1);
  });

  it('/forget deletes the member’s subscriptions and offers', async () => {
    const t = await bot();
    const group = await community(t);
    await group.as('owner').says('/deal new "Mangoes" price=39.9 category=水果');
    await group.as('alice').says('/forget');
    await group.as('alice').says('/forget confirm');
    expect(t.store.tables.subscriptions.by('community', 'memory:main').map((s) => s.category)).toEqual([
      '蔬菜',
    ]);
    expect([...t.store.tables.offers.values()]).toEqual([]);
  });
});
