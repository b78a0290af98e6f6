import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerBalance } from '../../src/services/points.js';
import { TestBot } from '../helpers/chat.js';

const balance = (t: TestBot, user: string) => t.store.tables.members.get(`memory:main/${user}`)?.points ?? 0;

describe('points', () => {
  let t: TestBot;
  beforeEach(async () => {
    // 08:00 UTC is 16:00 in Shanghai
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('check-in once per local day; a 7-day streak earns the bonus; a missed day restarts it', async () => {
    const alice = t.group().as('alice');
    const balance = () => t.store.tables.members.get('memory:main/alice')!.points;
    // A check-in costs no group message: the member's message gets 👍 (🎉 with a streak bonus).
    expect(await alice.says('/checkin', { id: 'c1' })).toEqual(['👍 on c1']);
    expect(balance()).toBe(1);
    expect(await alice.reply('签到')).toBe(
      'Check-ins:\nalice: You already checked in today (streak 1, balance 1). Come back tomorrow!',
    );
    // 16:00 → 23:59 the same Shanghai day is still "today"; 00:01 is a new day
    await t.advance('7h');
    await t.advance('59m');
    expect(await alice.reply('/checkin')).toMatch(/already/);
    await t.advance('2m');
    expect(await alice.says('/checkin', { id: 'c2' })).toEqual(['👍 on c2']);
    expect(t.store.tables.members.get('memory:main/alice')!.streak).toBe(2);
    for (let day = 3; day <= 6; day++) {
      await t.advance('1d');
      await alice.says('/checkin');
    }
    await t.advance('1d');
    expect(await alice.says('/checkin', { id: 'c7' })).toEqual(['🎉 on c7']);
    expect(balance()).toBe(12);
    await t.advance('2d');
    await alice.says('/checkin');
    expect(t.store.tables.members.get('memory:main/alice')).toMatchObject({ streak: 1, points: 13 });
  });

  it('where the platform has no reactions, check-ins are answered in one batched summary', async () => {
    const w = await TestBot.create({
      start: '2026-11-25T08:00:00Z',
      timezone: 'Asia/Shanghai',
      capabilities: { reactions: false },
    });
    expect(await w.group().as('alice').reply('/checkin')).toBe(
      'Check-ins:\nalice: ✓ Checked in: +1. Streak 1 day, balance 1.',
    );
    await w.close();
  });

  it('admins award and deduct; a balance never goes below zero; members cannot', async () => {
    const group = t.group();
    await group.as('alice').says('hi');
    expect(await group.as('owner').reply('/award @alice 30 helped at pickup')).toBe(
      'alice: +30 points, balance 30.',
    );
    expect(await group.as('owner').reply('/deduct alice 40')).toBe(
      'alice has only 30 points; nothing was deducted.',
    );
    expect(await group.as('owner').reply('/deduct alice 10 typo')).toBe('alice: -10 points, balance 20.');
    expect(await group.as('bob').reply('/award @bob 1000')).toMatch(/Only group admins/);
    expect(await group.as('owner').reply('/award @nobody 5')).toBe('No member called @nobody in this group.');
    expect(await group.as('owner').reply('/award @alice -5')).toMatch(/Invalid amount/);
    expect(balance(t, 'alice')).toBe(20);
    expect(ledgerBalance(t.store.tables, 'memory:main', 'alice')).toBe(20);
  });

  it('/points, /history and /top', async () => {
    const group = t.group();
    await group.as('alice').says('/checkin');
    await group.as('bob').says('hi');
    await group.as('owner').says('/award bob 7 welcome gift');
    // Only members who chose to appear are on the board (/privacy).
    for (const who of ['alice', 'bob']) await group.as(who).says('/privacy on leaderboard');
    expect(await group.as('alice').reply('/points')).toMatch(
      /^Points: 1\nThis month: \+1 earned, −0 spent\nRecent:\n {2}\+1 check-in · 11-25 16:00$/,
    );
    expect(await group.as('bob').reply('/history')).toBe(
      'Your points history (page 1/1):\n+7 award: welcome gift · 11-25 16:00',
    );
    expect(await group.as('carol').reply('/top')).toBe('Top members (this week):\n1. bob 7\n2. alice 1');
    expect(await group.as('carol').reply('/top year')).toMatch(/Invalid period/);
    await t.advance('8d');
    expect(await group.as('carol').reply('/top week')).toBe('Nobody has earned points in this period yet.');
    expect(await group.as('carol').reply('/top all')).toContain('1. bob 7');
  });

  it('/top: members with the same points share a rank, and the next rank skips (1, 2, 2, 4)', async () => {
    const group = t.group();
    for (const [who, points] of [
      ['alice', 5],
      ['bob', 8],
      ['carol', 5],
      ['dave', 1],
    ] as const) {
      await group.as(who).says('/privacy on leaderboard');
      await group.as('owner').says(`/award ${who} ${points}`);
    }
    expect(await group.as('dave').reply('/top')).toBe(
      'Top members (this week):\n1. bob 8\n2. alice 5\n2. carol 5\n4. dave 1',
    );
    await group.as('owner').says('/award dave 7');
    expect(await group.as('dave').reply('/top')).toBe(
      'Top members (this week):\n1. bob 8\n1. dave 8\n3. alice 5\n3. carol 5',
    );
  });

  describe('spending points on a deal (100 points = 1.00, at most 50% of an order)', () => {
    beforeEach(async () => {
      const group = t.group();
      await group.as('alice').says('hi');
      await group.as('owner').says('/award alice 1000');
      await group.as('owner').says('/deal new "Mangoes" price=3.99 min=1 stock=10');
    });

    const order = () => t.store.tables.orders.get('memory:main#1/alice')!;

    it('use=50 takes 0.50 off, in integer cents', async () => {
      const out = await t.group().as('alice').says('/join #1 2 use=50');
      expect(out.join('\n')).toContain('1. alice ×2\nTotal: 2 units, ¥7.48');
      expect(order()).toMatchObject({ qty: 2, discountCents: 50, pointsUsed: 50 });
      expect(balance(t, 'alice')).toBe(950);
      expect(await t.group().as('alice').reply('/myorders')).toContain('×2 — ¥7.48');
    });

    it('capped at 50% of the order; only the points needed are taken', async () => {
      await t.group().as('alice').says('+1 用900分');
      // 50% of 3.99 is 1.99 (floored to the cent): 199 points
      expect(order()).toMatchObject({ discountCents: 199, pointsUsed: 199 });
      expect(balance(t, 'alice')).toBe(801);
    });

    it('more points than the balance: refused, nothing ordered, nothing spent', async () => {
      expect(await t.group().as('alice').reply('/join #1 1 use=5000')).toBe(
        '✗ alice: you have only 1000 points; nothing was ordered',
      );
      expect(t.store.tables.orders.size).toBe(0);
      expect(balance(t, 'alice')).toBe(1000);
    });

    it('changing the line re-applies the points; cancelling refunds them', async () => {
      await t.group().as('alice').says('/join #1 1 use=100');
      expect(balance(t, 'alice')).toBe(900);
      await t.group().as('alice').says('+3');
      expect(order()).toMatchObject({ qty: 3, pointsUsed: 100 });
      expect(balance(t, 'alice')).toBe(900);
      await t.group().as('alice').says('-1');
      expect(balance(t, 'alice')).toBe(1000);
      expect(ledgerBalance(t.store.tables, 'memory:main', 'alice')).toBe(1000);
    });

    it('a failed deal and a cancelled deal refund the points', async () => {
      await t.group().as('owner').says('/deal edit #1 min=5');
      await t.group().as('alice').says('/join #1 1 use=100');
      await t.group().as('owner').says('/deal close #1');
      expect(t.store.tables.deals.get('memory:main#1')?.status).toBe('failed');
      expect(balance(t, 'alice')).toBe(1000);
      await t.group().as('owner').says('/deal new "Eggs" price=10 min=1');
      await t.group().as('alice').says('+1 #2 用200分');
      expect(balance(t, 'alice')).toBe(800);
      await t.group().as('owner').says('/deal cancel #2');
      expect(balance(t, 'alice')).toBe(1000);
    });
  });

  it('points.per_order pays each order of a formed deal once', async () => {
    const group = t.group();
    await group.as('owner').says('/settings points.per_order=3');
    await group.as('owner').says('/deal new "Mangoes" price=10 min=2');
    await group.as('alice').says('+1');
    await group.as('bob').says('+1');
    await group.as('owner').says('/deal close #1');
    await t.advance('1d');
    expect([balance(t, 'alice'), balance(t, 'bob')]).toEqual([3, 3]);
  });

  it('/whoami shows the tier and balance', async () => {
    const group = t.group();
    await group.as('owner').says('/deal new "Mangoes" price=10 min=1');
    await group.as('alice').says('+1');
    expect(await group.as('alice').reply('/whoami')).toContain('Tier: core · Points: 0');
    expect(await group.as('bob').reply('/whoami')).toContain('Tier: ordinary');
    await t.advance('15d');
    expect(await group.as('carol').reply('/whoami')).toContain('Tier: ordinary');
    const bob = t.store.tables.members.get('memory:main/bob')!;
    const { tierOf } = await import('../../src/services/tiers.js');
    expect(tierOf(t.store.tables, t.store.tables.communities.get('memory:main')!, bob, t.clock.now())).toBe(
      'marginal',
    );
  });
});
