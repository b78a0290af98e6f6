import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMessageFile } from '../../../adapters/wechat/files.js';
import { normalizeMessage } from '../../../adapters/wechat/normalize.js';
import { DeliveryError } from '../../../src/core/adapter.js';
import { pdf, png } from '../../helpers/images.js';
import { box, WechatWorld, waitFor } from './harness.js';

/**
 * Pictures on WeChat, through real wechaty and the mock puppet: a picture message carries no
 * caption, so the payment code follows `收款设置 …` and a screenshot follows `已付 #1`, each as the
 * sender's next message; the bot fetches it with toFileBox.
 */

let w: WechatWorld;
beforeEach(async () => {
  w = await WechatWorld.create();
});
afterEach(async () => {
  await w.close();
});

describe('wechat pictures', () => {
  it('a picture message is an event with no text and the message as its image; other kinds stay out', () => {
    const base = { id: 'm1', self: false, text: '', talker: { id: 'u1', name: 'Alice' } };
    expect(normalizeMessage({ ...base, isText: false, file: 'image' })).toMatchObject({
      text: '',
      images: [{ ref: 'm1' }],
    });
    expect(normalizeMessage({ ...base, isText: false, file: 'attachment' })?.images).toEqual([{ ref: 'm1' }]);
    expect(normalizeMessage({ ...base, isText: false })).toBeUndefined();
  });

  it('GIVEN 收款设置 TEXT from the room owner THEN the next picture is the payment code: kept owner-only and posted back with the text', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('小区团购群', [owner, alice], owner);
    await w.login();
    owner.say('收款设置 支付宝 138 0000 0000，备注名字').to(room);
    const [asked] = await w.botSays(room.id, 1);
    expect(asked?.text).toBe('文字已保存。请在 5 分钟内发送收款码图片。');

    const code = png(20_000);
    owner.say(box(code, 'code.png')).to(room);
    const said = await w.botSays(room.id, 3);
    expect(said[1]?.file).toMatch(/\.png$/);
    expect(said[2]?.text).toContain('付款方式已保存');
    expect(said[2]?.text).toContain('支付宝 138 0000 0000，备注名字');
    const dir = join(w.dir, 'payment');
    const [name] = await readdir(dir);
    expect(new Uint8Array(await readFile(join(dir, name!)))).toEqual(code);
    expect((await stat(join(dir, name!))).mode & 0o777).toBe(0o600);

    // Anyone asks: the code and the text.
    alice.say('付款方式').to(room);
    const shown = await w.botSays(room.id, 5);
    expect(shown[3]?.file).toBe(name);
    expect(shown[4]?.text).toContain('已付 #3');
  });

  it('GIVEN 收款设置 THEN a picture message whose file is no picture (a PDF named .png) is refused by its bytes, and nothing is kept', async () => {
    const owner = w.contact('王姐');
    const room = w.room('团购', [owner], owner);
    await w.login();
    owner.say('收款设置').to(room);
    await w.botSays(room.id, 1);
    owner.say(box(pdf(), 'bill.png')).to(room);
    const said = await w.botSays(room.id, 2);
    expect(said[1]?.text).toBe('这不是可以保存的图片：请发送照片或截图。\n付款方式保持不变。');
    expect(await readdir(join(w.dir, 'payment')).catch(() => [])).toEqual([]);
  });

  it('GIVEN a member says 已付 #1 THEN the screenshot she sends next is kept with her claim', async () => {
    const owner = w.contact('王姐');
    const alice = w.contact('Alice');
    const room = w.room('团购', [owner, alice], owner);
    await w.login();
    owner.say('/deal new "芒果" price=10 min=1').to(room);
    await w.botSays(room.id, 1);
    alice.say('+1').to(room);
    await waitFor(() => w.store.tables.orders.size === 1, w.clock, 'the order');
    await w.settle();
    const before = w.botSaid(room.id).length;
    alice.say('已付 #1').to(room);
    await w.botSays(room.id, before + 1);
    alice.say(box(png(), 'shot.png')).to(room);
    const said = await w.botSays(room.id, before + 2);
    // Quiet like the claim: a line of the deal's batched notice (WeChat has no reactions).
    expect(said.at(-1)?.text).toBe('#1 芒果：\n✓ Alice：付款截图已随付款申报保存');
    const [line] = [...w.store.tables.orders.values()];
    expect(line?.claimProof).toMatch(/^proofs\/[0-9a-f]{16}\/1-\d+-[0-9a-f]{6}\.png$/);
  });
});

describe('wechat picture download', () => {
  it('GIVEN a picture whose file never comes THEN the read gives up after 30 s as unavailable (the member is told), not hanging', async () => {
    vi.useFakeTimers();
    try {
      const never = new Promise<never>(() => {});
      const wechaty = {
        isLoggedIn: true,
        Message: { find: async () => ({ toFileBox: () => never }) },
      } as unknown as Parameters<typeof readMessageFile>[0];
      const read = readMessageFile(wechaty, 'm1', 1_000_000);
      const outcome = read.then(
        () => 'read',
        (error: unknown) => error,
      );
      await vi.advanceTimersByTimeAsync(29_000);
      expect(await Promise.race([outcome, Promise.resolve('pending')])).toBe('pending');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await outcome).toBeInstanceOf(DeliveryError);
    } finally {
      vi.useRealTimers();
    }
  });
});
