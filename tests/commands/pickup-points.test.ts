import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupChat } from '../helpers/chat.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

/** Pickup points (自提点): admins manage them, members choose one when ordering, lists group by them. */

let t: TestBot;
let group: GroupChat;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  group = t.group();
  await group.as('alice').says('hi');
  await group.as('bob').says('hi');
});
afterEach(async () => {
  await t.close();
});

const owner = () => group.as('owner');

/** `alice ×1 大份 @东门驿站 (周六来拿)`: a member's active lines with the point they go to. */
const lines = (user: string) =>
  [...t.store.tables.orders.values()]
    .filter((o) => o.userId === user && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map((o) => {
      const point = o.pointId ? t.store.tables.pickupPoints.get(o.pointId)?.name : 'none';
      return `×${o.qty}${o.option ? ` ${o.option}` : ''} @${point}${o.note ? ` (${o.note})` : ''}`;
    });

const points = () =>
  [...t.store.tables.pickupPoints.values()].map(
    (p) =>
      `${p.no} ${p.name} ${p.status}${p.times ? ` ${p.times}` : ''}${p.keeper ? ` keeper=${p.keeper}` : ''}`,
  );

async function twoPoints(): Promise<void> {
  await owner().says('/pickup add "东门驿站" times="周六 10:00-12:00" keeper=@alice');
  await owner().says('/pickup add 西门 times="周日 9:00-11:00"');
}

describe('GIVEN admins manage the pickup points', () => {
  it('add, list, edit and remove; the list shows times and keepers', async () => {
    expect(await owner().reply('/pickup')).toMatch(/^No pickup points yet\. An admin adds one: \/pickup add/);
    expect(await owner().reply('/pickup add "东门驿站" times="周六 10:00-12:00" keeper=@alice')).toBe(
      'Pickup point 1 东门驿站 added.',
    );
    expect(await owner().reply('/pickup add 西门 times=周六上午')).toBe(
      'Pickup point 2 西门 added. Its times are shown as written; reminders need a day and a time range, e.g. 周六 10:00-12:00 or Sat 10:00-12:00.',
    );
    expect(await group.as('bob').reply('/pickup')).toBe(
      [
        'Pickup points:',
        '1. 东门驿站 — 周六 10:00-12:00 · keeper @alice',
        '2. 西门 — 周六上午',
        'Name one when you order (+1 东门驿站), or set your usual point once: /mypoint 东门驿站',
      ].join('\n'),
    );
    expect(await owner().reply('/pickup edit 西门 times="周日 9:00-11:00" keeper=@bob')).toBe(
      'Pickup point 2 西门 updated.',
    );
    expect(await owner().reply('/pickup edit 1 name=东门 keeper=off')).toBe('Pickup point 1 东门 updated.');
    expect(points()).toEqual(['1 东门 active 周六 10:00-12:00', '2 西门 active 周日 9:00-11:00 keeper=bob']);
    expect(t.store.tables.pickupPoints.get('memory:main|p1')).not.toHaveProperty('keeper');
    expect(t.store.tables.pickupPoints.get('memory:main|p2')?.window).toEqual({
      weekday: 0,
      start: '09:00',
      end: '11:00',
    });
    expect(await owner().reply('/pickup remove 2')).toBe(
      'Pickup point 2 西门 removed: it takes no new orders.',
    );
    expect(await owner().reply('/pickup')).not.toContain('西门');
  });

  it('refusals change nothing: a member, a name taken, an unknown point, a bad name, nothing to change', async () => {
    await twoPoints();
    const before = points();
    expect(await group.as('alice').reply('/pickup add 南门')).toBe(
      'Only group admins can use /pickup add. Nothing was changed.',
    );
    expect(await group.as('alice').reply('/pickup remove 1')).toMatch(/^Only group admins/);
    expect(await owner().reply('/pickup add 东门驿站')).toBe(
      'There is already a pickup point 1 东门驿站; nothing changed.',
    );
    expect(await owner().reply('/pickup edit 2 name=东门驿站')).toBe(
      'There is already a pickup point 1 东门驿站; nothing changed.',
    );
    expect(await owner().reply('/pickup edit 北门 times=10:00-11:00')).toBe(
      'No pickup point "北门"; the points are 1 东门驿站, 2 西门. Nothing changed.',
    );
    expect(await owner().reply('/pickup remove 9')).toMatch(/^No pickup point "9"/);
    expect(await owner().reply('/pickup add 12')).toBe(
      'A pickup point’s name is 1 to 40 characters and not only a number; nothing changed.',
    );
    expect(await owner().reply('/pickup edit 1')).toBe(
      'Nothing to change: give name=, times= or keeper= (keeper=off clears it).',
    );
    expect(await owner().reply('/pickup edit 1 keeper=@nobody')).toBe(
      'No member called @nobody in this group.',
    );
    expect(points()).toEqual(before);
  });
});

describe('GIVEN a member orders where there are pickup points', () => {
  it('a community without points orders as before: no point, no headings, no question', async () => {
    await owner().says('/deal new "草莓" price=30');
    const out = await group.as('alice').says('+1 东门');
    expect(lines('alice')).toEqual(['×1 @none (东门)']);
    expect(out.join('\n')).not.toMatch(/📍|pickup point/);
  });

  it('with one point the order goes there without a word', async () => {
    await owner().says('/pickup add 东门驿站');
    await owner().says('/deal new "草莓" price=30');
    await group.as('alice').says('+1');
    expect(lines('alice')).toEqual(['×1 @东门驿站']);
  });

  it('a point named in the text, in 接龙 and /join, is the point and not the note', async () => {
    await twoPoints();
    await owner().says('/deal new "草莓" price=30');
    await group.as('alice').says('+1 东门');
    await group.as('bob').says('接龙 2 西门 周六来拿');
    await group.as('carol').says('/join #1 3 西门自提 放门口');
    expect(lines('alice')).toEqual(['×1 @东门驿站']);
    expect(lines('bob')).toEqual(['×2 @西门 (周六来拿)']);
    expect(lines('carol')).toEqual(['×3 @西门 (放门口)']);
    // The same quantity at another point moves the line; a later change keeps its point.
    await group.as('alice').says('+1 西门');
    await group.as('alice').says('改2');
    expect(lines('alice')).toEqual(['×2 @西门']);
  });

  it('several points and no choice: asked once, and the next message naming a point completes the order', async () => {
    await twoPoints();
    await owner().says('/deal new "草莓" price=30');
    expect(await group.as('alice').says('+1')).toEqual([
      '#1 草莓:\n✗ alice: which pickup point? 东门驿站, 西门 — reply with one, e.g. 东门驿站 (or set your usual one: /mypoint 东门驿站)',
    ]);
    // A second order before answering is not asked again; the answer places the latest.
    expect(await group.as('alice').says('+2')).toEqual([]);
    expect(lines('alice')).toEqual([]);
    // Someone else naming a point is chatter.
    expect(await group.as('bob').says('西门')).toEqual([]);
    const out = await group.as('alice').says('西门');
    expect(out.at(-1)).toMatch(/^👌 on /);
    expect(lines('alice')).toEqual(['×2 @西门']);
    // Answered: naming the point again orders nothing more.
    expect(await group.as('alice').says('东门')).toEqual([]);
    expect(lines('alice')).toEqual(['×2 @西门']);
    // By its number in the list, too.
    await group.as('bob').says('+1');
    await group.as('bob').says('1');
    expect(lines('bob')).toEqual(['×1 @东门驿站']);
  });

  it('a usual point (/mypoint) is used unless the order names another; off clears it', async () => {
    await twoPoints();
    await owner().says('/deal new "草莓" price=30');
    expect(await group.as('alice').reply('/mypoint')).toBe(
      'You have no usual pickup point. Points: 1 东门驿站, 2 西门. Choose one: /mypoint 东门驿站',
    );
    expect(await group.as('alice').reply('/mypoint 西门')).toBe(
      'Your usual pickup point is now 西门: orders go there unless you name another point in them.',
    );
    expect(await group.as('alice').reply('/mypoint')).toMatch(
      /^Your usual pickup point: 西门 \(周日 9:00-11:00\)/,
    );
    await group.as('alice').says('+1');
    expect(lines('alice')).toEqual(['×1 @西门']);
    await group.as('bob').says('/mypoint 西门');
    await group.as('bob').says('+1 东门');
    expect(lines('bob')).toEqual(['×1 @东门驿站']);
    expect(await group.as('alice').reply('/mypoint 北门')).toMatch(/^No pickup point "北门"/);
    expect(t.store.tables.members.get('memory:main/alice')?.pointId).toBe('memory:main|p2');
    expect(await group.as('alice').reply('/mypoint off')).toBe('Your usual pickup point is cleared.');
    expect(t.store.tables.members.get('memory:main/alice')?.pointId).toBeUndefined();
  });

  it('a point the deal does not deliver to, or two points, are refused and nothing is ordered', async () => {
    await twoPoints();
    await owner().says('/deal new "草莓" price=30 points=东门');
    expect(await group.as('alice').says('+1 西门')).toEqual([
      '#1 草莓:\n✗ alice: #1 is not delivered to 西门; choose 东门驿站',
    ]);
    await owner().says('/deal new "蓝莓" price=20');
    expect(await group.as('bob').says('#2 +1 东门 西门')).toEqual([
      '#2 蓝莓:\n✗ bob: one pickup point per order, not 东门驿站, 西门; nothing was ordered',
    ]);
    expect(await group.as('bob').reply('/join #2 1 东门 西门')).toBe(
      '✗ bob: one pickup point per order, not 东门驿站, 西门; nothing was ordered',
    );
    expect([...lines('alice'), ...lines('bob')]).toEqual([]);
  });
});

describe('GIVEN a deal with options AND pickup points', () => {
  beforeEach(async () => {
    await twoPoints();
    await owner().says('/deal new "赣南脐橙" price=59 options="大份,小份"');
  });

  it('the option, the point and the note are each read as what they are', async () => {
    await group.as('alice').says('+1 大份 东门 周六来拿');
    await group.as('bob').says('/join #1 2 西门 小份 放门口');
    expect(lines('alice')).toEqual(['×1 大份 @东门驿站 (周六来拿)']);
    expect(lines('bob')).toEqual(['×2 小份 @西门 (放门口)']);
  });

  it('a point is not an option: `+1 东门` asks which option and keeps the point for the answer', async () => {
    expect((await group.as('alice').says('+1 东门'))[0]).toMatch(/which option\? 大份, 小份/);
    await group.as('alice').says('小份');
    expect(lines('alice')).toEqual(['×1 小份 @东门驿站']);
  });

  it('a note is not a point: `东门口` stays a note, and the point is asked after the option', async () => {
    expect((await group.as('alice').says('+1 大份 东门口'))[0]).toMatch(/which pickup point\?/);
    await group.as('alice').says('选西门');
    expect(lines('alice')).toEqual(['×1 大份 @西门 (东门口)']);
    expect((await group.as('bob').says('+1'))[0]).toMatch(/which option\?/);
    expect((await group.as('bob').says('大份'))[0]).toMatch(/which pickup point\?/);
    await group.as('bob').says('东门');
    expect(lines('bob')).toEqual(['×1 大份 @东门驿站']);
  });
});

describe('GIVEN orders at several points', () => {
  it('the card, /orders and /myorders group the lines under their point; lines without one come last', async () => {
    await owner().says('/deal new "草莓" price=30');
    await group.as('carol').says('+1'); // before the group had points
    await twoPoints();
    await group.as('alice').says('+2 西门');
    await group.as('bob').says('+1 东门');
    const card = (await group.as('alice').says('+3 西门')).find((a) => a.startsWith('edited'))!;
    expect(card).toContain('Pickup points: 东门驿站 (周六 10:00-12:00) · 西门 (周日 9:00-11:00)');
    expect(card).toContain('Order: send +1 东门驿站 · cancel: -1');
    expect(card).toContain(
      [
        '📍 东门驿站 (1 unit)',
        '1. bob ×1',
        '📍 西门 (3 units)',
        '2. alice ×3',
        '📍 no pickup point (1 unit)',
        '3. carol ×1',
        'Total: 5 units, ¥150.00',
      ].join('\n'),
    );
    const orders = await owner().reply('/orders #1');
    expect(orders).toContain('📍 西门 (3 units)\n2. alice ×3 — ¥90.00 · owing ¥90.00\n📍 no pickup point');
    expect(await group.as('alice').reply('/myorders')).toBe(
      'Your orders:\n📍 西门 (3 units)\n#1 草莓 ×3 — ¥90.00 · owing ¥90.00',
    );
  });
});

describe('GIVEN a member copies a roster grouped by point (接龙)', () => {
  it('the headings are skipped and the point on the added line is read', async () => {
    await twoPoints();
    await owner().says('/deal new "草莓" price=30');
    await group.as('alice').says('+2 西门');
    const card = (await group.as('bob').says('+1 东门')).find((a) => a.startsWith('edited'))!;
    const roster = card.slice(card.indexOf('🛒'), card.indexOf('\nTotal'));
    await group.as('carol').says(`${roster}\n3. carol +1 东门 周六来拿`);
    expect(lines('carol')).toEqual(['×1 @东门驿站 (周六来拿)']);
    expect([...lines('alice'), ...lines('bob')]).toEqual(['×2 @西门', '×1 @东门驿站']);
  });
});

describe('GIVEN a deal names its points', () => {
  beforeEach(twoPoints);

  it('points= on /deal new and /deal edit; unknown points and points with orders are refused', async () => {
    await owner().says('/deal new "草莓" price=30 points=西门');
    expect(t.store.tables.deals.get('memory:main#1')?.points).toEqual(['memory:main|p2']);
    await group.as('alice').says('+1');
    expect(lines('alice')).toEqual(['×1 @西门']);
    expect(await owner().reply('/deal new "蓝莓" price=20 points=北门')).toBe(
      'No pickup point "北门"; the points are 1 东门驿站, 2 西门. Nothing changed.',
    );
    expect(t.store.tables.deals.get('memory:main#2')).toBeUndefined();
    expect(await owner().reply('/deal edit #1 points=东门')).toBe(
      '西门 has orders in #1, so the deal keeps delivering there; nothing changed.',
    );
    expect(t.store.tables.deals.get('memory:main#1')?.points).toEqual(['memory:main|p2']);
    await owner().says('/deal edit #1 points=all');
    expect(t.store.tables.deals.get('memory:main#1')?.points).toEqual([]);
    expect((await group.as('bob').says('+1'))[0]).toMatch(/which pickup point\? 东门驿站, 西门/);
  });

  it('the card has a button per point: a tap answers "which point?", another moves the order', async () => {
    await owner().says('/deal new "草莓" price=30');
    const card = t.buttons();
    expect(card.rows).toEqual([['Order +1'], ['📍 东门驿站', '📍 西门'], ['Withdraw', 'My order']]);
    expect(card.action('📍 西门')).toBe('p:1:2');
    expect(await group.as('alice').taps(card.messageId, card.action('📍 西门'))).toEqual([
      '[to alice] #1: you have no order yet — tap +1 first, then choose your pickup point.',
    ]);
    const asked = await group.as('alice').taps(card.messageId, card.action('Order +1'));
    expect(asked.at(-1)).toMatch(/^\[to alice\] ✗ alice: which pickup point\?/);
    const placed = await group.as('alice').taps(card.messageId, card.action('📍 西门'));
    expect(placed.at(-1)).toBe('[to alice] ✓ #1 草莓: you have ×1');
    expect(lines('alice')).toEqual(['×1 @西门']);
    const moved = await group.as('alice').taps(card.messageId, card.action('📍 东门驿站'));
    expect(moved.at(-1)).toBe('[to alice] ✓ #1: your order goes to 东门驿站');
    expect(lines('alice')).toEqual(['×1 @东门驿站']);
  });

  it('point buttons only where they fit Discord’s 5 rows: 12 options fill the card, points are typed', async () => {
    const options = Array.from({ length: 12 }, (_, i) => `规格${i + 1}`).join(',');
    await owner().says(`/deal new "套装" price=30 options="${options}"`);
    expect(
      t
        .buttons()
        .rows.flat()
        .some((label) => label.startsWith('📍')),
    ).toBe(false);
    expect(t.buttons().rows).toHaveLength(5);
    await owner().says('/deal new "草莓" price=30 options="大份,小份,中份,特大份"');
    expect(t.buttons().rows.slice(2, 3)).toEqual([['📍 东门驿站', '📍 西门']]);
  });
});

describe('GIVEN a Chinese group', () => {
  it('manages points and orders at them in Chinese, with no English word in the answers', async () => {
    await owner().says('/lang zh');
    const answers = [
      await owner().reply('自提点 添加 东门驿站 时间="周六 10:00-12:00" 负责人=@alice'),
      await owner().reply('添加自提点 西门'),
      await owner().reply('自提点 修改 西门 时间=周日上午'),
      await group.as('bob').reply('自提点'),
      await group.as('bob').reply('我的自提点'),
      await group.as('bob').reply('我的自提点 西门'),
      await owner().reply('自提点 添加 西门'),
    ];
    expect(answers[0]).toBe('已添加自提点 1 东门驿站。');
    expect(answers[5]).toBe('已将常用自提点设为 西门：下单没写自提点时就在这里自提。');
    expect(t.store.tables.pickupPoints.get('memory:main|p1')).toMatchObject({
      times: '周六 10:00-12:00',
      keeper: 'alice',
    });
    await owner().says('开团 "赣南脐橙" 价格=59 自提点=东门,西门');
    expect(t.store.tables.deals.get('memory:main#1')?.points).toEqual(['memory:main|p1', 'memory:main|p2']);
    const question = (await group.as('alice').says('接龙 2'))[0]!;
    expect(question).toBe(
      '#1 赣南脐橙：\n✗ alice：在哪个自提点取货？东门驿站、西门，直接回复自提点即可，例如 东门驿站（也可设置常用自提点：我的自提点 东门驿站）',
    );
    answers.push(question);
    await group.as('alice').says('东门');
    answers.push(await owner().reply('订单 #1'));
    expect(answers.at(-1)).toContain('📍 东门驿站（2 件）\n1. alice ×2');
    // Removed: the open deal's card no longer offers it.
    const removed = await owner().says('自提点 删除 西门');
    expect(removed[0]).toBe('已删除自提点 2 西门，不再接新订单。');
    expect(removed[1]).toContain('自提点：东门驿站（周六 10:00-12:00）\n');
    answers.push(...removed.map((a) => a.replace(/^edited \w+: /, '')));
    for (const answer of answers) expect(englishWords(answer, ['alice', 'bob']), answer).toEqual([]);
  });
});

describe('GIVEN a Chinese leader reads the help', () => {
  it('adding a point is shown with the Chinese words it takes (时间=, 负责人=), as editing one is', async () => {
    await owner().says('/lang zh');
    const help = await owner().reply('帮助 自提点');
    expect(help).toContain('/pickup add "名称" [时间="周六 10:00-12:00"] [负责人=@成员]');
    expect(help).toContain('自提点 添加 东门驿站 时间="周六 10:00-12:00" 负责人=@alice');
    expect(help).not.toMatch(/times=|keeper=/);
  });
});
