import { afterEach, describe, expect, it } from 'vitest';
import { TestBot } from '../helpers/chat.js';

// The clock starts at 16:00 in Shanghai; the deal opens at 20:00 (4 h later) for 2 h.
const START = '2026-11-25T08:00:00Z';
const BURST = ['alice', 'bob', 'carol', 'dan', 'eve'];
const NEW = '/deal new "Strawberries" price=19.9 stock=50 starts="2026-11-25 20:00" ends=2h';

describe('scheduled flash deals (定时开团) in a group chat', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN /deal new starts= THEN a preview card without buttons shows when it opens and counts down; /deals lists it', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    const [card, ...rest] = await group.as('owner').says(NEW);
    expect(rest).toEqual([]);
    expect(card).toContain('Opens: 2026-11-25 20:00 (Asia/Shanghai), in 4h');
    // ends=2h counts from the start.
    expect(card).toContain('Ends: 2026-11-25 22:00 (Asia/Shanghai)');
    expect(card).toContain('Status: not started yet');
    expect(card).not.toContain('+1');
    expect(() => t.buttons()).toThrow(/no message with buttons/);
    expect(await group.as('alice').reply('/deals')).toBe(
      'Coming up:\n#1 Strawberries — starts 2026-11-25 20:00 (in 4h)',
    );
    expect(await group.as('alice').reply('/deal #1')).toContain('in 4h');
  });

  it('orders before the start are refused with the time left, in one batched notice per burst, and nothing is stored', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    await t.advance('1h50m');
    const said = await t.capture(async () => {
      await Promise.all(BURST.map((u) => group.as(u).says('+1')));
    });
    const groupMessages = said.filter((s) => !s.startsWith('👌') && !s.startsWith('edited'));
    // Five refusals, two messages: the first at once, the rest batched behind it.
    expect(groupMessages.length).toBeLessThanOrEqual(2);
    const all = said.join('\n');
    for (const u of BURST)
      expect(all).toContain(`✗ ${u}: not open yet: orders start 2026-11-25 20:00 (in 2h 10m)`);
    expect(await group.as('dan').reply('/join #1 2')).toBe(
      '✗ dan: not open yet: orders start 2026-11-25 20:00 (in 2h 10m)',
    );
    expect(t.store.tables.orders.size).toBe(0);
    expect(t.store.tables.waitlist.size).toBe(0);
  });

  it('/deal close before the start is refused with what to do instead, and the deal stays scheduled', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    expect(await group.as('owner').reply('/deal close #1')).toBe(
      'Deal #1 has not opened yet (it opens 2026-11-25 20:00), so there is nothing to close. Call it off with /deal cancel #1, or move its start with /deal edit #1 starts=….',
    );
    expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('scheduled');
  });

  it('at the start the card opens with its buttons and ONE announcement is posted; then +1 orders; never twice', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    const before = await t.advance('3h59m');
    expect(before.join('\n')).not.toContain('open now');
    const opened = await t.advance('1m');
    const posts = opened.filter((s) => !s.startsWith('edited'));
    expect(posts).toEqual(['🔔 #1 Strawberries is open now: order with +1!']);
    const edit = opened.find((s) => s.startsWith('edited'));
    expect(edit).toContain('Status: open');
    expect(edit).not.toContain('Opens:');
    expect(t.buttons().rows.flat()).toContain('Order +1');
    expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('open');
    await group.as('alice').says('+1');
    expect(t.store.tables.orders.size).toBe(1);
    expect((await t.advance('10m')).join('\n')).not.toContain('open now');
    // It closes at its own deadline, two hours after the start.
    expect((await t.advance('1h50m')).join('\n')).toContain('✅ #1 Strawberries closed');
  });

  it('the countdown edits the card at a bounded rate where the platform edits: every 10 min, each minute in the last 10', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    const edits: string[] = [];
    // Four hours, one scheduler tick a minute.
    for (let minute = 0; minute < 239; minute++)
      edits.push(...(await t.advance('1m')).filter((s) => s.startsWith('edited')));
    // 23 steps of 10 minutes, then 10 single minutes: never more than one edit a minute.
    expect(edits.length).toBeGreaterThanOrEqual(30);
    expect(edits.length).toBeLessThanOrEqual(34);
    expect(edits.at(-1)).toContain('in 1m');
    expect(edits.some((e) => e.includes('in 3h 50m'))).toBe(true);
  });

  it('where the platform cannot edit (WeChat) nothing is reposted before the start; at the start the card is posted anew, no extra announcement', async () => {
    t = await TestBot.create({
      start: START,
      timezone: 'Asia/Shanghai',
      capabilities: { editMessages: false },
    });
    const group = t.group();
    await group.as('owner').says(NEW);
    expect(await t.advance('3h50m')).toEqual([]);
    const opened = await t.advance('10m');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toContain('🛒 #1 Strawberries');
    expect(opened[0]).toContain('Status: open');
  });

  it('bad starts= or ends= get a clear answer and create nothing', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    const cases: [string, RegExp][] = [
      ['/deal new "X" price=1 starts="2026-11-25 10:00"', /starts=2026-11-25 10:00 is already past/],
      ['/deal new "X" price=1 starts=someday', /cannot read starts=someday/],
      ['/deal new "X" price=1 starts="2026-11-25 20:00" ends="2026-11-25 19:00"', /is not after the start/],
    ];
    for (const [text, expected] of cases) {
      const out = await group.as('owner').says(text);
      expect(out, text).toHaveLength(1);
      expect(out[0], text).toMatch(expected);
    }
    expect(t.store.tables.deals.size).toBe(0);
  });

  it('/deal edit moves the start while scheduled (ends=2h from it), and not once it opened; /deal cancel works before the start', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    const edited = await group.as('owner').says('/deal edit #1 starts="2026-11-25 21:00" ends=1h');
    expect(edited).toContain('Deal #1 updated: it opens 2026-11-25 21:00 and ends 2026-11-25 22:00.');
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({
      status: 'scheduled',
      startsAt: '2026-11-25T13:00:00.000Z',
      endsAt: '2026-11-25T14:00:00.000Z',
    });
    // Only the start moved: the deadline moves with it, the deal keeps its length (1 h).
    expect((await group.as('owner').says('/deal edit #1 starts="2026-11-25 22:00"'))[0]).toBe(
      'Deal #1 updated: it opens 2026-11-25 22:00 and ends 2026-11-25 23:00.',
    );
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({
      startsAt: '2026-11-25T14:00:00.000Z',
      endsAt: '2026-11-25T15:00:00.000Z',
    });
    expect(await group.as('owner').reply('/deal edit #1 ends="2026-11-25 21:00"')).toMatch(
      /is not after the start/,
    );
    await t.advance('6h');
    expect(await group.as('owner').reply('/deal edit #1 starts="2026-11-25 23:00" ends=1h')).toBe(
      'Deal #1 has already opened: its start cannot change any more.',
    );
    await group.as('owner').says('/deal new "Pears" price=5 starts=3h');
    const cancelled = await group.as('owner').says('/deal cancel #2');
    expect(cancelled.join('\n')).toContain('#2 Pears was cancelled');
    expect((await t.advance('3h')).join('\n')).not.toContain('Pears is open');
  });

  it('in Chinese: 开始= 、预告卡片、提前下单的回答、开团通知', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai', locale: 'zh' });
    const group = t.group();
    await group.as('owner').says('/lang zh');
    const [card] = await group
      .as('owner')
      .says('开团 "秒杀草莓" 价格=19.9 库存=50 开始="2026-11-25 20:00" 截止=2小时');
    expect(card).toContain('开团时间：2026-11-25 20:00（Asia/Shanghai），还有 4小时');
    expect(card).toContain('状态：未开始');
    const early = (await group.as('alice').says('+1')).join('\n');
    expect(early).toContain('✗ alice：还没开团，2026-11-25 20:00 开始下单（还有 4小时）');
    expect(await group.as('alice').reply('团购')).toBe(
      '即将开团：\n#1 秒杀草莓 — 2026-11-25 20:00 开团（还有 4小时）',
    );
    expect((await t.advance('4h')).filter((s) => !s.startsWith('edited'))).toEqual([
      '🔔 #1 秒杀草莓 开团了！发送 +1 下单。',
    ]);
  });

  it('in Chinese: 改团 开始= moves a 2h flash deal whole, and the answer says when it opens and ends', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai', locale: 'zh' });
    const group = t.group();
    await group.as('owner').says('/lang zh');
    await group.as('owner').says('开团 "秒杀草莓" 价格=19.9 开始="2026-11-25 20:00" 截止=2小时');
    expect((await group.as('owner').says('改团 #1 开始="2026-11-26 20:00"'))[0]).toBe(
      '团购 #1 已更新：将于 2026-11-26 20:00 开团，2026-11-26 22:00 截止。',
    );
    const deal = t.store.tables.deals.get('memory:main#1')!;
    expect(Date.parse(deal.endsAt) - Date.parse(deal.startsAt!)).toBe(2 * 3_600_000);
  });
});

describe('a scheduled deal’s preview card stays current', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });
  const cardText = (chatId = 'main') => {
    const id = t.store.tables.deals.get(`memory:${chatId}#1`)?.rosterMessageId;
    const shown = t.adapter.actions.filter(
      (a) => (a.kind === 'send' && a.messageId === id) || (a.kind === 'edit' && a.messageId === id),
    );
    const last = shown.at(-1);
    return last?.kind === 'edit'
      ? last.text
      : last?.kind === 'send' && last.out.kind === 'text'
        ? last.out.text
        : '';
  };

  it('GIVEN a preview card listing pickup points WHEN a point is renamed THEN the preview shows the new name', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says('/pickup add 东门');
    await group.as('owner').says('/pickup add 西门');
    await group.as('owner').says(`${NEW} points=东门,西门`);
    expect(cardText()).toContain('东门');
    await group.as('owner').says('/pickup edit 1 name=北门');
    await t.advance('10s');
    expect(cardText()).toContain('北门');
  });

  it('GIVEN a preview card WHEN the group moves (the card posted anew from the stored state) THEN it still counts down', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    await group.as('owner').says(NEW);
    expect(cardText()).toContain('in 4h');
    await t.advance('1h');
    await t.bot.chatChanged(t.adapter, {
      type: 'chat_moved',
      chat: { platform: 'memory', chatId: 'main', kind: 'group', title: 'main' },
      to: { platform: 'memory', chatId: 'super', kind: 'group', title: 'main' },
    });
    await t.bot.idle();
    expect(cardText('super')).toContain('Opens: 2026-11-25 20:00 (Asia/Shanghai), in 3h');
  });
});

describe('a scheduled window that passed entirely while the bot was down', () => {
  it('opens and closes at once, saying only that it closed', async () => {
    const t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    await t.group().as('owner').says('/deal new "Pears" price=5 starts=1h ends=1h');
    const said = (await t.advance('3h')).filter((s) => !s.startsWith('edited'));
    expect(said).toEqual(['❌ #1 Pears did not reach 1 buyer (0) by the deadline. No one needs to pay.']);
    expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('failed');
    await t.close();
  });
});

describe('a scheduled start across a restart', () => {
  it('a start that passed while the bot was down opens at once on start, exactly once', async () => {
    const first = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    await first.group().as('owner').says(NEW);
    const dir = first.dir;
    await first.bot.stop();

    // Back 10 minutes after the start (the deal is still within its 2 h).
    const second = await TestBot.create({ start: '2026-11-25T12:10:00Z', timezone: 'Asia/Shanghai', dir });
    await second.bot.idle();
    const said = second.adapter.actions.map((a) =>
      a.kind === 'send' && a.out.kind === 'text' ? a.out.text : '',
    );
    expect(said.filter((s) => s.includes('open now'))).toEqual([
      '🔔 #1 Strawberries is open now: order with +1!',
    ]);
    expect(second.store.tables.deals.get('memory:main#1')?.status).toBe('open');
    expect(second.buttons().rows.flat()).toContain('Order +1');
    await second.bot.stop();

    const third = await TestBot.create({ start: '2026-11-25T12:20:00Z', timezone: 'Asia/Shanghai', dir });
    await third.bot.idle();
    expect(third.store.tables.deals.get('memory:main#1')?.status).toBe('open');
    expect(
      third.adapter.actions.map((a) => (a.kind === 'send' && a.out.kind === 'text' ? a.out.text : '')),
    ).not.toContain('🔔 #1 Strawberries is open now: order with +1!');
    await third.close();
  });
});
