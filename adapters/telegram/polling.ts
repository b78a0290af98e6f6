import { type Telegram, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../src/core/logger.js';

/** Update types the bot asks for; chat_member must be named explicitly or Telegram never sends it. */
export const ALLOWED_UPDATES = ['message', 'chat_member', 'my_chat_member'] as const;

/**
 * telegraf types the abort signal with the abort-controller shim; the node-fetch inside it accepts
 * Node's own AbortSignal, which differs only in its event typings.
 */
type ShimSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

export interface PollerOptions {
  telegram: Telegram;
  onUpdate(update: Update): Promise<void>;
  log: Logger;
  /** Long-poll timeout Telegram holds each getUpdates request open for. */
  timeoutSeconds?: number;
}

/**
 * Long polling on telegraf's API client. Telegraf's own loop (launch) handles a batch in parallel and
 * cannot be stopped before it has started; this one handles updates one at a time in order (a join
 * before the member's first message) and stops cleanly at any moment.
 */
export class UpdatePoller {
  private readonly abort = new AbortController();
  private offset = 0;
  private confirmedOffset = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops polling, lets the update being handled finish, and confirms what was handled. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    if (this.offset > this.confirmedOffset) {
      // Without this, Telegram would send the last batch again at the next start.
      await this.options.telegram
        .callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 })
        .catch(() => {});
    }
  }

  private async loop(): Promise<void> {
    const { telegram, log } = this.options;
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await telegram.callApi(
          'getUpdates',
          {
            offset: this.offset,
            timeout: this.options.timeoutSeconds ?? 50,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          { signal: signal as unknown as ShimSignal },
        );
        this.confirmedOffset = this.offset;
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        const wait = this.backoff(error, ++failures);
        if (wait === undefined) return;
        await sleep(wait, signal);
        continue;
      }
      for (const update of updates) {
        this.offset = update.update_id + 1;
        try {
          await this.options.onUpdate(update);
        } catch (error) {
          log.error({ err: error, update: update.update_id }, 'telegram: update failed');
        }
      }
    }
  }

  /** How long to wait after a failed getUpdates, or undefined to give up (bad token). */
  private backoff(error: unknown, failures: number): number | undefined {
    const { log } = this.options;
    if (error instanceof TelegramError) {
      if (error.code === 401) {
        log.error({ err: error }, 'telegram: the bot token was rejected (401); polling stopped');
        return undefined;
      }
      if (error.code === 429) return (error.parameters?.retry_after ?? 5) * 1000;
      if (error.code === 409) {
        log.error(
          { err: error },
          'telegram: another process is polling with this token, or a webhook is set (409); retrying',
        );
        return 5_000;
      }
    }
    const wait = Math.min(30_000, 1_000 * 2 ** Math.min(failures - 1, 5));
    log.warn({ err: error, retryInMs: wait }, 'telegram: getUpdates failed');
    return wait;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
