import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { hasConsent } from '../../src/services/consent.js';
import { pseudonym } from '../../src/services/privacy.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';
import { png } from '../helpers/images.js';

/**
 * Each purpose gates its use, read at the moment of use: the leaderboard lists only members who
 * chose to appear, reviews are shown to the group under a name only with `reviews` on (kept for the
 * organiser otherwise), and a withdrawal mid-way takes effect at once. /mydata holds the ledger,
 * subscriptions and offers; /forget withdraws everything first and keeps the ledger anonymised.
 */

let t: TestBot;
afterEach(async () => {
  await t.close();
});

describe('leaderboard', () => {
  async function earners(): Promise<GroupChat> {
    t = await TestBot.create({ start: '2026-12-01T08:00:00Z' });
    const group = t.group();
    for (const [who, points] of [
      ['alice', 5],
      ['bob', 8],
      ['carol', 3],
    ] as const) {
      await group.as(who).says('hi');
      await group.as('owner').says(`/award ${who} ${points}`);
    }
    return group;
  }

  it('/top lists only members who turned it on, ranks among them, and says how many are left out and how to appear', async () => {
    const group = await earners();
    expect(await group.as('dave').reply('/top')).toBe(
      'Nobody is on the leaderboard yet: 3 members earned points in this period, and only members who chose to appear are listed. To appear: /privacy on leaderboard',
    );
    await group.as('alice').says('/privacy on leaderboard');
    await group.as('carol').says('/privacy on leaderboard');
    expect(await group.as('dave').reply('/top')).toBe(
      [
        'Top members (this week):',
        '1. alice 5',
        '2. carol 3',
        '1 member with points is not listed: only members who chose to appear are. To appear: /privacy on leaderboard',
      ].join('\n'),
    );
    // bob's own points are his to see whatever he chose.
    expect(await group.as('bob').reply('/points')).toMatch(/^Points: 8\n/);
    await group.as('owner').says('/lang zh');
    expect(await group.as('dave').reply('排行榜')).toContain(
      '另有 1 位有积分的成员未列出：只列出自愿上榜的成员。想上榜请发“隐私 开启 排行榜”。',
    );
  });

  it('a member who withdraws leaves the board at once', async () => {
    const group = await earners();
    await group.as('alice').says('/privacy on leaderboard');
    await group.as('bob').says('/privacy on leaderboard');
    expect(await group.as('dave').reply('/top')).toMatch(
      /^Top members \(this week\):\n1\. bob 8\n2\. alice 5\n/,
    );
    await group.as('bob').says('/privacy off leaderboard');
    const top = await group.as('dave').reply('/top');
    expect(top).toMatch(/^Top members \(this week\):\n1\. alice 5\n2 members with points are not listed/);
    expect(top).not.toContain('bob');
  });
});

describe('reviews', () => {
  const review = (user: string) => t.store.tables.reviews.get(`memory:main#1/${user}`);

  /** Deal #1 of a template, closed: alice and bob picked up; deal #2 of the same product open. */
  async function pickedUp(): Promise<GroupChat> {
    t = await TestBot.create({ start: '2026-12-01T08:00:00Z' });
    const group = t.group().admin('wang');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    t.store.transact((tx) =>
      tx.put('deals', { ...tx.get('deals', 'memory:main#1')!, templateId: 'memory:main|mango' }),
    );
    for (const user of ['alice', 'bob']) await group.as(user).says('+1');
    await t.advance('24h');
    await group.as('wang').says('/delivered #1 @alice');
    await group.as('wang').says('/delivered #1 @bob');
    return group;
  }

  it('a review by a member without `reviews` on is kept for the organiser: they are told privately, the group sees no name', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/privacy on reviews');
    await group.as('alice').says('/review #1 5 very sweet');
    const out = await group.as('bob').says('/review #1 2 two were bad');
    expect(out).toEqual([
      '[dm bob] Thanks! Your review of #1 is saved: ★★☆☆☆. Only the organiser sees it, and it does not count in the stars the group sees. To show your reviews to the group under your name: /privacy on reviews',
      expect.stringMatching(/^👌 on t\d+$/),
    ]);
    expect(review('bob')).toMatchObject({ stars: 2, text: 'two were bad' });
    const list = await group.as('carol').reply('/reviews #1');
    expect(list).toBe(
      [
        'Reviews of #1 Mangoes: ★ 5.0 (1 review)',
        '1 review kept for the organiser only: its writer has not made it public.',
        '★★★★★ alice · 2026-12-02: very sweet',
      ].join('\n'),
    );
    // The organiser sees it in private, marked.
    expect(await t.dm('owner').reply('/reviews #1')).toContain(
      '(not public) ★★☆☆☆ bob · 2026-12-02: two were bad',
    );
    // The product's stars on the next deal's card count only what the group may see.
    await group.as('owner').says('/deal new "Mangoes again" price=10 min=1 ends=24h');
    t.store.transact((tx) =>
      tx.put('deals', { ...tx.get('deals', 'memory:main#2')!, templateId: 'memory:main|mango' }),
    );
    expect((await group.as('erin').says('+1')).join('\n')).toMatch(/\n★ 5\.0 \(1 review\)\n/);
  });

  it('the report posted in the group counts only the stars the group may see, as /reviews does', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/privacy on reviews');
    await group.as('alice').says('/review #1 5 very sweet');
    await group.as('bob').says('/review #1 1 all bad');
    const [report] = await group.as('owner').says('/report');
    expect(report).toContain('★5 (1 review)');
    expect(report).not.toContain('2 reviews');
    // The organiser's private /reviews still shows both, the private one marked.
    const own = await t.dm('owner').reply('/reviews #1');
    expect(own).toContain('(not public) ★☆☆☆☆ bob');
    // bob makes his public: the report counts it from then on.
    await group.as('bob').says('/privacy on reviews');
    expect((await group.as('owner').says('/report'))[0]).toContain('★3 (2 reviews)');
  });

  it('where the platform has no reactions, a private review is not announced in the group under the name', async () => {
    t = await TestBot.create({ start: '2026-12-01T08:00:00Z', capabilities: { reactions: false } });
    const group = t.group().admin('wang');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1 ends=24h');
    await group.as('bob').says('+1');
    await t.advance('24h');
    await group.as('wang').says('/delivered #1 @bob');
    const out = await group.as('bob').says('/review #1 4 nice');
    expect(out).toEqual([
      expect.stringMatching(/^\[dm bob\] Thanks! Your review of #1 is saved: ★★★★☆\. Only the organiser/),
    ]);
  });

  it('withdrawing mid-way hides every review of the member at once, from the list, the photos and the card; turning it on shows them again', async () => {
    const group = await pickedUp();
    await group.as('alice').says('/privacy on reviews');
    await group.as('bob').says('/privacy on reviews');
    await group.as('alice').says('/review #1 5 very sweet', { images: [{ data: png(), mime: 'image/png' }] });
    await group.as('bob').says('/review #1 3 ok');
    expect(await group.as('carol').reply('/reviews #1')).toContain('★ 4.0 (2 reviews)');
    expect(await group.as('carol').says('/reviews #1 photos')).toContain(
      'Sent you 1 photo of #1 reviews privately.',
    );
    await group.as('owner').says('/deal new "Mangoes again" price=10 min=1 ends=24h');
    t.store.transact((tx) =>
      tx.put('deals', { ...tx.get('deals', 'memory:main#2')!, templateId: 'memory:main|mango' }),
    );
    await group.as('erin').says('+1');

    // The card of the open deal is shown again without her stars.
    const withdrawn = await group.as('alice').says('/privacy off reviews');
    expect(withdrawn).toContainEqual(
      expect.stringContaining(
        '[dm alice] Public reviews: now off in main. Your reviews are shown to the organiser only from now on.',
      ),
    );
    const card = [...withdrawn, ...(await t.advance('10s'))].join('\n');
    expect(card).toMatch(/^edited .*#2 Mangoes again[^\n]*\n★ 3\.0 \(1 review\)\n/m);
    const list = await group.as('carol').reply('/reviews #1');
    expect(list).toContain('★ 3.0 (1 review)');
    expect(list).not.toContain('alice');
    expect(list).not.toContain('very sweet');
    expect(await group.as('carol').reply('/reviews #1 photos')).toBe('No review of #1 has a photo.');
    expect(review('alice')).toMatchObject({ stars: 5 });

    await group.as('alice').says('/privacy on reviews');
    expect(await group.as('carol').reply('/reviews #1')).toContain('★★★★★ alice');
  });
});

describe('/mydata and /forget', () => {
  async function withChoices(): Promise<GroupChat> {
    t = await TestBot.create({ start: '2026-12-01T08:00:00Z' });
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2 stock=10');
    await group.as('alice').says('+1');
    await group.as('alice').says('/privacy on offers');
    await group.as('alice').says('/privacy on leaderboard');
    await group.as('alice').says('/privacy off leaderboard');
    const at = '2026-12-01T08:00:00.000Z';
    t.store.transact((tx) => {
      tx.put('subscriptions', {
        id: 'memory:main/alice|水果',
        communityId: 'memory:main',
        userId: 'alice',
        category: '水果',
        key: '水果',
        createdAt: at,
      });
      tx.put('offers', {
        id: 'memory:main#1|alice',
        communityId: 'memory:main',
        dealId: 'memory:main#1',
        userId: 'alice',
        key: '水果',
        day: '2026-12-01',
        at,
        state: 'reached',
      });
    });
    return group;
  }

  it('/mydata holds the whole consent ledger, the subscriptions and the offers', async () => {
    await withChoices();
    const [sent] = await t.dm('alice').says('/mydata');
    const data = JSON.parse(await readFile(sent!.replace('[dm alice] file: ', ''), 'utf8')).data[0];
    type Entry = { purpose: string; granted: boolean; version: string; via: string; seq: number };
    const entries: Entry[] = [...data.consents].sort(
      (a: Entry, b: Entry) => a.purpose.localeCompare(b.purpose) || a.seq - b.seq,
    );
    expect(entries.map((c) => [c.purpose, c.granted, c.version, c.via])).toEqual([
      ['leaderboard', true, '2026-12-01', 'command'],
      ['leaderboard', false, '2026-12-01', 'command'],
      ['offers', true, '2026-12-01', 'command'],
    ]);
    expect(data.consents[0].at).toBe('2026-12-01T08:00:00.000Z');
    expect(data.subscriptions).toEqual([expect.objectContaining({ category: '水果' })]);
    expect(data.offers).toEqual([expect.objectContaining({ dealId: 'memory:main#1', state: 'reached' })]);
  });

  it('/forget withdraws every purpose first, deletes subscriptions and offers, keeps the ledger under the pseudonym', async () => {
    const group = await withChoices();
    await t.advance('1h');
    expect(await group.as('alice').reply('/forget')).toMatch(/^This turns off every use you allowed/);
    await group.as('alice').says('/forget confirm');
    const anon = pseudonym('memory:main', 'alice');
    expect(t.store.tables.subscriptions.size).toBe(0);
    expect(t.store.tables.offers.size).toBe(0);
    const entries = [...t.store.tables.consents.values()];
    expect(entries.every((c) => c.userId === anon && c.id.includes(`/${anon}|`))).toBe(true);
    expect(entries.filter((c) => c.via === 'forget')).toEqual([
      expect.objectContaining({ purpose: 'offers', granted: false, at: '2026-12-01T09:00:00.000Z', seq: 2 }),
    ]);
    expect(hasConsent(t.store.tables, 'memory:main', anon, 'offers')).toBe(false);
    expect(JSON.stringify(entries)).not.toMatch(/"alice"|\/alice\|/);
  });
});
