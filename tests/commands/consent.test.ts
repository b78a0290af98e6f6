import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasConsent, PURPOSE_VERSIONS, PURPOSES } from '../../src/services/consent.js';
import { TestBot } from '../helpers/chat.js';
import { englishWords } from '../helpers/english.js';

/**
 * The consent ledger in the chat: every purpose not needed to fulfil an order is off until the
 * member turns it on; /privacy lists them privately with what each uses and does; each grant and
 * withdrawal is an entry with its time and wording version; buttons and words in both languages
 * change them; refusals change nothing; ordering never depends on them.
 */

let t: TestBot;
beforeEach(async () => {
  t = await TestBot.create({ start: '2026-12-01T08:00:00Z' });
  await t.group().as('alice').says('hi');
});
afterEach(async () => {
  await t.close();
});

const ledger = () => [...t.store.tables.consents.values()].sort((a, b) => a.id.localeCompare(b.id));
const allows = (user: string, purpose: (typeof PURPOSES)[number]) =>
  hasConsent(t.store.tables, 'memory:main', user, purpose);

describe('/privacy', () => {
  it('every purpose is off until the member turns it on; the list goes to them privately, with what each uses and does', async () => {
    expect(PURPOSES.map((p) => allows('alice', p))).toEqual([false, false, false, false]);
    const out = await t.group().as('alice').says('/privacy');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\[dm alice\] Your choices in main \(each is off until you turn it on\):/);
    for (const line of [
      '⬜ Recommendations from your order history (history): off',
      '⬜ Private offers (offers): off',
      '⬜ Your name on the leaderboard (leaderboard): off',
      '⬜ Public reviews (reviews): off',
      'Uses your name and the points you earned. /top shows you to the group.',
      'On: — · Off: history, offers, leaderboard, reviews',
      'Ordering never depends on these.',
    ])
      expect(out[0]).toContain(line);
    expect(t.buttons('dm:alice').rows).toEqual([
      ['Turn on history'],
      ['Turn on offers'],
      ['Turn on leaderboard'],
      ['Turn on reviews'],
    ]);
    // Looking writes nothing.
    expect(ledger()).toEqual([]);
  });

  it('each grant and withdrawal is an entry with its time, wording version and where it was said; saying it again writes nothing', async () => {
    const on = await t.group().as('alice').says('/privacy on history');
    expect(on).toEqual([
      [
        '[dm alice] Recommendations from your order history: now on in main. Send /deals to see it.',
        '/privacy off history turns it off again.',
        'On: history · Off: offers, leaderboard, reviews',
      ].join('\n'),
    ]);
    expect(allows('alice', 'history')).toBe(true);
    expect(await t.group().as('alice').says('/privacy on recommendations')).toEqual([
      expect.stringContaining('was already on in main; nothing changed.'),
    ]);
    await t.advance('2h');
    await t.group().as('alice').says('/privacy off history');
    expect(allows('alice', 'history')).toBe(false);
    expect(ledger()).toEqual([
      {
        id: 'memory:main/alice|history|1',
        communityId: 'memory:main',
        userId: 'alice',
        purpose: 'history',
        granted: true,
        at: '2026-12-01T08:00:00.000Z',
        version: PURPOSE_VERSIONS.history,
        via: 'command',
        seq: 1,
      },
      expect.objectContaining({ granted: false, at: '2026-12-01T10:00:00.000Z', via: 'command', seq: 2 }),
    ]);
  });

  it('in Chinese: 隐私 开启 推荐, 隐私 关闭 排行榜; the list and answers hold no English words', async () => {
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('alice').says('隐私 开启 推荐')).toEqual([
      [
        '[dm alice] 购买记录推荐：已在「main」开启。发“团购”即可看到。',
        '发“隐私 关闭 推荐”可再关闭。',
        '开启：推荐 · 关闭：私信优惠、排行榜、公开评价',
      ].join('\n'),
    ]);
    await t.group().as('alice').says('隐私 打开 排行榜');
    await t.group().as('alice').says('隐私 关闭 排行榜');
    expect(ledger().map((c) => [c.purpose, c.granted])).toEqual([
      ['history', true],
      ['leaderboard', true],
      ['leaderboard', false],
    ]);
    const [list] = await t.group().as('alice').says('隐私');
    expect(list).toContain('✅ 购买记录推荐（推荐）：已开启');
    expect(list).toContain('⬜ 排行榜：已关闭');
    expect(englishWords(list!.replace(/^\[dm alice\] /, ''), ['main'])).toEqual([]);
    expect(t.buttons('dm:alice').rows.flat()).toEqual([
      '关闭 推荐',
      '开启 私信优惠',
      '开启 排行榜',
      '开启 公开评价',
    ]);
    expect(await t.group().as('alice').reply('隐私 数据')).toContain('你对各项默认关闭的用途的选择');
  });

  it('a word that names no purpose, no purpose, or a word that is no action: a clear answer, and nothing is written', async () => {
    expect(await t.group().as('alice').reply('/privacy on everything')).toBe(
      'There is no use called “everything”. Name one of: history, offers, leaderboard, reviews (e.g. /privacy on history). Nothing was changed.',
    );
    expect(await t.group().as('alice').reply('/privacy off')).toMatch(
      /^Name the use to turn off: .*Nothing was changed\.$/,
    );
    expect(await t.group().as('alice').reply('/privacy maybe history')).toMatch(
      /^“maybe history” is not something \/privacy does: .*Nothing was changed\.$/,
    );
    await t.group().as('owner').says('/lang zh');
    expect(await t.group().as('alice').reply('隐私 开启 广告')).toBe(
      '没有“广告”这一项。可选：推荐、私信优惠、排行榜、公开评价（例如：隐私 开启 推荐）。未做任何更改。',
    );
    expect(ledger()).toEqual([]);
  });

  it('turning on is one purpose at a time; /privacy off all withdraws every one that was on', async () => {
    expect(await t.group().as('alice').reply('/privacy on all')).toMatch(/^Turn uses on one at a time/);
    expect(ledger()).toEqual([]);
    await t.group().as('alice').says('/privacy on leaderboard');
    await t.group().as('alice').says('/privacy on reviews');
    expect(await t.group().as('alice').says('/privacy off all')).toEqual([
      '[dm alice] Every use is now off in main.\nOn: — · Off: history, offers, leaderboard, reviews',
    ]);
    expect(PURPOSES.map((p) => allows('alice', p))).toEqual([false, false, false, false]);
    // Only the two that were on got a withdrawal.
    expect(
      ledger()
        .filter((c) => !c.granted)
        .map((c) => c.purpose),
    ).toEqual(['leaderboard', 'reviews']);
  });

  it('a button turns a purpose on or off for whoever taps it, answered to them only; a stale button does no harm', async () => {
    await t.group().as('alice').says('/privacy');
    const shown = t.buttons('dm:alice');
    expect(await t.dm('alice').taps(shown.messageId, shown.action('Turn on leaderboard'))).toEqual([
      '[to alice] Your name on the leaderboard: now on in main. You appear on /top. /privacy off leaderboard turns it off again.',
    ]);
    expect(allows('alice', 'leaderboard')).toBe(true);
    expect(ledger()[0]).toMatchObject({ purpose: 'leaderboard', granted: true, via: 'button' });
    expect(await t.dm('alice').taps(shown.messageId, shown.action('Turn on leaderboard'))).toEqual([
      '[to alice] Your name on the leaderboard was already on in main; nothing changed.',
    ]);
    expect(ledger()).toHaveLength(1);
    // A button of another group's list, or of a group the bot never knew: nothing happens.
    expect(await t.dm('alice').taps(shown.messageId, 'pv:1:history:memory:elsewhere')).toEqual([
      '[to alice] This button does nothing any more. Nothing was changed.',
    ]);
    expect(ledger()).toHaveLength(1);
  });

  it('in private with several groups, turning on names the group; without one nothing is written; off may apply to all', async () => {
    await t.group('second').as('alice').says('hi');
    const [list] = await t.dm('alice').says('/privacy');
    expect(list).toContain('Your choices in main');
    expect(list).toContain('Your choices in second');
    // The buttons of the private list are per group, and say which.
    expect(t.buttons('dm:alice').rows.flat()).toEqual([
      'Turn on history in main',
      'Turn on offers in main',
      'Turn on leaderboard in main',
      'Turn on reviews in main',
      'Turn on history in second',
      'Turn on offers in second',
      'Turn on leaderboard in second',
      'Turn on reviews in second',
    ]);
    // A row per group (Discord shows at most 5 rows).
    expect(t.buttons('dm:alice').rows).toHaveLength(2);
    expect(await t.dm('alice').reply('/privacy on reviews')).toBe(
      '[dm alice] You are in more than one group with me: name the one to turn reviews on in, e.g. /privacy on reviews main. Your groups: main, second. Nothing was changed.',
    );
    expect(await t.dm('alice').reply('/privacy on reviews third')).toBe(
      '[dm alice] You are in no group called “third” with me. Your groups: main, second. Nothing was changed.',
    );
    expect(ledger()).toEqual([]);
    expect(await t.dm('alice').says('/privacy on reviews second')).toEqual([
      expect.stringMatching(/^\[dm alice\] Public reviews: now on in second\./),
    ]);
    expect(hasConsent(t.store.tables, 'memory:second', 'alice', 'reviews')).toBe(true);
    expect(allows('alice', 'reviews')).toBe(false);
    const tap = t.buttons('dm:alice');
    await t.dm('alice').taps(tap.messageId, tap.action('Turn on reviews in main'));
    expect(allows('alice', 'reviews')).toBe(true);
    // Withdrawing in private without a group applies to every group: refusing is easy.
    await t.dm('alice').says('/privacy off reviews');
    expect(allows('alice', 'reviews')).toBe(false);
    expect(hasConsent(t.store.tables, 'memory:second', 'alice', 'reviews')).toBe(false);
    // In a group, the change is about that group: another group's name there changes nothing.
    expect(await t.group().as('alice').reply('/privacy on history second')).toBe(
      'Here /privacy changes your choices in main only; to change them in second, send it to me privately. Nothing was changed.',
    );
    expect(ledger().filter((c) => c.purpose === 'history')).toEqual([]);
    expect(await t.dm('nobody').reply('/privacy')).toBe(
      '[dm nobody] You are not in a group with me yet, so there is nothing to choose.',
    );
  });

  it('in Chinese, in private with several groups: 隐私 开启 推荐 main; without a group, which ones to choose from', async () => {
    await t.group().as('owner').says('/lang zh');
    await t.group('second').as('owner').says('/lang zh');
    await t.group('second').as('alice').says('hi');
    const asked = await t.dm('alice').reply('隐私 开启 推荐');
    expect(asked).toBe(
      '[dm alice] 你和我在多个群里：请写明在哪个群开启推荐，例如“隐私 开启 推荐 main”。你的群：main、second。未做任何更改。',
    );
    expect(englishWords(asked.replace(/^\[dm alice\] /, ''), ['main', 'second'])).toEqual([]);
    expect(ledger()).toEqual([]);
    await t.dm('alice').says('隐私 开启 推荐 main');
    expect(allows('alice', 'history')).toBe(true);
    expect(hasConsent(t.store.tables, 'memory:second', 'alice', 'history')).toBe(false);
  });

  it('one group in private: as in the group, no group name needed', async () => {
    expect(await t.dm('alice').says('/privacy on history')).toEqual([
      expect.stringMatching(/^\[dm alice\] Recommendations from your order history: now on in main\./),
    ]);
    expect(allows('alice', 'history')).toBe(true);
  });

  it('the offers purpose says the same cap as /subscribe: the group’s real offers.daily_cap, so the version recorded is the wording seen', async () => {
    await t.group().as('owner').says('/settings offers.daily_cap=5');
    const [list] = await t.group().as('alice').says('/privacy');
    expect(list).toContain('A private message when a deal of such a category opens, at most 5 a day.');
    const [subscribed] = await t.group().as('alice').says('/subscribe 水果');
    expect(subscribed).toContain('(at most 5 a day)');
    expect(ledger()).toEqual([
      expect.objectContaining({ purpose: 'offers', via: 'subscribe', version: PURPOSE_VERSIONS.offers }),
    ]);
    await t.group().as('owner').says('/settings offers.daily_cap=0');
    expect((await t.group().as('alice').says('/privacy'))[0]).toContain(
      'A private message when a deal of such a category opens; this group has private offers turned off now (offers.daily_cap=0).',
    );
    await t.group().as('owner').says('/lang zh');
    await t.group().as('owner').says('/settings offers.daily_cap=2');
    expect((await t.group().as('alice').says('隐私'))[0]).toContain(
      '这些分类的团购开团时私信通知你，每天最多 2 条。',
    );
  });

  it('ordering works with every purpose off, and reads none of them', async () => {
    await t.group().as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await t.group().as('alice').says('+2');
    await t.group().as('bob').says('+1');
    expect(t.store.tables.orders.get('memory:main#1/alice')).toMatchObject({ qty: 2 });
    expect(t.store.tables.deals.get('memory:main#1')).toMatchObject({ sold: 3, buyers: 2 });
    expect(ledger()).toEqual([]);
  });
});
