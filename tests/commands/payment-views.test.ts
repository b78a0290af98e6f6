import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

/** Where members and admins see money: the card's buttons, /orders views, /myorders, closings, /audit. */

describe('GIVEN a group buying mangoes', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h');
  });
  afterEach(async () => {
    await t.close();
  });

  it('the card offers "My order" from the start, "I paid" once formed, and keeps both after it closed', async () => {
    expect(t.buttons().rows).toEqual([['Order +1'], ['Withdraw', 'My order']]);
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    expect(t.buttons().rows).toEqual([['Order +1'], ['Withdraw', 'My order', 'I paid']]);
    await group.as('owner').says('/deal close #1');
    const card = t.buttons();
    expect(card.rows).toEqual([['My order', 'I paid']]);
    for (const label of ['My order', 'I paid'])
      expect(new TextEncoder().encode(card.action(label)).length).toBeLessThanOrEqual(64);
    expect(await group.as('alice').taps(card.messageId, card.action('My order'))).toEqual([
      '[to alice] #1 Mangoes\n×1 — ¥45.00 · owing ¥45.00\nPaid? Tap "I paid" or send 已付 #1.',
    ]);
    expect(await group.as('alice').taps(card.messageId, card.action('I paid'))).toEqual([
      '[to alice] ✓ #1 Mangoes: noted that you paid ¥45.00. The organiser will confirm it.',
    ]);
    expect(await group.as('alice').taps(card.messageId, card.action('My order'))).toEqual([
      '[to alice] #1 Mangoes\n×1 — ¥45.00 · claimed',
    ]);
    expect(await group.as('carol').taps(card.messageId, card.action('My order'))).toEqual([
      '[to carol] You have no order in #1.',
    ]);
  });

  it('a deal that failed at its deadline owes nothing, and whoever had paid is owed a refund', async () => {
    await group.as('alice').says('+1');
    await group.as('owner').says('/paid #1 @alice');
    await group.as('owner').says('/deal new "Eggs" price=12 min=3');
    await group.as('bob').says('+1 #2');
    const closing = await t.advance('48h');
    expect(closing).toContain(
      '❌ #1 Mangoes did not reach 2 buyers (1) by the deadline. No one needs to pay. Refunds due: @alice ¥45.00. Admins: /orders #1 refunds lists them; record each with /refund #1 @member.',
    );
    expect(closing).toContain(
      '[dm alice] #1 Mangoes did not go ahead (failed): the organiser owes you a refund of ¥45.00, and will tell you here once it is made.',
    );
    expect(closing).toContain('❌ #2 Eggs did not reach 3 buyers (1) by the deadline. No one needs to pay.');
    expect(closing.some((line) => line.includes('[dm bob]'))).toBe(false);
    // The failed card keeps no buttons: its announcement said who is owed what.
    expect(() => t.buttons()).toThrow();
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×1 — ¥45.00 · failed · refund due ¥45.00',
    );
    expect(await group.as('bob').reply('/myorders')).toBe(
      'Your orders:\n#2 Eggs ×1 — ¥12.00 · failed · nothing to pay',
    );
    expect(await group.as('owner').reply('/orders #2 unpaid')).toBe('Nobody owes anything in #2 (failed).');
    expect(await group.as('owner').reply('/orders #1 refunds')).toBe(
      '#1 refunds due (1), ¥45.00 in all:\n1. alice ×1 — paid ¥45.00 · refund due ¥45.00\nRecord each refund with /refund #1 @member [AMOUNT] [REASON].',
    );
  });

  it('a cancelled deal tells those who paid that a refund is due, the others that nothing is owed', async () => {
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    await group.as('owner').says('/paid #1 @bob');
    const out = await group.as('owner').says('/deal cancel #1');
    expect(out[0]).toBe(
      '🚫 #1 Mangoes was cancelled by the organiser. @alice: no one needs to pay. Refunds due: @bob ¥90.00. Admins: /orders #1 refunds lists them; record each with /refund #1 @member.',
    );
    expect(out).toContain(
      '[dm bob] #1 Mangoes did not go ahead (cancelled): the organiser owes you a refund of ¥90.00, and will tell you here once it is made.',
    );
  });

  it('/orders shows each line’s money; unpaid marks the claimed ones; claimed and refunds list theirs; the CSV has money columns', async () => {
    for (const user of ['alice', 'bob', 'carol']) await group.as(user).says('+1');
    await group.as('owner').says('/paid #1 @alice');
    await t.advance('1h');
    await group.as('bob').says('已付 #1');
    expect(await group.as('owner').reply('/orders #1')).toBe(
      '#1 Mangoes\n1. alice ×1 — ¥45.00 · paid\n2. bob ×1 — ¥45.00 · claimed\n3. carol ×1 — ¥45.00 · owing ¥45.00\nTotal: 3 units, ¥135.00',
    );
    expect(await group.as('owner').reply('/orders #1 unpaid')).toBe(
      '#1: 2 unpaid, ¥90.00 outstanding:\n1. bob ×1 — ¥45.00 · claimed\n2. carol ×1 — ¥45.00\nClaimed lines wait for /confirm #1 @member (or /reject #1 @member REASON).',
    );
    expect(await group.as('owner').reply('/orders #1 claimed')).toBe(
      '#1: 1 waiting for confirmation, ¥45.00:\n1. bob ×1 — ¥45.00 · 2026-11-25 09:00\nConfirm with /confirm #1 @member or /confirm #1 all; reject with /reject #1 @member REASON.',
    );
    expect(await group.as('owner').reply('/orders #1 refunds')).toBe('No refunds due or made in #1.');
    await group.as('owner').says('/refund #1 @alice 5 one was bruised');
    expect(await group.as('owner').reply('/orders #1 refunds')).toBe(
      '#1 refunded (1), ¥5.00 in all:\n1. alice ×1 — refunded ¥5.00 (one was bruised)',
    );
    const [file] = await group.as('owner').says('/orders #1 csv');
    const csv = await readFile(file!.replace(/^\[dm owner\] file: /, ''), 'utf8');
    expect(csv).toContain(
      'line,member,ordered for,quantity,option,unit price,amount,paid,refunded,note,payment,delivered,time',
    );
    expect(csv).toContain('1,alice,,1,,45.00,45.00,45.00,5.00,,refunded,,2026-11-25 08:00');
    expect(csv).toContain('2,bob,,1,,45.00,45.00,0.00,0.00,,claimed,,2026-11-25 08:00');
    expect(csv).toContain('3,carol,,1,,45.00,45.00,0.00,0.00,,owing,,2026-11-25 08:00');
  });

  it('a claim after withdrawing says there is no order; /orders unpaid of a deal nobody ordered from says so, not "all paid"', async () => {
    await group.as('bob').says('+1');
    await group.as('bob').says('-1');
    expect(await group.as('bob').says('/paid #1')).toEqual(['You have no order in #1.']);
    expect(await group.as('owner').says('/orders #1 unpaid')).toEqual(['No orders in #1 yet.']);
  });

  it('/audit shows who claimed, confirmed, rejected, marked and refunded, with amounts and reasons', async () => {
    await group.as('alice').says('+1');
    await group.as('bob').says('+1');
    const step = async (who: string, text: string) => {
      await t.advance('1m');
      await group.as(who).says(text);
    };
    await step('alice', '已付 #1');
    await step('bob', '已付 #1');
    await step('owner', '/confirm #1 @alice');
    await step('owner', '/reject #1 @bob no transfer');
    await step('owner', '/paid #1 @bob');
    await step('owner', '/refund #1 @bob 5 late delivery');
    expect(await group.as('owner').reply('/audit')).toBe(
      [
        'Audit log (newest first):',
        '2026-11-25 08:06 #1 refunded ¥5.00 (late delivery) · bob — by owner',
        '2026-11-25 08:05 #1 marked paid ¥45.00 · bob — by owner',
        '2026-11-25 08:04 #1 claim rejected (no transfer) · bob — by owner',
        '2026-11-25 08:03 #1 payment confirmed ¥45.00 · alice — by owner',
        '2026-11-25 08:02 #1 claimed payment of ¥45.00 · bob — by bob',
        '2026-11-25 08:01 #1 claimed payment of ¥45.00 · alice — by alice',
      ].join('\n'),
    );
  });
});

describe('a Chinese group pays in its own words', () => {
  it('已付, 确认收款, 驳回, 退款, 订单 views, 我的订单, 审计 and the buttons, with no English', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    try {
      const group = t.group();
      const transcript: string[] = [];
      const say = async (who: string, text: string) => {
        await t.advance('1m');
        const out = await group.as(who).says(text);
        transcript.push(...out);
        return out;
      };
      await say('owner', '开团 "芒果" 价格=45 成团人数=2');
      await say('alice', '+1');
      await say('bob', '接龙 2');
      expect(t.buttons().rows).toEqual([['下单 +1'], ['取消', '我的订单', '我已付款']]);
      expect(await say('alice', '已付 #1')).toEqual([expect.stringMatching(/^👌 on /)]);
      expect(await say('bob', '付了 #1')).toEqual([expect.stringMatching(/^👌 on /)]);
      await say('owner', '订单 #1 待确认');
      expect(await say('owner', '确认收款 #1 @alice')).toEqual([
        '✓ #1：已确认收款 alice ¥45.00（共 ¥45.00）。',
        '[dm alice] ✓ 你在 #1 芒果 的付款 ¥45.00 已确认，谢谢！',
        // The card counts who paid (nobody named).
        expect.stringMatching(/^edited mem1: 🛒 #1 芒果[\s\S]*\n已付款：1\/2 人\n/),
      ]);
      expect(await say('owner', '驳回 #1 @bob 没有收到转账')).toContain(
        '[dm bob] ✗ 你在 #1 芒果 的付款未被确认：没有收到转账。请核对并付款后，再发送 已付 #1。',
      );
      await say('owner', '订单 #1 未付款');
      await say('owner', '订单 #1');
      const card = t.buttons();
      transcript.push(...(await group.as('bob').taps(card.messageId, card.action('我的订单'))));
      await say('owner', '取消团购 #1');
      await say('owner', '订单 #1 退款');
      expect(await say('owner', '退款 #1 @alice 10 坏了两个')).toEqual([
        '已记录：#1 退给 alice ¥10.00。仍待退款：¥35.00。',
        '[dm alice] ↩ 团长已退给你 #1 芒果 的 ¥10.00（坏了两个）。',
      ]);
      await say('owner', '退款 #1 @alice 1.234');
      await say('alice', '我的订单');
      await say('owner', '审计');
      const english = transcript
        .filter((line) => !/^\S+ on t\d+$/.test(line)) // reactions
        .map((line) => line.replace(/^(?:\[dm \w+\] |\[to \w+\] |edited \S+: )/, ''))
        .filter((line) => englishWords(line, ['alice', 'bob', 'owner']).length > 0);
      expect(english).toEqual([]);
      expect(transcript).toContain(
        '#1：2 人待确认收款，共 ¥135.00：\n1. alice ×1 — ¥45.00 · 2026-11-25 08:04\n2. bob ×2 — ¥90.00 · 2026-11-25 08:05\n确认请发送 确认收款 #1 @成员 或 确认收款 #1 全部；驳回请发送 驳回 #1 @成员 原因。',
      );
      expect(transcript).toContain(
        '🚫 #1 芒果 已被团长取消。@bob：无需付款。待退款：@alice ¥45.00。管理员：发送 订单 #1 退款 查看，退款后发送 退款 #1 @成员 记录。',
      );
      expect(transcript).toContain('你的订单：\n#1 芒果 ×1 — ¥45.00 · 已取消 · 待退款 ¥35.00');
    } finally {
      await t.close();
    }
  });
});
