import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { splitAmount } from '../../commands/aftersale-admin.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';
import { pdf, png } from '../helpers/images.js';

/**
 * After-sales in the chat (售后): a member opens a ticket on a line they picked up, with photos,
 * quietly (👌, details privately); admins see the queue, one ticket's photos privately, and
 * answer in one command; members are told privately; admins are reminded of tickets left open.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

/** Deal #1 Mangoes ¥10: alice ×2 paid and picked up, bob ×1 unpaid and not picked up; wang is an admin. */
async function pickedUp(options: { reactions?: boolean; locale?: 'zh' } = {}): Promise<GroupChat> {
  t = await TestBot.create({
    start: '2026-11-25T08:00:00Z',
    ...(options.reactions === false ? { capabilities: { reactions: false } } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const group = t.group().admin('wang');
  await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
  await group.as('alice').says('+2');
  await group.as('bob').says('+1');
  await group.as('owner').says('/paid #1 @alice');
  await t.advance('24h');
  await group.as('wang').says('/delivered #1 @alice');
  return group;
}

const tickets = () => [...t.store.tables.tickets.values()];

async function photoFiles(): Promise<string[]> {
  const root = join(t.dir, 'aftersales');
  const out: string[] = [];
  for (const folder of await readdir(root).catch(() => [] as string[]))
    for (const name of await readdir(join(root, folder))) out.push(`aftersales/${folder}/${name}`);
  return out;
}

describe('a member opens an after-sales ticket', () => {
  it('GIVEN a captioned photo THEN the ticket is opened with it, a 👌 in the group and the details privately', async () => {
    const group = await pickedUp();
    const out = await group.as('alice').says('/aftersale #1 "2 were bad" amount=10', {
      images: [{ data: png(), mime: 'image/png' }],
      id: 'm1',
    });
    expect(out).toEqual([
      '[dm alice] After-sales ticket T1 opened for #1 Mangoes (line 1 ×2): “2 were bad”, asking ¥10.00 back. Send photos of the problem within 10 minutes if you have any. The organiser will answer you privately; /mytickets shows its state.',
      '👌 on m1',
    ]);
    const [file] = await photoFiles();
    expect(tickets()).toMatchObject([{ no: 1, status: 'open', askedCents: 1000, photos: [file] }]);
    expect((await stat(join(t.dir, file!))).mode & 0o777).toBe(0o600);
    expect(file).not.toContain('alice');
  });

  it('GIVEN the photo as the next message within 10 minutes THEN it joins the ticket; a later one does not', async () => {
    const group = await pickedUp();
    await group.as('alice').says('售后 #1 "坏了2个"');
    await t.advance('2m');
    expect(await group.as('alice').says('', { images: [{ data: png() }], id: 'p1' })).toEqual(['👌 on p1']);
    expect(tickets()[0]?.photos).toHaveLength(1);
    await t.advance('15m');
    await group.as('alice').says('', { images: [{ data: png() }], id: 'p2' });
    expect(tickets()[0]?.photos).toHaveLength(1);
  });

  it('GIVEN a file that is no picture THEN it is refused with a reason and the ticket keeps none', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad"');
    const out = await group.as('alice').says('', { images: [{ data: pdf(), mime: 'application/pdf' }] });
    expect(out.join('\n')).toContain('The photo was not added to the ticket.');
    expect(tickets()[0]?.photos).toEqual([]);
    expect(await photoFiles()).toEqual([]);
  });

  it('refuses bad input with a clear answer and opens nothing', async () => {
    const group = await pickedUp();
    expect(await group.as('bob').reply('/aftersale #1 "bad"')).toBe(
      'Your goods of #1 are not marked picked up or delivered yet: a ticket can be opened once they are.',
    );
    // What the member paid is not read out in the group: the details go to them privately.
    expect(await group.as('alice').says('/aftersale #1 "bad" amount=25')).toEqual([
      '[dm alice] You can ask at most ¥20.00 back (what this line still holds). Nothing was opened.',
      'That is more than this line can ask back; the details were sent to you privately. Nothing was opened.',
    ]);
    expect(await group.as('alice').reply('/aftersale #1 "bad" amount=lots')).toBe(
      '"lots" is not an amount. Write it like amount=10 or amount=12.50.',
    );
    expect(await group.as('alice').reply('/aftersale #1 "bad" line=2')).toBe(
      'Line 2 of #1 is not yours: a ticket is opened on one of your own lines.',
    );
    expect(await group.as('alice').reply('/aftersale #1')).toBe(
      'Say what went wrong, e.g. /aftersale #1 "2 were bad" amount=10',
    );
    expect(await group.as('carol').reply('/aftersale #1 "bad"')).toBe('You have no order in #1.');
    await t.advance('73h');
    expect(await group.as('alice').reply('/aftersale #1 "bad"')).toBe(
      'After-sales for your line of #1 closed at 2026-11-29 08:00 (3d after pickup). Ask the organiser directly.',
    );
    expect(tickets()).toEqual([]);
  });

  it('GIVEN no reactions THEN a short line in the group, never the complaint', async () => {
    const group = await pickedUp({ reactions: false });
    const out = await group.as('alice').says('/aftersale #1 "the box was crushed"');
    expect(out.filter((o) => !o.startsWith('[dm'))).toEqual([
      'After-sales ticket T1 opened. /mytickets shows its state.',
    ]);
    expect(await group.as('alice').reply('/aftersale #1 "again"')).toBe(
      'This line already has ticket T1 (open). /mytickets shows it.',
    );
  });
});

describe('admins answer tickets', () => {
  it('queue, one ticket with its photos privately, approve with a refund the member hears of privately', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad" amount=10', { images: [{ data: png() }] });
    await t.advance('3h');
    // The queue and the members' words go to the admin privately, not to the group.
    expect(await group.as('wang').says('/tickets')).toEqual([
      '[dm wang] 1 after-sales ticket waiting, oldest first (/ticket T1 to see one):\nT1 #1 Mangoes line 1 ×2 · alice · “2 were bad” · asks ¥10.00 · 1 photo · waiting 3h',
      'Sent you the 1 waiting ticket privately.',
    ]);
    const shown = await group.as('wang').says('/ticket T1');
    expect(shown).toHaveLength(3);
    expect(shown).toContainEqual(
      expect.stringMatching(/^\[dm wang\] T1 — open\n#1 Mangoes line 1 ×2 · alice\n/),
    );
    expect(shown).toContainEqual(
      expect.stringMatching(/^\[dm wang\] image: .*aftersales\/[0-9a-f]{16}\/t1-\d+-[0-9a-f]{6}\.png$/),
    );
    expect(shown).toContain('Sent you T1 and its 1 photo privately.');
    expect(await group.as('alice').reply('/tickets')).toContain('Only group admins');
    const approved = await group.as('wang').says('/ticket approve T1 8 sorry about that');
    // The group reads no name and no amount: the admin and the member are told privately.
    expect(approved).toEqual([
      '[dm wang] T1 approved: ¥8.00 refunded to alice.',
      'T1 answered; the member was told privately.',
      '[dm alice] Your after-sales ticket T1 (#1 Mangoes) was approved: ¥8.00 refunded. Note: sorry about that',
    ]);
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBe(800);
    expect(await group.as('wang').reply('/ticket reject T1 no')).toBe(
      'Ticket T1 is approved: nothing was changed.',
    );
    expect(await group.as('alice').says('/mytickets')).toEqual([
      '[dm alice] Your after-sales tickets:\nT1 #1 Mangoes line 1 ×2 — approved, ¥8.00 refunded',
    ]);
    expect(await group.as('owner').reply('/audit')).toContain(
      'T1 approved ¥8.00 (sorry about that) · alice — by wang',
    );
    expect((await group.as('owner').says('/report'))[0]).toContain(
      '🛠 After-sales tickets opened 1 · approved 1 · rejected or closed without refund 0 · refunded ¥8.00',
    );
  });

  it('reject needs a reason; the member cannot reopen, an admin can; a member withdraws only their own', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "bad"');
    expect(await group.as('wang').reply('/ticket reject T1')).toBe(
      'Say why, the member is told: /ticket reject T1 REASON',
    );
    expect(await group.as('wang').says('/ticket reject T1 photo shows another product')).toEqual([
      '[dm wang] T1 rejected; alice is told why.',
      'T1 answered; the member was told privately.',
      '[dm alice] Your after-sales ticket T1 (#1 Mangoes) was rejected: photo shows another product',
    ]);
    expect(await group.as('alice').reply('/aftersale #1 "still bad"')).toBe(
      'Ticket T1 on this line was rejected; only an admin can reopen it.',
    );
    expect(await group.as('alice').reply('/ticket reopen T1')).toMatch(/admin/);
    expect((await group.as('wang').says('/ticket reopen T1'))[0]).toBe('T1 is open again.');
    expect(await group.as('bob').reply('/ticket close T1')).toBe(
      'T1 is not your ticket: only its member withdraws it, or an admin closes it.',
    );
    expect(await group.as('alice').reply('/ticket close T1')).toBe('T1 withdrawn and closed.');
    // Rejected, then closed: still the admin's to reopen.
    await group.as('alice').says('/aftersale #1 "bad again"');
    await group.as('wang').says('/ticket reject T2 no');
    await group.as('wang').says('/ticket close T2');
    expect((await group.as('wang').says('/ticket reopen T2'))[0]).toBe('T2 is open again.');
    expect(await group.as('wang').reply('/ticket approve T9')).toBe(
      'There is no ticket T9 in this group. /tickets lists the open ones.',
    );
  });

  it('an amount that is no amount, or a note without one, is refused and changes nothing', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad" amount=20');
    for (const bad of ['5.555', '-5', '1e1', '0x10', '20.001', '五'])
      expect(await group.as('wang').reply(`/ticket approve T1 ${bad} sorry`), bad).toBe(
        `"${bad}" is not an amount. Write it like /ticket approve T1 8 or 12.50 (0: no money). Nothing was changed.`,
      );
    expect(await group.as('wang').reply('/ticket approve T1 sent a new one')).toBe(
      'T1: say the amount before the note: /ticket approve T1 AMOUNT note (0: no money, e.g. replaced). Nothing was changed.',
    );
    expect(tickets()[0]?.status).toBe('open');
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBeUndefined();
    // More than the line holds: the group does not read what she paid.
    expect(await group.as('wang').says('/ticket approve T1 30')).toEqual([
      '[dm wang] T1: at most ¥20.00 can be refunded (what the line holds). Nothing was changed.',
      'T1: that is more than the line holds; the details were sent to you privately. Nothing was changed.',
    ]);
    // Full-width digits are read.
    await group.as('wang').says('/ticket approve T1 ５');
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBe(500);
  });

  it('a queue of tickets names the first one listed; an admin closing an open ticket is no withdrawal', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "bad"');
    expect((await group.as('wang').says('/ticket close T1'))[0]).toBe('T1 closed.');
    expect(await group.as('alice').reply('/aftersale #1 "still bad"')).toBe(
      'Ticket T1 on this line was closed by an admin; only an admin can reopen it.',
    );
    await group.as('wang').says('/ticket reopen T1');
    expect((await group.as('wang').says('/tickets'))[0]).toContain('(/ticket T1 to see one)');
    await group.as('wang').says('/ticket approve T1 0');
    await t.advance('1h');
    await group.as('owner').says('/delivered #1 @bob');
    await group.as('bob').says('/aftersale #1 "bad"');
    expect((await group.as('wang').says('/tickets'))[0]).toContain('(/ticket T2 to see one)');
  });

  it('GIVEN a review written after the ticket THEN the next picture is the review’s, not the ticket’s', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad"');
    await t.advance('2m');
    await group.as('alice').says('/review #1 4 sweet but 2 were bad');
    await t.advance('1m');
    await group.as('alice').says('', { images: [{ data: png() }] });
    expect(tickets()[0]?.photos).toEqual([]);
    expect([...t.store.tables.reviews.values()][0]?.photo).toBeDefined();
  });

  it('GIVEN no reactions THEN a photo is acknowledged with a neutral line', async () => {
    const group = await pickedUp({ reactions: false });
    await group.as('alice').says('/aftersale #1 "the box was crushed"');
    expect(await group.as('alice').says('', { images: [{ data: png() }] })).toEqual(['Photo received.']);
  });

  it('admins are reminded privately once of tickets open longer than aftersale.remind', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad"');
    const aftersales = (out: string[]) => out.filter((o) => /After-sales|T1/.test(o));
    expect(aftersales(await t.advance('23h'))).toEqual([]);
    const reminded = aftersales(await t.advance('1h'));
    const list =
      'After-sales tickets in main waiting over 1d:\nT1 #1 Mangoes line 1 ×2 · alice · “2 were bad” · no amount asked · 0 photos · waiting 1d\nSend /tickets in the group to answer them.';
    // Each admin (the owner too) privately; nothing in the group.
    expect(reminded).toEqual([`[dm owner] ${list}`, `[dm wang] ${list}`]);
    expect(aftersales(await t.advance('24h'))).toEqual([]);
  });
});

describe('privacy', () => {
  it('/mydata lists the ticket and its photos; /forget deletes the complaint and the files, the ticket stays anonymous', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad"', { images: [{ data: png() }] });
    const [file] = await photoFiles();
    await t.dm('alice').says('/mydata');
    const exported = (await readdir(join(t.dir, 'exports'))).find((n) => n.startsWith('mydata-alice-'));
    const data = JSON.parse(await readFile(join(t.dir, 'exports', exported!), 'utf8')) as {
      data: { afterSalesPhotos?: string[]; tickets?: { reason: string }[] }[];
    };
    expect(data.data[0]?.afterSalesPhotos).toEqual([file]);
    expect(data.data[0]?.tickets).toMatchObject([{ reason: '2 were bad', photos: [file] }]);
    await group.as('alice').says('/forget');
    await group.as('alice').says('/forget confirm');
    expect(await photoFiles()).toEqual([]);
    expect(tickets()).toMatchObject([{ no: 1, reason: '', photos: [] }]);
    expect(tickets()[0]?.userId).toMatch(/^anon-/);
    const opened = [...t.store.tables.audit.values()].find((e) => e.action === 'ticket_opened');
    expect(opened?.reason).toBeUndefined();
  });
});

describe('in a Chinese group', () => {
  it('the member and the admin read Chinese', async () => {
    const group = await pickedUp({ locale: 'zh' });
    const out = await group.as('alice').says('售后 #1 "坏了2个" 金额=10', { id: 'z1' });
    expect(out).toEqual([
      '[dm alice] 售后单 T1 已登记：#1 Mangoes（第1条 ×2），“坏了2个”，申请退 ¥10.00。如有照片，请在 10 分钟内发来。团长会私信答复你；发送「我的售后」查看进度。',
      '👌 on z1',
    ]);
    expect((await group.as('wang').says('售后列表'))[0]).toContain('发送「售后单 T1」查看一个');
    expect(await group.as('wang').reply('售后 同意 T1 已补发一个')).toBe(
      'T1：请在备注前写金额：售后 同意 T1 金额 备注（0 表示不退款，如已补发）。未做任何更改。',
    );
    expect(await group.as('wang').says('售后 同意 T1')).toEqual([
      '[dm wang] T1 已同意：已给 alice 退款 ¥10.00。',
      '售后单 T1 已处理，已私信告知成员。',
      '[dm alice] 你的售后单 T1（#1 Mangoes）已同意：已退款 ¥10.00。',
    ]);
    const said = [
      ...(await group.as('alice').says('/mytickets')),
      ...(await group.as('alice').says('售后 #1 "又坏了" 金额=100')),
      ...(await group.as('bob').says('售后 #1 "坏了"')),
      ...(await group.as('wang').says('售后列表')),
      ...(await group.as('wang').says('售后 拒绝 T1')),
    ];
    expect(said.join('\n')).not.toContain('/');
    await t.advance('73h');
    expect(await group.as('alice').reply('售后 #1 "坏了"')).toContain('（提货后 3天内）');
    const help = (await group.as('alice').says('帮助 售后')).join('\n');
    expect(help).toContain('[金额=金额] [序号=2|规格=规格]');
    expect(help).not.toMatch(/amount=|line=|option=/);
    expect(
      said.flatMap((text) => englishWords(text.replace(/^\[dm \w+\] /, ''), ['Mangoes', 'alice'])),
    ).toEqual([]);
  });
});

describe('round 2: answers members and admins can act on', () => {
  it('an admin closing an open ticket tells its member privately; a later ticket is refused as closed, not rejected', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "bad"');
    expect(await group.as('wang').says('/ticket close T1')).toEqual([
      'T1 closed.',
      '[dm alice] Your after-sales ticket T1 (#1 Mangoes) was closed by an admin without a refund. Ask the organiser if you have questions.',
    ]);
    expect(await group.as('alice').reply('/aftersale #1 "still bad"')).toBe(
      'Ticket T1 on this line was closed by an admin; only an admin can reopen it.',
    );
    expect((await group.as('owner').says('/report'))[0]).toContain(
      'approved 0 · rejected or closed without refund 1',
    );
  });

  it('an approval above what the member asked is refused with a hint; confirm refunds it', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "2 were bad" amount=10');
    // What she asked is not read out in the group: the hint goes to the admin privately.
    expect(await group.as('wang').says('/ticket approve T1 15')).toEqual([
      '[dm wang] T1: the member asked for ¥10.00. To refund more, add confirm: /ticket approve T1 15 confirm. Nothing was changed.',
      'T1: that is more than the member asked; the details were sent to you privately. Nothing was changed.',
    ]);
    expect(tickets()[0]?.status).toBe('open');
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBeUndefined();
    await group.as('wang').says('/ticket approve T1 15 confirm sorry');
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBe(1500);
    expect(tickets()[0]?.answer).toBe('sorry');
  });

  it('/audit in the group does not repeat the complaint; an unpaid line is refused privately', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "my neighbour saw the rotten ones"');
    const audit = await group.as('owner').reply('/audit');
    expect(audit).toContain('T1 opened · alice');
    expect(audit).not.toContain('rotten');
    await group.as('owner').says('/delivered #1 @bob');
    expect(await group.as('bob').says('/aftersale #1 "bad" amount=5')).toEqual([
      '[dm bob] This line paid nothing, so no money can be asked back: open the ticket without an amount. Nothing was opened.',
      'That line cannot ask money back; the details were sent to you privately. Nothing was opened.',
    ]);
  });

  it('an approved ticket cannot be reopened, and the answer says what to do', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/aftersale #1 "bad"');
    await group.as('wang').says('/ticket approve T1 0');
    expect(await group.as('wang').reply('/ticket reopen T1')).toBe(
      'T1 was approved; an approved ticket cannot be reopened. Close it (/ticket close T1), then the member opens a new ticket on the line. Nothing was changed.',
    );
    await group.as('wang').says('/ticket close T1');
    expect(await group.as('wang').reply('/ticket reopen T1')).toBe(
      'T1 was approved; an approved ticket cannot be reopened. The member opens a new ticket on the line if something is still wrong. Nothing was changed.',
    );
  });

  it('the amount is read before a note after a full-width comma, 、 or 元', async () => {
    const group = await pickedUp({ locale: 'zh' });
    await group.as('alice').says('售后 #1 "坏了" 金额=10');
    await group.as('wang').says('售后 同意 T1 3，已补发一个');
    expect(t.store.tables.orders.get('memory:main#1/alice')?.refundedCents).toBe(300);
    expect(tickets()[0]?.answer).toBe('已补发一个');
    await t.advance('1h');
    await group.as('owner').says('/delivered #1 @bob');
    await group.as('owner').says('/paid #1 @bob');
    await group.as('bob').says('售后 #1 "坏了"');
    await group.as('wang').says('售后 同意 T2 2元已补发');
    expect(t.store.tables.orders.get('memory:main#1/bob')?.refundedCents).toBe(200);
    expect(tickets()[1]?.answer).toBe('已补发');
    expect(splitAmount('8、已补发一个')).toEqual({ first: '8', note: '已补发一个' });
    expect(splitAmount('8块 压坏了')).toEqual({ first: '8', note: '压坏了' });
    expect(splitAmount('12.50 sorry')).toEqual({ first: '12.50', note: 'sorry' });
  });

  it('the which-line question names whom a proxy line is for', async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    const group = t.group().admin('wang');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    await group.as('alice').says('+1');
    await group.as('alice').says('+1 帮王阿姨');
    await t.advance('24h');
    await group.as('wang').says('/delivered #1 @alice');
    expect(await group.as('alice').reply('/aftersale #1 "bad"')).toBe(
      'You have several lines in #1 (line 1 ×1, line 2 ×1 for 王阿姨): say which, e.g. /aftersale #1 "2 were bad" line=1',
    );
  });
});

describe('round 2: ticket photos on a platform without reactions', () => {
  it('a burst of photos is acknowledged once a minute; one past the limit is answered privately', async () => {
    const group = await pickedUp({ reactions: false });
    await group.as('alice').says('/aftersale #1 "the box was crushed"');
    const said: string[] = [];
    for (let i = 0; i < 9; i++)
      said.push(...(await group.as('alice').says('', { images: [{ data: png() }] })));
    expect(said).toEqual(['Photo received.']);
    expect(tickets()[0]?.photos).toHaveLength(9);
    expect(await group.as('alice').says('', { images: [{ data: png() }] })).toEqual([
      '[dm alice] T1 already has 9 photos, the most a ticket keeps: this one was not added.',
    ]);
    expect(await photoFiles()).toHaveLength(9);
  });
});
