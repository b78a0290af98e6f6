import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/core/adapter.js';
import { TestBot } from '../helpers/chat.js';
import { jpeg, png } from '../helpers/images.js';

/**
 * An admin's picture waits (`改团 #1 图片`, `收款设置 TEXT`) are kept with the deal and the payment
 * instructions, so a restart between the command and the picture does not lose the picture.
 */

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.bot.stop();
  await rm(dir, { recursive: true, force: true });
});
let dir = '';

/** A bot on `dir` (a fresh one for the first), at `start`, with wang an admin of the group `main`. */
async function bot(start: string, locale: 'en' | 'zh' = 'zh'): Promise<TestBot> {
  const t = await TestBot.create({ start, locale, ...(dir ? { dir } : {}) });
  dir = t.dir;
  bots.push(t);
  return t;
}

/** Stops the bot as a restart does (its data dir stays), and starts another on it a minute later. */
async function restart(t: TestBot, at: string): Promise<TestBot> {
  await t.bot.stop();
  bots.splice(bots.indexOf(t), 1);
  return bot(at);
}

const images = (t: TestBot, from: number) =>
  t.adapter.actions
    .slice(from)
    .filter((a) => a.kind === 'send' && a.out.kind === 'image')
    .map((a) => (a.kind === 'send' ? (a.out as Extract<Outgoing, { kind: 'image' }>) : undefined)!);

describe('picture waits survive a restart', () => {
  it('GIVEN 改团 #1 图片 WHEN the bot restarts before the picture THEN the picture is #1’s photo and the card is posted anew with it', async () => {
    dir = '';
    const first = await bot('2026-11-25T08:00:00Z');
    const main = first.group().admin('wang');
    await main.as('wang').says('开团 "芒果" 价格=10');
    const textCard = first.store.tables.deals.get('memory:main#1')!.rosterMessageId;
    expect(await main.as('wang').says('改团 #1 图片')).toEqual([expect.stringContaining('#1')]);

    const second = await restart(first, '2026-11-25T08:03:00Z');
    const again = second.group().admin('wang');
    // A member's picture meanwhile is not the admin's.
    expect(await again.as('alice').says('', { images: [{ data: png() }] })).toEqual([]);
    const before = second.adapter.actions.length;
    await again.as('wang').says('', { images: [{ data: jpeg() }] });
    const deal = second.store.tables.deals.get('memory:main#1')!;
    expect(deal.photos).toHaveLength(1);
    const [card] = images(second, before);
    expect(card?.caption).toContain('#1 芒果');
    expect(deal.rosterPhoto).toBe(deal.photos![0]);
    // The old card (a text, posted before the restart) says it moved.
    const moved = second.adapter.actions
      .slice(before)
      .find((a) => a.kind === 'edit' && a.messageId === textCard);
    expect(moved).toMatchObject({ text: expect.stringContaining('卡片已移到') });
    // The next within the window is added; after it, the admin's pictures are theirs.
    await again.as('wang').says('', { images: [{ data: png() }] });
    expect(second.store.tables.deals.get('memory:main#1')!.photos).toHaveLength(2);
    await second.advance('11m');
    await again.as('wang').says('', { images: [{ data: png() }] });
    expect(second.store.tables.deals.get('memory:main#1')!.photos).toHaveLength(2);
  });

  it('GIVEN 收款设置 TEXT WHEN the bot restarts before the picture THEN the picture is the payment code and the text is kept', async () => {
    dir = '';
    const first = await bot('2026-11-25T08:00:00Z');
    const main = first.group().admin('wang');
    expect(await main.as('wang').says('收款设置 支付宝 138 0000 0000')).toEqual([
      '文字已保存。请在 5 分钟内发送收款码图片。',
    ]);

    const second = await restart(first, '2026-11-25T08:02:00Z');
    const again = second.group().admin('wang');
    expect(await again.as('alice').says('', { images: [{ data: png() }] })).toEqual([]);
    await again.as('wang').says('', { images: [{ data: png() }] });
    const info = second.store.tables.paymentInfo.get('memory:main')!;
    expect(info.image).toMatch(/\.png$/);
    expect(info.text).toBe('支付宝 138 0000 0000');
    const before = second.adapter.actions.length;
    await again.as('alice').says('付款方式');
    expect(images(second, before)[0]?.caption).toContain('支付宝 138 0000 0000');
    // Used up: the admin's next picture is not taken again.
    const code = info.image;
    await again.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(second.store.tables.paymentInfo.get('memory:main')!.image).toBe(code);
  });

  it('GIVEN 收款设置 without text and no instructions yet WHEN the window passes THEN a picture is not taken, and /pay still says it is not set up', async () => {
    dir = '';
    const first = await bot('2026-11-25T08:00:00Z');
    const main = first.group().admin('wang');
    await main.as('wang').says('收款设置');
    const second = await restart(first, '2026-11-25T08:06:00Z');
    const again = second.group().admin('wang');
    expect(await again.as('wang').says('', { images: [{ data: png() }] })).toEqual([]);
    expect(second.store.tables.paymentInfo.get('memory:main')?.image).toBeUndefined();
    const notSetUp = await again.as('alice').says('付款方式');
    expect(notSetUp).toHaveLength(1);
    expect(notSetUp[0]).not.toContain('支付宝');
    // Nothing to clear: the wait alone is no instructions.
    const off = await again.as('wang').says('收款清除');
    expect(off).toHaveLength(1);
    expect(second.store.tables.paymentInfo.get('memory:main')).toBeUndefined();
  });

  it('GIVEN an admin waiting to send pictures WHEN they /forget THEN no record keeps their id in a wait', async () => {
    dir = '';
    const t = await bot('2026-11-25T08:00:00Z');
    const main = t.group().admin('wang');
    await main.as('wang').says('开团 "芒果" 价格=10');
    await main.as('wang').says('改团 #1 图片');
    await main.as('wang').says('收款设置');
    expect(t.store.tables.deals.get('memory:main#1')?.photoWait?.by).toBe('wang');
    expect(t.store.tables.paymentInfo.get('memory:main')?.setupWait?.by).toBe('wang');
    await main.as('wang').says('/forget');
    await main.as('wang').says('/forget confirm');
    expect(t.store.tables.deals.get('memory:main#1')?.photoWait).toBeUndefined();
    // The record held only the wait: it goes.
    expect(t.store.tables.paymentInfo.get('memory:main')).toBeUndefined();
  });
});
