import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * The waitlist beside the money notices: units given from it have their own deadline (no generic
 * "you owe" reminder on top), `/waitlist` says when nobody waits, and units taken back from several
 * members at once change the card once.
 */

const MANGOES = '/deal new "Mangoes" price=10 min=1 options="S:10,L:20:2" ends=48h';

let t: TestBot;
let group: GroupChat;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  group = t.group();
  await group.as('owner').says(MANGOES);
  await group.as('alice').says('+2 L');
  await group.as('carol').says('+1 S');
});
afterEach(async () => {
  await t.close();
});

describe('GIVEN bob got ×1 L from the waitlist an hour after the deal formed', () => {
  beforeEach(async () => {
    await group.as('bob').says('L+1');
    await t.advance('1h');
    await group.as('alice').says('L改1');
  });

  it('the payment reminder 2 h after forming skips his line: the grant already told him to pay by its deadline', async () => {
    const dms = (await t.advance('1h')).filter((line) => line.startsWith('[dm '));
    expect(dms.map((line) => line.split(']')[0])).toEqual(['[dm alice', '[dm carol']);
  });

  it('/waitlist says nobody waits, then lists the units given and not yet paid', async () => {
    expect(await group.as('owner').reply('/waitlist #1')).toBe(
      [
        'Nobody waits for #1 Mangoes now.',
        'Given from the waitlist, to be paid:',
        'bob ×1 L — pay by 2026-11-25 21:00',
      ].join('\n'),
    );
  });
});

describe('GIVEN two members given units at once, and one more waiting', () => {
  it('when both deadlines pass together, the card is edited once', async () => {
    for (const user of ['bob', 'dave', 'erin']) await group.as(user).says('L+1');
    await group.as('alice').says('/cancel #1 L');
    const out = await t.advance('12h');
    expect(out.filter((line) => line.includes('from the waitlist was not paid'))).toHaveLength(2);
    expect(out.some((line) => line.startsWith('[dm erin] 🎉'))).toBe(true);
    expect(out.filter((line) => line.startsWith('edited '))).toHaveLength(1);
  });
});

describe('GIVEN a Chinese group', () => {
  it('候补 #1 says nobody waits in Chinese', async () => {
    const zh = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
    const main = zh.group();
    await main.as('owner').says('/deal new "芒果" price=10 min=1 stock=1 ends=48h');
    await main.as('alice').says('+1');
    await main.as('bob').says('+1');
    await main.as('alice').says('不要了');
    expect(await main.as('owner').reply('候补 #1')).toBe(
      ['#1 芒果 目前无人候补。', '候补已下单、待付款：', 'bob ×1 — 2026-11-25 20:00 前付款'].join('\n'),
    );
    await zh.close();
  });
});
