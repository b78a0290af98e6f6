/**
 * Hands a platform's events to the core in order within a chat and concurrently across chats,
 * without waiting for each one's fsync. The core applies an event's changes as soon as
 * `bot.handle` is called and makes them durable in a group commit shared with every event handed
 * over in the same turn; an adapter that awaited each event's durability before reading the next
 * would serialise the whole bot on the disk (one journal write per message).
 *
 * Each chat (or whatever key must stay in order: a Discord guild, whose joins and messages share
 * one member list) has a chain of hand-overs: a hand-over does the adapter's own lookups (admin
 * roles, invite attribution, room names) and calls `bot.handle`, returning the handled promises
 * unawaited. The next hand-over in the chain starts as soon as the previous one has called
 * `bot.handle`, so a join is applied before that member's first message.
 */
export class ChatOrder {
  /** Per key, the end of its chain of hand-overs (never rejects). */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Queues `handOver` behind the earlier hand-overs for `key`. `handOver` resolves to the promises
   * of the events it handed to the core (usually one `bot.handle` each; none when the update is
   * not for the core). Resolves once those are handled and durable; rejects with the first error
   * of the hand-over or of a handled event. A failure does not stop the chain.
   */
  add(key: string, handOver: () => Promise<readonly Promise<void>[]>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const handed = previous.then(handOver);
    const tail = handed.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return handed.then(settleAll);
  }

  /** Resolves when every chain queued so far has handed its events over. */
  async handedOver(): Promise<void> {
    await Promise.all(this.tails.values());
  }
}

/** Waits for all (none left unobserved), then fails with the first failure if any. */
async function settleAll(handled: readonly Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(handled);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
