import { moveCommunity, retargetEntries } from '../services/community-move.js';
import { markBotBack, markBotRemoved } from '../services/community-presence.js';
import { communityId } from '../services/members.js';
import { mergeLedger, readArchive, rewriteArchive } from '../store/ledger-archive.js';
import type { Store } from '../store/store.js';
import { StoreWriteError } from '../store/store.js';
import type { Adapter } from './adapter.js';
import type { Clock } from './clock.js';
import type { BotAddedEvent, BotEvent, BotRemovedEvent, ChatChange, ChatMovedEvent } from './events.js';
import type { Logger } from './logger.js';
import type { Outbox } from './outbox.js';

interface Services {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  dataDir: string;
}

/**
 * Changes of a group chat itself (BotHandle.chatChanged): the community follows its chat to a new
 * id, and pauses while the bot is removed from the group (see community-move.ts and
 * community-presence.ts for the rules; this is their wiring to the store and the outbox).
 */
export class ChatChanges {
  constructor(private readonly s: Services) {}

  async handle(adapter: Adapter, change: ChatChange): Promise<void> {
    if (change.chat.kind !== 'group') return;
    try {
      if (change.type === 'chat_moved') await this.moved(adapter, change);
      else if (change.type === 'bot_removed') await this.removed(adapter, change);
      else await this.added(change);
    } catch (error) {
      // The store is closed or the disk refused: nothing changed; a later signal tries again.
      if (!(error instanceof StoreWriteError)) throw error;
      this.s.log.error({ err: error, chat: change.chat.chatId, change: change.type }, 'store write failed');
    }
  }

  /**
   * An event as the core should see it: one from a chat whose community moved belongs to the new
   * chat (a tap on a card still showing in the old one), and a message from a group the bot was
   * marked removed from means it is back (the platform delivers nothing from a group it is not in).
   */
  arrived<E extends BotEvent>(event: E): E {
    if (event.chat.kind !== 'group') return event;
    const { tables } = this.s.store;
    const move = tables.chatMoves.size > 0 ? tables.chatMoves.get(communityId(event.chat)) : undefined;
    const routed = move ? ({ ...event, chat: { ...event.chat, chatId: move.chatId } } as E) : event;
    if (routed.type === 'message' || routed.type === 'button') {
      const community = tables.communities.get(communityId(routed.chat));
      if (community?.removedAt !== undefined) {
        this.s.log.info(
          { chat: routed.chat.chatId },
          'a message came from a group marked removed: the bot is back',
        );
        // Joins the event's own group commit; what it answers waits for that write anyway.
        this.s.store.transact((tx) => markBotBack(tx, community.id)).committed.catch(() => {});
      }
    }
    return routed;
  }

  /**
   * The first signal moves the community, once; the old chat is held from the signal on, so
   * nothing more is sent there, and what was owed there goes to the new chat once the move is
   * durable. The ledger archive file moves too (before the move's commit: a crash in between
   * leaves a copy under the new id, which a later move merges by entry id).
   */
  private async moved(adapter: Adapter, event: ChatMovedEvent): Promise<void> {
    const { chat: from, to } = event;
    if (to.kind !== 'group' || to.platform !== from.platform || to.chatId === from.chatId) return;
    const { store, outbox, log } = this.s;
    outbox.holdChat(adapter, from);
    let live: Parameters<Outbox['moveChat']>[3] = [];
    try {
      const copied = await this.copyArchive(communityId(from), communityId(to)).catch((error: unknown) => {
        // Balances do not depend on it (archived sums are on the members); the store moves all the same.
        log.warn({ err: error, from: from.chatId }, 'could not move the ledger archive with the community');
        return new Set<string>();
      });
      const { value: outcome, committed } = store.transact((tx) =>
        moveCommunity(tx, from, to, this.s.clock.now()),
      );
      await committed;
      live = outcome.live;
      const where = { from: from.chatId, to: to.chatId };
      if (outcome.kind === 'moved') {
        log.info(
          { ...where, records: outcome.records, merged: outcome.merged },
          'community moved to its new chat id',
        );
        await rewriteArchive(this.s.dataDir, outcome.from, () => []);
      } else if (outcome.kind === 'refused')
        log.warn(
          { ...where, collisions: outcome.collisions.slice(0, 10) },
          'the new chat already has a community with records of its own: nothing moved (only messages owed to the old chat go to the new one); see README, Telegram',
        );
      if (outcome.kind !== 'moved' && copied.size > 0)
        await rewriteArchive(this.s.dataDir, communityId(to), (entries) =>
          entries.filter((e) => !copied.has(e.id)),
        );
    } finally {
      // Whatever happened, nothing more goes to the old id (it refuses everything now).
      outbox.moveChat(adapter, from, to, live);
    }
  }

  /** Copies the old community's archived points entries to the new id; returns the ids it added. */
  private async copyArchive(from: string, to: string): Promise<Set<string>> {
    if (!this.s.store.tables.communities.get(from)) return new Set();
    const old = retargetEntries(await readArchive(this.s.dataDir, from), from, to);
    if (old.length === 0) return new Set();
    const added = new Set<string>();
    await rewriteArchive(this.s.dataDir, to, (existing) => {
      const have = new Set(existing.map((e) => e.id));
      for (const e of old) if (!have.has(e.id)) added.add(e.id);
      return mergeLedger(existing, old);
    });
    return added;
  }

  /** Nothing more is sent there at once; the community is kept, paused, until the bot is back. */
  private async removed(adapter: Adapter, event: BotRemovedEvent): Promise<void> {
    const { value: marked, committed } = this.s.store.transact((tx) =>
      markBotRemoved(tx, communityId(event.chat), this.s.clock.now()),
    );
    this.s.outbox.dropChat(adapter, event.chat);
    await committed;
    if (marked)
      this.s.log.info(
        { chat: event.chat.chatId, by: event.by?.id },
        'the bot was removed from a group: its jobs pause and nothing is sent there until it is added back; its data is kept',
      );
  }

  private async added(event: BotAddedEvent): Promise<void> {
    const { value: back, committed } = this.s.store.transact((tx) =>
      markBotBack(tx, communityId(event.chat)),
    );
    await committed;
    if (back)
      this.s.log.info({ chat: event.chat.chatId }, 'the bot is back in a group: its community resumes');
  }
}
