import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GroupChat, TestBot } from '../helpers/chat.js';
import { png } from '../helpers/images.js';

/**
 * Reviews in the chat: only a member whose line was picked up reviews, once, quietly; /reviews
 * shows the average, the count and the newest first; admins reply (the author is told privately)
 * and hide with a reason (in /audit), never write one; a deal of the same product shows the
 * product's stars on its card; /forget takes a member's reviews and photos with it.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

const review = (user: string) => t.store.tables.reviews.get(`memory:main#1/${user}`);

/** Deal #1 closed: alice and bob picked up, carol ordered and has not. */
async function pickedUp(options: Parameters<typeof TestBot.create>[0] = {}): Promise<GroupChat> {
  t = await TestBot.create({ start: '2026-11-25T08:00:00Z', ...options });
  const group = t.group().admin('wang');
  await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
  for (const user of ['alice', 'bob', 'carol']) await group.as(user).says('+1');
  // Their reviews are shown to the group under their names (/privacy; tests/commands/consent-uses.test.ts
  // has what happens without).
  for (const user of ['alice', 'bob', 'carol']) await group.as(user).says('/privacy on reviews');
  await t.advance('24h');
  await group.as('wang').says('/delivered #1 @alice');
  await group.as('wang').says('/delivered #1 @bob');
  return group;
}

describe('writing a review', () => {
  it('only a member whose line was picked up reviews, once, acknowledged with a 👌 and no group message', async () => {
    const group = await pickedUp();
    expect(await group.as('alice').says('/review #1 5 very sweet, will buy again')).toEqual([
      expect.stringMatching(/^👌 on t\d+$/),
    ]);
    expect(review('alice')).toMatchObject({ stars: 5, text: 'very sweet, will buy again', name: 'alice' });
    expect(await group.as('alice').reply('/review #1 1 changed my mind')).toBe(
      'You already reviewed #1 (★★★★★). A review is written once and cannot be changed.',
    );
    expect(review('alice')?.stars).toBe(5);
    expect(await group.as('carol').reply('/review #1 5')).toBe(
      'You can review #1 once your order is picked up or delivered.',
    );
    expect(await group.as('dave').reply('/review #1 5 great')).toBe(
      'Only the member who placed an order in #1 can review it, once that order is picked up or delivered.',
    );
    expect(review('carol')).toBeUndefined();
    expect(review('dave')).toBeUndefined();
  });

  it('a review is the writer’s own: naming someone is refused, and the one who ordered for someone reviews, not them', async () => {
    const group = await pickedUp();
    expect(await group.as('alice').reply('/review #1 @bob 1 bad')).toBe(
      'A review is your own and cannot name anyone: /review #1 5 TEXT. Nothing was saved.',
    );
    expect(await group.as('wang').reply('/review #1 @alice 1')).toContain('cannot name anyone');
    expect(t.store.tables.reviews.size).toBe(0);
    // bob ordered a line for erin: bob may review it once it is handed over, erin may not.
    await group.as('owner').says('/deal new "Pears" price=5 min=1 ends=24h');
    await group.as('dave').says('+1 帮erin');
    expect(await group.as('erin').reply('/review #2 5')).toBe(
      'Only the member who placed an order in #2 can review it, once that order is picked up or delivered.',
    );
    expect(await group.as('dave').reply('/review #2 5')).toBe(
      'You can review #2 once your order is picked up or delivered.',
    );
  });

  it('in a Chinese group naming someone in a review is refused in Chinese', async () => {
    const group = await pickedUp({ locale: 'zh' });
    expect(await group.as('alice').reply('评价 #1 @bob 1星')).toBe(
      '评价只能写你自己的，不能点名别人：评价 #1 5 内容。未保存。',
    );
    expect(t.store.tables.reviews.size).toBe(0);
  });

  it('reads stars as ★★★★, 4星 and 五星; anything else is a clear refusal that writes nothing', async () => {
    const group = await pickedUp();
    expect(await group.as('carol').reply('/review #1 6 hmm')).toBe(
      'You can review #1 once your order is picked up or delivered.',
    );
    expect(await group.as('alice').reply('/review #1 great')).toBe(
      'Give 1 to 5 stars, e.g. /review #1 5 very sweet (or ★★★★★, 5星).',
    );
    expect(await group.as('alice').reply('/review #1 0')).toContain('Give 1 to 5 stars');
    expect(await group.as('alice').reply(`/review #1 5 ${'x'.repeat(501)}`)).toBe(
      'That is 501 characters; at most 500 fit. Nothing was saved.',
    );
    expect(t.store.tables.reviews.size).toBe(0);
    await group.as('alice').says('/review #1 ★★★★ 好吃');
    await group.as('bob').says('评价 #1 五星 很甜');
    expect(review('alice')).toMatchObject({ stars: 4, text: '好吃' });
    expect(review('bob')).toMatchObject({ stars: 5, text: '很甜' });
  });

  it('in a Chinese group the refusals are Chinese, with no English words', async () => {
    const group = await pickedUp({ locale: 'zh' });
    const answers = [
      await group.as('alice').reply('评价 #1 很好'),
      await group.as('carol').reply('评价 #1 5'),
      await group.as('dave').reply('评价 #1 5'),
      await group.as('alice').reply('评价 #1'),
      await group.as('alice').reply('查看评价'),
      await group.as('owner').reply('隐藏评价 #1'),
    ];
    expect(answers).toEqual([
      '请打 1 到 5 星，例如：评价 #1 5 很甜（也可写 ★★★★★ 或 5星）。',
      '你的 #1 订单提货或送达后才能评价。',
      '只有在 #1 下单的成员本人才能评价，且须在订单提货或送达之后。',
      expect.stringMatching(/\n用法：评价 #3 星级 \[内容\]$/),
      expect.stringMatching(/\n用法：查看评价 #3 \[照片\]$/),
      expect.stringMatching(/\n用法：隐藏评价 #3 @成员 原因$/),
    ]);
    for (const answer of answers) expect(answer).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('where the platform has no reactions, reviews are acknowledged in one batched notice', async () => {
    const group = await pickedUp({ capabilities: { reactions: false } });
    const out = await group.as('alice').says('/review #1 4 nice');
    expect(out.join('\n')).toContain('alice reviewed ★★★★☆');
    expect(out).toHaveLength(1);
  });

  it('a photo comes with the review or as the next picture within 10 minutes', async () => {
    const group = await pickedUp();
    const out = await group
      .as('alice')
      .says('/review #1 5 look', { images: [{ data: png(), mime: 'image/png' }] });
    expect(out).toEqual([expect.stringMatching(/^👌 on /)]);
    const photo = review('alice')?.photo;
    expect(photo).toMatch(/^reviews\/[0-9a-f]{16}\/1-\d+-[0-9a-f]{6}\.png$/);
    expect(existsSync(join(t.dir, photo!))).toBe(true);

    await group.as('bob').says('/review #1 3 ok');
    expect(await group.as('bob').says('', { images: [{ data: png(), mime: 'image/png' }] })).toEqual([
      expect.stringMatching(/^👌 on /),
    ]);
    expect(review('bob')?.photo).toMatch(/^reviews\//);
    // A second picture is no longer the review's: the first stays.
    const first = review('bob')?.photo;
    await group.as('bob').says('', { images: [{ data: png(), mime: 'image/png' }] });
    expect(review('bob')?.photo).toBe(first);
  });

  it('a picture sent more than 10 minutes after the review is not taken', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 ok');
    await t.advance('11m');
    await group.as('alice').says('', { images: [{ data: png(), mime: 'image/png' }] });
    expect(review('alice')?.photo).toBeUndefined();
  });
});

describe('the invitation to review', () => {
  it('ends the private pickup receipt while the member has not reviewed, and only then', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    await group.as('alice').says('+1');
    await group.as('owner').says('/paid #1 @alice');
    await t.advance('24h');
    await group.as('owner').says('/arrived #1');
    const code = t.store.tables.orders.get('memory:main#1/alice')!.pickupCode!;
    const receipt = async () =>
      (await group.as('owner').says(`/verify ${code}`)).filter((m) => m.startsWith('[dm alice]'));
    expect(await receipt()).toEqual([
      expect.stringMatching(
        /Not you\? Tell the organiser\.\nHow was it\? Review it \(once, 1–5 stars\): \/review #1 5 TEXT$/,
      ),
    ]);
    await group.as('alice').says('/review #1 4 good');
    await group.as('owner').says(`/unverify ${code}`);
    expect(await receipt()).toEqual([expect.stringMatching(/Not you\? Tell the organiser\.$/)]);
  });
});

describe('/reviews, replies and hiding', () => {
  it('shows the average, the count, newest first, with the shop’s reply; a reply is told to its author privately', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 very sweet');
    await t.advance('1h');
    await group.as('bob').says('/review #1 2 two were bad');
    expect(await group.as('bob').reply('/review reply #1 @alice thanks')).toContain('admin');
    const replied = await group.as('wang').says('/review reply #1 @bob Sorry, refunded');
    expect(replied).toEqual([
      "Reply saved under bob's review of #1.",
      '[dm bob] The shop replied to your review of #1 Mangoes: Sorry, refunded',
    ]);
    expect(await group.as('carol').reply('/reviews #1')).toBe(
      [
        'Reviews of #1 Mangoes: ★ 3.5 (2 reviews)',
        '★★☆☆☆ bob · 2026-11-26: two were bad',
        '  ↳ Shop: Sorry, refunded',
        '★★★★★ alice · 2026-11-26: very sweet',
      ].join('\n'),
    );
    expect(await group.as('carol').reply('/reviews #2')).toContain('There is no deal #2');
  });

  it('an admin hides a review only with a reason, kept in /audit; members no longer see it, admins see why privately', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 very sweet');
    await group.as('bob').says('/review #1 1 call me 13800000000');
    expect(await group.as('wang').reply('/review hide #1 @bob')).toBe(
      'Give a reason (it is logged): /review hide #1 @bob REASON',
    );
    expect(review('bob')?.hidden).toBeUndefined();
    expect(await group.as('wang').reply('/review hide #1 @carol spam')).toBe('carol has not reviewed #1.');
    expect(await group.as('wang').reply('/review hide #1 @bob phone number in it')).toBe(
      "bob's review of #1 is hidden (logged in /audit).",
    );
    const seen = await group.as('carol').reply('/reviews #1');
    expect(seen).toContain('★ 5.0 (1 review)');
    expect(seen).not.toContain('bob');
    // In the group even an admin's list keeps the hidden review out: only a count and where to look.
    const inGroup = await group.as('wang').says('/reviews #1');
    expect(inGroup).toEqual([
      [
        'Reviews of #1 Mangoes: ★ 5.0 (1 review)',
        '1 hidden review: send /reviews #1 to me privately to see it.',
        '★★★★★ alice · 2026-11-26: very sweet',
      ].join('\n'),
    ]);
    expect(inGroup.join('\n')).not.toMatch(/13800000000|phone number/);
    expect(await t.dm('owner').reply('/reviews #1')).toContain(
      '(hidden: phone number in it) ★☆☆☆☆ bob · 2026-11-26: call me 13800000000',
    );
    expect(await t.dm('carol').reply('/reviews #1')).not.toContain('bob');
    expect(await group.as('owner').reply('/audit')).toContain(
      '#1 review hidden (phone number in it) · bob — by wang',
    );
    expect(await group.as('wang').reply('/review unhide #1 @bob')).toBe("bob's review of #1 is shown again.");
    expect(await group.as('carol').reply('/reviews #1')).toContain('★ 3.0 (2 reviews)');
  });

  it('/reviews #1 photos sends the pictures to whoever asked, privately; the group gets one short line', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 look', { images: [{ data: png(), mime: 'image/png' }] });
    await group.as('bob').says('/review #1 4 ok', { images: [{ data: png(), mime: 'image/png' }] });
    const out = await group.as('carol').says('/reviews #1 photos');
    expect(out.filter((m) => !m.startsWith('[dm carol]'))).toEqual([
      'Sent you 2 photos of #1 reviews privately.',
    ]);
    expect(out.filter((m) => m.startsWith('[dm carol] image: '))).toHaveLength(2);
    expect(await group.as('carol').says('/reviews #1 照片')).toContain(
      'Sent you 2 photos of #1 reviews privately.',
    );
  });

  it('no admin command writes a review for someone: /review has no member to name', async () => {
    const group = await pickedUp();
    await group.as('wang').says('/review #1 5 @carol loved it');
    expect(review('carol')).toBeUndefined();
    expect(review('wang')).toBeUndefined();
  });
});

describe('the product’s stars on the card, and /forget', () => {
  it('a deal of the same template shows the average and count of the product’s reviews on its card', async () => {
    const group = await pickedUp();
    t.store.transact((tx) =>
      tx.put('deals', { ...tx.get('deals', 'memory:main#1')!, templateId: 'memory:main|mango' }),
    );
    await group.as('alice').says('/review #1 5');
    await group.as('bob').says('/review #1 4');
    await group.as('owner').says('/deal new "Mangoes again" price=10 min=1 ends=24h');
    t.store.transact((tx) =>
      tx.put('deals', { ...tx.get('deals', 'memory:main#2')!, templateId: 'memory:main|mango' }),
    );
    const out = await group.as('erin').says('+1');
    expect(out.join('\n')).toMatch(/🛒 #2 Mangoes again — ¥10\.00\n★ 4\.5 \(2 reviews\)\n/);
  });

  it('/forget deletes the member’s reviews and their photos', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 sweet', { images: [{ data: png(), mime: 'image/png' }] });
    const photo = join(t.dir, review('alice')!.photo!);
    expect(existsSync(photo)).toBe(true);
    const [sent] = await t.dm('alice').says('/mydata');
    const exported = await readFile(sent!.replace('[dm alice] file: ', ''), 'utf8');
    expect(exported).toContain('"stars": 5');
    expect(exported).toContain(review('alice')!.photo!);
    await group.as('alice').says('/forget');
    await group.as('alice').says('/forget confirm');
    expect([...t.store.tables.reviews.values()]).toEqual([]);
    expect(existsSync(photo)).toBe(false);
  });

  it('/forget deletes every review picture of the member, also one never kept and one from before the group moved', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 sweet', { images: [{ data: png(), mime: 'image/png' }] });
    const folder = dirname(join(t.dir, review('alice')!.photo!));
    // A picture saved but never kept with the review (the review went while it was fetched).
    await writeFile(join(folder, 'stray.png'), png());
    await t.bot.chatChanged(t.adapter, {
      type: 'chat_moved',
      chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
      to: { platform: 'memory', chatId: 'super', kind: 'group', title: 'main' },
    });
    const moved = t.group('super');
    await moved.as('alice').says('/forget');
    await moved.as('alice').says('/forget confirm');
    expect(existsSync(folder)).toBe(false);
  });

  it('/forget of an admin leaves the reviews they answered or hid, under their pseudonym', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/review #1 5 sweet');
    await group.as('bob').says('/review #1 1 spam');
    await group.as('wang').says('/review reply #1 @alice thanks');
    await group.as('wang').says('/review hide #1 @bob spam');
    await group.as('wang').says('/forget');
    await group.as('wang').says('/forget confirm');
    expect(review('alice')?.reply?.by).toMatch(/^anon-/);
    expect(review('bob')?.hidden?.by).toMatch(/^anon-/);
    expect(JSON.stringify([...t.store.tables.reviews.values()])).not.toContain('wang');
  });
});
