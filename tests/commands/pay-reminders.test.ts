import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markBotBack, markBotRemoved } from '../../src/services/community-presence.js';
import { botsPerTest } from '../helpers/bots.js';
import { describe as describeAction, type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Payment reminders and the unpaid sweep (#17), with the fake clock. Wed 2026-11-25 16:00 in
 * Shanghai: deal #1 (¥12, stock 6) forms when bob orders; alice holds 2, bob 1, carol 1 and says
 * she paid (claimed), dave 1 and the owner marks him paid. It closes a day later.
 */
const START = '2026-11-25T08:00:00Z';
const dms = (out: string[]) => out.filter((o) => o.startsWith('[dm '));

describe('payment reminders and unpaid auto-cancel', () => {
  const { bot, cleanup } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });

  async function deal(t: TestBot, settings?: string, stock = 6): Promise<GroupChat> {
    const group = t.group();
    if (settings) await group.as('owner').says(`/settings ${settings}`);
    await group.as('owner').says(`/deal new "Eggs" price=12 min=2 stock=${stock} ends=1d`);
    await group.as('alice').says('+2');
    await group.as('bob').says('+1');
    if (stock >= 6) {
      await group.as('carol').says('+1');
      await group.as('carol').says('已付 #1');
      await group.as('dave').says('+1');
      await group.as('owner').says('/paid #1 @dave');
    }
    return group;
  }

  const ALICE_FIRST =
    '[dm alice] 💰 main: #1 Eggs is on (成团) and you owe ¥24.00 (×2). Send /pay in the group to see how to pay; once paid, send 已付 #1 there (a screenshot helps).';
  const BOB_FIRST =
    '[dm bob] 💰 main: #1 Eggs is on (成团) and you owe ¥12.00 (×1). Send /pay in the group to see how to pay; once paid, send 已付 #1 there (a screenshot helps).';

  it('2 h after the deal forms, each member still owing is reminded privately, once; claimed and paid members are not', async () => {
    const t = await bot();
    await deal(t);
    expect(dms(await t.advance('119m'))).toEqual([]);
    expect(await t.advance('1m')).toEqual([ALICE_FIRST, BOB_FIRST]);
    expect(await t.advance('1h')).toEqual([]);
    expect(t.store.tables.payNotices.get('memory:main#1|remind')?.told).toEqual(['alice', 'bob']);
  });

  it('the payment instructions are in the reminder once an admin set them up', async () => {
    const t = await bot();
    const group = await deal(t);
    await group.as('owner').says('/pay setup Alipay 138 0013 8000 (Wang)');
    const out = await t.advance('2h');
    expect(out[0]).toBe(`${ALICE_FIRST}\nHow to pay: Alipay 138 0013 8000 (Wang)`);
  });

  it('again 6 h after the deal closed, only to those still owing, with the cancellation time when auto-cancel is on', async () => {
    const t = await bot();
    const group = await deal(t, 'orders.unpaid_cancel=12h');
    await t.advance('2h');
    await group.as('alice').says('已付 #1');
    await t.advance('22h'); // closes at 2026-11-26 16:00
    expect(dms(await t.advance('359m'))).toEqual([]);
    expect(await t.advance('1m')).toEqual([
      '[dm bob] ⏰ main: #1 Eggs has closed and you still owe ¥12.00 (×1). Send /pay in the group to see how to pay; once paid, send 已付 #1 there. Orders still unpaid at 2026-11-27 04:00 are cancelled.',
    ]);
    expect(await t.advance('1h')).toEqual([]);
  });

  it('the times are settings; off sends nothing; a bad value is refused and changes nothing', async () => {
    const t = await bot();
    const group = t.group();
    expect(await group.as('owner').reply('/settings pay.remind=soon')).toBe(
      'Invalid value for "Payment reminder" (pay.remind): expected a duration like 90m, 2h or 3d, or off. Nothing was changed.',
    );
    expect(await group.as('owner').reply('设置 付款提醒=0分钟')).toBe(
      'Invalid value for "Payment reminder" (pay.remind): expected a duration like 90m, 2h or 3d, or off. Nothing was changed.',
    );
    expect(await group.as('owner').reply('/settings pay.remind=30m pay.remind_again=off')).toBe(
      'Saved: pay.remind=30m, pay.remind_again=off.',
    );
    expect(await group.as('owner').reply('/settings')).toContain(
      'pay.remind_again=off — how long after a deal closes members who still owe are reminded again (off: never)',
    );
    await deal(t);
    expect(dms(await t.advance('30m'))).toEqual([ALICE_FIRST, BOB_FIRST]);
    expect(dms(await t.advance('3d'))).toEqual([]);
  });

  it('members the platform refuses privately are mentioned in ONE group message; the others get their message', async () => {
    const t = await bot();
    await deal(t);
    t.adapter.unreachable.add('alice');
    t.adapter.unreachable.add('bob');
    const out = await t.advance('2h');
    expect(out).toEqual([
      '@alice @bob: you still owe for #1 Eggs. Send /pay to see how to pay; once paid, send 已付 #1.',
    ]);
    t.adapter.unreachable.delete('bob');
    await t.advance('24h'); // closed
    expect(await t.advance('6h')).toEqual([
      '[dm bob] ⏰ main: #1 Eggs has closed and you still owe ¥12.00 (×1). Send /pay in the group to see how to pay; once paid, send 已付 #1 there.',
      '@alice: you still owe for #1 Eggs. Send /pay to see how to pay; once paid, send 已付 #1.',
    ]);
  });

  it('where the platform has no private chats, one group message mentions everyone owing', async () => {
    const t = await bot();
    await deal(t);
    (t.adapter as { directChat?: unknown }).directChat = undefined;
    expect(await t.advance('2h')).toEqual([
      '@alice @bob: you still owe for #1 Eggs. Send /pay to see how to pay; once paid, send 已付 #1.',
    ]);
  });

  it('auto-cancel is off by default: unpaid lines stay', async () => {
    const t = await bot();
    await deal(t);
    const out = await t.advance('3d');
    expect(out.some((o) => o.includes('cancelled'))).toBe(false);
    expect(t.store.tables.orders.get('memory:main#1/alice')?.status).toBe('active');
    expect(t.store.tables.deals.get('memory:main#1')?.sold).toBe(5);
  });

  it('with orders.unpaid_cancel=12h only lines still owing are cancelled, 12 h after the close; members and admins are told, the card and stock follow', async () => {
    const t = await bot();
    const group = await deal(t, 'orders.unpaid_cancel=12h');
    await t.advance('1d'); // closed at 16:00
    await t.advance('6h'); // second reminder
    expect(await t.advance('359m')).toEqual([]);
    const out = await t.advance('1m');
    expect(out.slice(0, 3)).toEqual([
      '[dm alice] 🚫 main: your order in #1 Eggs (×2) was cancelled: it was still unpaid at 2026-11-27 04:00. If you did pay, tell the organiser.',
      '[dm bob] 🚫 main: your order in #1 Eggs (×1) was cancelled: it was still unpaid at 2026-11-27 04:00. If you did pay, tell the organiser.',
      '🚫 Still unpaid at 2026-11-27 04:00, so cancelled in #1 Eggs: alice ×2 (¥24.00); bob ×1 (¥12.00). 3 units freed. /audit lists them.',
    ]);
    // The card shows the lines left: carol (claimed) and dave (paid).
    expect(out[3]).toMatch(/^edited mem\d+: 🛒 #1 Eggs[\s\S]*2\/6 sold[\s\S]*1\. carol ×1\n2\. dave ×1\n/);
    const orders = t.store.tables.orders;
    expect(orders.get('memory:main#1/alice')).toMatchObject({ status: 'cancelled', cancelReason: 'unpaid' });
    expect(orders.get('memory:main#1/carol')?.status).toBe('active');
    expect(orders.get('memory:main#1/dave')?.status).toBe('active');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ sold: 2, buyers: 2 });
    const audit = [...t.store.tables.audit.values()].filter((a) => a.action === 'unpaid_cancelled');
    expect(audit.map((a) => [a.userId, a.by, a.cents])).toEqual([
      ['alice', 'auto', 2400],
      ['bob', 'auto', 1200],
    ]);
    // Nothing more, ever: the sweep ran once.
    expect(await t.advance('1d')).toEqual([]);
    expect(await group.as('carol').reply('/myorders')).toContain('#1 Eggs');
  });

  it('a cancelled unpaid line gives back the points it spent', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/settings orders.unpaid_cancel=12h');
    await group.as('alice').says('hi');
    await group.as('owner').says('/award @alice 500');
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 stock=6 ends=1d');
    await group.as('alice').says('/join #1 2 use=200');
    await group.as('bob').says('+1');
    const spent = t.store.tables.members.get('memory:main/alice')?.points;
    expect(spent).toBe(300);
    await t.advance('1d');
    const out = await t.advance('12h');
    expect(out[0]).toBe(
      '[dm alice] 🚫 main: your order in #1 Eggs (×2) was cancelled: it was still unpaid at 2026-11-27 04:00. The 200 points you used are back. If you did pay, tell the organiser.',
    );
    expect(t.store.tables.members.get('memory:main/alice')?.points).toBe(500);
  });

  it('freed units go to the waitlist in the same sweep', async () => {
    const t = await bot();
    const group = await deal(t, 'orders.unpaid_cancel=12h', 3);
    await group.as('erin').says('+1'); // sold out: erin waits
    await t.advance('1d');
    const out = await t.advance('12h');
    expect(out.some((o) => o.startsWith('[dm erin]'))).toBe(true);
    expect(t.store.tables.orders.get('memory:main#1/erin')?.status).toBe('active');
  });

  it('a community whose group removed the bot gets nothing; it resumes when the bot is back', async () => {
    const t = await bot();
    await deal(t);
    await t.store.transact((tx) => markBotRemoved(tx, 'memory:main', t.clock.now())).committed;
    expect(await t.advance('3h')).toEqual([]);
    expect(t.store.tables.payNotices.size).toBe(0);
    await t.store.transact((tx) => markBotBack(tx, 'memory:main')).committed;
    expect(await t.advance('1m')).toEqual([ALICE_FIRST, BOB_FIRST]);
  });

  it('turned on long after a deal closed, auto-cancel leaves that deal alone (a step more than a day late is dropped)', async () => {
    const t = await bot();
    const group = await deal(t);
    await t.advance('4d');
    await group.as('owner').says('/settings orders.unpaid_cancel=12h');
    expect(await t.advance('1h')).toEqual([]);
    expect(t.store.tables.orders.get('memory:main#1/alice')?.status).toBe('active');
  });

  it('a Chinese group reads it all in Chinese', async () => {
    const t = await bot({ locale: 'zh' });
    await deal(t, '未付款自动取消=12小时');
    t.adapter.unreachable.add('bob');
    expect(await t.advance('2h')).toEqual([
      '[dm alice] 💰 main：#1 Eggs 已成团，你需付款 ¥24.00（×2）。在群里发送 付款方式 查看怎么付；付款后在群里发送 已付 #1（可附截图）。',
      '@bob：你们在 #1 Eggs 还未付款。发送 付款方式 查看怎么付；付款后发送 已付 #1。',
    ]);
    await t.advance('1d'); // closes at 10:00 UTC, when the clock next ticks
    const out = await t.advance('12h');
    expect(out).toEqual([
      '[dm alice] 🚫 main：你在 #1 Eggs 的订单（×2）到 2026-11-27 06:00 仍未付款，已被取消。如已付款，请联系团长。',
      '🚫 #1 Eggs 到 2026-11-27 06:00 仍未付款的订单已取消：alice ×2（¥24.00）；bob ×1（¥12.00）。释放 3 件。发送 审计 查看记录。',
      expect.stringMatching(/^edited mem\d+: 🛒 #1 Eggs/),
      '@bob：你们在 #1 Eggs 的未付款订单已取消（到 2026-11-27 06:00 仍未付款）。',
    ]);
  });

  it('a restart neither repeats a step nor loses one that fell due while the bot was down', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-pay-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await TestBot.create({ dir, start: START, timezone: 'Asia/Shanghai' });
    await deal(first, 'orders.unpaid_cancel=12h');
    expect(dms(await first.advance('2h'))).toHaveLength(2);
    await first.advance('22h'); // closed at 11-26 08:00 UTC
    await first.close();

    // Down until after the second reminder fell due (14:00 UTC): it goes at start, the first does not again.
    const second = await TestBot.create({ dir, start: '2026-11-26T15:00:00Z', timezone: 'Asia/Shanghai' });
    await second.bot.idle();
    expect(second.adapter.actions.map(describeAction)).toEqual([
      expect.stringMatching(/^\[dm alice\] ⏰ main: #1 Eggs has closed/),
      expect.stringMatching(/^\[dm bob\] ⏰ main: #1 Eggs has closed/),
    ]);
    expect(await second.advance('5h')).toHaveLength(4); // the sweep: 2 private, the admins, the card
    await second.close();

    const third = await TestBot.create({ dir, start: '2026-11-26T22:00:00Z', timezone: 'Asia/Shanghai' });
    cleanup.push(() => third.close());
    await third.bot.idle();
    expect(third.adapter.actions).toEqual([]);
    expect(await third.advance('1d')).toEqual([]);
    expect(third.store.tables.orders.get('memory:main#1/alice')?.status).toBe('cancelled');
  });
});
