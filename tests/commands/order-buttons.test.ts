import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/** The deal card's buttons: order one, one more, per option, withdraw; answered privately. */

const ORANGES = '/deal new "赣南脐橙" min=2 limit=3 options="5斤:59,10斤:109:1" ends=48h';

const lines = (t: TestBot, user: string) =>
  [...t.store.tables.orders.values()]
    .filter((o) => o.userId === user && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map((o) => `×${o.qty}${o.option ? ` ${o.option}` : ''}`);

describe('GIVEN a deal card with buttons', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('the card carries +1 per option and Withdraw; text orders keep working beside them', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    expect(t.buttons().rows).toEqual([
      ['+1 5斤', '+1 10斤'],
      ['Withdraw', 'My order'],
    ]);
    await group.as('bob').says('+1 5斤');
    expect(lines(t, 'bob')).toEqual(['×1 5斤']);
  });

  it('a tap orders one, a second tap one more; the answer is private and the card is edited in place', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    const first = await group.as('alice').taps(card.messageId, card.action('+1 5斤'));
    expect(first).toEqual([
      expect.stringMatching(new RegExp(`^edited ${card.messageId}: .*1\\. alice ×1 5斤`, 's')),
      '[to alice] ✓ #1 赣南脐橙: you have ×1 5斤',
    ]);
    const second = await group.as('alice').taps(card.messageId, card.action('+1 5斤'));
    expect(second.at(-1)).toBe('[to alice] ✓ #1 赣南脐橙: you have ×2 5斤');
    expect(second[0]).toContain('1. alice ×2 5斤');
    expect(lines(t, 'alice')).toEqual(['×2 5斤']);
    // Nothing was posted to the group: one edit and one private answer per tap.
    expect(
      [...first, ...second].filter((line) => !line.startsWith('edited') && !line.startsWith('[to')),
    ).toEqual([]);
  });

  it('problems are answered privately: over the limit, a sold-out option (whose button then offers its waitlist)', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    await group.as('bob').taps(card.messageId, card.action('+1 10斤'));
    // The only 10斤 is gone: its button now puts the member on the waitlist.
    expect(t.buttons().rows[0]).toEqual(['+1 5斤', 'Waitlist 10斤']);
    // The card is edited too: it counts those waiting.
    expect((await group.as('alice').taps(card.messageId, card.action('+1 10斤'))).at(-1)).toBe(
      '[to alice] ✗ alice: 10斤 sold out — you are 1st on the waitlist (×1 10斤); you will be told privately if it frees up',
    );
    for (let i = 0; i < 3; i++) await group.as('alice').taps(card.messageId, card.action('+1 5斤'));
    expect(await group.as('alice').taps(card.messageId, card.action('+1 5斤'))).toEqual([
      '[to alice] ✗ alice: the limit is 3 per member (all your lines together)',
    ]);
    expect(lines(t, 'alice')).toEqual(['×3 5斤']);
  });

  it('Withdraw takes back all of the member’s lines; with none it says so privately', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    await group.as('alice').taps(card.messageId, card.action('+1 5斤'));
    await group.as('alice').taps(card.messageId, card.action('+1 10斤'));
    const out = await group.as('alice').taps(card.messageId, card.action('Withdraw'));
    expect(out.at(-1)).toBe('[to alice] ↩ #1: ×1 5斤, ×1 10斤 withdrawn');
    expect(out[0]).toMatch(/^edited /);
    expect(lines(t, 'alice')).toEqual([]);
    expect(await group.as('alice').taps(card.messageId, card.action('Withdraw'))).toEqual([
      '[to alice] ✗ alice: you have no order here',
    ]);
  });

  it('a tap on a closed deal is answered privately and changes nothing; the closed card has no buttons', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    await group.as('alice').taps(card.messageId, card.action('+1 5斤'));
    const closed = await group.as('owner').says('/deal close #1');
    const edit = t.adapter.actions.findLast((a) => a.kind === 'edit' && a.messageId === card.messageId);
    expect(closed.length).toBeGreaterThan(0);
    expect(edit).toMatchObject({ kind: 'edit' });
    expect(edit && 'buttons' in edit ? edit.buttons : undefined).toBeUndefined();
    const before = JSON.stringify([...t.store.tables.orders.values()]);
    expect(await group.as('bob').taps(card.messageId, card.action('+1 5斤'))).toEqual([
      '[to bob] ✗ bob: the deal is closed',
    ]);
    expect(await group.as('alice').taps(card.messageId, card.action('Withdraw'))).toEqual([
      '[to alice] Deal #1 is no longer open.',
    ]);
    expect(JSON.stringify([...t.store.tables.orders.values()])).toBe(before);
  });

  it('in Chinese: 下单 +1 and 取消, answers without English; a deal without options has one order button', async () => {
    const zh = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    try {
      const group = zh.group();
      await group.as('owner').says('/deal new "草莓" price=30 ends=48h');
      expect(zh.buttons().rows).toEqual([['下单 +1'], ['取消', '我的订单']]);
      const card = zh.buttons();
      expect(await group.as('alice').taps(card.messageId, card.action('下单 +1'))).toContainEqual(
        '[to alice] ✓ #1 草莓：你已订 ×1',
      );
      expect(await group.as('alice').taps(card.messageId, card.action('取消'))).toContainEqual(
        '[to alice] ↩ #1：已取消 ×1',
      );
    } finally {
      await zh.close();
    }
  });

  it('a button nobody knows (an old card, an edited deal) is answered privately, nothing changes', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    expect(await group.as('alice').taps(card.messageId, 'o:9')).toEqual([
      '[to alice] This button does nothing any more. Nothing was changed.',
    ]);
    expect(await group.as('alice').taps(card.messageId, 'o:1:7')).toEqual([
      '[to alice] This button does nothing any more. Nothing was changed.',
    ]);
    expect(await group.as('alice').taps(card.messageId, 'something else')).toEqual([
      '[to alice] This button does nothing any more. Nothing was changed.',
    ]);
    // The admin reorders the options: a button drawn before never orders what now sits in its place.
    const old5 = card.action('+1 5斤');
    await group.as('owner').says('/deal edit #1 options="10斤:109:20,5斤:59"');
    expect(await group.as('alice').taps(card.messageId, old5)).toEqual([
      '[to alice] This button does nothing any more. Nothing was changed.',
    ]);
    expect(lines(t, 'alice')).toEqual([]);
  });

  it('a platform without buttons shows the card as text only', async () => {
    const plain = await TestBot.create({ capabilities: { buttons: false } });
    try {
      await plain.group().as('owner').says(ORANGES);
      expect(() => plain.buttons()).toThrow(/no message with buttons/);
      expect(plain.adapter.actions.at(-1)).toMatchObject({ kind: 'send' });
    } finally {
      await plain.close();
    }
  });

  it('a redelivered tap is handled once', async () => {
    const group = t.group();
    await group.as('owner').says(ORANGES);
    const card = t.buttons();
    const tap = {
      type: 'button' as const,
      id: 'tap-1',
      chat: group.chat,
      sender: { id: 'alice', name: 'alice' },
      messageId: card.messageId,
      action: card.action('+1 5斤'),
    };
    await t.bot.handle(t.adapter, tap);
    await t.bot.handle(t.adapter, tap);
    expect(lines(t, 'alice')).toEqual(['×1 5斤']);
  });
});
