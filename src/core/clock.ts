/** Time source for every piece of time logic, so tests and the console simulator can move time. */
export interface Clock {
  now(): Date;
  /** Runs fn after ms of this clock's time; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

/**
 * Waits ms on the given clock (real time without one): between the posts of one message that a
 * platform takes as several (a long text in parts), spaced like separate messages.
 */
export function pause(clock: Pick<Clock, 'setTimer'> | undefined, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    if (clock) clock.setTimer(resolve, ms);
    else setTimeout(resolve, ms);
  });
}

/** Wall-clock time plus an offset the console's `:clock` directive can push forward. */
export class SystemClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this clock forward (never back: time-based state assumes monotonic time). */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when told to; timers fire in order as it moves. For tests. */
export class ManualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private seq = 0;

  constructor(start: Date | string = '2026-11-25T08:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by ms, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

let lastIsoMs = Number.NaN;
let lastIso = '';

/**
 * `date.toISOString()`, remembered for the last instant asked. One event stamps several records
 * with the same instant (its seen id, the member, the order, its outbox records), and formatting
 * it anew for each was a visible share of a flash sale's CPU. Throws RangeError for an invalid date,
 * as toISOString does.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastIsoMs) {
    lastIso = date.toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}
