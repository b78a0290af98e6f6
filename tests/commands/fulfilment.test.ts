import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moneyState } from '../../src/services/money-state.js';
import { botsPerTest } from '../helpers/bots.js';
import { describe as describeAction, TestBot } from '../helpers/chat.js';
import { dealAtTwoPoints, masked } from '../helpers/goods.js';

/**
 * Goods after a deal closed, in the chat: shipped, arrived (short goods shared by the group's
 * rule, pickup codes sent privately), pickup open, pickup over. Each step is announced once in
 * the group and told privately to the point's buyers; bad input gets a clear answer and changes
 * nothing.
 */

const START = '2026-11-25T08:00:00Z';
const DEAL = '#1';

const orders = (t: TestBot) => JSON.stringify([...t.store.tables.orders.values()]);
const state = (t: TestBot) =>
  JSON.stringify([
    [...t.store.tables.orders.values()],
    [...t.store.tables.deals.values()],
    [...t.store.tables.fulfilments.values()],
  ]);

describe('goods of a closed deal, in the chat', () => {
  const { bot, cleanup } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });

  it('shipped → arrived 3 L short (last orders first) → picking → done: each announced once, buyers told privately', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t);
    await group.as('owner').says(`/deal close ${DEAL}`);

    expect(await group.as('owner').says('/shipped #1 SF123')).toEqual([
      '🚚 #1 Mangoes has shipped to 东门, 西门. Note: SF123',
      ...['alice', 'bob', 'carol', 'dan'].map(
        (u) => `[dm ${u}] 🚚 main: #1 Mangoes has shipped. Note: SF123 You will be told when it arrives.`,
      ),
    ]);

    // The keeper of 东门 counts what came: 7 of 10 L, the 1 S.
    const arrived = masked(t, await group.as('kim').says('/arrived #1 东门 L=7 S=1'));
    expect(arrived).toEqual([
      [
        '📦 #1 Mangoes has arrived at 东门.',
        'Arrived of ordered: L 7/10, S 1/1.',
        'Short L ×3 (last orders first): bob ×3 L → ×2, carol ×2 L → none arrived, withdrawn.',
        'Owed back: carol ¥90.00. Record each refund with /refund #1 @member once paid back.',
        'Pick up: 2026-11-28 10:00–12:00.',
        'Each buyer got their pickup code privately (also in /myorders).',
      ].join('\n'),
      '[dm alice] 📦 main: #1 Mangoes has arrived at 东门. Your pickup code: <alice L> (×5 L). Pick up: 2026-11-28 10:00–12:00.',
      '[dm bob] 📦 main: #1 Mangoes has arrived at 东门. Fewer arrived than ordered: your ×3 L is now ×2 (¥45.00 less). Your pickup code: <bob L> (×2 L). Pick up: 2026-11-28 10:00–12:00.',
      '[dm carol] 📦 main: #1 Mangoes has arrived at 东门. None of your ×2 L arrived: that order is withdrawn (¥90.00 less). ¥90.00 will be refunded to you. Your pickup code: <carol S> (×1 S). Pick up: 2026-11-28 10:00–12:00.',
      '[dm alice] image: QR <alice L>',
      '[dm bob] image: QR <bob L>',
      '[dm carol] image: QR <carol S>',
      // The card's roster follows: bob ×2, carol's L gone.
      expect.stringMatching(/^edited mem\d+: 🛒 #1 Mangoes[\s\S]*\n2\. bob ×2 L\n3\. carol ×1 S\n/),
    ]);
    // Carol paid for the 2 L that did not come: a refund is due, shown where admins look for them.
    expect(await group.as('owner').reply('/orders #1 refunds')).toMatch(/carol.*refund due ¥90\.00/s);
    expect(await group.as('carol').reply('/myorders')).toMatch(/refund due ¥90\.00/);

    expect(await group.as('kim').says('/arrived #1 东门 L=10 S=1')).toEqual([
      'Goods of #1 at 东门: already arrived (2026-11-25 16:00). Nothing changed.',
    ]);

    expect(masked(t, await group.as('kim').says('/picking #1 东门'))).toEqual([
      '🛍 #1 Mangoes: pickup at 东门 is open now (2026-11-28 10:00–12:00). Show your pickup code when you collect.',
      '[dm alice] 🛍 main: pickup of #1 Mangoes at 东门 is open now (2026-11-28 10:00–12:00). Your pickup code: <alice L> (×5 L).',
      '[dm bob] 🛍 main: pickup of #1 Mangoes at 东门 is open now (2026-11-28 10:00–12:00). Your pickup code: <bob L> (×2 L).',
      '[dm carol] 🛍 main: pickup of #1 Mangoes at 东门 is open now (2026-11-28 10:00–12:00). Your pickup code: <carol S> (×1 S).',
    ]);

    // Alice pays and picks up, so does carol (paid before); bob does not come.
    await group.as('owner').says('/paid #1 @alice');
    for (const user of ['alice', 'carol']) {
      const code = [...t.store.tables.orders.values()].find((o) => o.userId === user && o.pickupCode)!
        .pickupCode!;
      await group.as('kim').says(`/verify ${code}`);
    }
    expect(await group.as('kim').says('/done #1 东门')).toEqual([
      '✅ #1 Mangoes: pickup at 东门 is over. Picked up: 2 of 3. Not picked up: bob ×2 L.',
      '[dm bob] ⌛ main: pickup of #1 Mangoes at 东门 is over and your ×2 L was not picked up. Please contact the organiser.',
    ]);
    expect(await group.as('kim').says('/picking #1 东门')).toEqual([
      'Goods of #1 at 东门: pickup is already over (2026-11-25 16:00). Nothing changed.',
    ]);
    expect(await group.as('alice').reply('/goods #1')).toBe(
      [
        '#1 Mangoes — goods by pickup point:',
        '• 东门: pickup over (2026-11-25 16:00) · picked up 2 of 3',
        '• 西门: shipped (2026-11-25 16:00) · picked up 0 of 1',
      ].join('\n'),
    );
  });

  it('refuses what it cannot do with a clear answer, changing nothing', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t);
    const before = state(t);
    expect(await group.as('owner').reply('/arrived #1 东门 L=10 S=1')).toBe(
      '#1 still takes orders: goods are recorded once it has closed (/deal close #1). Nothing changed.',
    );
    expect(await group.as('owner').reply('/shipped #1')).toMatch(/^#1 still takes orders/);
    expect(state(t)).toBe(before);
    await group.as('owner').says('/deal close #1');
    const closed = state(t);
    const refusals: [string, string, string][] = [
      ['owner', '/arrived #9 东门', 'There is no deal #9 in this group. /deals lists the open ones.'],
      [
        'owner',
        '/arrived #1 北门 L=1',
        '#1 has no pickup point "北门"; its points: 东门, 西门. Nothing changed.',
      ],
      [
        'owner',
        '/arrived #1 南门 L=1',
        '南门 is not a pickup point of #1 (it delivers to 东门, 西门). Nothing changed.',
      ],
      [
        'owner',
        '/arrived #1 L=10 S=1',
        'Which pickup point? #1 delivers to 东门, 西门, e.g. /arrived #1 东门. Nothing changed.',
      ],
      [
        'alice',
        '/arrived #1 东门 L=10 S=1',
        'Only an admin or the keeper of 东门 can record that. Nothing changed.',
      ],
      [
        'kim',
        '/arrived #1 西门 S=1',
        'Only an admin or the keeper of 西门 can record that. Nothing changed.',
      ],
      ['kim', '/done #1 西门', 'Only an admin or the keeper of 西门 can record that. Nothing changed.'],
      ['alice', '/shipped #1', 'Only group admins can use /shipped. Nothing was changed.'],
      ['alice', '/short #1 @bob 1', 'Only group admins can use /short. Nothing was changed.'],
      [
        'kim',
        '/arrived #1 东门 L=-1 S=1',
        '"L=-1" is not a count of units that arrived (0 to 99999 per option, e.g. 18 or L=18). Nothing recorded.',
      ],
      [
        'kim',
        '/arrived #1 东门 L=100000 S=1',
        '"L=100000" is not a count of units that arrived (0 to 99999 per option, e.g. 18 or L=18). Nothing recorded.',
      ],
      [
        'kim',
        '/arrived #1 东门 L=seven S=1',
        expect.stringMatching(/^"L=seven" is not a count/) as unknown as string,
      ],
      ['kim', '/arrived #1 东门 XL=1 L=10 S=1', '#1 has no option XL (options: L, S). Nothing recorded.'],
      [
        'kim',
        '/arrived #1 东门 L=7',
        'How many S arrived (1 ordered)? Count every option, e.g. /arrived #1 东门 L=10 S=1. Nothing recorded.',
      ],
      [
        'kim',
        '/arrived #1 东门 7',
        '#1 has options: count each one, e.g. /arrived #1 东门 L=10 S=1. Nothing recorded.',
      ],
      [
        'kim',
        '/picking #1 东门',
        'Goods of #1 have not arrived at 东门 yet: record the arrival first (/arrived #1 东门). Nothing changed.',
      ],
      [
        'kim',
        '/done #1 东门',
        expect.stringMatching(/^Goods of #1 have not arrived at 东门 yet/) as unknown as string,
      ],
      [
        'owner',
        '/short #1 @bob',
        'Say how many units to take off (1 or more), e.g. /short #1 @member 1. Nothing changed.',
      ],
      ['owner', '/short #1 @bob 0', expect.stringMatching(/^Say how many units/) as unknown as string],
      [
        'owner',
        '/short #1 @bob L 4',
        'bob holds ×3 L: that is the most that can be taken off. Nothing changed.',
      ],
      [
        'owner',
        '/short #1 @carol 1',
        'carol has several orders in #1 (×2 L, ×1 S): name the option, e.g. /short #1 @carol OPTION 1. Nothing changed.',
      ],
      ['owner', '/short #1 @kim 1', 'kim has no order in #1. Nothing changed.'],
    ];
    for (const [user, text, answer] of refusals) {
      expect(await group.as(user).reply(text), text).toEqual(answer);
      expect(state(t), text).toBe(closed);
    }
    // Going back: once 东门's goods arrived, shipping 东门 again is refused; 西门 still ships.
    await group.as('kim').says('/arrived #1 东门');
    expect(await group.as('owner').says('/shipped #1')).toEqual([
      '🚚 #1 Mangoes has shipped to 西门.',
      '[dm dan] 🚚 main: #1 Mangoes has shipped. You will be told when it arrives.',
    ]);
    const shipped = state(t);
    expect(await group.as('owner').reply('/shipped #1')).toBe(
      'Goods of #1: already shipped (2026-11-25 16:00). Nothing changed.',
    );
    expect(state(t)).toBe(shipped);
  });

  it('a deal that did not go ahead has no goods to deliver', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t);
    await group.as('owner').says('/deal cancel #1');
    expect(await group.as('owner').reply('/shipped #1')).toBe(
      '#1 did not go ahead: there are no goods to deliver. Nothing changed.',
    );
  });

  it('prorata in a Chinese group, by its own words: 7 of 10 L → 5/3/2 become 4/2/1', async () => {
    const t = await bot();
    await t.group().as('owner').says('/lang zh');
    const group = await dealAtTwoPoints(t, '缺货规则=按比例');
    await group.as('owner').says('截团 #1');
    expect(await group.as('owner').says('发货 #1 顺丰 123')).toEqual([
      '🚚 #1 Mangoes 已发货（东门、西门）。备注：顺丰 123',
      ...['alice', 'bob', 'carol', 'dan'].map(
        (u) => `[dm ${u}] 🚚 main：#1 Mangoes 已发货。备注：顺丰 123。到货后会通知你。`,
      ),
    ]);
    const arrived = masked(t, await group.as('kim').says('到货 #1 东门 L=7 S=1'));
    expect(arrived[0]).toBe(
      [
        '📦 #1 Mangoes 已到 东门。',
        '到货/订购：L 7/10、S 1/1。',
        '缺货 L ×3（按比例分配）：alice ×5 L → ×4、bob ×3 L → ×2、carol ×2 L → ×1。',
        '需退款：carol ¥45.00。退款后发送 退款 #1 @成员 记录。',
        '提货时间：2026-11-28 10:00–12:00。',
        '提货码已私信发给每位买家（发送 我的订单 也能查看）。',
      ].join('\n'),
    );
    expect(arrived[3]).toBe(
      '[dm carol] 📦 main：#1 Mangoes 已到 东门。到货不足：你的 ×2 L 改为 ×1（少 ¥45.00）。将退还你 ¥45.00。你的提货码：<carol L>（×1 L）、<carol S>（×1 S）。提货时间：2026-11-28 10:00–12:00。',
    );
    expect(masked(t, await group.as('kim').says('开始提货 #1 东门'))[0]).toBe(
      '🛍 #1 Mangoes：东门 现在开始提货（2026-11-28 10:00–12:00）。取货时请出示提货码。',
    );
    expect((await group.as('kim').says('提货完成 #1 东门'))[0]).toBe(
      '✅ #1 Mangoes：东门 提货结束。已提货 0/4。未提货：alice ×4 L、bob ×2 L、carol ×1 L、carol ×1 S。',
    );
    expect(await group.as('owner').reply('到货情况 #1')).toBe(
      [
        '#1 Mangoes 各自提点到货情况：',
        '• 东门：提货结束（2026-11-25 16:00） · 已提货 0/4',
        '• 西门：已发货（2026-11-25 16:00） · 已提货 0/1',
      ].join('\n'),
    );
  });

  it('manual: the shortfall is reported and nothing changes; the admin shorts a line, the member is told', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t, 'pickup.shortage=manual');
    await group.as('owner').says('/deal close #1');
    const before = orders(t);
    const arrived = await group.as('owner').says('/arrived #1 东门 L=8 S=1');
    expect(arrived[0]).toBe(
      [
        '📦 #1 Mangoes has arrived at 东门.',
        'Arrived of ordered: L 8/10, S 1/1.',
        'Short L ×2: no order was changed (pickup.shortage=manual). Take units off with /short #1 @member [option] N; the buyers of L get their pickup codes once their orders fit what arrived.',
        'Pick up: 2026-11-28 10:00–12:00.',
        'Buyers of what arrived in full got their pickup code privately (also in /myorders).',
      ].join('\n'),
    );
    expect(JSON.parse(orders(t)).map((o: { qty: number }) => o.qty)).toEqual(
      JSON.parse(before).map((o: { qty: number }) => o.qty),
    );
    // Carol's 2 L off, L fits what arrived: its buyers get their codes now (manual-shortage.test.ts).
    expect(masked(t, await group.as('owner').says('/short #1 @carol L 2')).slice(0, 2)).toEqual([
      '✂️ #1: carol ×2 L → none arrived, withdrawn (¥90.00 less). Owed back: carol ¥90.00. Record each refund with /refund #1 @member once paid back. L at 东门 now fits what arrived: its buyers got their pickup codes privately.',
      '[dm carol] ✂️ main: #1 Mangoes. None of your ×2 L arrived: that order is withdrawn (¥90.00 less). ¥90.00 will be refunded to you.',
    ]);
    expect(await group.as('owner').says('/short #1 @bob 1')).toEqual([
      '✂️ #1: bob ×3 L → ×2 (¥45.00 less).',
      '[dm bob] ✂️ main: #1 Mangoes. Fewer arrived than ordered: your ×3 L is now ×2 (¥45.00 less).',
      expect.stringMatching(/^edited mem\d+: 🛒 #1 Mangoes/),
    ]);
    const audit = await group.as('owner').reply('/audit');
    expect(audit).toContain('#1 L: 2 short (¥90.00 less) · carol — by owner');
    expect(audit).toContain('#1 L: 1 short (¥45.00 less) · bob — by owner');
    const deal = t.store.tables.deals.get('memory:main#1')!;
    expect(deal).toMatchObject({ sold: 9, optionSold: { L: 7, S: 2 } });
    const carol = t.store.tables.orders.get('memory:main#1/carol|L|')!;
    expect(moneyState(carol, deal)).toMatchObject({ state: 'refund_due', refundDueCents: 9000 });
  });

  it('a group without pickup points: counts without a point, and the deal’s pickup note', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 ends=48h pickup="小区门口 周六上午"');
    await group.as('alice').says('+3');
    await group.as('bob').says('+2');
    await group.as('owner').says('/deal close #1');
    expect(await group.as('owner').reply('/arrived #1 L=1')).toBe(
      '#1 has no option L (options: ). Nothing recorded.',
    );
    const out = masked(t, await group.as('owner').says('/arrived #1 4'));
    expect(out.slice(0, 3)).toEqual([
      [
        '📦 #1 Eggs has arrived.',
        'Arrived of ordered: 4/5.',
        'Short ×1 (last orders first): bob ×2 → ×1.',
        'Pick up: 小区门口 周六上午.',
        'Each buyer got their pickup code privately (also in /myorders).',
      ].join('\n'),
      '[dm alice] 📦 main: #1 Eggs has arrived. Your pickup code: <alice undefined> (×3). Pick up: 小区门口 周六上午.',
      '[dm bob] 📦 main: #1 Eggs has arrived. Fewer arrived than ordered: your ×2 is now ×1 (¥12.00 less). Your pickup code: <bob undefined> (×1). Pick up: 小区门口 周六上午.',
    ]);
    expect((await group.as('owner').says('/done #1'))[0]).toBe(
      '✅ #1 Eggs: pickup is over. Picked up: 0 of 2. Not picked up: alice ×3, bob ×1.',
    );
  });

  it('lines from before the group had points are named "-" beside the points', async () => {
    const t = await bot();
    const group = t.group();
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 ends=48h');
    await group.as('alice').says('+3');
    await group.as('owner').says('/pickup add 东门');
    await group.as('bob').says('+2 东门');
    await group.as('owner').says('/deal close #1');
    expect(await group.as('owner').reply('/arrived #1 4')).toBe(
      'Which pickup point? #1 delivers to 东门, -, e.g. /arrived #1 东门. Nothing changed.',
    );
    expect((await group.as('owner').says('/arrived #1 - 2'))[0]).toMatch(
      /^📦 #1 Eggs has arrived\.\nArrived of ordered: 2\/3\.\nShort ×1 \(last orders first\): alice ×3 → ×2\./,
    );
    expect(await group.as('owner').reply('/goods #1')).toBe(
      [
        '#1 Eggs — goods by pickup point:',
        '• 东门: not shipped yet · picked up 0 of 1',
        '• no pickup point: arrived (2026-11-25 16:00) · picked up 0 of 1',
      ].join('\n'),
    );
  });

  it('members the bot cannot message privately are mentioned once in the group, after every outcome is in', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t);
    await group.as('owner').says('/deal close #1');
    t.adapter.unreachable.add('bob');
    t.adapter.unreachable.add('carol');
    const out = masked(t, await group.as('kim').says('/arrived #1 东门 all'));
    const mentions = out.filter((m) => m.startsWith('@'));
    expect(mentions).toEqual([
      '@bob @carol: #1 Mangoes has arrived at 东门, and I could not message you privately. Send /myorders to see your pickup code.',
    ]);
    expect(out.filter((m) => m.startsWith('[dm alice]'))).toHaveLength(2); // the text and the QR
  });

  it('a keeper who records the arrival privately is answered there, and the group hears it once', async () => {
    const t = await bot();
    const group = await dealAtTwoPoints(t);
    await group.as('owner').says('/deal close #1');
    const out = masked(t, await t.dm('kim').says('/arrived #1 东门 all'));
    const announcement = [
      '📦 #1 Mangoes has arrived at 东门.',
      'Arrived of ordered: L 10/10, S 1/1.',
      'Pick up: 2026-11-28 10:00–12:00.',
      'Each buyer got their pickup code privately (also in /myorders).',
    ].join('\n');
    expect(out.slice(0, 2)).toEqual([announcement, `[dm kim] ${announcement}`]);
    expect(out.filter((m) => m === announcement)).toHaveLength(1);
  });

  it('a platform without private chats mentions the buyers in one group message', async () => {
    const t = await bot();
    (t.adapter as { directChat?: unknown }).directChat = undefined;
    const group = await dealAtTwoPoints(t);
    await group.as('owner').says('/deal close #1');
    const out = await group.as('owner').says('/arrived #1 西门 S=1');
    expect(out).toEqual([
      expect.stringMatching(/^📦 #1 Mangoes has arrived at 西门\./),
      '@dan: #1 Mangoes has arrived at 西门, and I could not message you privately. Send /myorders to see your pickup code.',
    ]);
  });

  it('a restart neither repeats an announcement nor takes a step twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-goods-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await TestBot.create({ dir, start: START, timezone: 'Asia/Shanghai' });
    const group = await dealAtTwoPoints(first);
    await group.as('owner').says('/deal close #1');
    await group.as('owner').says('/shipped #1');
    expect(await group.as('kim').says('/arrived #1 东门 L=9 S=1')).toHaveLength(9);
    await first.close();

    const second = await TestBot.create({ dir, start: '2026-11-25T09:00:00Z', timezone: 'Asia/Shanghai' });
    cleanup.push(() => second.close());
    await second.bot.idle();
    expect(second.adapter.actions.map(describeAction)).toEqual([]);
    const again = second.group();
    // Message ids the platform gives after the restart (the first run's are remembered as seen).
    expect(await again.as('kim').says('/arrived #1 东门 L=9 S=1', { id: 'later1' })).toEqual([
      'Goods of #1 at 东门: already arrived (2026-11-25 16:00). Nothing changed.',
    ]);
    expect(await again.as('owner').says('/shipped #1', { id: 'later2' })).toEqual([
      'Goods of #1: already shipped (2026-11-25 16:00). Nothing changed.',
    ]);
    expect(second.store.tables.orders.get('memory:main#1/carol|L|')).toMatchObject({ qty: 1, shortQty: 1 });
  });
});
