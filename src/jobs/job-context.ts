import type { Adapter } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { ChatRef } from '../core/events.js';
import type { JobContext, JobMessages } from '../core/feature.js';
import type { Logger } from '../core/logger.js';
import type { Request, Staged } from '../core/outbox/records.js';
import type { Outbox } from '../core/outbox.js';
import type { Community } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { Tx } from '../store/tx.js';

/** What the bot lends its jobs. */
export interface JobServices {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  dataDir: string;
  /** The adapter serving a platform in this process, if any. */
  adapter(platform: string): Adapter | undefined;
  /** The group chat of a community. */
  chatOf(community: Community): ChatRef;
}

/** A request and the platform whose adapter sends it. */
interface Said {
  platform: string;
  request: Request;
}

/** JobMessages that hand each request (owed for its community) to `add`. */
function messages(services: JobServices, add: (said: Said) => void): JobMessages {
  const owed = (community: Community, request: Request) =>
    add({ platform: community.platform, request: { ...request, communityId: community.id } });
  return {
    post: (community, out, opts = {}) =>
      owed(community, {
        kind: 'send',
        chat: services.chatOf(community),
        out,
        ...opts,
        priority: opts.priority ?? 'reply',
      }),
    sendTo: (community, chat, out, opts = {}) =>
      owed(community, { kind: 'send', chat, out, ...opts, priority: opts.priority ?? 'reply' }),
    live: (community, key, text, opts) =>
      owed(community, {
        kind: 'live',
        chat: services.chatOf(community),
        key,
        text,
        ...(opts ? { opts } : {}),
      }),
  };
}

/**
 * Writes a change and the messages it causes in one transaction (the EventContext pattern for
 * timed work), waits until that write is on disk, then hands the messages to the outbox. A
 * message whose platform is not running here stays in the store: it goes out at the first start
 * with that platform's adapter (Outbox.resume).
 */
async function mutateAndSay<T>(services: JobServices, fn: (tx: Tx, say: JobMessages) => T): Promise<T> {
  const said: Said[] = [];
  let open = true;
  const say = messages(services, (item) => {
    // Said after the transaction, it would be written in none: a bug, said loudly.
    if (!open) throw new Error('JobContext.mutate: a message said after its change was written');
    said.push(item);
  });
  let written: ReturnType<typeof services.store.transact<[T, Staged[]]>>;
  try {
    written = services.store.transact((tx): [T, Staged[]] => {
      const value = fn(tx, say);
      return [
        value,
        services.outbox.stage(
          tx,
          said.map((s) => s.request),
        ),
      ];
    });
  } finally {
    open = false;
  }
  const [value, staged] = written.value;
  await written.committed;
  const byPlatform = new Map<string, Staged[]>();
  staged.forEach((item, i) => {
    const platform = said[i]!.platform;
    byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), item]);
  });
  for (const [platform, items] of byPlatform) {
    const adapter = services.adapter(platform);
    if (adapter) services.outbox.enqueue(adapter, items);
  }
  return value;
}

/** The context a job runs with (see JobContext). */
export function createJobContext(services: JobServices): JobContext {
  const { store, outbox } = services;
  return {
    clock: services.clock,
    // Read when used: a failed write reloads the store from disk into new tables.
    get tables() {
      return store.tables;
    },
    log: services.log,
    dataDir: services.dataDir,
    mutate: (fn) => mutateAndSay(services, fn),
    adapterFor: (community) => services.adapter(community.platform),
    // Messages no change causes: each written in a transaction of its own and queued at once.
    ...messages(services, ({ platform, request }) => {
      const adapter = services.adapter(platform);
      if (adapter) outbox.submit(adapter, request);
    }),
  };
}
