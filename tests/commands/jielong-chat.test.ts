import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

/** 接龙 as a conversation: edits, quoted and replied-to cards, lines per option, proxies. */

const SEPARATOR = '- - - - - - - - - - - - - - -';

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
    .map(
      (o) =>
        `#${o.dealId.split('#')[1]} ×${o.qty}${o.option ? ` ${o.option}` : ''}${o.for ? ` for ${o.for}` : ''}`,
    );

/** The member edits their message `id` into `text` (Telegram edited_message, Discord update). */
function edits(user: string, id: string, text: string, at: string) {
  return t.capture(() =>
    t.bot.handle(t.adapter, {
      type: 'message',
      id,
      editedAt: at,
      chat: t.group().chat,
      sender: { id: user, name: user, role: 'member' },
      text,
    }),
  );
}

describe('GIVEN a member edits the message they ordered with', () => {
  it('+1 edited into +3 makes the line ×3; the same edit delivered twice changes it once', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 min=2');
    await t.group().as('alice').says('+1', { id: 'm1' });
    const out = await edits('alice', 'm1', '+3', '2026-11-25T08:01:00Z');
    expect(lines('alice')).toEqual(['#1 ×3']);
    expect(out.find((a) => a.startsWith('edited'))).toContain('1. alice ×3');
    expect(await edits('alice', 'm1', '+3', '2026-11-25T08:01:00Z')).toEqual([]);
  });

  it('an option changed by an edit moves the line; an edit into chatter withdraws it', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 options="小份,大份"');
    await t.group().as('alice').says('+1 小份', { id: 'm1' });
    await t.group().as('bob').says('+1 小份', { id: 'b1' });
    await edits('bob', 'b1', '+1 大份', '2026-11-25T08:01:00Z');
    expect(lines('bob')).toEqual(['#1 ×1 大份']);

    await t.group().as('alice').says('+2 大份', { id: 'm2' });
    await edits('alice', 'm1', '+3 小份', '2026-11-25T08:02:00Z');
    expect(lines('alice')).toEqual(['#1 ×3 小份', '#1 ×2 大份']);
    // Only the line the edited message set follows it; the 大份 line came from another message.
    await edits('alice', 'm1', '谢谢团长', '2026-11-25T08:03:00Z');
    expect(lines('alice')).toEqual(['#1 ×2 大份']);
  });
});

describe('GIVEN two open deals', () => {
  beforeEach(async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 min=2');
    await t.group().as('owner').says('/deal new "鸡蛋" price=12 options="10枚,30枚"');
  });

  it('a bare +1 is asked about and nothing is ordered', async () => {
    expect(await t.group().as('alice').reply('+1')).toMatch(/Which deal\? #1 草莓, #2 鸡蛋/);
    expect(lines('alice')).toEqual([]);
  });

  it('naming an option only one deal has picks that deal', async () => {
    await t.group().as('alice').says('30枚+1');
    expect(lines('alice')).toEqual(['#2 ×1 30枚']);
  });

  it('a WeChat quoted reply of a deal card orders in that deal', async () => {
    const quoted = `「团长：🛒 #1 草莓 — ¥39.90\n2 人成团」\n${SEPARATOR}\n+2`;
    await t.group().as('alice').says(quoted);
    expect(lines('alice')).toEqual(['#1 ×2']);
  });

  it('a reply to a deal card orders in that deal, after a mention of the leader', async () => {
    const card = t.store.tables.deals.get('memory:main#1')!.rosterMessageId!;
    await t.group().as('bob').says('@团长\u2005+2', { replyTo: card });
    expect(lines('bob')).toEqual(['#1 ×2']);
  });

  it('chatter is not asked about', async () => {
    for (const text of ['几点取货？', '2+2=4', '13800138000', '12月5日见', '第3件打折吗'])
      expect(await t.group().as('carol').says(text), text).toEqual([]);
  });
});

describe('GIVEN a member holds two lines', () => {
  beforeEach(async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 options="小份:29,大份:49"');
    await t.group().as('alice').says('+2 小份');
    await t.group().as('alice').says('+1 大份');
  });

  it('不要了 asks which, naming both; 小份不要了 withdraws only that one', async () => {
    const [asked] = await t.group().as('alice').says('不要了');
    expect(asked).toBe('#1 草莓:\n✗ alice: you hold ×2 小份, ×1 大份 — say which, e.g. 小份不要了');
    expect(lines('alice')).toHaveLength(2);
    await t.group().as('alice').says('小份不要了');
    expect(lines('alice')).toEqual(['#1 ×1 大份']);
  });

  it('改3 asks which; 大份改3 changes that line and keeps its place', async () => {
    expect((await t.group().as('alice').says('改3'))[0]).toMatch(/say which, e.g. 小份改3/);
    const out = await t.group().as('alice').says('大份改3');
    expect(lines('alice')).toEqual(['#1 ×2 小份', '#1 ×3 大份']);
    expect(out.find((a) => a.startsWith('edited'))).toContain('1. alice ×2 小份\n2. alice ×3 大份');
  });
});

describe('orders for someone else (代订)', () => {
  it('+1 帮邻居王阿姨 is a line of its own that shows both names', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 min=3');
    await t.group().as('alice').says('+1');
    const out = await t.group().as('alice').says('+2 帮王阿姨');
    expect(lines('alice')).toEqual(['#1 ×1', '#1 ×2 for 王阿姨']);
    expect(out.find((a) => a.startsWith('edited'))).toContain('1. alice ×1\n2. 王阿姨 (ordered by alice) ×2');
    expect(t.store.tables.deals.get('memory:main#1')?.buyers).toBe(2);
  });
});

describe('a copied roster', () => {
  it('counts only when it is the deal’s roster; a numbered question is not an order', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 min=3');
    await t.group().as('阿强').says('+1');
    await t.group().as('王姐').says('+2');
    expect(await t.group().as('小红').says('1. 几点取货？\n2. 在哪取？')).toEqual([]);
    await t.group().as('小红').says('#1 草莓\n1. 阿强 +1\n2. 王姐 +2\n3. 小红 2份');
    expect(lines('小红')).toEqual(['#1 ×2']);
  });
});

describe('in Chinese', () => {
  it('the card, the problems and the hint read in Chinese', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('开团 "赣南脐橙" 成团人数=2 规格="5斤:59,10斤:109:1" 限购=3');
    const [card] = await t.group().as('alice').says('10斤+1');
    expect(card).toContain('1. alice ×1 10斤\n合计：10斤 ×1；1 件，¥109.00');
    expect(await t.group().as('bob').says('10斤+1')).toContain(
      '#1 赣南脐橙：\n✗ bob：10斤 已售罄，已为你候补（×1 10斤），排第 1 位；有货时会私信通知你',
    );
    expect(await t.group().as('bob').says('+4 5斤')).toEqual([
      '#1 赣南脐橙：\n✗ bob：每人限购 3 件（所有规格合计）',
    ]);
    expect(await t.group().as('carol').says('+几个')).toEqual([
      'carol：没看懂这条接龙，未下单。可以发：+2、2份、5斤+1、改3、不要了（或 参团 #1 2）。',
    ]);
  });
});

describe('what a new user found (review of 2026-11-30)', () => {
  it('a leader reposting the roster to check it orders nothing; a member changing their own line in a copy changes it', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30 unit=盒');
    await t.group().as('张三').says('+1');
    await t.group().as('李四').says('+2');
    await t.group().as('王五').says('+5');
    const roster = '1. 张三 1盒\n2. 李四 2盒\n3. 王五 5盒';
    expect(await t.group().as('owner').says(`#1 草莓 接龙名单，请核对：\n${roster}`)).toEqual([]);
    expect(await t.group().as('李四').says(roster)).toEqual([]);
    expect(lines('owner')).toEqual([]);
    expect(lines('李四')).toEqual(['#1 ×2']);
    await t.group().as('张三').says('1. 张三 3盒\n2. 李四 2盒\n3. 王五 5盒');
    expect(lines('张三')).toEqual(['#1 ×3']);
    expect(lines('王五')).toEqual(['#1 ×5']);
  });

  it('a price list next to the options is not an order', async () => {
    await t.group().as('owner').says('/deal new "阳山水蜜桃" options="5斤:59,10斤:109"');
    for (const text of ['10斤109', '大家注意：5斤 59，10斤 109'])
      expect(await t.group().as('a').says(text), text).toEqual([]);
    expect(lines('a')).toEqual([]);
  });

  it('再来一份 adds one; 少要一份 takes one away', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 unit=盒');
    await t.group().as('a').says('+2');
    await t.group().as('a').says('再来一份');
    expect(lines('a')).toEqual(['#1 ×3']);
    await t.group().as('a').says('少要一份');
    expect(lines('a')).toEqual(['#1 ×2']);
  });

  it('+1 under a quoted member message agrees with them; it orders nothing', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9');
    const quote = `「bob：下次团榴莲吧」\n${SEPARATOR}\n+1`;
    expect(await t.group().as('f').says(quote)).toEqual([]);
    expect(await t.group().as('c').says('楼上+1')).toEqual([]);
    expect(lines('f')).toEqual([]);
  });

  it('answering "which option?" with the option alone completes the order', async () => {
    await t.group().as('owner').says('/deal new "阳山水蜜桃" options="5斤:59,10斤:109"');
    expect((await t.group().as('a').says('+2'))[0]).toMatch(/which option\?/);
    await t.group().as('a').says('5斤');
    expect(lines('a')).toEqual(['#1 ×2 5斤']);
    expect(await t.group().as('b').says('10斤')).toEqual([]);
  });

  it('with two open deals, bare +1s are one batched question naming each member; a title picks the deal', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30');
    await t.group().as('owner').says('/deal new "蓝莓" price=20');
    const out = await t.capture(async () => {
      await Promise.all(
        ['a', 'b', 'c'].map((name, i) =>
          t.bot.handle(t.adapter, {
            type: 'message',
            id: `w${i}`,
            chat: t.group().chat,
            sender: { id: name, name, role: 'member' },
            text: '+1',
          }),
        ),
      );
    });
    // One question for the burst, edited to name the later askers: one message, all named.
    expect(out.filter((o) => !o.startsWith('edited'))).toHaveLength(1);
    expect(
      out.every((o) =>
        o
          .replace(/^edited \S+: /, '')
          .startsWith("Which deal? #1 草莓, #2 蓝莓. Send +1 #1, or reply to the deal's message. Asked by:"),
      ),
    ).toBe(true);
    // Each asker named as one asked, not refused.
    expect(out.at(-1)!.match(/^· [abc]$/gm)).toHaveLength(3);
    expect(out.join('\n')).not.toMatch(/✗/);
    await t.group().as('a').says('草莓+1');
    expect(lines('a')).toEqual(['#1 ×1']);
  });
});

describe('what a code review found (2026-11-30)', () => {
  it('one message that takes one option away and adds another keeps the counters true (no fake 成团)', async () => {
    await t.group().as('owner').says('/deal new "草莓" min=2 options="小份:10:10,大份:20"');
    await t.group().as('alice').says('+1 小份');
    const out = await t.group().as('alice').says('小份少一份 大份再来一份');
    expect(lines('alice')).toEqual(['#1 ×1 大份']);
    const deal = t.store.tables.deals.get('memory:main#1')!;
    expect(deal).toMatchObject({ buyers: 1, sold: 1, status: 'open', optionSold: { 小份: 0, 大份: 1 } });
    expect(out.join('\n')).not.toContain('🎉');
  });

  it('an edit of an old message never undoes what came after it, and never adds twice', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30');
    await t.group().as('alice').says('+2', { id: 'm1' });
    await t.group().as('alice').says('改5', { id: 'm2' });
    await edits('alice', 'm1', '+2 周六拿', '2026-11-25T08:05:00Z');
    expect(lines('alice')).toEqual(['#1 ×5']);
    await t.group().as('alice').says('再来一份', { id: 'm3' });
    await edits('alice', 'm3', '再来一份 谢谢', '2026-11-25T08:06:00Z');
    expect(lines('alice')).toEqual(['#1 ×6']);
  });

  it('an edited command does not run again', async () => {
    await t.group().as('owner').says('/deal new "X" price=10', { id: 'c1' });
    await edits('owner', 'c1', '/deal new "X" price=12', '2026-11-25T08:01:00Z');
    expect(t.store.tables.deals.size).toBe(1);
  });

  it('a stale copied roster charges the sender nothing but their own line', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30 unit=盒');
    await t.group().as('alice').says('+1');
    await t.group().as('bob').says('+2');
    await t.group().as('bob').says('不要了');
    await t.group().as('carol').says('1. alice +1\n2. bob +2\n3. carol +1');
    expect(lines('carol')).toEqual(['#1 ×1']);
  });

  it('a pending "which option?" is forgotten once the member orders directly', async () => {
    await t.group().as('owner').says('/deal new "桃" options="5斤:59,10斤:109"');
    await t.group().as('a').says('+1');
    await t.group().as('a').says('5斤+3');
    expect(await t.group().as('a').says('5斤')).toEqual([]);
    expect(lines('a')).toEqual(['#1 ×3 5斤']);
  });

  it('+10 on a ¥10 deal is an order of ten; options priced per option can be re-priced', async () => {
    await t.group().as('owner').says('/deal new "鸡蛋" price=10');
    await t.group().as('a').says('+10');
    expect(lines('a')).toEqual(['#1 ×10']);
    await t.group().as('owner').says('/deal new "桃" options="5斤:59,10斤:109"');
    expect(await t.group().as('owner').says('/deal edit #2 options="5斤:65,10斤:119"')).toContain(
      'Deal #2 updated.',
    );
    expect(t.store.tables.deals.get('memory:main#2')?.optionPrices).toEqual({ '5斤': 6500, '10斤': 11900 });
  });

  it('options cannot be added to a deal that already has orders without one', async () => {
    await t.group().as('owner').says('/deal new "T恤" price=59');
    await t.group().as('alice').says('+2');
    expect(await t.group().as('owner').reply('/deal edit #1 options="S,M"')).toBe(
      '#1 already has orders without an option, so options cannot be added; open a new deal with them.',
    );
  });

  it('/cancel for= withdraws the line placed for someone', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30');
    await t.group().as('alice').says('+1 帮王阿姨');
    await t.group().as('alice').says('+2 帮张三');
    expect(await t.group().as('alice').reply('/cancel #1')).toMatch(/e\.g\. \/cancel #1 for=王阿姨/);
    await t.group().as('alice').says('/cancel #1 for=张三');
    expect(lines('alice')).toEqual(['#1 ×1 for 王阿姨']);
  });
});

describe('what a second new user found (2026-11-30)', () => {
  it('a +1 from a member who holds more never lowers their line; 改1 does', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9 min=2');
    await t.group().as('alice').says('+3');
    expect(await t.group().as('alice').says('谢谢团长+1')).toEqual([
      '#1 草莓:\n✗ alice: you hold ×3; nothing changed — to make it ×1, send 改1',
    ]);
    expect(lines('alice')).toEqual(['#1 ×3']);
    await t.group().as('alice').says('改1');
    expect(lines('alice')).toEqual(['#1 ×1']);
  });

  it('a neighbour’s line is found by the shorter name: 帮王阿姨的不要了, 帮李姐改2份', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9');
    await t.group().as('alice').says('+1 帮邻居王阿姨');
    await t.group().as('alice').says('+1 帮邻居李姐');
    await t.group().as('alice').says('+1');
    await t.group().as('alice').says('帮李姐改2份');
    expect(lines('alice')).toEqual(['#1 ×1 for 邻居王阿姨', '#1 ×2 for 邻居李姐', '#1 ×1']);
    await t.group().as('alice').says('帮王阿姨的不要了');
    expect(lines('alice')).toEqual(['#1 ×2 for 邻居李姐', '#1 ×1']);
  });

  it('a copy that adds the sender’s line and another name orders the sender’s and says the rest was not', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=39.9');
    await t.group().as('alice').says('+1');
    const out = await t.group().as('erin').says('1. alice ×1\n2. erin 1份\n3. dave 2份');
    expect(lines('erin')).toEqual(['#1 ×1']);
    expect(out.join('\n')).toContain('erin: I could not read that as an order for #1');
  });
});

describe('an admin withdraws a member’s lines', () => {
  it('/cancel #1 @alice withdraws all her lines, for=NAME only her line for that person; members cannot', async () => {
    await t.group().as('owner').says('/deal new "草莓" price=30');
    await t.group().as('alice').says('+1');
    await t.group().as('alice').says('+1 帮王阿姨');
    await t.group().as('alice').says('+2 帮张三');
    expect(await t.group().as('bob').reply('/cancel #1 @alice')).toMatch(/Only group admins/);
    await t.group().as('owner').says('/cancel #1 @alice for=王阿姨');
    expect(lines('alice')).toEqual(['#1 ×1', '#1 ×2 for 张三']);
    await t.group().as('owner').says('/cancel #1 @alice');
    expect(lines('alice')).toEqual([]);
  });
});
