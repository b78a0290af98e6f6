import { type ScheduledTask, schedule } from 'node-cron';
import type { Job, JobContext } from '../core/feature.js';
import type { Logger } from '../core/logger.js';
import { type DueRun, dueRuns, isCronJob, runOnce } from './cron.js';

/**
 * Runs timed work. Sweep jobs look at the state and the clock and do what has fallen due, so a
 * deadline that passed while the bot was down is handled at the first run, and moving the clock
 * (tests, the console's `:clock`) fires what became due. Cron jobs (cron.ts) run per community at
 * the slots of an expression in its timezone; their last slot is in the store, so after a restart
 * a missed slot is caught up once and no slot runs twice. node-cron provides the real-time heartbeat.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private heartbeat: ScheduledTask | undefined;

  constructor(
    private readonly context: () => JobContext,
    private readonly log: Logger,
  ) {}

  register(job: Job): void {
    this.jobs.push(job);
  }

  start(): void {
    this.heartbeat = schedule('* * * * *', () => {
      void this.runDue();
    });
  }

  stop(): void {
    void this.heartbeat?.stop();
    this.heartbeat = undefined;
  }

  /** Runs every job once; a call while a run is in progress runs once more after it, never alongside. */
  runDue(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const job of this.jobs) {
          if (isCronJob(job)) continue;
          try {
            // The next job sees this one's changes on disk (and a failed write fails this one).
            const ctx = this.context();
            await job.run(ctx);
            await ctx.durable();
          } catch (error) {
            this.log.error({ err: error, job: job.name }, `job ${job.name} failed`);
          }
        }
        await this.runCronSlots();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  /** Every cron run that fell due, across jobs and communities, earliest slot first. */
  private async runCronSlots(): Promise<void> {
    const ctx = this.context();
    const now = ctx.clock.now();
    const due: DueRun[] = [];
    for (const job of this.jobs) {
      if (!isCronJob(job)) continue;
      try {
        due.push(...dueRuns(ctx.tables, job.cron, now));
      } catch (error) {
        this.log.error({ err: error, job: job.name }, `job ${job.name} failed`);
      }
    }
    due.sort((a, b) => a.slot.getTime() - b.slot.getTime());
    for (const run of due) {
      try {
        await runOnce(this.context(), run);
      } catch (error) {
        // Recording the run failed (the store): the next tick tries the slot again.
        this.log.error({ err: error, job: run.job.name }, `job ${run.job.name} failed`);
      }
    }
  }
}
