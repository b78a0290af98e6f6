import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setConsent } from '../../src/services/consent.js';
import { findDeal } from '../../src/services/deals.js';
import { communityId } from '../../src/store/ids.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * /deals recommended from a member's own orders (千人千面): only with `history` on, only in a
 * private chat; the group's list is the same for everyone and prices never change.
 */

/** Turns a member's `history` purpose on or off in a group, as /privacy on|off history does. */
async function history(t: TestBot, group: GroupChat, user: string, on: boolean): Promise<void> {
  const { committed } = t.store.transact((tx) =>
    setConsent(tx, communityId(group.chat), user, 'history', on, t.clock.now(), 'command'),
  );
  await committed;
}

/** Gives deal #no of a group its categories, as `category=` does. */
async function categorise(t: TestBot, group: GroupChat, no: number, categories: string[]): Promise<void> {
  const deal = findDeal(t.store.tables, communityId(group.chat), no)!;
  await t.store.transact((tx) => tx.put('deals', { ...deal, categories })).committed;
}

/** Opens a deal (min 1, so it closes formed) with categories; returns its number. */
async function open(t: TestBot, group: GroupChat, what: string, categories: string[] = []): Promise<number> {
  await group.as('owner').says(`/deal new ${what} min=1 ends=72h`);
  const no = t.store.tables.deals.by('community', communityId(group.chat)).length;
  if (categories.length) await categorise(t, group, no, categories);
  return no;
}

/** What the bot answers `user` in their private chat, without the `[dm user]` mark. */
async function privately(t: TestBot, user: string, text: string): Promise<string> {
  return (await t.dm(user).reply(text)).replace(/^\[dm [^\]]+\] /, '');
}

/** Lines of a reply that list deals, without the marks and reasons recommendations add. */
function plainLines(reply: string): string[] {
  return reply
    .split('\n')
    .filter((l) => l.startsWith('#') || l.startsWith('👍 #'))
    .map((l) => l.replace(/^👍 /, '').replace(/ \(you bought .*\)$/, ''));
}

describe('recommendations in /deals', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    group = t.group();
    // History: alice bought fruit three times (mangoes twice, from the template 芒果), bob tissues.
    await open(t, group, '"Apples" price=10', ['水果']);
    await open(t, group, '"Mangoes" price=20', ['水果']);
    await open(t, group, '"Tissues" price=5', ['日用']);
    await group.as('alice').says('+1 #1');
    await group.as('alice').says('+1 #2');
    await group.as('bob').says('+1 #3');
    await group.as('owner').says('/template save #2 芒果');
    await group.as('owner').says('/deal new from=芒果 ends=72h');
    await categorise(t, group, 4, ['Fruit ', '水果']);
    await group.as('alice').says('+1 #4');
    // Not purchases: a cancelled deal, a withdrawn line, a line for someone else (代订).
    await open(t, group, '"Durians" price=50', ['水果']);
    await group.as('alice').says('+1 #5');
    await group.as('owner').says('/deal cancel #5');
    await open(t, group, '"Grapes" price=15', ['水果']);
    await group.as('alice').says('+1 #6');
    await group.as('alice').says('-1 #6');
    await open(t, group, '"Plums" price=12', ['水果']);
    await group.as('alice').says('+1 #7 帮王阿姨');
    expect(t.store.tables.orders.get('memory:main#7/alice||王阿姨')?.status).toBe('active');
    for (const no of [1, 2, 3, 4, 6, 7]) await group.as('owner').says(`/deal close #${no}`);
    // Open now, in number order: #8 Soap (日用), #9 Oranges (水果), #10 Mangoes again (芒果), #11 Bread.
    await open(t, group, '"Soap" price=3', ['日用']);
    await open(t, group, '"Oranges" price=8', ['水果']);
    await group.as('owner').says('/deal new from=芒果 ends=72h');
    await categorise(t, group, 10, ['水果']);
    await open(t, group, '"Bread" price=6');
    await group.as('bob').says('hi');
  });
  afterEach(async () => {
    await t.close();
  });

  it('with history on, privately: the same product first, then the category, each with why and the counts right', async () => {
    await history(t, group, 'alice', true);
    const reply = await privately(t, 'alice', '/deals');
    const lines = reply.split('\n');
    expect(lines[0]).toBe('Open deals:');
    expect(lines[1]).toMatch(/^👍 #10 Mangoes — .* \(you bought 芒果 twice\)$/);
    expect(lines[2]).toMatch(/^👍 #9 Oranges — .* \(you bought 水果 3 times\)$/);
    expect(lines[3]).toMatch(/^#8 Soap — /);
    expect(lines[4]).toMatch(/^#11 Bread — /);
    expect(reply).toContain('Turn it off with /privacy off history');
    expect(reply).not.toContain('/privacy on history');
  });

  it('without history: the default order, no reason, the same list as another member, and how to turn it on', async () => {
    const alice = await privately(t, 'alice', '/deals');
    const bob = await privately(t, 'bob', '/deals');
    expect(plainLines(alice).map((l) => l.split(' ')[0])).toEqual(['#8', '#9', '#10', '#11']);
    expect(alice).not.toMatch(/👍|\(you bought/);
    expect(alice).toBe(bob);
    expect(alice.split('\n').at(-1)).toBe(
      'Want deals like what you bought before listed first? Send /privacy on history (shown only to you, in private).',
    );
  });

  it('a withdrawal takes effect at once: on → personalised, off → the default list', async () => {
    await history(t, group, 'alice', true);
    expect(await privately(t, 'alice', '/deals')).toContain('👍 #10 Mangoes');
    await history(t, group, 'alice', false);
    const after = await privately(t, 'alice', '/deals');
    expect(after).not.toMatch(/👍|\(you bought/);
    expect(after).toBe(await privately(t, 'bob', '/deals'));
  });

  it('in the group, /deals is the same for a consenting member and one who is not; prices equal everywhere', async () => {
    await history(t, group, 'alice', true);
    const aliceInGroup = await group.as('alice').says('/deals');
    const bobInGroup = await group.as('bob').says('/deals');
    expect(aliceInGroup).toEqual(bobInGroup);
    expect(aliceInGroup.join('\n')).not.toMatch(/👍|you bought|privacy/);
    // Nothing went privately either: asking in the group costs no private message.
    expect(aliceInGroup).toHaveLength(1);
    // The personal list shows the same deal lines, only in another order; each card the same.
    const personal = plainLines(await privately(t, 'alice', '/deals'));
    expect([...personal].sort()).toEqual([...plainLines(bobInGroup[0]!)].sort());
    for (const no of [9, 10])
      expect(await privately(t, 'alice', `/deals #${no}`)).toBe(await privately(t, 'bob', `/deals #${no}`));
    expect(await privately(t, 'alice', '/deals #10')).toContain('¥20.00');
  });

  it('a deal the member already joined keeps its place, unmarked; among categories, more purchases first', async () => {
    await open(t, group, '"Towels" price=7', ['日用']);
    await group.as('alice').says('+1 #12');
    await group.as('alice').says('+1 #10');
    await history(t, group, 'alice', true);
    const lines = (await privately(t, 'alice', '/deals')).split('\n');
    // Now 水果 ×4 (#10 too) and 日用 ×1 (#12): Oranges before Soap; the joined #10 and #12 unmarked.
    expect(lines.slice(1, 6).map((l) => l.replace(/ — .*?(\(you bought .*\))?$/, ' $1').trim())).toEqual([
      '👍 #9 Oranges (you bought 水果 4 times)',
      '👍 #8 Soap (you bought 日用 once)',
      '#10 Mangoes',
      '#11 Bread',
      '#12 Towels',
    ]);
  });

  it('a member with no orders, history on, gets the default order and is told there is nothing to go by yet', async () => {
    await group.as('carol').says('hello');
    await history(t, group, 'carol', true);
    const carol = await privately(t, 'carol', '/deals');
    expect(plainLines(carol)).toEqual(plainLines(await privately(t, 'bob', '/deals')));
    expect(carol).not.toContain('👍');
    expect(carol).toContain('Recommendations are on, but you have no orders here yet to go by.');
  });

  it('a member in two groups: a heading per group, each personalised only where history is on', async () => {
    const other = t.group('north');
    await other.as('owner').says('/deal new "Melons" price=30 min=1 ends=72h');
    await categorise(t, other, 1, ['水果']);
    await other.as('alice').says('+1');
    await other.as('owner').says('/deal close #1');
    await other.as('owner').says('/deal new "Kiwis" price=9 min=1 ends=72h');
    await categorise(t, other, 2, ['水果']);
    await history(t, group, 'alice', true);
    const reply = await privately(t, 'alice', '团购');
    const sections = reply.split(/^【/m).slice(1);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/^main】\n/);
    expect(sections[0]).toContain('👍 #10 Mangoes');
    // In north history is off: its purchase of 水果 is not used there; the way to turn it on is said.
    expect(sections[1]).toMatch(/^north】\nOpen deals:\n#2 Kiwis — [^\n]*\n/);
    expect(sections[1]).not.toMatch(/👍 #|\(you bought/);
    expect(reply).toContain('/privacy on history');
  });

  it('bad input privately gets a clear answer and changes nothing', async () => {
    await history(t, group, 'alice', true);
    const before = JSON.stringify([...t.store.tables.deals.values(), ...t.store.tables.orders.values()]);
    expect(await privately(t, 'alice', '/deals #999')).toBe(
      'None of your groups has a deal #999. /deals lists the open ones.',
    );
    expect(await privately(t, 'alice', '/deals abc')).toMatch(/^Invalid deal[\s\S]*Usage: \/deals \[#3\]$/);
    expect(await privately(t, 'stranger', '/deals')).toBe(
      'You are not in any group I am in yet, so there are no deals to list.',
    );
    expect(JSON.stringify([...t.store.tables.deals.values(), ...t.store.tables.orders.values()])).toBe(
      before,
    );
  });
});

describe('recommendations in Chinese', () => {
  it('reads in Chinese, turned on and off with 隐私 开启|关闭 推荐, categories from 分类=', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    try {
      const group = t.group();
      await group.as('owner').says('开团 "苹果" 价格=10 成团=1 截止=72小时 分类=水果');
      await group.as('alice').says('+1');
      await group.as('owner').says('截团 #1');
      await group.as('owner').says('开团 "橙子" 价格=8 成团=5 截止=72小时 分类=水果');
      await group.as('owner').says('开团 "香皂" 价格=3 成团=5 截止=72小时 分类=日用');
      const off = await privately(t, 'alice', '团购');
      expect(off).toMatch(/^进行中的团购：\n#2 橙子[^\n]*\n#3 香皂[^\n]*\n想让/);
      expect(off).toContain('发送“隐私 开启 推荐”');
      await t.dm('alice').says('隐私 开启 推荐');
      const on = await privately(t, 'alice', '团购');
      expect(on).toMatch(/^进行中的团购：\n👍 #2 橙子 — [^\n]*（你买过 1 次水果）\n#3 香皂/);
      expect(on).toContain('发送“隐私 关闭 推荐”即可关闭');
      await t.dm('alice').says('隐私 关闭 推荐');
      expect(await privately(t, 'alice', '团购')).toBe(off);
    } finally {
      await t.close();
    }
  });

  it('a member of two Chinese groups reads the private list in Chinese, a heading per group', async () => {
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    try {
      for (const name of ['一群', '二群']) {
        const group = t.group(name);
        await group.as('owner').says('/lang zh');
        await group.as('owner').says(`开团 "${name}苹果" 价格=10 成团=5 截止=72小时`);
        await group.as('alice').says('你好');
      }
      expect(await privately(t, 'alice', '团购')).toMatch(
        /^【一群】\n进行中的团购：\n#1 一群苹果 — [^\n]*\n【二群】\n进行中的团购：\n#1 二群苹果 — [^\n]*\n想让/,
      );
      expect(await privately(t, 'alice', '团购 #9')).toBe(
        '你所在的群都没有团购 #9。发送“团购”查看进行中的团购。',
      );
    } finally {
      await t.close();
    }
  });
});
