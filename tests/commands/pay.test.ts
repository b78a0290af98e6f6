import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../src/core/adapter.js';
import { TestBot } from '../helpers/chat.js';
import { gif, jpeg, MB, pdf, png } from '../helpers/images.js';

/**
 * Payment instructions (`/pay setup`, `/pay`, `/pay off`) with the leader's payment code picture,
 * as admins and members use them in a chat: the picture attached to the command or sent next,
 * refusals of what is no picture or too big, and the files' owner-only modes.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** Files under a folder of the data dir (none when it does not exist). */
async function filesIn(folder: string): Promise<string[]> {
  return (await readdir(join(t.dir, folder)).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
}

/** The pictures the bot sent since action `from`, with their captions. */
function picturesSent(from = 0): { chat: string; path: string; caption: string }[] {
  return t.adapter.actions.slice(from).flatMap((a) => {
    if (a.kind !== 'send' || a.out.kind !== 'image') return [];
    const out = a.out as Extract<Outgoing, { kind: 'image' }>;
    return [{ chat: a.chat.chatId, path: out.path, caption: out.caption ?? '' }];
  });
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('/pay setup and /pay', () => {
  it('GIVEN no setup WHEN a member asks /pay THEN they are told the leader has not set it up', async () => {
    t = await TestBot.create();
    const out = await t.group().as('alice').says('/pay');
    expect(out).toEqual([expect.stringContaining('has not set up payment instructions')]);
  });

  it('GIVEN an admin sends /pay setup TEXT with a photo THEN it is kept owner-only and /pay shows the code with the text to anyone', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    const out = await main.as('wang').says('/pay setup Alipay 138 0000 0000, note your name', {
      images: [{ data: png(), mime: 'image/png' }],
    });
    expect(out).toEqual([expect.stringMatching(/^image: .*\/payment\/[0-9a-f]{16}-\d+-[0-9a-f]{6}\.png$/)]);
    const [kept] = await filesIn('payment');
    const path = join(t.dir, 'payment', kept!);
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(t.dir, 'payment'))).toBe(0o700);
    expect(picturesSent()[0]?.caption).toContain('Payment instructions saved');

    const before = t.adapter.actions.length;
    const shown = await main.as('alice').says('/pay');
    expect(shown).toEqual([`image: ${path}`]);
    const [picture] = picturesSent(before);
    expect(picture?.caption).toContain('Alipay 138 0000 0000, note your name');
    expect(picture?.caption).toContain('已付 #3');
  });

  it('GIVEN instructions WHEN the admin sets them up again with a new picture THEN /pay shows the new one and the old file is gone', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    await main.as('wang').says('/pay setup Old text', { images: [{ data: png() }] });
    const [old] = await filesIn('payment');
    await main.as('wang').says('/pay setup New text', { images: [{ data: jpeg() }] });
    const files = await filesIn('payment');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.jpg$/);
    expect(files).not.toContain(old);
    const before = t.adapter.actions.length;
    expect(await main.as('alice').says('/pay')).toEqual([`image: ${join(t.dir, 'payment', files[0]!)}`]);
    expect(picturesSent(before)[0]?.caption).toContain('New text');
  });

  it('a new picture alone keeps the text; a text alone keeps the picture', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    await main.as('wang').says('/pay setup WeChat Pay, note your name', { images: [{ data: png() }] });
    await main.as('wang').says('/pay setup', { images: [{ data: jpeg() }] });
    let before = t.adapter.actions.length;
    await main.as('alice').says('/pay');
    expect(picturesSent(before)[0]?.caption).toContain('WeChat Pay, note your name');
    expect(picturesSent(before)[0]?.path).toMatch(/\.jpg$/);

    const fixed = await main.as('wang').says('/pay setup Alipay only');
    expect(fixed).toEqual([expect.stringContaining('the payment code picture stays')]);
    before = t.adapter.actions.length;
    await main.as('alice').says('/pay');
    expect(picturesSent(before)[0]?.caption).toContain('Alipay only');
    expect(picturesSent(before)[0]?.path).toMatch(/\.jpg$/);
  });

  it('GIVEN a member (not an admin) WHEN they send /pay setup with a picture THEN it is refused and nothing is kept', async () => {
    t = await TestBot.create();
    const out = await t
      .group()
      .as('mallory')
      .says('/pay setup Pay me instead', { images: [{ data: png() }] });
    expect(out).toEqual([expect.stringContaining('admin')]);
    expect(await filesIn('payment')).toEqual([]);
    expect(await t.group().as('alice').says('/pay')).toEqual([
      expect.stringContaining('has not set up payment instructions'),
    ]);
  });

  it.each([
    ['a PDF declared as one', { data: pdf(), mime: 'application/pdf', name: 'bill.pdf' }],
    ['a PDF declared as a PNG', { data: pdf(), mime: 'image/png' }],
    ['a GIF', { data: gif() }],
  ])(
    'GIVEN %s WHEN the admin sets it up as the payment code THEN it is refused clearly and nothing changes',
    async (_what, image) => {
      t = await TestBot.create();
      const main = t.group().admin('wang');
      const out = await main.as('wang').says('/pay setup Alipay', { images: [image] });
      expect(out).toEqual([
        'That is not a picture I can keep: send a photo or a screenshot (JPEG, PNG or WebP).\nThe payment instructions stay as they were.',
      ]);
      expect(await filesIn('payment')).toEqual([]);
      expect(await main.as('alice').says('/pay')).toEqual([expect.stringContaining('has not set up')]);
    },
  );

  it('GIVEN a picture over 10 MB (declared, or found so on fetching) THEN it is refused and nothing is kept', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    for (const image of [{ data: png(11 * MB) }, { data: png(100), bytes: 11 * MB }]) {
      const out = await main.as('wang').says('/pay setup Alipay', { images: [image] });
      expect(out).toEqual([expect.stringContaining('That picture is over 10 MB')]);
    }
    expect(await filesIn('payment')).toEqual([]);
    expect(t.store.tables.paymentInfo.size).toBe(0);
  });

  it('GIVEN /pay setup TEXT without a picture (WeChat cannot caption one) THEN the admin’s next picture within 5 minutes is the code; a later one is not', async () => {
    t = await TestBot.create({ locale: 'zh' });
    const main = t.group().admin('wang');
    expect(await main.as('wang').says('收款设置 支付宝 138 0000 0000，备注名字')).toEqual([
      '文字已保存。请在 5 分钟内发送收款码图片。',
    ]);
    // A member's picture meanwhile is not the admin's.
    expect(await main.as('alice').says('', { images: [{ data: png() }] })).toEqual([]);
    await t.advance('3m');
    const out = await main.as('wang').says('', { images: [{ data: png() }] });
    expect(out).toEqual([expect.stringMatching(/^image: .*\.png$/)]);
    expect(picturesSent().at(-1)?.caption).toContain('付款方式已保存');
    expect(picturesSent().at(-1)?.caption).toContain('支付宝 138 0000 0000，备注名字');

    await main.as('wang').says('收款设置');
    await t.advance('6m');
    expect(await main.as('wang').says('', { images: [{ data: jpeg() }] })).toEqual([]);
    expect(await filesIn('payment')).toEqual([expect.stringMatching(/\.png$/)]);
  });

  it('/pay off removes the text and the picture; /pay then says it is not set up', async () => {
    t = await TestBot.create({ locale: 'zh' });
    const main = t.group().admin('wang');
    expect(await main.as('wang').says('收款清除')).toEqual(['还没有设置付款方式，无需删除。']);
    await main.as('wang').says('收款设置 微信转账', { images: [{ data: png() }] });
    expect(await main.as('wang').says('/pay off')).toEqual([expect.stringContaining('付款方式已删除')]);
    expect(await filesIn('payment')).toEqual([]);
    expect(await main.as('alice').says('付款方式')).toEqual([
      '团长还没有设置付款方式。管理员可以发“收款设置 内容”来设置。',
    ]);
  });
});

describe('the deal card once the deal formed', () => {
  it('GIVEN payment instructions WHEN the deal forms THEN its card says how to pay; without them it does not', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    await main.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await main.as('alice').says('+1');
    const formed = (await main.as('bob').says('+1')).join('\n');
    expect(formed).toContain('Status: ');
    expect(formed).not.toContain('How to pay');

    await main.as('wang').says('/pay setup Alipay 138', { images: [{ data: png() }] });
    const card = (await main.as('carol').says('+1')).join('\n');
    expect(card).toContain('How to pay: /pay · then send 已付 #1');
  });

  it('GIVEN deals that already formed WHEN an admin sets up (or removes) payment instructions THEN their cards say (or stop saying) how to pay at once', async () => {
    t = await TestBot.create();
    const main = t.group().admin('wang');
    await main.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await main.as('owner').says('/deal new "Eggs" price=5 min=5');
    await main.as('alice').says('+1 #1');
    await main.as('bob').says('+1 #1');
    await main.as('bob').says('+1 #2');
    const edits = (out: string[]) => out.filter((line) => line.startsWith('edited '));
    // Text only (WeChat): the formed deal's card is edited; the one still gathering buyers is not.
    const set = await main.as('wang').says('/pay setup Alipay 138');
    expect(edits(set)).toEqual([expect.stringContaining('How to pay: /pay · then send 已付 #1')]);
    expect(edits(set)[0]).toContain('#1 Mangoes');
    // A new text changes nothing the card says: no edit.
    expect(edits(await main.as('wang').says('/pay setup Alipay 139'))).toEqual([]);
    const off = await main.as('wang').says('/pay off');
    expect(edits(off)).toHaveLength(1);
    expect(edits(off)[0]).not.toContain('How to pay');
  });
});
