import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordGoodsArrival } from '../../src/services/goods-arrival.js';
import { addPoint } from '../../src/services/pickup-points.js';
import type { PickupPoint } from '../../src/store/schema.js';
import { type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * Pickup codes checked at the point (核销): once, at the right point, by an admin, the keeper or a
 * verifier of that point; an unpaid line is flagged before it is handed over; a whole quiet point
 * at once; a check undone within 10 minutes. The checker hears back privately.
 */

const COMMUNITY = 'memory:main';

/**
 * A closed deal #1 "Mangoes" ¥45: alice ×1 and bob ×2 pick up at 东门驿站 (keeper kim), carol ×1 at
 * 西门; alice and bob paid, carol did not. The goods arrived at both points: every line has a code.
 */
async function closedDealAtTwoPoints(
  t: TestBot,
): Promise<{ group: GroupChat; east: PickupPoint; west: PickupPoint }> {
  const group = t.group();
  await group.as('owner').says('/deal new "Mangoes" price=45 min=2 ends=48h');
  await group.as('alice').says('+1');
  await group.as('bob').says('+2');
  await group.as('carol').says('+1');
  for (const user of ['kim', 'vic', 'wes']) await group.as(user).says('hello');
  await group.as('owner').says('/paid #1 @alice');
  await group.as('owner').says('/paid #1 @bob');
  await group.as('owner').says('/deal close #1');
  const community = t.store.tables.communities.get(COMMUNITY)!;
  const now = t.clock.now();
  const [east, west] = t.store.transact((tx) =>
    [
      { name: '东门驿站', keeper: 'kim' },
      { name: '西门', times: '周六 10:00-12:00' },
    ].map((input) => {
      const added = addPoint(tx, community, input, 'owner', now);
      if (added.kind !== 'added') throw new Error(added.kind);
      return added.point;
    }),
  ).value as [PickupPoint, PickupPoint];
  const at: Record<string, string> = { alice: east.id, bob: east.id, carol: west.id };
  t.store.transact((tx) => {
    for (const order of tx.tables.orders.by('deal', `${COMMUNITY}#1`))
      tx.put('orders', { ...order, pointId: at[order.userId]! });
    const deal = tx.get('deals', `${COMMUNITY}#1`)!;
    // Recorded as arrived (everything ordered): the lines get their codes, and a point can be batched.
    for (const point of [east, west]) recordGoodsArrival(tx, deal, point.id, 'all', 'first', 'owner', now);
  });
  return { group, east, west };
}

describe('GIVEN a closed deal whose goods arrived at two points', () => {
  let t: TestBot;
  let group: GroupChat;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z' });
    ({ group } = await closedDealAtTwoPoints(t));
    await group.as('owner').says('/verifier add @vic 东门');
    await group.as('owner').says('/verifier add @wes 西门');
  });
  afterEach(async () => {
    await t.close();
  });

  const line = (user: string) =>
    [...t.store.tables.orders.values()].find((o) => o.userId === user && o.dealId === `${COMMUNITY}#1`)!;
  const code = (user: string) => line(user).pickupCode!;
  const audit = () =>
    [...t.store.tables.audit.values()]
      .filter((a) => a.action === 'picked_up' || a.action === 'pickup_undone')
      .map((a) => `${a.action} ${a.name} by ${a.by}${a.cents ? ` ${a.cents}` : ''}`);
  /** Orders and audit: a refusal changes neither. */
  const snapshot = () =>
    JSON.stringify([[...t.store.tables.orders.values()], [...t.store.tables.audit.values()]]);

  it('a verifier checks a code once: the goods are handed over, the member gets a receipt; a second check says when and by whom', async () => {
    const alice = code('alice');
    expect(await group.as('vic').says(`核销 ${alice}`)).toEqual([
      `[dm vic] ✓ ${alice} picked up: hand alice #1 Mangoes ×1 at 东门驿站. Wrong code? /unverify ${alice} within 10 minutes.`,
      '[dm alice] ✓ Your #1 Mangoes ×1 was picked up at 东门驿站 on 2026-11-25 08:00. Not you? Tell the organiser.\nHow was it? Review it (once, 1–5 stars): /review #1 5 TEXT',
      expect.stringMatching(/^👌 on t\d+$/),
    ]);
    expect(line('alice')).toMatchObject({ deliveredAt: '2026-11-25T08:00:00.000Z', deliveredBy: 'vic' });
    t.clock.advance(5 * 60_000);
    const before = snapshot();
    // The keeper of the point tries it again (lowercase, with a space): already picked up.
    expect(await t.dm('kim').says(`/verify ${alice.slice(0, 3).toLowerCase()} ${alice.slice(3)}`)).toEqual([
      `[dm kim] ${alice} was already picked up on 2026-11-25 08:00 (checked by vic): alice #1 Mangoes ×1. Do not hand it over again.`,
    ]);
    expect(snapshot()).toBe(before);
    expect(audit()).toEqual(['picked_up alice by vic']);
  });

  it('a code of another point is refused naming the right point, for its verifier and for an admin at the wrong point', async () => {
    const before = snapshot();
    const carol = code('carol');
    expect(await t.dm('vic').reply(`/verify ${carol}`)).toBe(
      `[dm vic] ${carol} is picked up at 西门, not 东门驿站. Send the member there. Nothing was changed.`,
    );
    // Saying they stand at 西门 does not make them its verifier.
    expect(await t.dm('vic').reply(`/verify ${carol} 西门`)).toMatch(/is picked up at 西门, not 东门驿站/);
    // The keeper of 东门 is refused the same way.
    expect(await t.dm('kim').reply(`核销 ${carol}`)).toMatch(/is picked up at 西门, not 东门驿站/);
    expect(await t.dm('owner').reply(`/verify ${carol} 东门`)).toBe(
      `[dm owner] ${carol} is picked up at 西门, not 东门驿站. Send the member there. Nothing was changed.`,
    );
    expect(snapshot()).toBe(before);
    // The verifier of 西门 may.
    expect(await t.dm('wes').says(`核销 ${carol} 确认`)).toContain(
      `[dm wes] ✓ ${carol} handed over unpaid (¥45.00 still owed, noted): carol #1 Mangoes ×1. Wrong code? /unverify ${carol} within 10 minutes.`,
    );
  });

  it('an unpaid line is flagged and not handed over until the checker confirms; the audit keeps what it owed', async () => {
    const carol = code('carol');
    const before = snapshot();
    expect(await t.dm('wes').reply(`/verify ${carol}`)).toBe(
      `[dm wes] ⚠ ${carol}: carol #1 Mangoes ×1 — unpaid ¥45.00. Not handed over yet. Collect the money first, or send /verify ${carol} confirm to hand it over anyway.`,
    );
    expect(snapshot()).toBe(before);
    // She says she paid: flagged as not confirmed yet.
    await group.as('carol').says('已付 #1');
    expect(await t.dm('wes').reply(`/verify ${carol}`)).toMatch(
      /carol #1 Mangoes ×1 — says they paid ¥45\.00, not confirmed yet\. Not handed over yet\./,
    );
    expect(line('carol').deliveredAt).toBeUndefined();
    await t.dm('wes').says(`/verify ${carol} confirm`);
    expect(line('carol')).toMatchObject({ deliveredBy: 'wes' });
    expect(audit()).toEqual(['picked_up carol by wes 4500']);
  });

  it('a check is undone within 10 minutes, audited; after that it stays', async () => {
    const bob = code('bob');
    await group.as('vic').says(`核销 ${bob}`);
    t.clock.advance(9 * 60_000);
    expect(await t.dm('vic').reply(`撤销核销 ${bob}`)).toBe(
      `[dm vic] ↩ ${bob} is waiting again: bob #1 Mangoes ×2 is not picked up. The code still works.`,
    );
    expect(line('bob').deliveredAt).toBeUndefined();
    expect(line('bob').deliveredBy).toBeUndefined();
    expect(await t.dm('vic').reply(`/unverify ${bob}`)).toBe(
      `[dm vic] ${bob} has not been picked up, so there is nothing to undo.`,
    );
    await t.dm('vic').says(`/verify ${bob}`);
    t.clock.advance(10 * 60_000 + 1);
    const before = snapshot();
    expect(await t.dm('vic').reply(`/unverify ${bob}`)).toBe(
      `[dm vic] ${bob} was picked up on 2026-11-25 08:09, more than 10 minutes ago: it stays picked up. Nothing was changed.`,
    );
    expect(snapshot()).toBe(before);
    // A verifier of another point cannot undo it either.
    expect(await t.dm('wes').reply(`/unverify ${bob}`)).toMatch(/is picked up at 东门驿站, not 西门/);
    expect(audit()).toEqual(['picked_up bob by vic', 'pickup_undone bob by vic', 'picked_up bob by vic']);
  });

  it('a whole quiet point at once: paid lines handed over, unpaid ones listed until confirmed', async () => {
    await group.as('vic').says(`核销 ${code('alice')}`);
    // Bob, handed his goods in the batch, gets his receipt as for a single code.
    expect(await t.dm('vic').says('核销 #1 全部')).toEqual([
      '[dm vic] ✓ #1 at 东门驿站: 1 line marked picked up.\n1 line was picked up before.',
      '[dm bob] ✓ Your #1 Mangoes ×2 was picked up at 东门驿站 on 2026-11-25 08:00. Not you? Tell the organiser.\nHow was it? Review it (once, 1–5 stars): /review #1 5 TEXT',
    ]);
    expect(line('bob').deliveredBy).toBe('vic');
    // The owner at 西门: carol owes, so nothing is handed over until confirmed.
    expect(await t.dm('owner').reply('/verify #1 all 西门')).toBe(
      '[dm owner] ⚠ 1 line is unpaid and not handed over: carol ×1 (unpaid ¥45.00). Send /verify #1 all 西门 confirm to hand them over too.',
    );
    expect(line('carol').deliveredAt).toBeUndefined();
    await t.dm('owner').says('/verify #1 all 西门 confirm');
    expect(line('carol').deliveredBy).toBe('owner');
    // A verifier of 东门 is refused 西门's lines; a plain member any.
    const before = snapshot();
    expect(await t.dm('vic').reply('/verify #1 all 西门')).toMatch(
      /^\[dm vic\] #1 is picked up at 西门, not 东门驿站/,
    );
    expect(await group.as('alice').reply('/verify #1 all 东门')).toMatch(/^Only admins and the verifiers/);
    expect(snapshot()).toBe(before);
  });

  it('an admin with two points must name one; a deal still open has nothing to hand over', async () => {
    expect(await t.dm('owner').reply('/verify #1 all')).toBe(
      '[dm owner] Which point? 东门驿站, 西门. E.g. /verify #1 all 东门驿站',
    );
    expect(await t.dm('owner').reply('/verify #1')).toMatch(/To mark every line of #1 at a point picked up/);
    await group.as('owner').says('/deal new "Pears" price=10 min=1');
    expect(await t.dm('owner').reply('/verify #2 all 东门')).toBe(
      '[dm owner] #2 is not closed, or did not go ahead: there is nothing to hand over yet. Nothing was changed.',
    );
  });

  it('a code nobody has, and text that cannot be a code, are answered and change nothing', async () => {
    const before = snapshot();
    const unused = ['ABCDEF', 'XYZ234'].find(
      (c) => c !== code('alice') && c !== code('bob') && c !== code('carol'),
    )!;
    expect(await t.dm('vic').reply(`核销 ${unused}`)).toBe(
      `[dm vic] No order in this group has pickup code ${unused}. Check it with the member (/myorders shows theirs). Nothing was changed.`,
    );
    expect(await t.dm('vic').reply('核销 O0O0O0')).toBe(
      '[dm vic] O0O0O0 is not a pickup code: codes are 6 letters and digits, without 0, O, 1, I or L (e.g. K7PQ2M). Nothing was changed.',
    );
    expect(await t.dm('owner').reply(`/verify ${code('alice')} 北门`)).toBe(
      '[dm owner] There is no pickup point 北门 here. Points: 东门驿站, 西门. Nothing was changed.',
    );
    expect(snapshot()).toBe(before);
  });

  it('a plain member is refused, also with their own code, and nothing changes', async () => {
    const before = snapshot();
    expect(await group.as('alice').reply(`核销 ${code('alice')}`)).toBe(
      'Only admins and the verifiers of a pickup point check pickup codes. Show your code to the person handing out at your point.',
    );
    expect(await t.dm('bob').reply(`/verify ${code('bob')}`)).toMatch(
      /^\[dm bob\] Only admins and the verifiers/,
    );
    expect(await t.dm('alice').reply(`/unverify ${code('alice')}`)).toMatch(/Only admins and the verifiers/);
    expect(snapshot()).toBe(before);
  });

  it('/myorders shows the code privately only; once picked up it shows no code', async () => {
    const alice = code('alice');
    expect(await t.dm('alice').reply('/myorders')).toContain(
      `#1 Mangoes ×1 — ¥45.00 · paid · pickup code ${alice}`,
    );
    const inGroup = await group.as('alice').reply('/myorders');
    expect(inGroup).not.toContain(alice);
    expect(inGroup).toContain('pickup code: send /myorders to the bot privately');
    await t.dm('vic').says(`/verify ${alice}`);
    expect(await t.dm('alice').reply('/myorders')).not.toContain(alice);
  });

  it('verifiers are listed, added once and removed; /audit names the checks', async () => {
    expect(await group.as('owner').reply('/verifier list')).toBe(
      [
        'Who checks pickup codes (admins check at every point):',
        '• 东门驿站: keeper kim; verifiers vic',
        '• 西门: no keeper; verifiers wes',
      ].join('\n'),
    );
    expect(await group.as('owner').reply('/verifier add @vic 1')).toBe(
      'vic already checks pickup codes at 东门驿站.',
    );
    expect(await group.as('owner').reply('/verifier add @vic')).toBe(
      'Which point? 东门驿站, 西门. E.g. /verifier add @member 东门驿站',
    );
    expect(await group.as('owner').reply('/verifier remove @vic')).toBe(
      '✓ vic no longer checks pickup codes at 东门驿站.',
    );
    expect(await group.as('owner').reply('/verifier remove @vic')).toBe(
      'vic is not a verifier here. Nothing was changed.',
    );
    expect(await t.dm('vic').reply(`/verify ${code('alice')}`)).toMatch(/Only admins and the verifiers/);
    await t.dm('kim').says(`/verify ${code('alice')}`);
    expect(await group.as('owner').reply('/audit')).toContain('#1 ×1 picked up · alice — by kim');
  });
});

describe('GIVEN a Chinese group', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await TestBot.create({ start: '2026-11-25T08:00:00Z', locale: 'zh' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('核销 answers in Chinese, and 核销员 manages verifiers', async () => {
    const { group } = await closedDealAtTwoPoints(t);
    expect(await group.as('owner').reply('核销员 添加 @vic 东门')).toBe(
      '✓ vic 现在可以在 东门驿站 核销：发送“核销 核销码”即可（私聊机器人最方便）。',
    );
    const order = (user: string) => [...t.store.tables.orders.values()].find((o) => o.userId === user)!;
    const alice = order('alice').pickupCode!;
    expect((await t.dm('vic').says(`核销 ${alice}`))[0]).toBe(
      `[dm vic] ✓ ${alice} 已核销：请将 #1 Mangoes ×1 交给 alice（东门驿站）。核销错了？10 分钟内发送“撤销核销 ${alice}”。`,
    );
    const carol = order('carol').pickupCode!;
    expect(await t.dm('owner').reply(`核销 ${carol}`)).toBe(
      `[dm owner] ⚠ ${carol}：carol #1 Mangoes ×1——未付款 ¥45.00。尚未核销。请先收款，或发送“核销 ${carol} 确认”照常交货。`,
    );
    expect(await group.as('carol').reply(`核销 ${carol}`)).toBe(
      '只有管理员和自提点核销员可以核销。请到你的自提点向负责人出示核销码。',
    );
    expect(await group.as('owner').reply('核销员 删除 @vic')).toBe('✓ vic 不再担任 东门驿站 的核销员。');
  });
});
