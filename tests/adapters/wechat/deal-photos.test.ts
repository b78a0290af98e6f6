import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jpeg } from '../../helpers/images.js';
import { box, WechatWorld, waitFor } from './harness.js';

/**
 * A deal card with a product photo on WeChat (real wechaty, mock puppet): no captions and no edits,
 * so the photo is posted, then the card as text; the card's later reposts (at most one a minute)
 * are the text alone, never the photo again.
 */

let w: WechatWorld;
beforeEach(async () => {
  w = await WechatWorld.create();
});
afterEach(async () => {
  await w.close();
});

describe('wechat: a deal card with a photo', () => {
  it('GIVEN 改团 #1 图片 and a picture THEN the picture then the card are posted; an order reposts the card without the picture', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('小区团购群', [owner, alice], owner);
    await w.login();
    owner.say('开团 "芒果" 价格=10').to(room);
    await w.botSays(room.id, 1);
    owner.say('改团 #1 图片').to(room);
    const [, asked] = await w.botSays(room.id, 2);
    expect(asked?.text).toContain('请在 10 分钟内发送 #1 的商品图片');

    owner.say(box(jpeg(4_000), 'mango.jpg')).to(room);
    await waitFor(
      () => w.store.tables.deals.get(`wechat:${room.id}#1`)?.photos?.length === 1,
      w.clock,
      'the photo',
    );
    // The card's repost waits out WeChat's minute between two posts of it (the clock moves here).
    await waitFor(
      () =>
        w
          .botSaid(room.id)
          .slice(2)
          .some((s) => s.text?.includes('🛒 #1 芒果')),
      w.clock,
      'the card',
    );
    const after = w.botSaid(room.id).slice(2);
    const picture = after.findIndex((s) => s.file?.endsWith('.jpg'));
    expect(picture).toBeGreaterThanOrEqual(0);
    expect(after[picture + 1]?.text).toContain('🛒 #1 芒果');
    expect(after.some((s) => s.text === '#1 已收到第 1 张图片（最多 5 张），卡片显示第一张。')).toBe(true);

    const before = w.botSaid(room.id).length;
    alice.say('+1').to(room);
    await waitFor(
      () =>
        w
          .botSaid(room.id)
          .slice(before)
          .some((s) => s.text?.includes('🛒 #1 芒果') && s.text.includes('Alice')),
      w.clock,
      'the card reposted',
    );
    await w.settle();
    expect(
      w
        .botSaid(room.id)
        .slice(before)
        .filter((s) => s.file !== undefined),
    ).toEqual([]);
    expect(w.restrictions).toEqual([]);
  });
});
