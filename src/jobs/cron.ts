import { CronExpressionParser } from 'cron-parser';
import type { Job, JobContext } from '../core/feature.js';
import { dstShiftNear, instantOfWallClock, wallClockOf } from '../core/local-time.js';
import { botAbsent } from '../services/community-presence.js';
import type { Community } from '../store/schema.js';
import type { Tables } from '../store/tables.js';

/*
 * Cron expressions are computed with cron-parser, not node-cron: node-cron validates expressions,
 * but its next-run functions always start from the wall clock (`new Date()`), and the scheduler
 * must compute slots from the bot's clock (the console's `:clock`, tests) and from a stored last
 * run. One parser validates and computes, so an accepted expression is exactly the one that runs.
 */

/** Why an expression was refused, for a clear reply. */
export type CronProblem =
  | { code: 'fields'; count: number }
  | { code: 'syntax'; detail: string }
  | { code: 'too_often'; minMinutes: number };

export type CronCheck = { ok: true; expression: string } | { ok: false; problem: CronProblem };

/** Accepts standard 5-field cron (minute hour day month weekday), firing at most every minMinutes. */
export function checkCron(text: string, minMinutes = 0): CronCheck {
  const fields = text.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return { ok: false, problem: { code: 'fields', count: fields.length } };
  const expression = fields.join(' ');
  try {
    const slots = CronExpressionParser.parse(expression, {
      currentDate: new Date('2026-01-01T00:00:00Z'),
      tz: 'UTC',
    });
    if (minMinutes > 0) {
      // The tightest gap within a week of slots tells whether it fires too often.
      let previous = slots.next().getTime();
      for (let i = 0; i < 200; i++) {
        const next = slots.next().getTime();
        if (next - previous < minMinutes * 60_000)
          return { ok: false, problem: { code: 'too_often', minMinutes } };
        previous = next;
      }
    }
  } catch (error) {
    return { ok: false, problem: { code: 'syntax', detail: (error as Error).message } };
  }
  return { ok: true, expression };
}

/*
 * Slots are computed on the wall clock, not on instants: cron-parser walks the expression in UTC
 * over "floating" local times (wallClockOf), and each slot becomes an instant by the one DST rule
 * of local-time.ts. Walking instants instead (cron-parser's own tz mode) skipped a 02:30 job on the
 * night clocks go forward and ran a 01:30 job twice on the night they go back. Two wall slots the
 * rule maps to one instant (02:00 and 02:30 on a spring-forward night) are one run.
 */

/** Walks the expression's wall-clock slots from `wall` (a floating time), forwards or backwards. */
function wallSlots(expression: string, wall: number) {
  return CronExpressionParser.parse(expression, { currentDate: new Date(wall), tz: 'UTC' });
}

/** The first slot strictly after `after`, at the local time of the timezone (DST rule: local-time.ts). */
export function nextSlot(expression: string, timezone: string, after: Date): Date {
  // Near a DST change a wall slot somewhat before `after`'s wall time may still come after it.
  const slots = wallSlots(expression, wallClockOf(after, timezone) - dstShiftNear(after, timezone) - 1);
  for (;;) {
    const slot = instantOfWallClock(slots.next().getTime(), timezone);
    if (slot.getTime() > after.getTime()) return slot;
  }
}

/** The latest slot at or before `at`, or undefined if there is none in the past. */
export function latestSlot(expression: string, timezone: string, at: Date): Date | undefined {
  try {
    // Near a DST change a wall slot somewhat after `at`'s wall time may already have come.
    const slots = wallSlots(expression, wallClockOf(at, timezone) + dstShiftNear(at, timezone) + 1);
    for (;;) {
      const slot = instantOfWallClock(slots.prev().getTime(), timezone);
      if (slot.getTime() <= at.getTime()) return slot;
    }
  } catch {
    return undefined;
  }
}

/** `daily 20:00` → `0 20 * * *`; undefined if the text is not that shape. */
export function dailyAt(text: string): string | undefined {
  const match = /^(?:daily|每天)\s+(\d{1,2})[:：](\d{2})$/i.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return `${minute} ${hour} * * *`;
}

/** Where a community's cron job stands: its expression, and since when it applies (earlier slots never fire). */
export interface CronSchedule {
  expression: string;
  since: string;
}

/** A job that runs at the slots of a cron expression per community, in the community's timezone. */
export interface CronJobSpec {
  name: string;
  /** The community's schedule for this job, or undefined where it is off. */
  scheduleOf(tables: Tables, community: Community): CronSchedule | undefined;
  run(ctx: JobContext, community: Community, slot: Date): void | Promise<void>;
}

/** A cron job as the scheduler sees it (a Job, so features list it with their other jobs). */
export interface CronJob extends Job {
  readonly cron: CronJobSpec;
}

export function isCronJob(job: Job): job is CronJob {
  return 'cron' in job;
}

/** One run that fell due: the job, the community and the slot it stands for. */
export interface DueRun {
  job: CronJobSpec;
  community: Community;
  slot: Date;
}

export function jobRunId(job: string, community: string): string {
  return `${job}:${community}`;
}

/**
 * The runs of a job that fell due by now: at most one per community, for the latest slot, so a
 * bot that was down for three days catches up once rather than three times.
 */
export function dueRuns(tables: Tables, job: CronJobSpec, now: Date): DueRun[] {
  const due: DueRun[] = [];
  for (const community of tables.communities.values()) {
    // The bot was removed from the group: paused until it is back (a slot missed meanwhile runs then, once).
    if (botAbsent(community)) continue;
    const schedule = job.scheduleOf(tables, community);
    if (!schedule) continue;
    const slot = latestSlot(schedule.expression, community.timezone, now);
    if (!slot) continue;
    const lastSlot = tables.jobRuns.get(jobRunId(job.name, community.id))?.lastSlot;
    const baseline = Math.max(Date.parse(schedule.since), lastSlot ? Date.parse(lastSlot) : 0);
    if (slot.getTime() > baseline) due.push({ job, community, slot });
  }
  return due;
}

/** Declares a cron job; run() on its own runs whatever fell due (the scheduler orders runs across jobs). */
export function cronJob(spec: CronJobSpec): CronJob {
  return {
    name: spec.name,
    cron: spec,
    async run(ctx) {
      for (const due of dueRuns(ctx.tables, spec, ctx.clock.now())) await runOnce(ctx, due);
    },
  };
}

/**
 * Records the slot as run, durably, before running it: a crash mid-run loses that run rather
 * than repeating it (a prompt posted twice is worse than one missed).
 */
export async function runOnce(ctx: JobContext, due: DueRun): Promise<void> {
  const { job, community, slot } = due;
  const now = ctx.clock.now().toISOString();
  ctx.mutate((tx) =>
    tx.put('jobRuns', {
      id: jobRunId(job.name, community.id),
      job: job.name,
      communityId: community.id,
      lastSlot: slot.toISOString(),
      ranAt: now,
    }),
  );
  await ctx.durable();
  try {
    await job.run(ctx, community, slot);
    await ctx.durable();
  } catch (error) {
    ctx.log.error(
      { err: error, job: job.name, community: community.id, slot: slot.toISOString() },
      `job ${job.name} failed`,
    );
  }
}
