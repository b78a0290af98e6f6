import { type ScheduledTask, schedule } from 'node-cron';
import type { Job, JobContext } from '../core/feature.js';
import type { Logger } from '../core/logger.js';

/**
 * Runs timed work. Every job is a sweep that looks at the state and the clock and does what has
 * fallen due, so a deadline that passed while the bot was down is handled at the first run, and
 * moving the clock (tests, the console's `:clock`) fires what became due. node-cron provides the
 * real-time heartbeat.
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
          try {
            await job.run(this.context());
          } catch (error) {
            this.log.error({ err: error, job: job.name }, `job ${job.name} failed`);
          }
        }
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }
}
