import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Persona, UserRef } from '../../src/core/events.js';
import { actorLabel, CHANNEL_HINT_EVERY_MS } from '../../src/core/persona.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * The core's rule for senders who are not people (src/core/bot.ts, src/core/persona.ts): a bot,
 * a post made as a channel, an anonymous admin are never members and never hold orders or points.
 * An anonymous admin still runs admin commands, recorded as "anonymous admin"; a channel is told
 * to post as a person, at most once per 10 minutes in a chat.
 */

const NEW_DEAL = '/deal new "Mangoes" price=10 min=1 ends=48h';

let t: TestBot;
let group: GroupChat;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  group = t.group();
});
afterEach(async () => {
  await t.close();
});

/** A message from `sender` (a persona or a bot) in the group; returns what the bot did. */
function from(sender: UserRef, text: string): Promise<string[]> {
  return t.capture(() =>
    t.bot.handle(t.adapter, { type: 'message', id: t.nextMessageId(), chat: group.chat, sender, text }),
  );
}

const anonymous = (signature?: string): UserRef => ({
  id: 'main', // Telegram names the group itself as the sender
  name: signature ?? 'main',
  role: 'admin',
  persona: { kind: 'anonymous_admin', ...(signature ? { signature } : {}) } as Persona,
});
const CHANNEL: UserRef = { id: 'chan-1', name: 'Veggie News', persona: { kind: 'channel' } };
const BOT: UserRef = { id: 'feed-bot', name: 'Feed', isBot: true };

/** Nobody but the people named has a member record, an order or a ledger entry. */
function expectOnlyMembers(...userIds: string[]) {
  expect([...t.store.tables.members.values()].map((m) => m.userId).sort()).toEqual([...userIds].sort());
  for (const order of t.store.tables.orders.values()) expect(userIds).toContain(order.userId);
  for (const entry of t.store.tables.ledger.values()) expect(userIds).toContain(entry.userId);
}

describe('an anonymous admin (posting as the group)', () => {
  it('GIVEN an anonymous admin WHEN they send /deal new THEN the deal opens, recorded as "anonymous admin (Alice)"', async () => {
    const [card] = await from(anonymous('Alice'), NEW_DEAL);
    expect(card).toContain('🛒 #1 Mangoes');
    const deal = [...t.store.tables.deals.values()][0]!;
    expect(deal.createdBy).toBe('anonymous-admin:Alice');
    expect(actorLabel('en', deal.createdBy)).toBe('anonymous admin (Alice)');
    expect(actorLabel('zh', deal.createdBy)).toBe('匿名管理员（Alice）');
    expect(actorLabel('zh', 'anonymous-admin')).toBe('匿名管理员');
    expect(actorLabel('en', '1001')).toBeUndefined();
    expectOnlyMembers();
  });

  it('a +1, a 接龙 line and /checkin get one line saying they need their own account; nothing is recorded', async () => {
    await group.as('owner').says(NEW_DEAL);
    for (const text of ['+1', '接龙 2', '/checkin', '签到', '/join #1']) {
      const said = await from(anonymous('Alice'), text);
      expect(said, text).toEqual([
        expect.stringMatching(/^Anonymous admins have no account of their own here/),
      ]);
    }
    // Chatter is not answered.
    expect(await from(anonymous('Alice'), 'thanks everyone')).toEqual([]);
    expect(t.store.tables.orders.size).toBe(0);
    expectOnlyMembers('owner');
  });

  it("GIVEN an order by Alice WHEN an anonymous admin sends /cancel #1 THEN the own-account hint, and /cancel #1 @alice withdraws Alice's line", async () => {
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+2');
    // Every member command that acts on the sender's own account, in the forms that do.
    for (const text of [
      '/cancel #1',
      '/cancel #1 小份',
      '/myorders',
      '/points',
      '/history',
      '/invite',
      '/invites',
    ]) {
      const said = await from(anonymous('Bob'), text);
      expect(said, text).toEqual([
        expect.stringMatching(/^Anonymous admins have no account of their own here/),
      ]);
    }
    expect(t.store.tables.orders.size).toBe(1);
    // The admin forms still work for them.
    expect(await from(anonymous('Bob'), '/cancel #1 @alice')).toContainEqual(
      expect.stringContaining('alice: ×2 withdrawn'),
    );
    expectOnlyMembers('owner', 'alice');
  });

  it('in a Chinese group the hint is in Chinese', async () => {
    await group.as('owner').says('/lang zh');
    await group.as('owner').says(NEW_DEAL);
    const [hint] = await from(anonymous(), '+1');
    expect(hint).toBe(
      '匿名管理员在本群没有自己的账户：下单、签到或查看积分，请以本人身份发言。未做任何更改。',
    );
  });

  it('an answer that goes to a private chat (an order list) is not posted in the group: they are told why', async () => {
    await group.as('owner').says(NEW_DEAL);
    await group.as('alice').says('+2');
    const said = await from(anonymous(), '/orders #1 csv');
    expect(said).toEqual([expect.stringMatching(/^That answer goes to a private chat/)]);
    expect(t.adapter.actions.some((a) => a.kind === 'send' && a.out.kind === 'file')).toBe(false);
  });
});

describe('a post made as a channel', () => {
  it('GIVEN a channel WHEN it sends commands and orders THEN one hint per 10 minutes, and it is no member', async () => {
    await group.as('owner').says(NEW_DEAL);
    const first = await from(CHANNEL, '/help');
    expect(first).toEqual([
      'Posts made as a channel cannot order or use commands here: please post as yourself.',
    ]);
    expect(await from(CHANNEL, '+1')).toEqual([]);
    expect(await from(CHANNEL, '/deal new "X" price=1')).toEqual([]);
    expect(await from(CHANNEL, 'Fresh news from the farm')).toEqual([]);
    t.clock.advance(CHANNEL_HINT_EVERY_MS);
    expect(await from(CHANNEL, '+1')).toHaveLength(1);
    expect(t.store.tables.orders.size).toBe(0);
    expect(t.store.tables.deals.size).toBe(1);
    expectOnlyMembers('owner');
  });
});

describe('bot accounts', () => {
  it('a bot never becomes a member, orders or earns points, and a bot inviter is credited nothing', async () => {
    await group.as('owner').says(NEW_DEAL);
    expect(await from(BOT, '+1')).toEqual([]);
    expect(await from(BOT, '/checkin')).toEqual([]);
    await t.capture(() =>
      t.bot.handle(t.adapter, {
        type: 'member_joined',
        id: 'j1',
        chat: group.chat,
        member: { id: 'dora', name: 'dora' },
        inviter: BOT,
      }),
    );
    expect(t.store.tables.members.get('memory:main/dora')?.invitedBy).toBeUndefined();
    expect(t.store.tables.orders.size).toBe(0);
    expectOnlyMembers('owner', 'dora');
  });
});
