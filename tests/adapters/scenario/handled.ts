import type { Bot } from '../../../src/core/bot.js';

/**
 * Counts the events the bot has finished with (changes on disk, replies handed to the outbox),
 * so a driver can wait for one step to be over before the next: the order of the scenario's
 * orders matters, and the answers must be read whole.
 */
export class Handled {
  count = 0;

  constructor(bot: Bot) {
    // The adapters look bot.handle up at each event, so wrapping it after start is seen.
    const handle = bot.handle.bind(bot);
    bot.handle = async (adapter, event) => {
      try {
        await handle(adapter, event);
      } finally {
        this.count++;
      }
    };
  }

  /** Waits until `n` events in all were handled and everything queued went out. */
  async until(n: number, what: string, poll: () => void = () => {}): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (this.count < n) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${this.count}/${n} events)`);
      poll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
