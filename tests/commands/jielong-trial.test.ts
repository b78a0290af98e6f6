import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/** What a leader trial of 接龙 found: names with digits, `列表` with several deals, a burst of `+1`. */

let t: TestBot;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
});
afterEach(async () => {
  await t.close();
});

const lines = (user: string) =>
  [...t.store.tables.orders.values()]
    .filter((o) => o.userId === user && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map((o) => `#${o.dealId.split('#')[1]} ×${o.qty}${o.option ? ` ${o.option}` : ''}`);

describe('a copied roster from a member whose name has digits (302室, 王姐2)', () => {
  it('in Chinese: the member’s own line orders, the digits of the name are not the quantity', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "草莓" 价格=30');
    await t.group().as('小李').says('接龙 2');
    const out = await t.group().as('302室').says('1. 小李 ×2\n2. 302室 ×1');
    expect(lines('302室')).toEqual(['#1 ×1']);
    expect(out.join('\n')).toContain('2. 302室 ×1');
    expect(await t.group().as('王姐2').says('1. 小李 ×2\n2. 302室 ×1\n3. 王姐2 1份')).not.toContain(
      '王姐2：没看懂这条接龙，未下单。可以发：+2、2份、改3、不要了（或 参团 #1 2）。',
    );
    expect(lines('王姐2')).toEqual(['#1 ×1']);
    await t.group().as('5栋1单元').says('4. 5栋1单元 +3');
    expect(lines('5栋1单元')).toEqual(['#1 ×3']);
  });

  it('in English: bob2’s copy orders bob2’s line', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=10');
    await t.group().as('alice').says('+2');
    await t.group().as('bob2').says('1. alice ×2\n2. bob2 ×1');
    expect(lines('bob2')).toEqual(['#1 ×1']);
  });

  it('a line that cannot be read, or another digit name, gets the hint and orders nothing', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "草莓" 价格=30');
    await t.group().as('小李').says('接龙 2');
    expect(await t.group().as('302室').says('1. 小李 ×2\n2. 302室 +1+2')).toEqual([
      '302室：没看懂这条接龙，未下单。可以发：+2、2份、改3、不要了（或 参团 #1 2）。',
    ]);
    expect(await t.group().as('小红').says('1. 小李 ×2\n2. 5栋1单元 1份')).toEqual([
      '小红：没看懂这条接龙，未下单。可以发：+2、2份、改3、不要了（或 参团 #1 2）。',
    ]);
    expect(lines('302室')).toEqual([]);
    expect(lines('小红')).toEqual([]);
    expect([...t.store.tables.orders.values()].filter((o) => o.status === 'active')).toHaveLength(1);
  });
});

describe('with several open deals', () => {
  it('列表 / list shows the open deals’ rosters, never asks which deal to join', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "草莓" 价格=30');
    await t.group().as('owner').says('开团 "鸡蛋" 价格=12');
    await t.group().as('alice').says('草莓+1');
    const out = await t.group().as('owner').says('列表');
    expect(out.join('\n')).not.toContain('要参加哪个团');
    expect(out.join('\n')).toContain('1. alice ×1');
    expect(out.join('\n')).toContain('#2 鸡蛋');
    await t.group().as('owner').says('/lang en');
    const en = await t.group().as('owner').says('list');
    expect(en.join('\n')).not.toContain('Which deal?');
    expect(en.join('\n')).toContain('1. alice ×1');
    expect([...t.store.tables.orders.values()]).toHaveLength(1);
  });

  it('with more than three open deals 列表 asks whose roster, and 列表 #2 / list #2 shows it', async () => {
    for (const title of ['草莓', '鸡蛋', '蓝莓', '芒果'])
      await t.group().as('owner').says(`/deal new "${title}" price=10`);
    expect(await t.group().as('alice').says('list')).toEqual([
      "Which deal's roster? #1 草莓, #2 鸡蛋, #3 蓝莓, #4 芒果. Send list #1.",
    ]);
    expect((await t.group().as('alice').says('list #2')).join('\n')).toContain('#2 鸡蛋');
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('alice').says('列表')).toEqual([
      '要看哪个团的名单？#1 草莓、#2 鸡蛋、#3 蓝莓、#4 芒果。请发送 列表 #1。',
    ]);
    expect((await t.group().as('alice').says('列表 #2')).join('\n')).toContain('#2 鸡蛋');
    expect([...t.store.tables.orders.values()]).toHaveLength(0);
  });

  it('a burst of +1 from five members gets one question, edited to name each, in en and zh', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30');
    await t.group().as('owner').says('/deal new "鸡蛋" price=12');
    const out: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) out.push(...(await t.group().as(name).says('+1')));
    out.push(...(await t.advance('1m')));
    const posts = out.filter((o) => !o.startsWith('edited'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^Which deal\? #1 草莓, #2 鸡蛋/);
    expect(out.at(-1)).toMatch(/Asked by:\n· a\n· b\n· c\n· d\n· e$/);
    expect([...t.store.tables.orders.values()]).toHaveLength(0);

    await t.group().as('owner').says('/lang zh');
    const later = await t.advance('10m');
    expect(later).toEqual([]);
    // After the burst a new question is a new message (not an edit far up the chat).
    const again = await t.group().as('f').says('+1');
    expect(again[0]).toMatch(/^要参加哪个团？#1 草莓、#2 鸡蛋/);
  });

  it('a +1 that names no deal goes to the only deal that can take orders (the other sold out)', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "草莓" 价格=30 库存=1');
    await t.group().as('owner').says('开团 "鸡蛋" 价格=12');
    await t.group().as('alice').says('草莓+1');
    const out = await t.group().as('bob').says('+1');
    expect(out.join('\n')).not.toContain('要参加哪个团');
    expect(lines('bob')).toEqual(['#2 ×1']);
  });
});
