import { startStandbyReceivers } from '../adapters/index.js';
import type { AdapterName, Config } from './config.js';
import type { Adapter } from './core/adapter.js';
import type { Logger } from './core/logger.js';
import { InboxDrain, InboxWriter } from './store/postgres/inbox.js';

/**
 * Updates that reach a process not serving the bot, on PostgreSQL with several processes: a
 * standby stores what platforms deliver to it in the database's inbox (standbyForwarding), and the
 * serving process hands the inbox to its adapters (drainInbox). See src/store/postgres/inbox.ts.
 */

/** A standby's receivers: started when it starts standing by, stopped when it takes over. */
export function standbyForwarding(
  config: Config,
  wanted: AdapterName[],
  log: Logger,
): { onStandby: () => void; stop: () => Promise<void> } {
  const url = config.DATABASE_URL;
  let stopReceivers: Promise<(() => Promise<void>) | undefined> | undefined;
  const writer = url
    ? new InboxWriter(url, (error) => log.warn({ err: error }, 'standby: the inbox connection failed'))
    : undefined;
  return {
    onStandby: () => {
      if (!writer) return;
      stopReceivers = startStandbyReceivers(wanted, { config }, (p, id, u) => writer.forward(p, id, u));
      stopReceivers.then(
        (stop) =>
          stop && log.info('standby: webhook deliveries that reach this process go to the serving one'),
        (error: unknown) =>
          log.error({ err: error }, 'standby: cannot receive webhooks; the serving process gets them all'),
      );
    },
    stop: async () => {
      const stop = await stopReceivers?.catch(() => undefined);
      await stop?.();
      await writer?.close();
    },
  };
}

/**
 * The serving process: hands what standbys stored in the inbox to the adapters that take
 * forwarded updates. Undefined when there is nothing to drain (the JSON store, or no such adapter).
 */
export async function drainInbox(
  config: Config,
  adapters: readonly Adapter[],
  log: Logger,
): Promise<InboxDrain | undefined> {
  if (!config.DATABASE_URL) return undefined;
  const handlers = new Map<string, (payload: unknown) => Promise<void>>();
  for (const adapter of adapters) {
    const take = adapter.takeForwarded?.bind(adapter);
    if (take) handlers.set(adapter.platform, take);
  }
  if (handlers.size === 0) return undefined;
  return InboxDrain.start(config.DATABASE_URL, handlers, {
    onError: (error) => log.warn({ err: error }, 'inbox: a forwarded update failed'),
  });
}
