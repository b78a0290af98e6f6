import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryAction } from '../../adapters/memory/index.js';
import type { Outgoing } from '../../src/core/adapter.js';
import { TestBot } from '../helpers/chat.js';
import { jpeg, pdf, png } from '../helpers/images.js';

/**
 * Product photos on deal cards, as an admin gives them in a chat (on the in-memory platform with
 * Telegram's caption limit): a picture with `/deal new`, `/deal edit #1 photo` then pictures,
 * `photo=none`; the card posted as the picture with its caption, edited as a caption, and posted
 * anew (the old card saying so) when its picture changes.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

const TELEGRAM_LIKE = { capabilities: { maxCaptionLength: 1024 } };
type Image = Extract<Outgoing, { kind: 'image' }>;

async function photoFiles(): Promise<string[]> {
  const root = join(t.dir, 'deal-photos');
  const dirs = await readdir(root).catch(() => [] as string[]);
  const files = await Promise.all(
    dirs.map(async (d) => (await readdir(join(root, d))).map((f) => join(root, d, f))),
  );
  return files.flat();
}

function actionsSince(from: number): MemoryAction[] {
  return t.adapter.actions.slice(from).filter((a) => a.chat.chatId === 'main');
}

function picturePosts(from = 0): (MemoryAction & { kind: 'send' })[] {
  return actionsSince(from).filter(
    (a): a is MemoryAction & { kind: 'send' } => a.kind === 'send' && a.out.kind === 'image',
  );
}

const deal = () => [...t.store.tables.deals.values()][0]!;
/** A title and options long enough that the card's head with a 200-character pickup note passes a caption's 1,024. */
const TITLE = `Mangoes ${'from the south hills, '.repeat(5)}`.slice(0, 100);
const OPTIONS = Array.from({ length: 16 }, (_, i) => `Gift box grade ${i} L:${50 + i}:9`).join(',');

describe('deal photos', () => {
  it('GIVEN /deal new sent with a photo THEN the card is that picture with the card as caption and buttons, and an order edits the caption in place', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Fresh mangoes" price=39.9 min=2', { images: [{ data: jpeg() }] });
    const [card] = picturePosts();
    const out = card!.out as Image;
    expect(out.caption).toContain('#1 Fresh mangoes');
    expect(out.buttons?.flat().length).toBeGreaterThan(0);
    const [file] = await photoFiles();
    expect(out.path).toBe(file);
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    expect(deal().photos).toEqual([
      expect.stringMatching(/^deal-photos\/[0-9a-f]{16}\/\d+-[0-9a-f]{6}\.jpg$/),
    ]);
    expect(deal().rosterMessageId).toBe(card!.messageId);

    const before = t.adapter.actions.length;
    await main.as('alice').says('+2');
    const edits = actionsSince(before).filter((a) => a.kind === 'edit');
    expect(edits).toEqual([
      expect.objectContaining({
        messageId: card!.messageId,
        caption: true,
        text: expect.stringContaining('alice'),
      }),
    ]);
    expect(picturePosts(before)).toEqual([]);
  });

  it('GIVEN a long roster THEN the caption stays within 1,024 characters, the latest lines shown and the rest in /orders', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10', { images: [{ data: png() }] });
    for (let i = 0; i < 60; i++) await main.as(`buyer${i}`, `Buyer number ${i}`).says('+1');
    const edits = t.adapter.actions.filter((a) => a.kind === 'edit');
    const last = edits.at(-1) as MemoryAction & { kind: 'edit' };
    expect(last.caption).toBe(true);
    expect(last.text.length).toBeLessThanOrEqual(1024);
    expect(last.text).toContain('Buyer number 59');
    expect(last.text).toContain('/orders #1 for all');
    // Without a photo the same card is a text of up to 4,096: the caption limit is the photo's only.
    expect(t.adapter.capabilities.maxMessageLength).toBe(4096);
  });

  it('GIVEN /deal new with a PDF attached THEN it is refused, no deal is opened and nothing is kept', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    const out = await main
      .as('wang')
      .says('/deal new "Mangoes" price=10', { images: [{ data: pdf(), mime: 'application/pdf' }] });
    expect(out).toEqual([
      expect.stringMatching(/That is not a picture I can keep[\s\S]*The deal was not opened/),
    ]);
    expect(t.store.tables.deals.size).toBe(0);
    expect(await photoFiles()).toEqual([]);
  });

  it('GIVEN a text card WHEN the admin sends /deal edit #1 photo and then pictures THEN the card is posted anew with the first, the old one says it moved, the next are added', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    const textCard = deal().rosterMessageId!;
    const asked = await main.as('wang').says('/deal edit #1 photo');
    expect(asked).toEqual([expect.stringContaining('Send the photos of #1 within 10 minutes (at most 5)')]);

    let before = t.adapter.actions.length;
    const out = await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(out.some((line) => line.startsWith('👌 on'))).toBe(true);
    const [posted] = picturePosts(before);
    expect((posted!.out as Image).caption).toContain('#1 Mangoes');
    expect(deal().rosterMessageId).toBe(posted!.messageId);
    const moved = actionsSince(before).find((a) => a.kind === 'edit' && a.messageId === textCard);
    // The old card was a text: a text edit, its buttons gone.
    expect(moved).toMatchObject({ text: expect.stringContaining('this card moved') });
    expect(moved).not.toHaveProperty('caption');
    expect(moved).not.toHaveProperty('buttons');

    // A second picture is added: the card's picture stays, so its caption is edited, nothing posted.
    before = t.adapter.actions.length;
    await main.as('wang').says('', { images: [{ data: png() }] });
    expect(deal().photos).toHaveLength(2);
    expect(picturePosts(before)).toEqual([]);
    await main.as('bob').says('+1');
    const edits = actionsSince(before).filter((a) => a.kind === 'edit');
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) expect(edit).toMatchObject({ messageId: posted!.messageId, caption: true });
    expect(edits.at(-1)).toMatchObject({ text: expect.stringContaining('bob') });
  });

  it('GIVEN a picture captioned /deal edit #1 photo THEN it is the photo at once', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    const out = await main.as('wang').says('/deal edit #1 photo', { images: [{ data: png() }] });
    expect(out.some((line) => line.startsWith('Send the photos'))).toBe(false);
    expect(deal().photos).toEqual([expect.stringMatching(/\.png$/)]);
    expect(picturePosts()).toHaveLength(1);
  });

  it('GIVEN photos WHEN /deal edit #1 photo=none THEN they are deleted and the card is text again, posted anew', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10', { images: [{ data: jpeg() }] });
    const photoCard = deal().rosterMessageId!;
    const before = t.adapter.actions.length;
    const out = await main.as('wang').says('/deal edit #1 photo=none');
    expect(out).toContain('1 photo removed from #1; the card is text again.');
    expect(deal().photos).toBeUndefined();
    expect(await photoFiles()).toEqual([]);
    const posted = actionsSince(before).find(
      (a) => a.kind === 'send' && a.out.kind === 'text' && a.out.text.includes('#1 Mangoes'),
    );
    expect(posted).toBeDefined();
    expect(actionsSince(before).find((a) => a.kind === 'edit' && a.messageId === photoCard)).toMatchObject({
      caption: true,
      text: expect.stringContaining('this card moved'),
    });
    expect(await main.as('wang').says('/deal edit #1 photo=none')).toEqual(['#1 has no photos.']);
  });

  it('GIVEN a copy of the deal shows the same photo WHEN the first deal’s photos are removed THEN the file stays for the copy', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10', { images: [{ data: jpeg() }] });
    await main.as('wang').says('/deal copy #1');
    const [first, copy] = [...t.store.tables.deals.values()];
    expect(copy?.photos).toEqual(first?.photos);
    await main.as('wang').says('/deal edit #1 photo=none');
    expect(await photoFiles()).toHaveLength(1);
    const before = t.adapter.actions.length;
    await main.as('alice').says('+1 #2');
    expect(actionsSince(before).find((a) => a.kind === 'edit')).toMatchObject({ caption: true });
  });

  it('bad input changes nothing: an unknown photo word, a sixth photo, a picture after the 10 minutes, a member’s picture', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    const word = await main.as('wang').says('/deal edit #1 photo=maybe');
    expect(word).toHaveLength(1);
    expect(word[0]).toMatch(/photo/);
    expect(deal().photos).toBeUndefined();

    await main.as('wang').says('/deal edit #1 photo');
    for (let i = 0; i < 5; i++) await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(deal().photos).toHaveLength(5);
    const sixth = await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(sixth).toEqual([expect.stringContaining('#1 already has 5 photos')]);
    expect(deal().photos).toHaveLength(5);
    expect(await photoFiles()).toHaveLength(5);

    // A member's picture is never a deal photo; nor the admin's once the window closed.
    await main.as('wang').says('/deal edit #1 photo');
    await main.as('alice').says('', { images: [{ data: jpeg() }] });
    await t.advance('11m');
    await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(deal().photos).toHaveLength(5);
    expect(await photoFiles()).toHaveLength(5);
  });

  it('GIVEN photos WHEN /deal edit #1 photo=none comes with a refused change THEN the photos stay (nothing applied)', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10', { images: [{ data: jpeg() }] });
    const photos = deal().photos;
    const card = deal().rosterMessageId;
    const out = await main.as('wang').says('/deal edit #1 photo=none ends=2020-01-01T00:00');
    expect(out).toEqual([expect.stringContaining('is already past')]);
    expect(deal().photos).toEqual(photos);
    expect(await photoFiles()).toHaveLength(1);
    expect(deal().rosterMessageId).toBe(card);
    // With a change that is taken, both apply.
    const done = await main.as('wang').says('/deal edit #1 photo=none stock=30');
    expect(done).toContain('1 photo removed from #1; the card is text again.');
    expect(deal()).toMatchObject({ stock: 30 });
    expect(deal().photos).toBeUndefined();
  });

  it('GIVEN a closed deal WHEN /deal edit #1 photo THEN it is refused at once, nothing asked for or kept', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main.as('alice').says('+1');
    await main.as('wang').says('/deal close #1');
    expect(await main.as('wang').says('/deal edit #1 photo')).toEqual(['Deal #1 is no longer open.']);
    expect(await main.as('wang').says('/deal edit #1 photo', { images: [{ data: jpeg() }] })).toEqual([
      'Deal #1 is no longer open.',
      'The pictures sent with it were not kept.',
    ]);
    expect(await main.as('wang').says('', { images: [{ data: jpeg() }] })).toEqual([]);
    expect(await photoFiles()).toEqual([]);
    expect(deal().photos).toBeUndefined();
  });

  it('GIVEN 3 photos WHEN 4 more come at once THEN 2 are kept and the answer says 2', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main
      .as('wang')
      .says('/deal edit #1 photo', { images: [{ data: jpeg() }, { data: jpeg() }, { data: jpeg() }] });
    expect(deal().photos).toHaveLength(3);
    const out = await main
      .as('wang')
      .says('', { images: [{ data: png() }, { data: png() }, { data: png() }, { data: png() }] });
    expect(deal().photos).toHaveLength(5);
    expect(out).toContain('A deal keeps at most 5 photos: only the first 2 of these were kept.');
  });

  it('GIVEN /deal edit #1 photo WHEN an album of 3 pictures comes at once THEN all 3 are kept, no file left over, the card posted anew once', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main.as('wang').says('/deal edit #1 photo');
    const before = t.adapter.actions.length;
    const wang = main.as('wang');
    await Promise.all([jpeg(), png(), jpeg()].map((data) => wang.says('', { images: [{ data }] })));
    expect(deal().photos).toHaveLength(3);
    expect(await photoFiles()).toHaveLength(3);
    expect(picturePosts(before)).toHaveLength(1);
  });

  it('GIVEN an album captioned /deal new THEN the next pictures of it are the deal’s photos too, the card posted once', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    const wang = main.as('wang');
    await Promise.all([
      wang.says('/deal new "Mangoes" price=10', { images: [{ data: jpeg() }] }),
      wang.says('', { images: [{ data: png() }] }),
      wang.says('', { images: [{ data: png() }] }),
    ]);
    expect(t.store.tables.deals.size).toBe(1);
    expect(deal().photos).toHaveLength(3);
    expect(deal().photos?.[0]).toMatch(/\.jpg$/);
    expect(await photoFiles()).toHaveLength(3);
    expect(picturePosts()).toHaveLength(1);
  });

  it('GIVEN a photo card whose head is long (pickup note, many options) THEN the caption keeps the status, the +1 example and the roster, the note left to /deal #1', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    const note = `Building ${'7 north gate, by the parcel lockers, '.repeat(6)}`.slice(0, 200);
    await main.as('wang').says(`/deal new "${TITLE}" options="${OPTIONS}" pickup="${note}"`, {
      images: [{ data: jpeg() }],
    });
    await main.as('alice').says('+1 Gift box grade 0 L');
    const caption = (picturePosts()[0]!.out as Image).caption!;
    const edit = t.adapter.actions.filter((a) => a.kind === 'edit').at(-1);
    for (const text of [caption, edit?.kind === 'edit' ? edit.text : '']) {
      expect([...text].length).toBeLessThanOrEqual(1024);
      expect(text).toContain('Status:');
      expect(text).toContain('Pickup: see /deal #1');
    }
    expect(edit).toMatchObject({ caption: true, text: expect.stringContaining('alice') });
    // The whole note is in /deal #1.
    expect(await main.as('bob').reply('/deal #1')).toContain(note);
  });

  it('GIVEN a head too long for a caption even without the note THEN the card is a text, whole', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    for (const name of ['North gate', 'South gate', 'East gate', 'West gate'])
      await main
        .as('wang')
        .says(`/pickup add "${name}" times="Saturday 10:00-12:00, by the parcel lockers behind the shop"`);
    await main
      .as('wang')
      .says(`/deal new "${TITLE}" options="${OPTIONS}" points=all`, { images: [{ data: jpeg() }] });
    expect(picturePosts()).toEqual([]);
    const card = actionsSince(0).find(
      (a) => a.kind === 'send' && a.out.kind === 'text' && a.out.text.includes('#1 Mangoes'),
    );
    expect(card?.kind === 'send' && card.out.kind === 'text' ? card.out.text : '').toContain('Status:');
  });

  it('GIVEN /deal edit #1 photo waiting WHEN a refused /deal edit #2 … photo comes with a picture THEN the picture is not #1’s: the refusal says it was not kept', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main.as('wang').says('/deal new "Peaches" price=12');
    await main.as('wang').says('/deal edit #1 photo');
    const before = t.adapter.actions.length;
    const out = await main
      .as('wang')
      .says('/deal edit #2 ends=2020-01-01T00:00 photo', { images: [{ data: jpeg() }] });
    expect(out).toEqual([
      expect.stringContaining('is already past'),
      'The pictures sent with it were not kept.',
    ]);
    expect([...t.store.tables.deals.values()].map((d) => d.photos)).toEqual([undefined, undefined]);
    expect(picturePosts(before)).toEqual([]);
    expect(await photoFiles()).toEqual([]);
  });

  it('GIVEN /deal edit #1 photo waiting WHEN a refused /deal new comes with a picture THEN the picture is not #1’s', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main.as('wang').says('/deal edit #1 photo');
    const out = await main
      .as('wang')
      .says('/deal new "Peaches" price=12 ends=2020-01-01T00:00', { images: [{ data: jpeg() }] });
    expect(out.at(-1)).toBe('The pictures sent with it were not kept.');
    expect(t.store.tables.deals.size).toBe(1);
    expect(deal().photos).toBeUndefined();
    expect(await photoFiles()).toEqual([]);
  });

  it('GIVEN an admin asked for #1’s photos WHEN they buy in it, claim 已付 #1 and send a screenshot THEN it is the claim’s, not posted as the deal’s photo', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10 min=2');
    await main.as('wang').says('/deal edit #1 photo');
    await main.as('wang').says('+1');
    await main.as('alice').says('+1');
    await t.advance('1m');
    await main.as('wang').says('已付 #1');
    const before = t.adapter.actions.length;
    const out = await main.as('wang').says('', { images: [{ data: png() }] });
    expect(deal().photos).toBeUndefined();
    expect(picturePosts(before)).toEqual([]);
    expect(t.store.tables.orders.get('memory:main#1/wang')?.claimProof).toMatch(/^proofs\//);
    expect(out).toContain(
      'That picture was kept as the screenshot of your payment claim (your latest request).',
    );
  });

  it('GIVEN /pay setup waiting WHEN the admin then asks for #1’s photos THEN the next picture is #1’s, said so; the payment code is not changed', async () => {
    t = await TestBot.create(TELEGRAM_LIKE);
    const main = t.group().admin('wang');
    await main.as('wang').says('/deal new "Mangoes" price=10');
    await main.as('wang').says('/pay setup Alipay 138');
    await main.as('wang').says('/deal edit #1 photo');
    const out = await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(deal().photos).toHaveLength(1);
    expect(out).toContain('That picture was kept as a deal photo (your latest request).');
    expect(
      t.store.tables.paymentInfo.get(t.store.tables.communities.values().next().value!.id)?.image,
    ).toBeUndefined();
  });

  it('GIVEN an admin opened #1 without a photo WHEN they send a picture alone (WeChat cannot caption one) THEN they are told to send 改团 #1 图片 first, once; nothing kept', async () => {
    t = await TestBot.create({ ...TELEGRAM_LIKE, locale: 'zh' });
    const main = t.group().admin('wang');
    await main.as('wang').says('开团 "芒果" 价格=10');
    await t.advance('1m');
    expect(await main.as('wang').says('', { images: [{ data: jpeg() }] })).toEqual([
      '这张图片未保存：如要作为 #1 的商品图片，请先发送“改团 #1 图片”，再发送图片。',
    ]);
    // Once: the rest of an album, or the next pictures, are not answered again.
    expect(await main.as('wang').says('', { images: [{ data: jpeg() }] })).toEqual([]);
    // A member's picture, or an admin's long after, gets no answer.
    expect(await main.as('alice').says('', { images: [{ data: jpeg() }] })).toEqual([]);
    expect(deal().photos).toBeUndefined();
    expect(await photoFiles()).toEqual([]);
  });

  it('in Chinese: 改团 #1 图片 asks for the photos, 图片=无 removes them, all in Chinese', async () => {
    t = await TestBot.create({ ...TELEGRAM_LIKE, locale: 'zh' });
    const main = t.group().admin('wang');
    await main.as('wang').says('开团 "芒果" 价格=10');
    expect(await main.as('wang').says('改团 #1 图片')).toEqual([
      '请在 10 分钟内发送 #1 的商品图片（最多 5 张）：第一张替换该团购原有的全部图片，之后的依次添加。',
    ]);
    await main.as('wang').says('', { images: [{ data: jpeg() }] });
    expect(deal().photos).toHaveLength(1);
    const out = await main.as('wang').says('改团 #1 图片=无');
    expect(out).toContain('已删除 #1 的 1 张图片，卡片恢复为纯文字。');
    expect(out.join('\n')).toContain('卡片已移到下方新消息');
    for (const said of out.filter((line) => line.includes('图片') || line.includes('卡片')))
      expect(said.replace(/^edited mem\d+: /, '')).not.toMatch(/[A-Za-z]/);
  });
});
