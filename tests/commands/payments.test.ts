import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moneyState } from '../../src/services/money-state.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/** Money in the chat: members say they paid, admins confirm, reject, mark and refund. */

const DEAL = '/deal new "Mangoes" price=45 min=2 ends=48h';

describe('GIVEN a deal with orders', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says(DEAL);
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
  });
  afterEach(async () => {
    await t.close();
  });

  const deal = () => t.store.tables.deals.get('memory:main#1')!;
  const state = (user: string) => {
    const line = [...t.store.tables.orders.values()].find((o) => o.userId === user && o.dealId === deal().id);
    return line && moneyState(line, deal()).state;
  };
  /** Everything money and orders are made of, to check that a refusal changed nothing. */
  const snapshot = () =>
    JSON.stringify([
      [...t.store.tables.orders.values()],
      [...t.store.tables.payments.values()],
      [...t.store.tables.audit.values()],
    ]);

  it('a member says they paid in any of the ways members write it, and the line is claimed', async () => {
    for (const user of ['carol', 'dave', 'erin', 'fay']) await group.as(user).says('+1');
    const ways: [string, string][] = [
      ['alice', '已付 #1'],
      ['bob', '已付款 #1'],
      ['carol', '付了 #1'],
      ['dave', 'I paid #1'],
      ['erin', '/paid #1'],
      ['fay', '已付#1'],
    ];
    for (const [user, text] of ways) {
      // Quiet, like an order: a 👌 on the claim, no group message.
      expect(await group.as(user).says(text), text).toEqual([expect.stringMatching(/^👌 on /)]);
      expect(state(user), text).toBe('claimed');
    }
    expect(await group.as('bob').reply('/myorders')).toContain('#1 Mangoes ×2 — ¥90.00 · claimed');
    // Privately to the bot it is a claim about the member's group too.
    await group.as('gus').says('+1');
    expect(await t.dm('gus').reply('I paid #1')).toMatch(
      /^\[dm gus\] ✓ #1 Mangoes: noted that you paid ¥45\.00/,
    );
    expect(await t.dm('gus').reply('已付 #1')).toMatch(
      /^\[dm gus\] You already said you paid ¥45\.00 for #1/,
    );
    // Nobody's order changed: a claim is never read as a 接龙 line.
    expect([...t.store.tables.orders.values()].map((o) => o.qty).sort()).toEqual([1, 1, 1, 1, 1, 1, 2]);
  });

  it('a question about paying is neither a claim nor an order', async () => {
    const before = snapshot();
    for (const text of ['已付了吗 #1?', '已付 #1？', '付了吗', '已付款了吗', 'I paid #1?'])
      expect(await group.as('alice').says(text), text).toEqual([]);
    expect(snapshot()).toBe(before);
  });

  it('each answer to a claim: already claimed, nothing owed, no order, unknown deal, deal that did not go ahead', async () => {
    await group.as('alice').says('已付 #1');
    expect(await group.as('alice').reply('已付 #1')).toBe(
      'You already said you paid ¥45.00 for #1; the organiser has not confirmed it yet.',
    );
    await group.as('owner').says('/confirm #1 @alice');
    expect(await group.as('alice').reply('I paid #1')).toBe('Nothing to pay in #1: paid.');
    expect(await group.as('carol').reply('已付 #1')).toBe('You have no order in #1.');
    expect(await group.as('carol').reply('已付 #9')).toBe(
      'There is no deal #9 in this group. /deals lists the open ones.',
    );
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('bob').reply('/paid #1')).toBe(
      '#1 Mangoes did not go ahead (cancelled): there is nothing to pay. If you already paid, you will be refunded.',
    );
    expect(state('bob')).toBe('cancelled');
  });

  it('已付 without a deal claims the one deal the member owes in, and asks which when there are several', async () => {
    expect(await group.as('alice').reply('已付')).toMatch(/^👌 on /);
    expect(state('alice')).toBe('claimed');
    await group.as('owner').says('/deal new "Eggs" price=12 min=1');
    await group.as('bob').says('+1 #2');
    const before = snapshot();
    expect(await group.as('bob').reply('付了')).toBe(
      'Which deal did you pay for? #1 Mangoes, #2 Eggs. Send 已付 #1.',
    );
    expect(snapshot()).toBe(before);
    expect(await group.as('carol').reply('已付')).toBe('You owe nothing in this group right now.');
  });

  it("a member cannot claim or mark someone else's line", async () => {
    const before = snapshot();
    for (const text of ['/paid #1 @bob', '/paid #1 bob', '已付款 #1 @nobody'])
      expect(await group.as('alice').reply(text), text).toBe(
        'Only group admins can use /paid @member. Nothing was changed.',
      );
    expect(await group.as('alice').reply('/confirm #1 all')).toBe(
      'Only group admins can use /confirm. Nothing was changed.',
    );
    for (const text of ['/reject #1 @bob no', '/refund #1 @bob'])
      expect(await group.as('alice').reply(text)).toMatch(/^Only group admins can use/);
    expect(snapshot()).toBe(before);
    // Their own name, or words nobody goes by, make it their own claim.
    expect(await group.as('alice').reply('/paid #1 @alice')).toMatch(/^👌 on /);
    expect(await group.as('bob').reply('已付 #1 谢谢团长')).toMatch(/^👌 on /);
    expect([state('alice'), state('bob')]).toEqual(['claimed', 'claimed']);
  });

  it('the admin confirms one, several or all claims; each member is told privately', async () => {
    for (const user of ['carol', 'dave']) await group.as(user).says('+1');
    for (const user of ['alice', 'bob', 'carol', 'dave']) await group.as(user).says('已付 #1');
    expect(await group.as('owner').says('/confirm #1 @alice')).toEqual([
      '✓ #1: payment confirmed for alice ¥45.00 (¥45.00 in all).',
      '[dm alice] ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. Thank you!',
      // The card counts who paid (nobody named): 1 of the 4 buyers.
      expect.stringMatching(/^edited mem1: 🛒 #1 Mangoes[\s\S]*\nPaid: 1 of 4 buyers\n/),
    ]);
    expect(await group.as('owner').says('/confirm #1 @bob @carol')).toEqual([
      '✓ #1: payment confirmed for bob ¥90.00, carol ¥45.00 (¥135.00 in all).',
      '[dm bob] ✓ Your payment of ¥90.00 for #1 Mangoes is confirmed. Thank you!',
      '[dm carol] ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. Thank you!',
      expect.stringMatching(/^edited mem1: 🛒 #1 Mangoes[\s\S]*\nPaid: 3 of 4 buyers\n/),
    ]);
    const all = await group.as('owner').says('/confirm #1 all');
    expect(all[0]).toBe('✓ #1: payment confirmed for dave ¥45.00 (¥45.00 in all).');
    expect(['alice', 'bob', 'carol', 'dave'].map(state)).toEqual(['paid', 'paid', 'paid', 'paid']);
    expect(await group.as('owner').reply('/confirm #1 all')).toBe(
      'Nobody in #1 is waiting for a payment confirmation.',
    );
    expect(await group.as('owner').reply('/confirm #1 @alice')).toBe(
      'alice has no payment claim to confirm in #1 (paid).',
    );
  });

  it('one wrong name confirms nothing; an unknown deal neither', async () => {
    await group.as('alice').says('已付 #1');
    const before = snapshot();
    expect(await group.as('owner').reply('/confirm #1 @alice @nobody')).toBe(
      'No member called @nobody in this group.',
    );
    expect(await group.as('owner').reply('/confirm #7 @alice')).toBe(
      'There is no deal #7 in this group. /deals lists the open ones.',
    );
    expect(snapshot()).toBe(before);
  });

  it('the admin rejects a claim with a reason the member is told; the line owes again', async () => {
    await group.as('bob').says('I paid #1');
    expect(await group.as('owner').says('/reject #1 @bob no transfer received')).toEqual([
      "bob's payment claim in #1 is rejected (no transfer received). They are told, and owe it again.",
      '[dm bob] ✗ Your payment for #1 Mangoes was not confirmed: no transfer received. Please check, pay, and send 已付 #1 again.',
    ]);
    expect(state('bob')).toBe('owing');
    expect(await group.as('owner').reply('/reject #1 @alice no money')).toBe(
      'alice has no payment claim to confirm in #1 (owing ¥45.00).',
    );
    expect(await group.as('owner').reply('/reject #1 @bob')).toMatch(/^Missing reason\./);
  });

  it('a member who cannot be reached privately is told in the group, mentioned', async () => {
    t.adapter.unreachable.add('alice');
    await group.as('alice').says('已付 #1');
    const out = await group.as('owner').says('/confirm #1 @alice');
    expect(out).toContain('@alice ✓ Your payment of ¥45.00 for #1 Mangoes is confirmed. Thank you!');
  });

  it('/paid #3 @member marks a member paid without a claim (cash), once, and tells them privately; a dead deal owes nothing', async () => {
    expect(await group.as('owner').says('/paid #1 @alice')).toEqual([
      "alice's order in #1 is marked paid (¥45.00).",
      '[dm alice] ✓ The organiser marked your order in #1 Mangoes paid (¥45.00). Thank you!',
      expect.stringMatching(/^edited mem1: 🛒 #1 Mangoes[\s\S]*\nPaid: 1 of 2 buyers\n/),
    ]);
    expect(await group.as('owner').reply('/paid #1 @alice')).toBe('alice owes nothing in #1 (paid).');
    await group.as('carol').says('hello');
    expect(await group.as('owner').reply('/paid #1 @carol')).toBe('carol has no order in #1.');
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('owner').reply('/paid #1 @bob')).toBe(
      '#1 did not go ahead (cancelled): nobody owes anything. Record money given back with /refund #1 @member.',
    );
  });

  it('refunds: bad amounts, more than paid, nothing paid and no order are refused and change nothing', async () => {
    await group.as('owner').says('/paid #1 @alice');
    await group.as('carol').says('hello');
    const before = snapshot();
    for (const amount of ['1.234', '-5', '99999999999', '0', '¥-3', '五', '1e1', '0x10', '.5', '－５'])
      expect(await group.as('owner').reply(`/refund #1 @alice ${amount} oops`), amount).toBe(
        `Nothing recorded: "${amount}" is not an amount. Write it like 12.5 (more than 0, at most 2 decimals).`,
      );
    expect(await group.as('owner').reply('/refund #1 @alice 45.01')).toBe(
      'Nothing recorded: alice has ¥45.00 paid and not yet refunded, and a refund cannot be more.',
    );
    expect(await group.as('owner').reply('/refund #1 @bob 10')).toBe(
      'Nothing recorded: bob has paid nothing in #1.',
    );
    expect(await group.as('owner').reply('/refund #1 @carol')).toBe('carol has no order in #1.');
    expect(await group.as('owner').reply('/refund #4 @alice')).toMatch(/^There is no deal #4/);
    expect(snapshot()).toBe(before);
  });

  it('full-width digits are read as the amount, not taken as the reason', async () => {
    await group.as('owner').says('/paid #1 @alice');
    expect((await group.as('owner').says('/refund #1 @alice ５'))[0]).toBe(
      'Recorded: ¥5.00 refunded to alice in #1.',
    );
    expect((await group.as('owner').says('/refund #1 @alice １２．５０ 坏了'))[0]).toBe(
      'Recorded: ¥12.50 refunded to alice in #1.',
    );
  });

  it('a partial refund with a reason, then the rest; the member is told each time', async () => {
    await group.as('owner').says('/paid #1 @alice');
    expect(await group.as('owner').says('/refund #1 @alice 10 two were bad')).toEqual([
      'Recorded: ¥10.00 refunded to alice in #1.',
      '[dm alice] ↩ The organiser refunded ¥10.00 to you for #1 Mangoes (two were bad).',
    ]);
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×1 — ¥45.00 · refunded ¥10.00 of ¥45.00 (two were bad)',
    );
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n#1 Mangoes ×1 — ¥45.00 · cancelled · refund due ¥35.00',
    );
    expect(await group.as('owner').says('退款 #1 @alice')).toEqual([
      'Recorded: ¥35.00 refunded to alice in #1.',
      '[dm alice] ↩ The organiser refunded ¥35.00 to you for #1 Mangoes.',
    ]);
    expect(state('alice')).toBe('refunded');
  });
});

describe('GIVEN a platform without reactions', () => {
  it('claims typed in the group are answered in one batched notice, not a reply each', async () => {
    const w = await TestBot.create({ start: '2026-11-25T08:00:00Z', capabilities: { reactions: false } });
    const group = w.group();
    await group.as('owner').says(DEAL);
    await group.as('alice').says('+1');
    await group.as('bob').says('+2');
    expect(await group.as('alice').reply('已付 #1')).toBe(
      '#1 Mangoes:\n✓ alice: paid ¥45.00, to be confirmed',
    );
    await w.close();
  });
});
