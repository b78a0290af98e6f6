import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../commands/settings.js';
import { memberDetail } from '../../src/services/member-detail.js';
import { readMemberQuery } from '../../src/services/member-query.js';
import { type MemberRow, memberTable } from '../../src/services/member-table.js';
import { buildReport } from '../../src/services/report.js';
import type { SettingSpec } from '../../src/services/settings.js';
import { settingsTable } from '../../src/services/settings-table.js';
import type { Community } from '../../src/store/schema.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';

const DAY = 86_400_000;

describe('the members table: the same tiers as /report, the same candidates as /prune', () => {
  let t: TestBot;
  let group: GroupChat;
  const community = (): Community => t.store.tables.communities.get('memory:main')!;
  const table = (raw: Record<string, string> = {}) => {
    const read = readMemberQuery(raw);
    if (read.kind !== 'query') throw new Error(JSON.stringify(read));
    return memberTable(t.store.tables, community(), read.query, t.clock.now());
  };
  const names = (rows: MemberRow[]) => rows.map((r) => r.label);
  const row = (userId: string) =>
    table({ status: 'all', name: userId }).rows.find((r) => r.userId === userId)!;

  /**
   * Day 0: gina joins and never speaks; alice, carol (admin), erin speak; bob orders; hal joins
   * through alice's link and stays silent; ivy joins through it and speaks (qualifies after the
   * hold); zed names himself as inviter (rejected); kim joins and leaves; alice is awarded 50.
   * Day 20: frank orders. Day 25: dave joins; erin is exempted. Day 31: now.
   */
  beforeAll(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    group = t.group().admin('carol');
    await group.join('gina');
    for (const who of ['alice', 'carol', 'erin']) await group.as(who).says('hello');
    await group.as('owner').says('/deal new "Eggs" price=12 ends=1d');
    await group.as('bob').says('+1');
    const link = /link: (\S+)/.exec(await group.as('alice').reply('/invite'))![1]!;
    await group.join('hal', { invite: link });
    await t.advance('1m');
    await group.join('ivy', { invite: link });
    await group.as('ivy').says('hi all');
    await group.join('zed', { inviter: 'zed' });
    await group.join('kim');
    await group.leave('kim');
    await group.as('owner').says('/award @alice 50 helped with pickup');
    await t.advance('20d');
    await group.as('owner').says('/deal new "Milk" price=5 ends=1d');
    await group.as('frank').says('+1');
    await t.advance('5d');
    await group.join('dave');
    await group.as('owner').says('/exempt @erin');
    await t.advance('6d');
  });
  afterAll(async () => {
    await t.close();
  });

  it("a member's row: tier, balance, referrals made with status and reason, last activity, candidacy", () => {
    const alice = row('alice');
    expect(alice).toMatchObject({ tier: 'marginal', points: 55, qualified: 1, status: 'active' });
    expect(alice.lastActive).toBe('2026-11-25T08:00:00.000Z');
    expect(alice.prune).toEqual({ candidate: true, lastActive: '2026-11-25T08:00:00.000Z' });
    // Newest first: ivy joined a minute after hal.
    expect(alice.referrals).toMatchObject([
      { inviteeId: 'ivy', invitee: 'ivy', status: 'qualified', source: 'link' },
      { inviteeId: 'hal', status: 'pending', source: 'link' },
    ]);
    expect(row('zed').referrals).toMatchObject([
      { inviteeId: 'zed', status: 'rejected', reason: 'self_invite' },
    ]);
    expect(row('frank')).toMatchObject({ tier: 'core', prune: { candidate: false, exclusion: 'active' } });
    expect(row('dave')).toMatchObject({ tier: 'ordinary', prune: { candidate: false, exclusion: 'new' } });
    expect(row('bob').prune).toEqual({ candidate: false, exclusion: 'buyer' });
    expect(row('carol').prune).toEqual({ candidate: false, exclusion: 'admin' });
    expect(row('erin').prune).toEqual({ candidate: false, exclusion: 'exempt' });
    expect(row('kim')).toMatchObject({ status: 'left', tier: null, prune: null });
  });

  it('the candidates are exactly those /prune lists, and the tiers add up to /report', async () => {
    const candidates = table({ candidate: 'yes', sort: 'lastActive' }).rows;
    const dryRun = await group.as('owner').reply('/prune');
    const listed = [...dryRun.matchAll(/^• (\S+) —/gm)].map((m) => m[1]);
    expect(listed).toHaveLength(5);
    expect(names(candidates).sort()).toEqual([...listed].sort());
    const outcome = buildReport(t.store.tables, community(), '30d', t.clock.now());
    if (outcome.kind !== 'report') throw new Error(outcome.kind);
    const pyramid = outcome.report.activity.tiers;
    for (const tier of ['core', 'ordinary', 'marginal'] as const)
      expect(table({ tier, pageSize: '200' }).total, tier).toBe(pyramid[tier].count);
    expect(table().total).toBe(pyramid.members);
    expect(candidates.length).toBe(pyramid.zombie.count);
  });

  it('filters by name (case and look-alikes aside, or a user id), tier, candidacy and status', () => {
    expect(names(table({ name: 'ALI' }).rows)).toEqual(['alice']);
    expect(names(table({ name: '@zed' }).rows)).toEqual(['zed']);
    expect(names(table({ tier: 'core' }).rows)).toEqual(['frank']);
    expect(names(table({ candidate: 'no', tier: 'ordinary' }).rows)).toEqual(['dave', 'owner']);
    expect(names(table({ status: 'left' }).rows)).toEqual(['kim']);
    expect(names(table().rows)).not.toContain('kim');
    // A blank form field is no filter.
    expect(table({ name: '', tier: ' ' }).total).toBe(table().total);
  });

  it('sorts either way with a stable order, pages, and shows the last page for one past it', () => {
    const byPoints = table({ sort: 'points', dir: 'desc' }).rows;
    expect(byPoints[0]).toMatchObject({ userId: 'alice', points: 55 });
    const all = names(table({ sort: 'tier', dir: 'desc' }).rows);
    expect(all[0]).toBe('frank');
    const pages = [1, 2, 3, 4, 5, 6].map((p) =>
      table({ sort: 'tier', dir: 'desc', pageSize: '2', page: String(p) }),
    );
    expect(pages[0]).toMatchObject({ page: 1, pages: 6, pageSize: 2, total: 11 });
    expect(pages.flatMap((p) => names(p.rows))).toEqual(all);
    expect(table({ pageSize: '2', page: '99' })).toMatchObject({ page: 6, rows: [expect.anything()] });
    expect(names(table({ sort: 'referrals', dir: 'desc' }).rows)[0]).toBe('alice');
    expect(table({ sort: 'joinedAt', dir: 'desc' }).rows[0]?.userId).toBe('dave');
  });

  it('refuses a page size above 200 and values it cannot read, saying which', () => {
    expect(readMemberQuery({ pageSize: '201' })).toEqual({ kind: 'page_too_big', asked: 201, max: 200 });
    expect(readMemberQuery({ pageSize: '200' }).kind).toBe('query');
    expect(readMemberQuery({ sort: 'salary' })).toEqual({
      kind: 'bad_value',
      field: 'sort',
      value: 'salary',
    });
    expect(readMemberQuery({ tier: 'gold' })).toMatchObject({ kind: 'bad_value', field: 'tier' });
    expect(readMemberQuery({ page: '-1' })).toMatchObject({ kind: 'bad_value', field: 'page' });
    expect(readMemberQuery({ candidate: 'maybe' })).toMatchObject({ kind: 'bad_value', field: 'candidate' });
  });

  it("a member's detail: points history newest first with the admin's reason, who invited them; none for another community's", async () => {
    const alice = memberDetail(t.store.tables, community(), 'alice', t.clock.now())!;
    expect(alice.ledger.map((e) => [e.reason, e.delta, e.note])).toEqual([
      ['referral_join', 5, undefined],
      ['award', 50, 'helped with pickup'],
    ]);
    expect(alice.archived).toBe(0);
    expect(memberDetail(t.store.tables, community(), 'hal', t.clock.now())?.invitedBy).toEqual({
      inviterId: 'alice',
      inviter: 'alice',
      status: 'pending',
    });
    await t.group('other').as('mallory').says('hello');
    const other = t.store.tables.communities.get('memory:other')!;
    expect(memberDetail(t.store.tables, other, 'alice', t.clock.now())).toBeUndefined();
    expect(memberDetail(t.store.tables, community(), 'mallory', t.clock.now())).toBeUndefined();
    expect(memberDetail(t.store.tables, community(), 'nobody', t.clock.now())).toBeUndefined();
  });
});

describe('the settings table', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
  });
  afterAll(async () => {
    await t.close();
  });
  const specs = SETTINGS as readonly SettingSpec<unknown>[];

  it('lists every /settings key in its order with value, default and what was typed', async () => {
    await t.group().as('owner').says('/settings prune.after=15d pay.remind=off ref.join=7');
    const rows = settingsTable(t.store.tables.communities.get('memory:main')!, specs);
    expect(rows.map((r) => r.key)).toEqual(SETTINGS.map((s) => s.key));
    const by = new Map(rows.map((r) => [r.key, r]));
    expect(by.get('prune.after')).toMatchObject({
      value: 15 * DAY,
      default: 30 * DAY,
      stored: '15d',
      isDefault: false,
    });
    expect(by.get('pay.remind')).toMatchObject({ value: false, stored: 'off', isDefault: false });
    expect(by.get('ref.join')).toMatchObject({ value: 7, default: 5, stored: '7' });
    expect(by.get('ref.hold')).toMatchObject({ value: 3 * DAY, isDefault: true });
    expect(by.get('ref.hold')?.stored).toBeUndefined();
    expect(by.get('prune.warn_hours')).toMatchObject({
      value: 48,
      helpKey: 'prune.warn_hours',
      durationUnitMs: 3_600_000,
    });
    expect(by.get('tz')).toMatchObject({ value: 'UTC', stored: 'UTC' });
  });
});
