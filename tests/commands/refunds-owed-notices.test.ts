import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * A paid line that comes to cost less (withdrawn by `不要了`, /cancel or the card's Withdraw,
 * lowered by `改1`, re-priced lower by `/deal edit … reprice=all`) makes money owed back: the member
 * is told privately, and the admins read it in what the group sees anyway (the deal's batched
 * notice, the command's answer), never in a message of its own per member.
 */

const DEAL = '/deal new "Mangoes" price=45 min=2 ends=48h';
const ADMINS = 'Admins: /orders #1 refunds lists them; record each with /refund #1 @member.';
const owes = (user: string, why: string, amount: string) =>
  `[dm ${user}] ↩ #1 Mangoes: ${why}, so the organiser owes you ${amount} back. You will be told here once it is refunded.`;

describe('GIVEN members who paid for ×2 each (¥90.00)', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    await group.as('owner').says(DEAL);
    for (const user of ['alice', 'bob', 'carol', 'dave']) {
      await group.as(user).says('+2');
      await group.as('owner').says(`/paid #1 @${user}`);
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const withoutCard = (out: string[]) => out.filter((line) => !line.startsWith('edited '));

  it('不要了: the member is told privately what is owed back; the admins read it in the deal’s batched notice', async () => {
    expect(withoutCard(await group.as('alice').says('不要了'))).toEqual([
      owes('alice', 'your order was withdrawn after you paid', '¥90.00'),
      `#1 Mangoes:\nRefunds due: @alice ¥90.00. ${ADMINS}`,
      expect.stringMatching(/^👌 on /),
    ]);
    expect(await group.as('owner').reply('/orders #1 refunds')).toContain(
      '1. alice ×2 — paid ¥90.00 · refund due ¥90.00',
    );
  });

  it('/cancel: the answer names the refund due; an admin withdrawing a member’s paid line is told too', async () => {
    expect(withoutCard(await group.as('bob').says('/cancel #1'))).toEqual([
      owes('bob', 'your order was withdrawn after you paid', '¥90.00'),
      `↩ bob: ×2 withdrawn\nRefunds due: @bob ¥90.00. ${ADMINS}`,
      expect.stringMatching(/^👌 on /),
    ]);
    const out = withoutCard(await group.as('owner').says('/cancel #1 @carol'));
    expect(out).toContain(owes('carol', 'your order was withdrawn after you paid', '¥90.00'));
    expect(out).toContain(`↩ carol: ×2 withdrawn\nRefunds due: @carol ¥90.00. ${ADMINS}`);
  });

  it('the card’s Withdraw: the tap’s private answer, the private notice, and one line in the batched notice', async () => {
    const card = t.buttons();
    const out = withoutCard(await group.as('dave').taps(card.messageId, card.action('Withdraw')));
    expect(out).toEqual([
      owes('dave', 'your order was withdrawn after you paid', '¥90.00'),
      `#1 Mangoes:\nRefunds due: @dave ¥90.00. ${ADMINS}`,
      '[to dave] ↩ #1: ×2 withdrawn',
    ]);
  });

  it('改1 lowers a paid line: the difference is owed back and said once', async () => {
    expect(withoutCard(await group.as('alice').says('改1'))).toEqual([
      owes('alice', 'your order now costs ¥45.00, less than the ¥90.00 you paid', '¥45.00'),
      `#1 Mangoes:\nRefunds due: @alice ¥45.00. ${ADMINS}`,
      expect.stringMatching(/^👌 on /),
    ]);
    // Raising it again owes nothing back: nobody is told anything about money.
    expect(withoutCard(await group.as('alice').says('改2'))).toEqual([expect.stringMatching(/^👌 on /)]);
  });

  it('a price cut on paid lines (reprice=all): one line in the answer lists who is owed what; each is told privately', async () => {
    await group.as('dave').says('改1');
    const out = await group.as('owner').says('/deal edit #1 price=40 reprice=all');
    expect(out).toContain(
      `Deal #1 updated; 4 existing orders take the new price.\nRefunds due: @alice ¥10.00, @bob ¥10.00, @carol ¥10.00, @dave ¥50.00. ${ADMINS}`,
    );
    expect(out).toContain(
      owes(
        'dave',
        'the price went down: your order now costs ¥40.00, less than the ¥90.00 you paid',
        '¥50.00',
      ),
    );
    expect(out.filter((line) => line.startsWith('[dm '))).toHaveLength(4);
    // A price raised owes nothing back: no notice.
    const raised = await group.as('owner').says('/deal edit #1 price=50 reprice=all');
    expect(raised.filter((line) => line.startsWith('[dm ') || line.includes('Refunds due'))).toEqual([]);
  });

  it('a member who had not paid withdraws: nothing is owed back and nobody is told of money', async () => {
    await group.as('erin').says('+1');
    expect(withoutCard(await group.as('erin').says('不要了'))).toEqual([expect.stringMatching(/^👌 on /)]);
  });

  it('where the platform refuses the private message, the group line already names the member', async () => {
    t.adapter.unreachable.add('alice');
    const out = withoutCard(await group.as('alice').says('不要了'));
    expect(out).toContain(`#1 Mangoes:\nRefunds due: @alice ¥90.00. ${ADMINS}`);
    expect(out.filter((line) => line.includes('@alice ↩'))).toEqual([]);
  });
});

describe('GIVEN members who said they paid and did not wait for the confirmation', () => {
  it('a claim confirmed on a line withdrawn since is owed back: the answer names it, the member hears both', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says(DEAL);
    for (const user of ['alice', 'bob']) await group.as(user).says('+2');
    await group.as('alice').says('已付 #1');
    // Withdrawn while claimed: nothing is owed back yet (the money may not have come).
    expect((await group.as('alice').says('不要了')).filter((l) => l.startsWith('[dm '))).toEqual([]);
    expect(await group.as('owner').says('/confirm #1 @alice')).toEqual([
      `✓ #1: payment confirmed for alice ¥90.00 (¥90.00 in all).\nRefunds due: @alice ¥90.00. ${ADMINS}`,
      '[dm alice] ✓ Your payment of ¥90.00 for #1 Mangoes is confirmed. Thank you!',
      owes('alice', 'your order was withdrawn after you paid', '¥90.00'),
    ]);
    // In a deal cancelled meanwhile, the notice says it did not go ahead.
    await group.as('bob').says('已付 #1');
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('owner').says('/confirm #1 all')).toContain(
      '[dm bob] #1 Mangoes did not go ahead (cancelled): the organiser owes you a refund of ¥90.00, and will tell you here once it is made.',
    );
    await t.close();
  });
});

describe('GIVEN a Chinese group', () => {
  it('the private notice and the admins’ line read in Chinese', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    const group = t.group();
    await group.as('owner').says('/deal new "芒果" price=45 min=1 ends=48h');
    await group.as('alice').says('+2');
    await group.as('owner').says('已付款 #1 @alice');
    const out = await group.as('alice').says('改1');
    expect(out).toContain(
      '[dm alice] ↩ #1 芒果：你的订单现为 ¥45.00，少于你已付的 ¥90.00，团长应退你 ¥45.00，退款后会再通知你。',
    );
    expect(out).toContain(
      '#1 芒果：\n待退款：@alice ¥45.00。管理员：发送 订单 #1 退款 查看，退款后发送 退款 #1 @成员 记录。',
    );
    await t.close();
  });
});
