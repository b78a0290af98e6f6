import { describe, expect, it } from 'vitest';
import {
  driftingMembers,
  fallingConversion,
  nearMissDeal,
  offPeakDeals,
  pilingPoints,
  referrerWithBuyers,
  rules,
  suggestion,
  World,
} from './world.js';

describe('suggestion rules: each fires on a world built for it and stays silent just short of it', () => {
  it('the base world (13 active members, nothing else) suggests nothing', () => {
    expect(World.base().report().suggestions).toEqual({ kind: 'ok', items: [] });
  });

  it('posting_hours: 3 of 3 deals opened at 10:00 while members talk at 20:00 → copy the latest with a start at 20:00', () => {
    const s = suggestion(offPeakDeals(World.base()).report(), 'posting_hours');
    expect(s.evidence).toEqual({
      busiestHours: [20],
      busiestShare: 1,
      messagesCounted: 60,
      dealsOpened: 3,
      dealsOffPeak: 3,
    });
    expect(s.command).toEqual({
      name: 'deal copy',
      args: [
        { kind: 'deal', no: 3 },
        { kind: 'starts_tomorrow', hour: 20 },
      ],
    });
  });

  it('posting_hours is silent when 2 of 3 deals opened in the busiest hour, or with 48 messages of known hour', () => {
    expect(rules(offPeakDeals(World.base(), 2).report())).not.toContain('posting_hours');
    expect(rules(offPeakDeals(World.base(), 0, 4).report())).not.toContain('posting_hours');
  });

  it('a deal posted in the hour before the busiest one is on time', () => {
    const world = World.base();
    for (const id of ['m01', 'm02', 'm03']) world.talk(id, '2026-11-23', 20, 20);
    // 19:30, 19:00 and 10:00 local: one of three off-peak.
    world.deal(1, 'open', { createdAt: '2026-11-20T11:30:00.000Z' });
    world.deal(2, 'open', { createdAt: '2026-11-21T11:00:00.000Z' });
    world.deal(3, 'open', { createdAt: '2026-11-22T02:00:00.000Z' });
    expect(rules(world.report())).not.toContain('posting_hours');
  });

  it('near_miss: #4 failed with 4 of 5 buyers → copy it with min=4', () => {
    const s = suggestion(nearMissDeal(World.base()).report(), 'near_miss');
    expect(s.evidence).toEqual({ deal: 4, title: 'Deal 4', min: 5, buyers: 4, ranHours: 48, nearMisses: 1 });
    expect(s.command).toEqual({
      name: 'deal copy',
      args: [
        { kind: 'deal', no: 4 },
        { kind: 'count', key: 'min', value: 4 },
      ],
    });
  });

  it('near_miss is silent for a deal 3 buyers short', () => {
    expect(rules(nearMissDeal(World.base(), 2).report())).not.toContain('near_miss');
  });

  it('conversion_falling: 5 of 13 bought before, 2 of 13 now → open the previous best seller #5 again', () => {
    const s = suggestion(fallingConversion(World.base()).report(), 'conversion_falling');
    expect(s.evidence).toMatchObject({
      activeMembers: 13,
      previousActiveMembers: 13,
      buyers: 2,
      previousBuyers: 5,
      bestDeal: 5,
      bestDealTitle: 'Deal 5',
    });
    if (s.rule !== 'conversion_falling') throw new Error(s.rule);
    expect(s.evidence.previousConversion - s.evidence.conversion).toBeCloseTo(3 / 13);
    expect(s.command).toEqual({ name: 'deal copy', args: [{ kind: 'deal', no: 5 }] });
  });

  it('conversion_falling is silent for a fall of 7.7 pp (4 of 13 now), and with 9 active members before', () => {
    expect(rules(fallingConversion(World.base(), 4).report())).not.toContain('conversion_falling');
    // The owner and m10 … m12 wrote nothing in the previous period.
    const world = fallingConversion(World.base()).silence(['owner', 'm10', 'm11', 'm12'], '2026-11-16');
    const report = world.report();
    expect(report.activity.activeMembers.previous).toBe(9);
    expect(rules(report)).not.toContain('conversion_falling');
  });

  it('marginal_growing: 20 members gone quiet (0 marginal at the start, 20 now) → schedule topic prompts', () => {
    const s = suggestion(driftingMembers(World.base()).report(), 'marginal_growing');
    expect(s.evidence).toMatchObject({
      marginalThen: 0,
      marginalNow: 20,
      membersNow: 33,
      topicsScheduled: false,
    });
    expect(s.command).toEqual({ name: 'topic schedule', args: [{ kind: 'daily', hour: 20 }] });
  });

  it('marginal_growing with prompts already scheduled → a prune dry run; the busiest hour is the topic hour', () => {
    const scheduled = suggestion(
      driftingMembers(World.base()).topicsScheduled().report(),
      'marginal_growing',
    );
    expect(scheduled.command).toEqual({ name: 'prune', args: [] });
    const world = driftingMembers(World.base());
    for (const id of ['m01', 'm02']) world.talk(id, '2026-11-23', 3, 9);
    expect(suggestion(world.report(), 'marginal_growing').command).toEqual({
      name: 'topic schedule',
      args: [{ kind: 'daily', hour: 9 }],
    });
  });

  it('marginal_growing is silent with 4 members gone quiet', () => {
    expect(rules(driftingMembers(World.base(), 4).report())).not.toContain('marginal_growing');
  });

  it('referrer_reward: two of m01’s invitees bought → award m01 20 points', () => {
    const s = suggestion(referrerWithBuyers(World.base()).report(), 'referrer_reward');
    expect(s.evidence).toEqual({
      userId: 'm01',
      name: 'm01',
      inviteesWhoBought: 2,
      gmvCents: 2000,
      points: 20,
    });
    expect(s.command).toEqual({
      name: 'award',
      args: [
        { kind: 'member', userId: 'm01', name: 'm01' },
        { kind: 'count', value: 20 },
        { kind: 'reason', reason: 'invitees_bought' },
      ],
    });
  });

  it('referrer_reward is silent with one invitee who bought, and once m01 was awarded points in the period', () => {
    expect(rules(referrerWithBuyers(World.base(), 1).report())).not.toContain('referrer_reward');
    const awarded = referrerWithBuyers(World.base()).points('m01', 20, 'award', '2026-11-24T00:00:00.000Z');
    expect(rules(awarded.report())).not.toContain('referrer_reward');
  });

  it('points_outstanding: 1,000 → 1,500 points held, none spent → let 75% of an order be paid with points', () => {
    const s = suggestion(pilingPoints(World.base()).report(), 'points_outstanding');
    expect(s.evidence).toEqual({
      outstanding: 1500,
      previousOutstanding: 1000,
      redeemed: 0,
      previousRedeemed: 0,
      maxPct: 50,
      pointsPerUnit: 100,
    });
    expect(s.command).toEqual({
      name: 'settings',
      args: [{ kind: 'setting', key: 'points.max_pct', value: 75 }],
    });
  });

  it('points_outstanding at points.max_pct=100 suggests points worth twice as much', () => {
    const world = pilingPoints(World.base());
    const community = world.rows[0]!;
    if (community.table === 'communities')
      community.row = { ...community.row, settings: { 'points.max_pct': '100' } };
    expect(suggestion(world.report(), 'points_outstanding').command).toEqual({
      name: 'settings',
      args: [{ kind: 'setting', key: 'points.value', value: 50 }],
    });
  });

  it('points_outstanding is silent for a growth of 10%, and when redemption grew faster', () => {
    expect(rules(pilingPoints(World.base(), 100).report())).not.toContain('points_outstanding');
    const spending = pilingPoints(World.base())
      .points('m02', -50, 'redeem', '2026-11-14T00:00:00.000Z')
      .points('m02', -200, 'redeem', '2026-11-22T00:00:00.000Z');
    expect(rules(spending.report())).not.toContain('points_outstanding');
  });

  it('all six together, in the README’s order', () => {
    const world = World.base();
    for (const add of [
      offPeakDeals,
      nearMissDeal,
      fallingConversion,
      driftingMembers,
      referrerWithBuyers,
      pilingPoints,
    ])
      add(world);
    expect(rules(world.report())).toEqual([
      'posting_hours',
      'near_miss',
      'conversion_falling',
      'marginal_growing',
      'referrer_reward',
      'points_outstanding',
    ]);
  });
});
