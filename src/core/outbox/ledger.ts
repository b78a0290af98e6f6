import type { BotStore } from '../../store/contract.js';
import type { OutboxMessage } from '../../store/outbox-record.js';
import type { Tx } from '../../store/tx.js';
import type { Adapter } from '../adapter.js';
import type { Clock } from '../clock.js';
import type { ChatRef } from '../events.js';
import type { Logger } from '../logger.js';
import type { DeliveryContext, DeliveryHandler, HandlerRef, LiveRenderer } from './delivery.js';
import { liveRecordId, type Request, type Staged, stageRequests } from './records.js';
import { outboxText } from './text.js';
import type { LiveContent } from './types.js';

/**
 * Notice lines older than this when the bot starts again are dropped: the re-rendered card shows
 * the state they reported, and a member reading "✓ alice ×2" an hour late learns nothing.
 */
export const STALE_NOTICE_MS = 15 * 60_000;

type Unrecorded = { request: Request; record?: undefined };

interface Hooks {
  /** Hands messages whose records are durable to the queues. */
  enqueue(adapter: Adapter, staged: readonly (Staged | Unrecorded)[]): void;
  /** A write the outbox waited for finished (idle() may resolve now). */
  busy(): void;
}

/**
 * The outbox's records in the store: written with the change that caused a message, deleted
 * (with whatever its delivery handler changes and sends, in one transaction) once the platform
 * took it. The deletion is durable at the next group commit, and the chat's next message waits
 * for it (Courier): if the process dies before it is on disk, that one message is sent again at
 * the next start — the only way a message can repeat, at most one per chat.
 */
export class OutboxLedger {
  private readonly handlers = new Map<string, DeliveryHandler>();
  private readonly renderers: LiveRenderer[] = [];
  /** Writes whose messages are not queued yet. */
  private writing = 0;

  constructor(
    private readonly store: BotStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly hooks: Hooks,
  ) {}

  get busy(): boolean {
    return this.writing > 0;
  }

  register(handlers: Record<string, DeliveryHandler>, renderers: LiveRenderer[]): void {
    for (const [name, handler] of Object.entries(handlers)) this.handlers.set(name, handler);
    this.renderers.push(...renderers);
  }

  /** `communityId`: who the requests are owed for, where a request does not say (OutboxMessage.communityId). */
  stage(tx: Tx, requests: readonly Request[], communityId?: string): Staged[] {
    return stageRequests(tx, requests, this.clock.now(), communityId);
  }

  record(id: string): OutboxMessage | undefined {
    return this.store.tables.outbox.get(id);
  }

  /**
   * Writes requests in their own transaction (jobs, problems) and queues them at once: their
   * cause is on disk already (a job awaits its change), so waiting for this write would only delay
   * them; the record is what makes a restart send them if the platform has not taken them yet.
   */
  persist(adapter: Adapter, requests: readonly Request[]): void {
    let staged: Staged[];
    try {
      staged = this.store.transact((tx) => this.stage(tx, requests)).value;
    } catch (error) {
      this.log.warn({ err: error }, 'outbox could not write to the store; sending without a record');
      this.hooks.enqueue(
        adapter,
        requests.map((request) => ({ request })),
      );
      return;
    }
    this.hooks.enqueue(adapter, staged);
  }

  /** The platform took these records' messages (or refused them for good): delete them, run onDelivered. */
  settle(adapter: Adapter, ids: readonly string[], onDelivered: HandlerRef | undefined): void {
    if (ids.length === 0) return;
    // What the handler sends is owed for the same community as the message it heard about.
    const owner = this.record(ids[0]!)?.communityId;
    const remove = (tx: Tx) => {
      for (const id of ids) tx.delete('outbox', id);
    };
    const ran = this.write(adapter, (tx) => {
      remove(tx);
      return onDelivered ? this.run(tx, adapter, onDelivered, owner) : [];
    });
    // A failing handler undid its transaction: the message is out, so its record goes anyway.
    if (!ran && onDelivered)
      this.write(adapter, (tx) => {
        remove(tx);
        return [];
      });
  }

  /** Deletes a live message's record unless a newer change re-wrote it meanwhile (identity is the version). */
  settleLive(adapter: Adapter, chat: ChatRef, key: string, seen: OutboxMessage | undefined): void {
    if (!seen) return;
    const id = liveRecordId(chat, key);
    this.write(adapter, (tx) => {
      if (tx.get('outbox', id) === seen) tx.delete('outbox', id);
      return [];
    });
  }

  /** A restored live message went out as a new message: its renderer records where. */
  liveSent(adapter: Adapter, key: string, messageId: string, image: string | undefined): void {
    const renderer = this.rendererOf(key);
    const sent = renderer?.sent;
    if (sent)
      this.write(adapter, (tx) => {
        sent(tx, key, messageId, image, this.store.dir);
        return [];
      });
  }

  /**
   * The platform refused the private chat: a held message stays for the member (and the group is
   * told once), anything else is removed and its onUnreachable handler told.
   */
  unreachable(adapter: Adapter, record: OutboxMessage | undefined, stats: { held: number }): void {
    if (!record) return;
    const { hold } = record;
    if (!hold) {
      if (!record.onUnreachable)
        this.log.info(
          { chat: record.chat.chatId },
          'private message undeliverable: the member cannot be reached',
        );
      this.settle(adapter, [record.id], record.onUnreachable);
      return;
    }
    stats.held++;
    // Told once: the member may already be waiting for other messages (a report in several parts).
    const told = this.store.tables.outbox.countBy('held', `${adapter.platform}|${hold.userId}`) > 0;
    const text = outboxText(hold.locale).openPrivateChat(hold.name, adapter.botLink?.());
    this.write(adapter, (tx) => {
      tx.put('outbox', { ...record, hold: { ...hold, heldAt: this.clock.now().toISOString() } });
      if (told) return [];
      return this.stage(
        tx,
        [{ kind: 'send', chat: hold.chat, out: { kind: 'text', text }, priority: 'reply' }],
        record.communityId,
      );
    });
  }

  /** The member wrote to the bot privately: what was held for them is queued again. */
  releaseHeld(adapter: Adapter, userId: string): void {
    const held = this.store.tables.outbox.by('held', `${adapter.platform}|${userId}`);
    if (held.length === 0) return;
    this.write(adapter, (tx) =>
      held.map((r) => {
        const { heldAt: _released, ...hold } = r.hold!;
        const record = tx.put('outbox', { ...r, hold });
        return { request: requestOf(record)!, record };
      }),
    );
  }

  /**
   * Queues what is owed from before the start. `onLive` takes live messages with the function
   * that renders them now (the feature's renderer by key prefix, or the text they were given).
   */
  resume(
    adapters: readonly Adapter[],
    onLive: (
      adapter: Adapter,
      key: string,
      chat: ChatRef,
      record: OutboxMessage,
      render: () => (LiveContent & { messageId?: string }) | undefined,
    ) => void,
  ): void {
    const byPlatform = new Map(adapters.map((a) => [a.platform, a]));
    const staleBefore = this.clock.now().getTime() - STALE_NOTICE_MS;
    const dropped: string[] = [];
    for (const record of [...this.store.tables.outbox.values()]) {
      const adapter = byPlatform.get(record.chat.platform);
      if (!adapter || record.hold?.heldAt) continue;
      if (record.kind === 'live') {
        const key = record.key!;
        const render = this.liveRender(record, adapter);
        if (render) onLive(adapter, key, record.chat, record, render);
        else {
          this.log.warn({ key }, 'a live message is owed but nothing renders it; dropped');
          dropped.push(record.id);
        }
        continue;
      }
      if (record.kind === 'line' && Date.parse(record.createdAt) < staleBefore) {
        dropped.push(record.id);
        continue;
      }
      const request = requestOf(record);
      if (request) this.hooks.enqueue(adapter, [{ request, record }]);
      else dropped.push(record.id);
    }
    if (dropped.length === 0) return;
    this.log.info(
      { dropped: dropped.length },
      'stale messages from before the restart dropped (newer state supersedes them)',
    );
    try {
      this.store
        .transact((tx) => {
          for (const id of dropped) tx.delete('outbox', id);
        })
        .committed.catch(() => {});
    } catch {
      // The store closed: they are dropped at the next start.
    }
  }

  /**
   * Writes in tx that every live message community `communityId` shows (LiveRenderer.shown) is owed
   * an update in `chat`; returns their records, for the outbox to queue once tx is durable.
   */
  oweShown(tx: Tx, adapter: Adapter, chat: ChatRef, communityId: string): OutboxMessage[] {
    const requests: Request[] = [];
    for (const renderer of this.renderers)
      for (const { key, origin } of renderer.shown?.(tx.tables, communityId) ?? []) {
        // Rendered from the state when it goes out, like any stored live message (liveRender).
        const text = () =>
          renderer.render(this.store.tables, key, adapter, this.store.dir, this.clock.now()) ?? '';
        requests.push({ kind: 'live', chat, key, text, ...(origin ? { origin } : {}) });
      }
    return this.stage(tx, requests, communityId).map((staged) => staged.record);
  }

  /** How a stored live message is shown now: its feature's renderer, or the text it was given. */
  liveRender(
    record: OutboxMessage,
    adapter: Adapter,
  ): (() => (LiveContent & { messageId?: string }) | undefined) | undefined {
    const key = record.key!;
    const renderer = this.rendererOf(key);
    const text = record.text;
    if (renderer)
      return () => renderer.render(this.store.tables, key, adapter, this.store.dir, this.clock.now());
    return text !== undefined ? () => ({ text }) : undefined;
  }

  /**
   * The bot was removed from this group (the community is marked so): nothing can be delivered
   * there, so nothing is queued there (see Outbox.enqueue). Private chats are never closed.
   */
  chatClosed(chat: ChatRef): boolean {
    if (chat.kind !== 'group') return false;
    // A community's id is `platform:chatId` (src/services/members.ts).
    return this.store.tables.communities.get(`${chat.platform}:${chat.chatId}`)?.removedAt !== undefined;
  }

  /** Deletes every message owed to this group chat (it can never be delivered); returns how many. */
  dropChat(adapter: Adapter, chat: ChatRef): number {
    const ids = [...this.store.tables.outbox.values()]
      .filter(
        (r) => r.chat.kind === 'group' && r.chat.platform === chat.platform && r.chat.chatId === chat.chatId,
      )
      .map((r) => r.id);
    this.settle(adapter, ids, undefined);
    return ids.length;
  }

  private rendererOf(key: string): LiveRenderer | undefined {
    return this.renderers.find((r) => key.startsWith(r.prefix));
  }

  /** Runs a delivery handler inside tx; what it sends is staged in the same transaction. */
  private run(tx: Tx, adapter: Adapter, ref: HandlerRef, communityId: string | undefined): Staged[] {
    const handler = this.handlers.get(ref.name);
    if (!handler) {
      this.log.warn({ handler: ref.name }, 'no delivery handler by that name');
      return [];
    }
    const requests: Request[] = [];
    const ctx: DeliveryContext = {
      tables: tx.tables,
      clock: this.clock,
      log: this.log,
      adapter,
      mutate: (fn) => fn(tx),
      send: (chat, out, opts = {}) =>
        requests.push({ kind: 'send', chat, out, ...opts, priority: opts.priority ?? 'reply' }),
    };
    handler(ctx, ref.args ?? {});
    return this.stage(tx, requests, communityId);
  }

  /**
   * Runs fn in a transaction and queues the messages it staged once they are durable. Returns
   * false when fn threw (its changes undone) or the store is closed (shutdown).
   */
  private write(adapter: Adapter, fn: (tx: Tx) => readonly Staged[]): boolean {
    let staged: readonly Staged[];
    let committed: Promise<void>;
    try {
      ({ value: staged, committed } = this.store.transact(fn));
    } catch (error) {
      this.log.warn({ err: error }, 'outbox could not write to the store');
      return false;
    }
    if (staged.length === 0) {
      committed.catch(() => {});
      return true;
    }
    this.writing++;
    committed
      .then(
        () => this.hooks.enqueue(adapter, staged),
        (error: unknown) => {
          this.log.error({ err: error }, 'could not save outgoing messages; sending them without a record');
          this.hooks.enqueue(
            adapter,
            staged.map(({ request }) => ({ request })),
          );
        },
      )
      .finally(() => {
        this.writing--;
        this.hooks.busy();
      });
    return true;
  }
}

/** The request a stored record stands for (send and line records; live ones are rendered). */
export function requestOf(record: OutboxMessage): Request | undefined {
  const origin = record.origin ? { origin: record.origin } : {};
  if (record.kind === 'send' && record.out)
    return { kind: 'send', chat: record.chat, out: record.out, priority: record.priority, ...origin };
  if (record.kind === 'line' && record.key !== undefined && record.line !== undefined)
    return {
      kind: 'line',
      chat: record.chat,
      key: record.key,
      header: record.header ?? '',
      line: record.line,
      ...origin,
    };
  return undefined;
}
