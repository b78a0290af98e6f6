import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEvent } from '../../src/core/events.js';
import { TestBot } from '../helpers/chat.js';

/** The waitlist (候补) of sold-out deals and options: joining, leaving, units freed, deadlines. */

const MANGOES = '/deal new "Mangoes" price=10 min=1 options="S:10,L:20:1" ends=48h';
const DEAL = 'memory:main#1';

/** What each member holds in the deal now: `bob ×1 L`. */
const holdings = (t: TestBot) =>
  [...t.store.tables.orders.values()]
    .filter((o) => o.dealId === DEAL && o.status === 'active')
    .sort((a, b) => a.line - b.line)
    .map((o) => `${o.userId} ×${o.qty}${o.option ? ` ${o.option}` : ''}`);

/** Who waits, in order: `bob ×1 L`. */
const waiting = (t: TestBot) =>
  [...t.store.tables.waitlist.values()]
    .filter((e) => e.status === 'waiting')
    .sort((a, b) => a.seq - b.seq)
    .map((e) => `${e.userId} ×${e.qty}${e.option ? ` ${e.option}` : ''}`);

const order = (user: string, text: string, i: number): MessageEvent => ({
  type: 'message',
  id: `burst-${user}-${i}`,
  chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
  sender: { id: user, name: user, role: 'member' },
  text,
});

let t: TestBot;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

describe('GIVEN a deal whose option L is sold out', () => {
  beforeEach(async () => {
    await t.group().as('owner').says(MANGOES);
    await t.group().as('alice').says('+1 L');
  });

  it('a +1, /join or tap for it joins its waitlist and says the place; a second +1 adds no second entry', async () => {
    const group = t.group();
    // The card counts those waiting (see below); the answer is a line of the deal's notice.
    expect(await group.as('bob').says('L+1')).toContain(
      '#1 Mangoes:\n✗ bob: L sold out — you are 1st on the waitlist (×1 L); you will be told privately if it frees up',
    );
    expect(await group.as('carol').says('/join #1 2 L')).toContain(
      '✗ carol: L sold out — you are 2nd on the waitlist (×2 L); you will be told privately if it frees up',
    );
    expect(await group.as('bob').says('+1 L')).toEqual([
      '#1 Mangoes:\n✗ bob: L still sold out — you are already 1st on the waitlist (×1 L)',
    ]);
    // The card offers the waitlist where L's +1 was, and a tap joins it.
    const card = t.buttons();
    expect(card.rows[0]).toEqual(['+1 S', 'Waitlist L']);
    const tap = await group.as('dave').taps(card.messageId, card.action('Waitlist L'));
    expect(tap.at(-1)).toBe(
      '[to dave] ✗ dave: L sold out — you are 3rd on the waitlist (×1 L); you will be told privately if it frees up',
    );
    expect(waiting(t)).toEqual(['bob ×1 L', 'carol ×2 L', 'dave ×1 L']);
    expect(holdings(t)).toEqual(['alice ×1 L']);
    // A new quantity keeps the place: carol now waits for one.
    await group.as('carol').says('/join #1 1 L');
    expect(waiting(t)).toEqual(['bob ×1 L', 'carol ×1 L', 'dave ×1 L']);
  });

  it('the card shows how many wait; /waitlist lists them in order for admins', async () => {
    const group = t.group();
    await group.as('bob').says('L+1');
    const out = await group.as('carol').says('L+2');
    expect(out.find((line) => line.startsWith('edited'))).toContain(
      'Options: S ¥10.00 · L ¥20.00 (sold out · 2 waiting)',
    );
    expect(await group.as('owner').reply('/waitlist #1')).toBe(
      [
        'Waitlist of #1 Mangoes, first in line first:',
        'L — 2 waiting',
        '1. bob ×1 L · since 2026-11-25 08:00',
        '2. carol ×2 L · since 2026-11-25 08:00',
      ].join('\n'),
    );
  });

  it('a withdrawal also takes the member off the waitlist and says so: /cancel, 不要了, the card’s Withdraw', async () => {
    const group = t.group();
    await group.as('bob').says('L+1');
    await group.as('carol').says('L+2');
    await group.as('dave').says('L+1');
    expect(await group.as('bob').reply('/cancel #1')).toBe('↩ bob: off the waitlist (×1 L)');
    expect(await group.as('carol').says('不要了')).toEqual(['#1 Mangoes:\n↩ carol: off the waitlist (×2 L)']);
    const card = t.buttons();
    expect((await group.as('dave').taps(card.messageId, card.action('Withdraw'))).at(-1)).toBe(
      '[to dave] ↩ dave: off the waitlist (×1 L)',
    );
    expect(waiting(t)).toEqual([]);
    expect(await group.as('owner').reply('/waitlist #1')).toBe('Nobody is on the waitlist of #1.');
    // Withdrawing the order that held L gives it to nobody now: the stock is simply free again.
    await group.as('alice').says('/cancel #1');
    expect(holdings(t)).toEqual([]);
  });

  it('withdrawing one option keeps the member’s place on another option’s waitlist', async () => {
    const group = t.group();
    await group.as('bob').says('+2 S');
    await group.as('bob').says('+1 L');
    expect(waiting(t)).toEqual(['bob ×1 L']);
    expect(await group.as('bob').says('/cancel #1 S')).toContain('↩ bob: ×2 S withdrawn');
    expect(waiting(t)).toEqual(['bob ×1 L']);
  });

  it('units freed by a withdrawal go to the first in line, who is told privately and must pay by the deadline', async () => {
    const group = t.group();
    await group.as('bob').says('L+1');
    await group.as('carol').says('L+1');
    const out = await group.as('alice').says('/cancel #1');
    expect(out).toContain(
      '[dm bob] 🎉 #1 Mangoes: ×1 L freed up and is yours from the waitlist (it is on your order now). Please pay by 2026-11-25 20:00; unpaid by then, it goes to the next in line.',
    );
    expect(out.filter((line) => line.startsWith('[dm carol]'))).toEqual([]);
    expect(holdings(t)).toEqual(['bob ×1 L']);
    expect(t.store.tables.orders.get(`${DEAL}/bob|L|`)?.payBy).toBe('2026-11-25T20:00:00.000Z');
    expect(waiting(t)).toEqual(['carol ×1 L']);
    expect(await group.as('owner').reply('/waitlist #1')).toBe(
      [
        'Waitlist of #1 Mangoes, first in line first:',
        'L — 1 waiting',
        '1. carol ×1 L · since 2026-11-25 08:00',
        'Given from the waitlist, to be paid:',
        'bob ×1 L — pay by 2026-11-25 20:00',
      ].join('\n'),
    );
  });

  it('units unpaid by the deadline go to the next in line; units paid in time stay (fake clock)', async () => {
    const group = t.group();
    await group.as('owner').says('/settings waitlist.pay_within=2h');
    await group.as('bob').says('L+1');
    await group.as('carol').says('L+1');
    await group.as('dave').says('L+1');
    await group.as('alice').says('/cancel #1');
    expect(holdings(t)).toEqual(['bob ×1 L']);
    // Not yet: a minute before bob's deadline nothing moves.
    expect(await t.advance('119m')).toEqual([]);
    const expired = await t.advance('1m');
    expect(expired).toContain(
      '[dm bob] #1 Mangoes: ×1 L from the waitlist was not paid by 2026-11-25 10:00, so it was taken off your order (and offered to the next in line, if anyone waits).',
    );
    expect(expired).toContain(
      '[dm carol] 🎉 #1 Mangoes: ×1 L freed up and is yours from the waitlist (it is on your order now). Please pay by 2026-11-25 12:00; unpaid by then, it goes to the next in line.',
    );
    expect(holdings(t)).toEqual(['carol ×1 L']);
    expect(t.store.tables.orders.get(`${DEAL}/bob|L|`)?.cancelReason).toBe('unpaid');
    expect(waiting(t)).toEqual(['dave ×1 L']);
    // Carol pays in time: at her deadline nothing is taken back, and dave keeps waiting.
    await group.as('owner').says('/paid #1 @carol');
    const after = await t.advance('2h');
    expect(after.filter((line) => line.includes('[dm'))).toEqual([]);
    expect(holdings(t)).toEqual(['carol ×1 L']);
    expect(waiting(t)).toEqual(['dave ×1 L']);
  });

  it('a stock increase by /deal edit goes to those waiting, in order', async () => {
    const group = t.group();
    await group.as('bob').says('L+1');
    await group.as('carol').says('L+2');
    await group.as('dave').says('L+1');
    const out = await group.as('owner').says('/deal edit #1 options="S:10,L:20:3"');
    expect(out[0]).toBe('Deal #1 updated.');
    // Two more: bob's one, then carol's two do not fit, so dave (next who fits) gets the last.
    expect(holdings(t)).toEqual(['alice ×1 L', 'bob ×1 L', 'dave ×1 L']);
    expect(waiting(t)).toEqual(['carol ×2 L']);
    expect(out.filter((line) => line.startsWith('[dm')).map((line) => line.slice(0, 12))).toEqual([
      '[dm bob] 🎉 ',
      '[dm dave] 🎉',
    ]);
  });

  it('a line lowered frees units for the first in line', async () => {
    const group = t.group();
    await group.as('owner').says('/deal edit #1 options="S:10,L:20:3"');
    await group.as('alice').says('L改3');
    await group.as('bob').says('L+1');
    const out = await group.as('alice').says('L改2');
    expect(out.some((line) => line.startsWith('[dm bob] 🎉 #1 Mangoes: ×1 L'))).toBe(true);
    expect(holdings(t)).toEqual(['alice ×2 L', 'bob ×1 L']);
    expect(waiting(t)).toEqual([]);
  });

  it('a member who holds a paid line and waits for more loses only the unpaid units at the deadline', async () => {
    const group = t.group();
    await group.as('owner').says('/deal edit #1 options="S:10,L:20:2"');
    await group.as('bob').says('L+1');
    await group.as('owner').says('/paid #1 @bob');
    // Bob wants 2 in all: he waits for one more.
    await group.as('bob').says('L改2');
    expect(waiting(t)).toEqual(['bob ×1 L']);
    await group.as('alice').says('/cancel #1');
    expect(holdings(t)).toEqual(['bob ×2 L']);
    const out = await t.advance('12h');
    expect(out).toContain(
      '[dm bob] #1 Mangoes: ×1 L from the waitlist was not paid by 2026-11-25 20:00, so it was taken off your order (and offered to the next in line, if anyone waits).',
    );
    // His paid unit stays, and nothing is owed either way.
    expect(holdings(t)).toEqual(['bob ×1 L']);
    const line = t.store.tables.orders.get(`${DEAL}/bob|L|`)!;
    expect(line.paidCents).toBe(2000);
  });

  it('a member the bot cannot write to privately is told in the group instead', async () => {
    const group = t.group();
    t.adapter.unreachable.add('bob');
    await group.as('bob').says('L+1');
    const out = await group.as('alice').says('/cancel #1');
    expect(out).toContain(
      '@bob: #1 Mangoes — ×1 L freed up and is yours from the waitlist. Please pay by 2026-11-25 20:00; unpaid by then, it goes to the next in line.',
    );
    expect(holdings(t)).toEqual(['bob ×1 L']);
  });

  it('after the deal closed (it formed), units of an expired grant still go to the next in line', async () => {
    const group = t.group();
    await group.as('owner').says('/deal edit #1 ends=2h');
    await group.as('bob').says('L+1');
    await group.as('carol').says('L+1');
    await group.as('alice').says('/cancel #1');
    await t.advance('3h');
    expect(t.store.tables.deals.get(DEAL)?.status).toBe('closed');
    // A +1 after the deadline joins nothing.
    expect(await group.as('erin').says('/join #1 1 L')).toEqual(['✗ erin: the deal is closed']);
    const out = await t.advance('9h');
    expect(out.some((line) => line.startsWith('[dm carol] 🎉 #1 Mangoes: ×1 L'))).toBe(true);
    expect(holdings(t)).toEqual(['carol ×1 L']);
    expect(waiting(t)).toEqual([]);
  });

  it('bad input gets a clear answer and changes nothing', async () => {
    const group = t.group();
    await group.as('bob').says('L+1');
    const before = JSON.stringify([...t.store.tables.waitlist.values()]);
    expect(await group.as('owner').reply('/waitlist #9')).toMatch(/#9/);
    expect(await group.as('owner').reply('/waitlist')).toMatch(/deal/);
    expect(await group.as('owner').reply('/waitlist three')).toMatch(/deal code like #3/);
    expect(await group.as('bob').reply('/waitlist #1')).toMatch(/admins/);
    expect(await group.as('owner').reply('/settings waitlist.pay_within=soon')).toBe(
      'Invalid value for "Waitlist payment deadline" (waitlist.pay_within): expected a duration like 90m, 2h or 3d. Nothing was changed.',
    );
    // More than the limit of 999 is refused, not put on the waitlist.
    expect(await group.as('carol').reply('/join #1 5000 L')).toMatch(/quantity|qty/i);
    expect(JSON.stringify([...t.store.tables.waitlist.values()])).toBe(before);
    expect(t.store.tables.communities.get('memory:main')?.settings['waitlist.pay_within']).toBeUndefined();
  });
});

describe('GIVEN a flash deal sold out in a burst', () => {
  it('freed units go to the earliest waiting members exactly, whatever the order of the withdrawals', async () => {
    await t.group().as('owner').says('/deal new "Flash eggs" price=5 min=1 stock=10 ends=2h');
    const members = Array.from({ length: 40 }, (_, i) => `m${i}`);
    // Every member twice: the second +1 adds no second place.
    const events = members.flatMap((m, i) => [order(m, '+1', 2 * i), order(m, '+1', 2 * i + 1)]);
    const said = await t.capture(async () => {
      await Promise.all(events.map((e) => t.bot.handle(t.adapter, e)));
    });
    const text = said.join('\n');
    const sold = t.store.tables.deals.get(DEAL)!;
    expect(sold.sold).toBe(10);
    const buyers = holdings(t).map((h) => h.split(' ')[0]);
    const queue = members.filter((m) => !buyers.includes(m));
    expect(waiting(t)).toEqual(queue.map((m) => `${m} ×1`));
    // Each was told their own place, once joined and once again.
    queue.forEach((m, i) => {
      const place = i + 1;
      const nth = `${place}${['th', 'st', 'nd', 'rd'][place % 100 > 10 && place % 100 < 14 ? 0 : place % 10] ?? 'th'}`;
      expect(text).toContain(`✗ ${m}: sold out — you are ${nth} on the waitlist (×1)`);
      expect(text).toContain(`✗ ${m}: still sold out — you are already ${nth} on the waitlist (×1)`);
    });
    // Five withdraw at once, then a member who waits leaves: the five earliest still waiting get them.
    const leaving = buyers.slice(0, 5);
    const out = await t.capture(async () => {
      await Promise.all([
        t.bot.handle(t.adapter, order(queue[1]!, '不要了', 100)),
        ...leaving.map((m, i) => t.bot.handle(t.adapter, order(m!, '不要了', 101 + i))),
      ]);
    });
    const expected = [queue[0]!, ...queue.slice(2, 6)];
    const granted = out.filter((line) => line.includes('🎉')).map((line) => line.split(']')[0]!.slice(4));
    expect(granted.sort()).toEqual([...expected].sort());
    for (const m of expected) expect(holdings(t)).toContain(`${m} ×1`);
    expect(waiting(t)).toEqual(queue.slice(6).map((m) => `${m} ×1`));
    expect(t.store.tables.deals.get(DEAL)!.sold).toBe(10);
  });
});

describe('in Chinese', () => {
  it('joining, the grant and 候补 #1 read in Chinese', async () => {
    const group = t.group();
    await group.as('owner').says('/lang zh');
    await group.as('owner').says('开团 "芒果" 价格=10 成团人数=1 规格="小份:10,大份:20:1"');
    await group.as('alice').says('大份+1');
    expect(await group.as('bob').says('大份+1')).toContain(
      '#1 芒果：\n✗ bob：大份 已售罄，已为你候补（×1 大份），排第 1 位；有货时会私信通知你',
    );
    expect(await group.as('owner').reply('候补 #1')).toBe(
      ['#1 芒果 候补名单（按先后顺序）：', '大份：1 人候补', '1. bob ×1 大份 · 2026-11-25 08:00 起'].join(
        '\n',
      ),
    );
    const out = await group.as('alice').says('不要了');
    expect(out.find((line) => line.startsWith('[dm bob]'))).toBe(
      '[dm bob] 🎉 #1 芒果：候补成功，×1 大份 已加入你的订单。请在 2026-11-25 20:00 前付款，逾期未付将转给下一位候补。',
    );
  });
});
