import { type Telegram, TelegramError } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../src/core/logger.js';

/**
 * Update types the bot asks for; chat_member must be named explicitly or Telegram never sends it,
 * edited_message because members edit `+1` into `+3`, callback_query for taps on the card's buttons,
 * pre_checkout_query for the check before a member pays an invoice (successful_payment comes as a message).
 */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'chat_member',
  'my_chat_member',
  'callback_query',
  'pre_checkout_query',
] as const;

/**
 * What must stay in order with this update: its chat (messages, edits, joins and leaves of one
 * group), or the update alone when it names no chat.
 */
export function updateChatKey(update: Update): string {
  const chat =
    'message' in update
      ? update.message.chat
      : 'edited_message' in update
        ? update.edited_message.chat
        : 'chat_member' in update
          ? update.chat_member.chat
          : 'my_chat_member' in update
            ? update.my_chat_member.chat
            : 'callback_query' in update
              ? update.callback_query.message?.chat
              : undefined;
  // A payment check names no chat: it goes with its payer's private chat (whose id is theirs).
  if (!chat && 'pre_checkout_query' in update) return String(update.pre_checkout_query.from.id);
  return chat ? String(chat.id) : `update:${update.update_id}`;
}

/**
 * telegraf types the abort signal with the abort-controller shim; the node-fetch inside it accepts
 * Node's own AbortSignal, which differs only in its event typings.
 */
type ShimSignal = NonNullable<NonNullable<Parameters<Telegram['callApi']>[2]>['signal']>;

export interface PollerOptions {
  telegram: Telegram;
  /**
   * Takes one update; called for every update of a batch at once, in order, so it must queue the
   * update at once (in order within its chat) and resolve once handled.
   */
  onUpdate(update: Update): Promise<void>;
  log: Logger;
  /** Long-poll timeout Telegram holds each getUpdates request open for. */
  timeoutSeconds?: number;
}

/**
 * Long polling on telegraf's API client. Telegraf's own loop (launch) cannot be stopped before it
 * has started; this one stops cleanly at any moment. A batch is handed over whole (onUpdate keeps
 * each chat in order: a join before the member's first message), so its updates share the core's
 * group commit instead of one fsync each; the next getUpdates, which confirms the batch to
 * Telegram, is asked for only once every update of it was handled.
 */
export class UpdatePoller {
  private readonly abort = new AbortController();
  private offset = 0;
  private confirmedOffset = 0;
  private running: Promise<void> | undefined;
  /** The last getUpdates failed (retrying, or given up on a rejected token). */
  private failing = false;

  constructor(private readonly options: PollerOptions) {}

  /** Polling and its last getUpdates was answered, for the health check. */
  get connected(): boolean {
    return this.running !== undefined && !this.failing;
  }

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
        this.failing = false;
      } catch (error) {
        if (signal.aborted) return;
        this.failing = true;
        const wait = this.backoff(error, ++failures);
        if (wait === undefined) return;
        await sleep(wait, signal);
        continue;
      }
      await Promise.all(
        updates.map((update) =>
          this.options
            .onUpdate(update)
            .catch((error: unknown) =>
              log.error({ err: error, update: update.update_id }, 'telegram: update failed'),
            ),
        ),
      );
      const last = updates.at(-1);
      if (last) this.offset = last.update_id + 1;
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
