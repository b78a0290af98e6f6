import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * A member's "I paid" is a statement that money moved: the admin confirms what the member said
 * they paid, and a claim stays to be answered when the line no longer costs anything (withdrawn,
 * deal failed or cancelled) — otherwise money the leader received could never be recorded, nor
 * given back.
 */

describe('GIVEN a formed deal where alice said she paid', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h');
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    await t.advance('1m');
    await group.as('alice').says('已付 #1');
  });
  afterEach(async () => {
    await t.close();
  });

  it('raising the quantity after the claim: the admin confirms the ¥45.00 she said, the rest is still owed', async () => {
    await group.as('alice').says('+3');
    expect(await group.as('owner').reply('/orders #1 claimed')).toBe(
      '#1: 1 waiting for confirmation, ¥45.00:\n1. alice ×3 — ¥45.00 · 2026-11-25 08:01\nConfirm with /confirm #1 @member or /confirm #1 all; reject with /reject #1 @member REASON.',
    );
    expect(await group.as('owner').says('/confirm #1 @alice')).toEqual([
      '✓ #1: payment confirmed for alice ¥45.00 (¥45.00 in all).',
      '[dm alice] ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. You still owe ¥90.00: once paid, send 已付 #1.',
    ]);
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×3 — ¥135.00 · owing ¥90.00',
    );
  });

  it('withdrawing after the claim: the claim waits for the admin, and once confirmed it is owed back', async () => {
    await group.as('alice').says('不要了');
    expect(await group.as('owner').reply('/orders #1 claimed')).toBe(
      '#1: 1 waiting for confirmation, ¥45.00:\n1. alice ×1 — ¥45.00 · 2026-11-25 08:01\nConfirm with /confirm #1 @member or /confirm #1 all; reject with /reject #1 @member REASON.',
    );
    // The answer says what the confirmation makes owed back (payment-admin.ts, refund-notices.ts).
    expect((await group.as('owner').says('/confirm #1 @alice'))[0]).toBe(
      '✓ #1: payment confirmed for alice ¥45.00 (¥45.00 in all).\nRefunds due: @alice ¥45.00. Admins: /orders #1 refunds lists them; record each with /refund #1 @member.',
    );
    expect(await group.as('owner').reply('/orders #1 refunds')).toBe(
      '#1 refunds due (1), ¥45.00 in all:\n1. alice ×1 — paid ¥45.00 · refund due ¥45.00\nRecord each refund with /refund #1 @member [AMOUNT] [REASON].',
    );
    expect((await group.as('owner').says('/refund #1 @alice'))[0]).toBe(
      'Recorded: ¥45.00 refunded to alice in #1.',
    );
  });

  it('the deal is cancelled: the announcement names her claim to check; confirmed, it is refunded', async () => {
    const out = await group.as('owner').says('/deal cancel #1');
    expect(out[0]).toBe(
      '🚫 #1 Mangoes was cancelled by the organiser. @bob: no one needs to pay. Said they paid, not confirmed yet: @alice ¥45.00. Admins: if the money came, /confirm #1 @member, then record the refund with /refund #1 @member; if not, /reject #1 @member REASON.',
    );
    expect(await group.as('owner').reply('/orders #1')).toBe(
      '#1 Mangoes\n1. alice ×1 — ¥45.00 · cancelled · claimed\n2. bob ×2 — ¥90.00 · cancelled · nothing to pay\nTotal: 3 units, ¥135.00',
    );
    expect(await group.as('owner').reply('/orders #1 unpaid')).toBe(
      'Nobody owes anything in #1 (cancelled).',
    );
    await group.as('owner').says('/confirm #1 @alice');
    expect((await group.as('owner').says('/refund #1 @alice'))[0]).toBe(
      'Recorded: ¥45.00 refunded to alice in #1.',
    );
  });

  it('the deal fails: the announcement names her claim too, and a rejection leaves nothing to pay', async () => {
    await group.as('bob').says('不要了');
    const closing = await t.advance('48h');
    expect(closing).toContain(
      '❌ #1 Mangoes did not reach 2 buyers (1) by the deadline. No one needs to pay. Said they paid, not confirmed yet: @alice ¥45.00. Admins: if the money came, /confirm #1 @member, then record the refund with /refund #1 @member; if not, /reject #1 @member REASON.',
    );
    await group.as('owner').says('/reject #1 @alice no transfer');
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×1 — ¥45.00 · failed · nothing to pay',
    );
  });

  it('in Chinese, the cancellation names the claim with the Chinese commands', async () => {
    await group.as('owner').says('/lang zh');
    const out = await group.as('owner').says('取消团购 #1');
    expect(out[0]).toBe(
      '🚫 #1 Mangoes 已被团长取消。@bob：无需付款。已报付款、尚未确认：@alice ¥45.00。管理员：如已收到，请发送 确认收款 #1 @成员，再发送 退款 #1 @成员 记录退款；未收到请发送 驳回 #1 @成员 原因。',
    );
  });

  it('a second refund after everything was given back says so, not that she never paid', async () => {
    await group.as('owner').says('/confirm #1 @alice');
    await group.as('owner').says('/refund #1 @alice');
    expect(await group.as('owner').reply('/refund #1 @alice')).toBe(
      'Nothing recorded: alice was already refunded all ¥45.00 paid in #1.',
    );
  });

  it('bob paid and withdrew: his line reads as withdrawn, so nobody packs it, for him and for the admin', async () => {
    await group.as('owner').says('/paid #1 @bob');
    await group.as('bob').says('不要了');
    expect(await group.as('bob').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×2 — ¥90.00 · withdrawn · refund due ¥90.00',
    );
    expect(await group.as('owner').reply('/orders #1')).toBe(
      '#1 Mangoes\n1. alice ×1 — ¥45.00 · claimed\n– bob ×2 — ¥90.00 · withdrawn · refund due ¥90.00\nTotal: 1 unit, ¥45.00',
    );
    await group.as('owner').says('/lang zh');
    expect(await group.as('bob').reply('我的订单')).toBe(
      '你的订单：\n#1 Mangoes ×2 — ¥90.00 · 订单已取消 · 待退款 ¥90.00',
    );
  });
});
