import { afterEach, describe, expect, it } from 'vitest';
import { TestBot, type TestBotOptions } from '../helpers/chat.js';

// Monday 2026-11-30: 18:00 in Shanghai, 05:00 in New York, 10:00 UTC.
const START = '2026-11-30T10:00:00Z';

describe('deadlines the way leaders write them, in the group’s timezone', () => {
  let t: TestBot;
  const open = async (options: TestBotOptions) => {
    t = await TestBot.create({ start: START, ...options });
    return t.group();
  };
  const community = () => t.store.tables.communities.get('memory:main')!;
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN a Chinese group and no TZ configured THEN it runs on Beijing time and 12月5日 ends that evening', async () => {
    const group = await open({ locale: 'zh', timezone: null });
    const [card] = await group.as('owner').says('/deal new "芒果" price=39 ends=12月5日');
    expect(card).toContain('截止：2026-12-05 23:59（Asia/Shanghai）');
    expect(community().timezone).toBe('Asia/Shanghai');
  });

  it('an English group without TZ stays on UTC, and a configured TZ wins over the language', async () => {
    const en = await open({ locale: 'en', timezone: null });
    await en.as('alice').says('hello');
    expect(community().timezone).toBe('UTC');
    await t.close();
    const zh = await open({ locale: 'zh', timezone: 'America/New_York' });
    await zh.as('alice').says('你好');
    expect(community().timezone).toBe('America/New_York');
  });

  it('12-05 is the 5th of December in zones around UTC−5, never a time-zone offset', async () => {
    const group = await open({ locale: 'en' });
    let no = 0;
    for (const zone of ['America/New_York', 'America/Bogota', 'America/Chicago', 'America/Lima']) {
      await group.as('owner').says(`/tz ${zone}`);
      const [card] = await group.as('owner').says(`/deal new "Mangoes ${++no}" price=39 ends=12-05`);
      expect(card, zone).toContain(`Ends: 2026-12-05 23:59 (${zone})`);
    }
    // Not one closed at the next sweep: 12:00 at UTC−05 would have been 17:00 UTC today.
    expect(await t.advance('8h')).toEqual([]);
  });

  it('明天20:00, 今晚8点 and 周五 20:00 are read in the group’s zone', async () => {
    const group = await open({ locale: 'zh', timezone: null });
    const owner = group.as('owner');
    expect((await owner.says('开团 "荔枝" price=59 ends=明天20:00'))[0]).toContain('截止：2026-12-01 20:00');
    expect((await owner.says('开团 "桃子" price=29 ends=今晚8点'))[0]).toContain('截止：2026-11-30 20:00');
    expect((await owner.says('开团 "葡萄" price=19 ends="周五 20:00"'))[0]).toContain(
      '截止：2026-12-04 20:00',
    );
    expect((await owner.says('开团 "橙子" price=9 ends=3天'))[0]).toContain('截止：2026-12-03 18:00');
  });

  it('a past, ambiguous or unreadable deadline is refused with the reason and the forms, and nothing is created', async () => {
    const group = await open({ locale: 'zh', timezone: null });
    const owner = group.as('owner');
    const past = await owner.reply('开团 "芒果" price=39 ends=11-29');
    expect(past).toContain('已经过去了');
    const ambiguous = await owner.reply('开团 "芒果" price=39 ends=8点');
    expect(ambiguous).toContain('有多种理解（是几点？请写明钟点和早晚');
    // Only the case the leader wrote: an hour, not a day-month order they never wrote.
    expect(ambiguous).not.toContain('5/12');
    const unreadable = await owner.reply('开团 "芒果" price=39 ends=下个月');
    expect(unreadable).toContain('看不懂截止时间');
    for (const reply of [past, ambiguous, unreadable]) {
      expect(reply).toContain('12月5日、12-05、明天20:00、今晚8点');
      expect(reply).not.toMatch(/\b(?:use|date|like|invalid)\b/i);
    }
    const order = await owner.reply('开团 "芒果" price=39 ends=5/12/2026');
    expect(order).toContain('有多种理解（日和月的先后不明');
    expect(order).not.toContain('早晚');
    expect(t.store.tables.deals.size).toBe(0);
  });

  it('the same refusals in English, and /deal edit keeps the old deadline', async () => {
    const group = await open({ locale: 'en', timezone: 'Asia/Shanghai' });
    const owner = group.as('owner');
    await owner.says('/deal new "Mangoes" price=39 ends=12-05');
    const reply = await owner.reply('/deal edit #1 ends=8点');
    expect(reply).toContain('ends=8点 could mean more than one time');
    expect(reply).toContain('12-05, 12/5, 2026-12-05 20:00, tomorrow 20:00');
    expect(await owner.reply('/deal edit #1 ends=yesterday-ish')).toContain(
      'I cannot read ends=yesterday-ish',
    );
    expect(await owner.reply('/deal edit #1 ends=2026-11-01')).toContain('is already past');
    expect(t.store.tables.deals.get('memory:main#1')!.endsAt).toBe('2026-12-05T15:59:59.999Z');
  });

  it('the closing-soon reminder of a Chinese group says its time left in Chinese', async () => {
    const group = await open({ locale: 'zh', timezone: null });
    await group.as('owner').says('开团 "芒果" price=39 min=2 ends=3小时');
    const out = await t.advance('70m');
    const reminder = out.find((line) => line.startsWith('⏰'));
    expect(reminder).toContain('还有 1小时50分 截团');
    expect(await group.as('owner').reply('/settings')).toContain('截团提醒=2小时');
  });
});

describe('/lang zh on a group that is not on Beijing time', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  it('GIVEN a UTC group WHEN an admin switches to Chinese THEN it asks, and 时区 北京 switches the clock', async () => {
    t = await TestBot.create({ start: START, timezone: 'UTC' });
    const group = t.group();
    await group.as('alice').says('hello');
    const asked = await group.as('owner').reply('/lang zh');
    expect(asked).toContain('语言已切换为简体中文');
    expect(asked).toContain(
      '本群时区仍是 UTC（当前 2026-11-30 10:00），要改为北京时间吗？发送"时区 北京"即可。',
    );
    expect(t.store.tables.communities.get('memory:main')!.timezone).toBe('UTC');

    expect(await group.as('alice').reply('时区 北京')).toMatch(/只有群管理员|管理员/);
    expect(t.store.tables.communities.get('memory:main')!.timezone).toBe('UTC');

    expect(await group.as('owner').reply('时区 北京')).toContain(
      '时区已改为 Asia/Shanghai，本群当前时间 2026-11-30 18:00',
    );
    const [card] = await group.as('owner').says('开团 "芒果" price=39 ends=今晚8点');
    expect(card).toContain('截止：2026-11-30 20:00（Asia/Shanghai）');
  });

  it('a group already on Beijing time is not asked; /tz shows and sets any IANA zone', async () => {
    t = await TestBot.create({ start: START, timezone: 'Asia/Shanghai' });
    const group = t.group();
    expect(await group.as('owner').reply('/lang zh')).not.toContain('时区');
    expect(await group.as('owner').reply('/tz')).toContain(
      '本群时区：Asia/Shanghai（当前 2026-11-30 18:00）',
    );
    expect(await group.as('owner').reply('/tz america/new_york')).toContain('时区已改为 America/New_York');
    expect(await group.as('owner').reply('时区 火星')).toContain('不认识时区"火星"');
    expect(t.store.tables.communities.get('memory:main')!.timezone).toBe('America/New_York');
    await group.as('owner').says('/lang en');
    expect(await group.as('owner').reply('/lang zh')).toContain('本群时区仍是 America/New_York');
  });
});
