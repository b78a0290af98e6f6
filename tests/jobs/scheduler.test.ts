import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { features } from '../../commands/index.js';
import type { Feature } from '../../src/core/feature.js';
import { silentLogger } from '../../src/core/logger.js';
import { checkCron, cronJob, dailyAt, latestSlot, nextSlot } from '../../src/jobs/cron.js';
import { describe as describeAction, TestBot } from '../helpers/chat.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined) => d?.toISOString();

describe('cron expressions', () => {
  it('validates 5-field expressions and says what is wrong', () => {
    expect(checkCron('0 20 * * *')).toEqual({ ok: true, expression: '0 20 * * *' });
    expect(checkCron('  0   20 * *   1-5 ')).toEqual({ ok: true, expression: '0 20 * * 1-5' });
    expect(checkCron('0 20 * *')).toEqual({ ok: false, problem: { code: 'fields', count: 4 } });
    expect(checkCron('0 0 20 * * *')).toMatchObject({ ok: false, problem: { code: 'fields', count: 6 } });
    expect(checkCron('61 * * * *')).toMatchObject({ ok: false, problem: { code: 'syntax' } });
    expect(checkCron('0 20 * * funday')).toMatchObject({ ok: false, problem: { code: 'syntax' } });
    expect(checkCron('*/10 * * * *', 60)).toEqual({
      ok: false,
      problem: { code: 'too_often', minMinutes: 60 },
    });
    expect(checkCron('0 */2 * * *', 60)).toMatchObject({ ok: true });
    expect(dailyAt('daily 20:00')).toBe('0 20 * * *');
    expect(dailyAt('每天 8：05')).toBe('5 8 * * *');
    expect(dailyAt('daily 24:00')).toBeUndefined();
  });

  it('computes the next run in the timezone of the community', () => {
    const from = at('2026-11-25T08:00:00Z');
    expect(iso(nextSlot('0 20 * * *', 'UTC', from))).toBe('2026-11-25T20:00:00.000Z');
    expect(iso(nextSlot('0 20 * * *', 'Asia/Shanghai', from))).toBe('2026-11-25T12:00:00.000Z');
    expect(iso(nextSlot('0 20 * * *', 'America/New_York', from))).toBe('2026-11-26T01:00:00.000Z');
    expect(iso(nextSlot('0 10 * * 1', 'Asia/Shanghai', from))).toBe('2026-11-30T02:00:00.000Z');
  });

  it('keeps local time across the end of daylight saving time (America/New_York, 1 Nov 2026)', () => {
    const tz = 'America/New_York';
    // 09:00 local is 13:00 UTC under EDT and 14:00 UTC under EST.
    const first = nextSlot('0 9 * * *', tz, at('2026-10-31T12:00:00Z'));
    const second = nextSlot('0 9 * * *', tz, first);
    expect([iso(first), iso(second)]).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z']);
    // 01:30 happens twice that night; the job runs once.
    const early = nextSlot('30 1 * * *', tz, at('2026-10-31T12:00:00Z'));
    expect(iso(early)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextSlot('30 1 * * *', tz, early))).toBe('2026-11-02T06:30:00.000Z');
    expect(iso(latestSlot('0 9 * * *', tz, at('2026-11-01T13:59:00Z')))).toBe('2026-10-31T13:00:00.000Z');
  });

  it('the latest slot counts a slot exactly at the given time', () => {
    expect(iso(latestSlot('0 20 * * *', 'UTC', at('2026-11-25T20:00:00Z')))).toBe('2026-11-25T20:00:00.000Z');
    expect(iso(latestSlot('0 20 * * *', 'UTC', at('2026-11-25T19:59:59Z')))).toBe('2026-11-24T20:00:00.000Z');
  });
});

/** A cron job on every community's midnight (UTC), that records what it ran. */
function recorder(name: string, behaviour: (slot: Date) => Promise<void> | void = () => {}) {
  const runs: string[] = [];
  const feature: Feature = {
    name,
    jobs: [
      cronJob({
        name,
        scheduleOf: () => ({ expression: '0 0 * * *', since: '2026-11-25T08:00:00Z' }),
        async run(_ctx, community, slot) {
          runs.push(`${community.chatId}@${slot.toISOString()}`);
          await behaviour(slot);
        },
      }),
    ],
  };
  return { runs, feature };
}

describe('the scheduler', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    vi.restoreAllMocks();
  });

  it('after a restart catches up a missed run exactly once and never repeats a slot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-sched-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const first = await TestBot.create({ dir, start: '2026-11-25T08:00:00Z', timezone: 'Asia/Shanghai' });
    const group = first.group();
    await group.as('owner').says('/topic schedule daily 20:00');
    expect((await first.advance('4h')).filter((a) => a.startsWith('💬'))).toHaveLength(1);
    await first.close();

    // Down for three days: three 20:00 slots passed. One prompt at start, not three.
    const second = await TestBot.create({ dir, start: '2026-11-28T13:00:00Z', timezone: 'Asia/Shanghai' });
    cleanup.push(() => second.close());
    await second.bot.idle();
    const atStart = second.adapter.actions.map(describeAction).filter((a) => a.startsWith('💬'));
    expect(atStart).toHaveLength(1);
    expect(second.store.tables.jobRuns.get('topic-prompt:memory:main')?.lastSlot).toBe(
      '2026-11-28T12:00:00.000Z',
    );
    expect((await second.advance('1m')).filter((a) => a.startsWith('💬'))).toEqual([]);
    expect((await second.advance('23h')).filter((a) => a.startsWith('💬'))).toHaveLength(1);
  });

  it('a run still in progress is never overlapped; a slot runs once', async () => {
    let release: () => void = () => {};
    let active = 0;
    let maxActive = 0;
    const { runs, feature } = recorder('slow', async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      active--;
    });
    const t = await TestBot.create({ start: '2026-11-25T08:00:00Z', features: [...features, feature] });
    cleanup.push(() => t.close());
    await t.group().as('alice').says('hi');
    t.clock.advance(86_400_000);
    const a = t.bot.scheduler.runDue();
    const b = t.bot.scheduler.runDue();
    await vi.waitFor(() => expect(active).toBe(1));
    const c = t.bot.scheduler.runDue();
    release();
    await Promise.all([a, b, c]);
    expect(maxActive).toBe(1);
    expect(runs).toEqual(['main@2026-11-26T00:00:00.000Z']);
  });

  it('fires what fell due in slot order, and a failing job is logged by name without stopping the others', async () => {
    const errors = vi.spyOn(silentLogger, 'error');
    const order: string[] = [];
    const early = recorder('early', () => void order.push('early'));
    const failing = recorder('failing', () => {
      order.push('failing');
      throw new Error('boom');
    });
    const late = recorder('late', () => void order.push('late'));
    // 'late' is registered first but its slot (a weekly one) comes after the daily ones.
    const lateJob = late.feature.jobs![0]! as ReturnType<typeof cronJob>;
    const weekly: Feature = {
      name: 'late',
      jobs: [
        cronJob({
          ...lateJob.cron,
          scheduleOf: () => ({ expression: '0 12 * * 5', since: '2026-11-25T08:00:00Z' }),
        }),
      ],
    };
    const t = await TestBot.create({
      start: '2026-11-25T08:00:00Z',
      features: [...features, weekly, failing.feature, early.feature],
    });
    cleanup.push(() => t.close());
    await t.group().as('alice').says('hi');
    // Wednesday 08:00 → Friday 13:00 in one move: two midnights and Friday noon fell due.
    t.clock.advance((2 * 24 + 5) * 3_600_000);
    await t.bot.scheduler.runDue();
    expect(order).toEqual(['failing', 'early', 'late']);
    expect(failing.runs).toEqual(['main@2026-11-27T00:00:00.000Z']);
    expect(late.runs).toEqual(['main@2026-11-27T12:00:00.000Z']);
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'failing', community: 'memory:main' }),
      'job failing failed',
    );
    // The failed slot is not retried on every tick.
    await t.advance('1h');
    expect(failing.runs).toHaveLength(1);
    expect(order).toHaveLength(3);
  });
});

/**
 * Runs three cron jobs (daily 01:30, daily 02:30, Sundays 02:30) in a community on `zone`, with
 * the scheduler ticking every 5 minutes of the ManualClock from `from` for `hours`; returns each run
 * as `job day HH:mm offset`, in the order they ran, at the local time they ran.
 */
async function runsAcross(zone: string, from: string, hours: number): Promise<string[]> {
  const schedules = { '01:30': '30 1 * * *', '02:30': '30 2 * * *', 'Sun 02:30': '30 2 * * 0' };
  const runs: string[] = [];
  const feature: Feature = {
    name: 'dst',
    jobs: Object.entries(schedules).map(([name, expression]) =>
      cronJob({
        name,
        scheduleOf: () => ({ expression, since: from }),
        run(ctx) {
          runs.push(`${name} → ${DateTime.fromJSDate(ctx.clock.now(), { zone }).toFormat('ccc d HH:mm ZZ')}`);
        },
      }),
    ),
  };
  const t = await TestBot.create({ start: from, timezone: zone, features: [feature] });
  try {
    await t.group().as('alice').says('hi');
    for (let minute = 0; minute < hours * 60; minute += 5) {
      t.clock.advance(5 * 60_000);
      await t.bot.scheduler.runDue();
    }
  } finally {
    await t.close();
  }
  return runs;
}

describe('daily and weekly schedules across daylight-saving changes: once per local day', () => {
  // Each case runs from Saturday noon to Monday noon (local) around the night of the change.
  it('America/New_York, clocks forward (8 Mar 2026): 02:30 does not exist, so it runs at 03:00', async () => {
    expect(await runsAcross('America/New_York', '2026-03-07T17:00:00Z', 48)).toEqual([
      '01:30 → Sun 8 01:30 -05:00',
      '02:30 → Sun 8 03:00 -04:00',
      'Sun 02:30 → Sun 8 03:00 -04:00',
      '01:30 → Mon 9 01:30 -04:00',
      '02:30 → Mon 9 02:30 -04:00',
    ]);
  });

  it('America/New_York, clocks back (1 Nov 2026): 01:30 happens twice and runs once', async () => {
    expect(await runsAcross('America/New_York', '2026-10-31T16:00:00Z', 48)).toEqual([
      '01:30 → Sun 1 01:30 -04:00',
      '02:30 → Sun 1 02:30 -05:00',
      'Sun 02:30 → Sun 1 02:30 -05:00',
      '01:30 → Mon 2 01:30 -05:00',
      '02:30 → Mon 2 02:30 -05:00',
    ]);
  });

  it('Europe/Berlin, clocks forward (29 Mar 2026) and back (25 Oct 2026)', async () => {
    expect(await runsAcross('Europe/Berlin', '2026-03-28T11:00:00Z', 48)).toEqual([
      '01:30 → Sun 29 01:30 +01:00',
      '02:30 → Sun 29 03:00 +02:00',
      'Sun 02:30 → Sun 29 03:00 +02:00',
      '01:30 → Mon 30 01:30 +02:00',
      '02:30 → Mon 30 02:30 +02:00',
    ]);
    expect(await runsAcross('Europe/Berlin', '2026-10-24T10:00:00Z', 48)).toEqual([
      '01:30 → Sun 25 01:30 +02:00',
      '02:30 → Sun 25 02:30 +02:00',
      'Sun 02:30 → Sun 25 02:30 +02:00',
      '01:30 → Mon 26 01:30 +01:00',
      '02:30 → Mon 26 02:30 +01:00',
    ]);
  });

  it('Australia/Sydney, southern hemisphere: back on 5 Apr 2026, forward on 4 Oct 2026', async () => {
    expect(await runsAcross('Australia/Sydney', '2026-04-04T01:00:00Z', 48)).toEqual([
      '01:30 → Sun 5 01:30 +11:00',
      '02:30 → Sun 5 02:30 +11:00',
      'Sun 02:30 → Sun 5 02:30 +11:00',
      '01:30 → Mon 6 01:30 +10:00',
      '02:30 → Mon 6 02:30 +10:00',
    ]);
    expect(await runsAcross('Australia/Sydney', '2026-10-03T02:00:00Z', 48)).toEqual([
      '01:30 → Sun 4 01:30 +10:00',
      '02:30 → Sun 4 03:00 +11:00',
      'Sun 02:30 → Sun 4 03:00 +11:00',
      '01:30 → Mon 5 01:30 +11:00',
      '02:30 → Mon 5 02:30 +11:00',
    ]);
  });

  it('a daily 02:30 topic prompt in New York is posted once on each of those days', async () => {
    const t = await TestBot.create({ start: '2026-03-07T17:00:00Z', timezone: 'America/New_York' });
    try {
      const group = t.group();
      await group.as('owner').says('/topic schedule daily 02:30');
      const postedAt = async (hours: number) => {
        const days: string[] = [];
        for (let step = 0; step < hours * 6; step++) {
          const out = await t.advance('10m');
          if (out.some((o) => o.startsWith('💬')))
            days.push(
              DateTime.fromJSDate(t.clock.now(), { zone: 'America/New_York' }).toFormat('MM-dd HH:mm'),
            );
        }
        return days;
      };
      expect(await postedAt(48)).toEqual(['03-08 03:00', '03-09 02:30']);
      // On to the Saturday before clocks go back (31 Oct), then across that night.
      t.clock.advance(Date.parse('2026-10-31T16:00:00Z') - t.clock.now().getTime());
      await t.bot.scheduler.runDue();
      await group.as('owner').says('/topic schedule daily 01:30');
      expect(await postedAt(48)).toEqual(['11-01 01:30', '11-02 01:30']);
    } finally {
      await t.close();
    }
  });
});
