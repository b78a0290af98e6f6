import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPoint } from '../../src/services/pickup-points.js';
import type { Fulfilment } from '../../src/store/schema.js';
import { botsPerTest } from '../helpers/bots.js';
import { describe as describeAction, type GroupChat, TestBot } from '../helpers/chat.js';

/**
 * "Not picked up yet" reminders (#18), with the fake clock, in Shanghai. Thu 2026-11-26 16:00:
 * deal #1 Eggs (¥12) gets alice ×2, bob ×1, carol ×1 and closes an hour later. Points: 东门驿站
 * (周六 10:00-12:00, kept by dave) for alice and bob; 西门 ("ask 阿姨": no window) for carol.
 * The goods arrive Fri 09:00 local; the codes are set as P3's assignPickupCodes would.
 */
const START = '2026-11-26T08:00:00Z';
const EAST = 'memory:main|p1';
const WEST = 'memory:main|p2';
const DEAL = 'memory:main#1';
const dms = (out: string[]) => out.filter((o) => o.startsWith('[dm '));

describe('pickup reminders', () => {
  const { bot, cleanup } = botsPerTest({ start: START, timezone: 'Asia/Shanghai' });

  /** The deal, closed, its lines at their points with their codes, and its goods arrived at 东门 (Fri 09:00 local). */
  async function arrived(t: TestBot, settings?: string): Promise<GroupChat> {
    const group = t.group();
    if (settings) await group.as('owner').says(`/settings ${settings}`);
    await group.as('owner').says('/deal new "Eggs" price=12 min=2 ends=1h');
    await group.as('alice').says('+2');
    await group.as('bob').says('+1');
    await group.as('carol').says('+1');
    await group.as('dave').says('I keep the east gate');
    await t.advance('1h'); // closed
    const community = t.store.tables.communities.get('memory:main')!;
    const now = t.clock.now();
    await t.store.transact((tx) => {
      addPoint(tx, community, { name: '东门驿站', times: '周六 10:00-12:00', keeper: 'dave' }, 'owner', now);
      addPoint(tx, community, { name: '西门', times: 'ask 阿姨' }, 'owner', now);
      const at = (user: string, pointId: string, pickupCode: string) => {
        const line = tx.get('orders', `${DEAL}/${user}`)!;
        tx.put('orders', { ...line, pointId, pickupCode });
      };
      at('alice', EAST, 'K7M3QX');
      at('bob', EAST, 'P9R2TD');
      at('carol', WEST, 'W4HN8C');
    }).committed;
    await t.advance('16h'); // Fri 2026-11-27 09:00 local
    await arrive(t, EAST);
    return group;
  }

  /** The goods of deal #1 arrive at a point now (as P2's /arrived records them). */
  async function arrive(t: TestBot, pointId: string, state: Fulfilment['state'] = 'arrived'): Promise<void> {
    const at = t.clock.now().toISOString();
    await t.store.transact((tx) => {
      tx.put('fulfilments', {
        id: `${DEAL}|${pointId}`,
        communityId: 'memory:main',
        dealId: DEAL,
        pointId,
        state,
        arrivedAt: at,
        arrived: { '': 3 },
      });
    }).committed;
  }

  async function pickUp(t: TestBot, user: string): Promise<void> {
    await t.store.transact((tx) => {
      const line = tx.get('orders', `${DEAL}/${user}`)!;
      tx.put('orders', { ...line, deliveredAt: t.clock.now().toISOString(), deliveredBy: 'dave' });
    }).committed;
  }

  const ALICE =
    '[dm alice] ⏰ main: your order in #1 Eggs (×2) is waiting at 东门驿站, not picked up yet. Pick it up by 2026-11-28 12:00 (周六 10:00-12:00). Your pickup code: K7M3QX.';
  const KEEPER_ALICE = [
    '[dm dave] 📦 东门驿站: still to pick up from #1 Eggs before 2026-11-28 12:00: 2 units for 1 member.',
    '• alice: ×2 · code K7M3QX',
  ].join('\n');

  it('2 h before the window ends, members not picked up are reminded once with their code; the keeper gets the list', async () => {
    const t = await bot();
    await arrived(t);
    await t.advance('12h'); // Fri 21:00
    await pickUp(t, 'bob');
    // Sat 10:00 local is 02:00 UTC: 25 h after Fri 09:00 local (01:00 UTC).
    expect(dms(await t.advance('12h59m'))).toEqual([]);
    expect(await t.advance('1m')).toEqual([ALICE, KEEPER_ALICE]);
    expect(await t.advance('1h')).toEqual([]);
    const notice = t.store.tables.pickupNotices.get(`${DEAL}|${EAST}|2026-11-28T04:00:00.000Z`);
    expect(notice?.told).toEqual(['alice']);
  });

  it('every member waiting is listed for the keeper, units and codes included', async () => {
    const t = await bot();
    await arrived(t);
    const out = await t.advance('25h');
    expect(out).toEqual([
      ALICE,
      '[dm bob] ⏰ main: your order in #1 Eggs (×1) is waiting at 东门驿站, not picked up yet. Pick it up by 2026-11-28 12:00 (周六 10:00-12:00). Your pickup code: P9R2TD.',
      [
        '[dm dave] 📦 东门驿站: still to pick up from #1 Eggs before 2026-11-28 12:00: 3 units for 2 members.',
        '• alice: ×2 · code K7M3QX',
        '• bob: ×1 · code P9R2TD',
      ].join('\n'),
    ]);
  });

  it('goods that arrive after the reminder time are reminded of in the next window, not minutes after their arrival notice', async () => {
    const t = await bot();
    await arrived(t);
    await t.store.transact((tx) => tx.delete('fulfilments', `${DEAL}|${EAST}`)).committed;
    await t.advance('26h'); // Sat 11:00 local, inside the window, after its reminder time
    await arrive(t, EAST);
    expect(await t.advance('1m')).toEqual([]);
    expect(await t.advance('59m')).toEqual([]);
    // The next Saturday, 10:00 local.
    const next = await t.advance('6d22h');
    expect(next[0]).toBe(ALICE.replace('2026-11-28 12:00', '2026-12-05 12:00'));
    expect(next).toHaveLength(3);
  });

  it('a window missed is reminded again the next week, three windows at most; none once the point is done', async () => {
    const t = await bot();
    await arrived(t);
    await pickUp(t, 'bob');
    expect(dms(await t.advance('25h'))).toHaveLength(2); // Sat 11-28 10:00
    expect(dms(await t.advance('7d'))).toEqual([
      ALICE.replace('2026-11-28 12:00', '2026-12-05 12:00'),
      KEEPER_ALICE.replace('2026-11-28 12:00', '2026-12-05 12:00'),
    ]);
    expect(dms(await t.advance('7d'))).toHaveLength(2); // 12-12: the third
    expect(await t.advance('7d')).toEqual([]); // 12-19: no more
    expect(t.store.tables.pickupNotices.size).toBe(3);

    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-pickup-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const other = await bot({ dir });
    await arrived(other);
    await arrive(other, EAST, 'done');
    expect(await other.advance('25h')).toEqual([]);
  });

  it('a point whose times are not a window: one reminder 24 h after the arrival, with the times as written', async () => {
    const t = await bot();
    await arrived(t);
    await arrive(t, WEST, 'picking');
    expect(dms(await t.advance('23h59m'))).toHaveLength(0);
    const out = await t.advance('1m');
    expect(out).toContain(
      '[dm carol] ⏰ main: your order in #1 Eggs (×1) is waiting at 西门, not picked up yet. Pickup times: ask 阿姨. Your pickup code: W4HN8C.',
    );
    expect(await t.advance('1d')).toEqual([]);
  });

  it('lines with no point (a community without points): once, 24 h after the arrival', async () => {
    const t = await bot();
    await arrived(t);
    await t.store.transact((tx) => {
      const line = tx.get('orders', `${DEAL}/carol`)!;
      const { pointId: _p, pickupCode: _c, ...noPoint } = line;
      tx.put('orders', noPoint);
    }).committed;
    await arrive(t, '');
    const out = dms(await t.advance('24h')).filter((o) => o.startsWith('[dm carol]'));
    expect(out).toEqual([
      '[dm carol] ⏰ main: your order in #1 Eggs (×1) is waiting for you, not picked up yet.',
    ]);
  });

  it('members the platform refuses privately are mentioned in one group message without their codes; so is the keeper list', async () => {
    const t = await bot();
    await arrived(t);
    t.adapter.unreachable.add('alice');
    t.adapter.unreachable.add('bob');
    t.adapter.unreachable.add('dave');
    expect(await t.advance('25h')).toEqual([
      '@alice @bob: your orders in #1 Eggs are waiting at 东门驿站, not picked up yet. Pick them up by 2026-11-28 12:00 (周六 10:00-12:00). /myorders shows your pickup code.',
      '@dave not picked up yet at 东门驿站 from #1 Eggs (before 2026-11-28 12:00): alice ×2, bob ×1.',
    ]);
  });

  it('a refused member who picked up meanwhile is not mentioned', async () => {
    const t = await bot();
    await arrived(t);
    t.adapter.unreachable.add('alice');
    t.adapter.unreachable.add('bob');
    // Bob picks up at the point while the private reminders are on their way.
    const send = t.adapter.send.bind(t.adapter);
    let picked = false;
    t.adapter.send = async (chat, out, origin) => {
      if (chat.kind === 'direct' && !picked) {
        picked = true;
        await pickUp(t, 'bob');
      }
      return send(chat, out, origin);
    };
    const out = await t.advance('25h');
    expect(t.store.tables.pickupNotices.get(`${DEAL}|${EAST}|2026-11-28T04:00:00.000Z`)?.told).toEqual([
      'alice',
      'bob',
    ]);
    expect(out.filter((o) => o.startsWith('@'))).toEqual([
      '@alice: your orders in #1 Eggs are waiting at 东门驿站, not picked up yet. Pick them up by 2026-11-28 12:00 (周六 10:00-12:00). /myorders shows your pickup code.',
    ]);
  });

  it('the time is a setting (also in Chinese); off sends nothing; a bad value is refused and changes nothing', async () => {
    const t = await bot();
    const group = t.group();
    expect(await group.as('owner').reply('/settings pickup.remind=soon')).toBe(
      'Invalid value for "Pickup reminder" (pickup.remind): expected a duration like 90m, 2h or 3d, or off. Nothing was changed.',
    );
    expect(await group.as('owner').reply('设置 取货提醒=30分钟')).toBe('Saved: pickup.remind=30分钟.');
    expect(await group.as('owner').reply('/settings')).toContain(
      "pickup.remind=30m — how long before a pickup point's opening time ends members who have not picked up are reminded privately (off: never)",
    );
    await arrived(t);
    expect(dms(await t.advance('26h'))).toEqual([]);
    expect(dms(await t.advance('30m'))).toHaveLength(3); // Sat 11:30
    await group.as('owner').says('/settings pickup.remind=off');
    expect(await t.advance('7d')).toEqual([]);
  });

  it('a restart neither repeats a reminder nor loses one that fell due while the bot was down (if its window is still open)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-pickup-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await TestBot.create({ dir, start: START, timezone: 'Asia/Shanghai' });
    await arrived(first);
    await first.close();

    // Down from Fri 09:00 to Sat 11:00 local: the reminder is due, its window still open.
    const second = await TestBot.create({ dir, start: '2026-11-28T03:00:00Z', timezone: 'Asia/Shanghai' });
    await second.bot.idle();
    expect(second.adapter.actions.map(describeAction)).toHaveLength(3);
    await second.close();

    // Down past the next window's end (Sat 12-05 12:00): that reminder is moot and not sent.
    const third = await TestBot.create({ dir, start: '2026-11-28T03:30:00Z', timezone: 'Asia/Shanghai' });
    cleanup.push(() => third.close());
    await third.bot.idle();
    expect(third.adapter.actions).toEqual([]);
    third.clock.advance(8 * 86_400_000);
    expect(await third.advance('1m')).toEqual([]);
    expect(third.store.tables.pickupNotices.size).toBe(1);
  });

  it('a Chinese group reads it all in Chinese', async () => {
    const t = await bot({ locale: 'zh' });
    await arrived(t);
    t.adapter.unreachable.add('bob');
    expect(await t.advance('25h')).toEqual([
      '[dm alice] ⏰ main：你在 #1 Eggs 的订单（×2）已到 东门驿站，还未取货。请在 2026-11-28 12:00 前取货（周六 10:00-12:00）。取货码：K7M3QX。',
      [
        '[dm dave] 📦 东门驿站：#1 Eggs 还有 2 人共 3 件未取货（取货截止 2026-11-28 12:00）。',
        '• alice：×2 · 取货码 K7M3QX',
        '• bob：×1 · 取货码 P9R2TD',
      ].join('\n'),
      '@bob：你们在 #1 Eggs 的订单已到 东门驿站，还未取货。请在 2026-11-28 12:00 前取货（周六 10:00-12:00）。发送 我的订单 查看取货码。',
    ]);
  });
});
