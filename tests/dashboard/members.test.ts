import { afterEach, describe, expect, it } from 'vitest';
import { LEDGER_REASONS } from '../../commands/points-text.js';
import {
  EXCLUSION_WORDS,
  FIELD_WORDS,
  membersText,
  REFERRAL_WORDS,
  ROLE_WORDS,
  TIER_WORDS,
} from '../../dashboard/text/members.js';
import { DashboardHarness, pageText } from '../helpers/dashboard.js';
import { englishWords } from '../helpers/english.js';

let d: DashboardHarness;
afterEach(() => d?.close());

const seen = pageText;

const balance = (user: string) => d.t.store.tables.members.get(`memory:main/${user}`)?.points;

/**
 * Day 0: alice speaks and invites bob (who speaks: qualifies after the hold) and carol (silent);
 * zed names himself as his inviter (rejected); dave orders. Day 31: alice, bob, carol and zed are
 * prune candidates (silent 31 days), dave a recent buyer, boss an admin.
 */
async function community(locale: 'en' | 'zh' = 'en'): Promise<void> {
  d = await DashboardHarness.create({ start: '2026-11-25T08:00:00Z', locale });
  const g = d.group;
  await g.as('alice').says('hello');
  const link = /(https:\/\/invite\.memory\/\S+)/.exec((await g.as('alice').says('/invite')).join('\n'))![1]!;
  await g.join('bob', { invite: link });
  await g.as('bob').says('hi');
  await g.join('carol', { invite: link });
  await g.join('zed', { inviter: 'zed' });
  await g.as('boss').says('/deal new "Eggs" price=12 ends=1d');
  await g.as('dave').says('+1');
  await g.as('boss').says('/award @alice 50 helped with pickup');
  await d.t.advance('31d');
}

describe('the Members page', () => {
  it('GIVEN a community THEN each member shows tier, points, referrals, last activity and prune candidacy, the rule said beside', async () => {
    await community();
    const browser = await d.login('boss');
    const page = await browser.get('/members');
    expect(page.status).toBe(200);
    const text = seen(page.body);
    // alice: marginal, 50 awarded + 5 for bob, invited 2 of whom 1 qualified, silent since day 0.
    expect(text).toContain('alice marginal 55 2 (1) 2026-11-25 08:00');
    expect(text).toMatch(
      /alice marginal 55 2 \(1\) 2026-11-25 08:00 before the bot \(seen 2026-11-25 08:00\) candidate/,
    );
    expect(text).toMatch(/dave marginal 0 0 \(0\) 2026-11-25 08:00 .* recent buyer/);
    expect(text).toMatch(/boss \S+ 0 0 \(0\) .* admin or owner/);
    expect(text).toContain(
      'A prune candidate has sent no message and placed no order for 30 days, joined more than 7 days ago and ordered nothing in 90 days.',
    );
    expect(text).toContain('/prune asks the platform again');
  });

  it('GIVEN filters and a sort THEN only the matching members, in that order, with links that keep them', async () => {
    await community();
    const browser = await d.login('boss');
    const candidates = seen((await browser.get('/members?candidate=yes&sort=name')).body);
    expect(candidates).toContain('4 members match.');
    for (const name of ['alice', 'bob', 'carol', 'zed']) expect(candidates).toContain(`${name} `);
    expect(candidates).not.toMatch(/\bdave\b/);
    const byPoints = await browser.get('/members?sort=points&dir=desc&pageSize=25');
    const names = [...byPoints.body.matchAll(/<a href="members\/([^"]+)">/g)].map((m) => m[1]);
    expect(names[0]).toBe('alice');
    // The header link turns the sort around and keeps the other choices.
    expect(byPoints.body).toContain('href="members?sort=points&amp;pageSize=25"');
    const paged = await browser.get('/members?pageSize=2&page=2');
    expect(seen(paged.body)).toMatch(/Page 2 of \d/);
    expect(paged.body).toContain('href="members?pageSize=2"');
    expect(seen((await browser.get('/members?name=ZE')).body)).toContain('1 member match.');
  });

  it('GIVEN a page size above 200 or a value the table does not take THEN the page says so and shows nothing', async () => {
    await community();
    const browser = await d.login('boss');
    const big = await browser.get('/members?pageSize=500');
    expect(big.status).toBe(400);
    expect(seen(big.body)).toContain('A page holds at most 200 members (500 asked); nothing is shown.');
    expect(big.body).not.toContain('href="members/alice"');
    const sort = await browser.get('/members?sort=salary');
    expect(sort.status).toBe(400);
    expect(seen(sort.body)).toContain('“salary” is not a value the sort takes');
    expect((await browser.get('/members?tier=gold')).status).toBe(400);
  });

  it("GIVEN a member's page THEN their points history with reasons and the referrals they made with status and reason", async () => {
    await community();
    const browser = await d.login('boss');
    const alice = seen((await browser.get('/members/alice')).body);
    expect(alice).toContain('invited a member');
    expect(alice).toContain('+50 award helped with pickup');
    expect(alice).toMatch(/carol 2026-11-25 08:00 pending/);
    expect(alice).toMatch(/bob 2026-11-25 08:00 qualified/);
    const zed = seen((await browser.get('/members/zed')).body);
    expect(zed).toContain('Invited by zed — rejected: invited themselves');
    expect(seen((await browser.get('/members/carol')).body)).toContain('Invited by alice — pending');
  });

  it("GIVEN a member's page THEN the optional uses they turned on (/privacy), read-only", async () => {
    await community();
    await d.group.as('alice').says('/privacy on leaderboard');
    await d.group.as('alice').says('/privacy on reviews');
    const browser = await d.login('boss');
    const alice = await browser.get('/members/alice');
    expect(seen(alice.body)).toContain('Optional uses on Your name on the leaderboard, Public reviews');
    expect(alice.body).not.toContain('pv:');
    expect(seen((await browser.get('/members/carol')).body)).toContain('Optional uses on none (all off)');
  });

  it('GIVEN the award form THEN /award runs as the admin with its reason, the page says what the chat says; a deduction past the balance changes nothing', async () => {
    await community();
    const browser = await d.login('boss');
    await browser.get('/members/alice');
    const awarded = await browser.post('/members/alice/points', {
      change: 'award',
      amount: '30',
      reason: 'great photos',
    });
    expect(awarded.status).toBe(200);
    expect(seen(awarded.body)).toContain('alice: +30 points, balance 85.');
    expect(awarded.body).toContain('notice ok');
    expect(balance('alice')).toBe(85);
    const entry = d.t.store.tables.ledger
      .by('member', 'memory:main/alice')
      .find((e) => e.note === 'great photos');
    expect(entry).toMatchObject({ reason: 'award', delta: 30, by: 'boss' });
    expect(seen(awarded.body)).toContain('+30 award great photos');

    const tooMuch = await browser.post('/members/alice/points', { change: 'deduct', amount: '100' });
    expect(seen(tooMuch.body)).toContain('alice has only 85 points; nothing was deducted.');
    expect(tooMuch.body).toContain('notice error');
    expect(tooMuch.status).toBe(400);
    const bad = await browser.post('/members/alice/points', { change: 'award', amount: 'lots' });
    expect(seen(bad.body)).toContain('Invalid amount: expected a number.');
    expect((await browser.post('/members/alice/points', { change: 'steal', amount: '5' })).status).toBe(400);
    expect(balance('alice')).toBe(85);
  });

  it("GIVEN another group's member, or no CSRF token THEN a 404 or a refusal, and nothing changes", async () => {
    await community();
    const other = d.t.group('other').admin('boss');
    await other.as('mallory').says('hello');
    await other.as('boss').says('/award @mallory 5');
    const browser = await d.login('boss');
    const page = await browser.get('/members/mallory');
    expect(page.status).toBe(404);
    expect(seen(page.body)).toContain('This is not part of your group, or it does not exist.');
    await browser.get('/members/alice');
    const post = await browser.post('/members/mallory/points', { change: 'deduct', amount: '5' });
    expect(post.status).toBe(404);
    expect(d.t.store.tables.members.get('memory:other/mallory')?.points).toBe(5);
    const forged = await browser.post(
      '/members/alice/points',
      { change: 'award', amount: '5' },
      { csrf: '' },
    );
    expect(forged.status).toBe(403);
    expect(balance('alice')).toBe(55);
  });

  it('GIVEN a Chinese group THEN the page reads in Chinese, and no Chinese wording holds an English word', async () => {
    await community('zh');
    const browser = await d.login('boss');
    const text = seen((await browser.get('/members?candidate=yes')).body);
    expect(text).toContain('共 4 位成员符合条件。');
    expect(text).toContain('边缘');
    expect(text).toContain('候选');
    const zh = membersText('zh') as unknown as Record<string, unknown>;
    const words = [
      ...Object.values(zh).map((v) => (typeof v === 'function' ? String(v(2, 3, 4)) : String(v))),
      ...[TIER_WORDS, EXCLUSION_WORDS, LEDGER_REASONS, REFERRAL_WORDS, ROLE_WORDS, FIELD_WORDS].flatMap(
        (words) => Object.values(words.zh),
      ),
    ];
    expect(words.flatMap((w) => englishWords(w))).toEqual([]);
  });
});
