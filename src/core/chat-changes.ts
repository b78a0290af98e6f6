import type { BotStore } from '../store/contract.js';
import { communityId } from '../store/ids.js';
import { mergeLedger, readArchive, rewriteArchive } from '../store/ledger-archive.js';
import type { OutboxMessage } from '../store/outbox-record.js';
import { StoreWriteError } from '../store/store.js';
import type { Tx } from '../store/tx.js';
import type { Adapter } from './adapter.js';
import type { Clock } from './clock.js';
import type { CommunityRecords, MoveOutcome } from './community-records.js';
import type {
  BotAddedEvent,
  BotEvent,
  BotRemovedEvent,
  ChatChange,
  ChatMovedEvent,
  ChatRef,
  MessageEvent,
} from './events.js';
import type { Logger } from './logger.js';
import type { Outbox } from './outbox.js';

interface Services {
  store: BotStore;
  outbox: Outbox;
  clock: Clock;
  log: Logger;
  dataDir: string;
  records: CommunityRecords;
}

/**
 * Changes of a group chat itself (BotHandle.chatChanged): the community follows its chat to a new
 * id, and pauses while the bot is removed from the group (the rules are the services', see
 * CommunityRecords; this is their wiring to the store and the outbox).
 */
export class ChatChanges {
  constructor(private readonly s: Services) {}

  async handle(adapter: Adapter, change: ChatChange): Promise<void> {
    if (change.chat.kind !== 'group') return;
    try {
      if (change.type === 'chat_moved') await this.moved(adapter, change);
      else if (change.type === 'bot_removed') await this.removed(adapter, change);
      else await this.added(adapter, change);
    } catch (error) {
      // The store is closed or the disk refused: nothing changed; a later signal tries again.
      if (!(error instanceof StoreWriteError)) throw error;
      this.s.log.error({ err: error, chat: change.chat.chatId, change: change.type }, 'store write failed');
    }
  }

  /**
   * An event as the core should see it: one from a chat whose community moved belongs to the new
   * chat (a tap on a card still showing in the old one). A message written in a group after the
   * bot was marked removed from it means the bot is back (the platform delivers nothing from a
   * group the bot is not in); one written before is still on its way (the updates queued when the
   * bot was kicked) and proves nothing, nor does a tap (a card stays visible after a kick).
   */
  arrived<E extends BotEvent>(adapter: Adapter, event: E): E {
    if (event.chat.kind !== 'group') return event;
    const { tables } = this.s.store;
    const move = tables.chatMoves.size > 0 ? tables.chatMoves.get(communityId(event.chat)) : undefined;
    const routed = move ? ({ ...event, chat: { ...event.chat, chatId: move.chatId } } as E) : event;
    if (routed.type === 'message') {
      const community = tables.communities.get(communityId(routed.chat));
      if (community?.removedAt !== undefined && writtenAfter(routed, community.removedAt)) {
        this.s.log.info(
          { chat: routed.chat.chatId },
          'a message written after the removal came from the group: the bot is back',
        );
        // Joins the event's own group commit; what it answers waits for that write anyway.
        this.back(adapter, routed.chat).catch(() => {});
      }
    }
    return routed;
  }

  /**
   * The first signal moves the community, once, in the very turn it arrives: the adapter hands the
   * chats' next events to the core without waiting, and each must find the community where it is
   * now (an order typed in the new chat finds its deal there, one from the old chat is routed
   * there by arrived). The old chat is held from the signal on, so nothing more is sent there;
   * what was owed there, and every card the community shows, goes to the new chat once the move
   * is durable. The ledger archive file follows (moveArchive).
   */
  private async moved(adapter: Adapter, event: ChatMovedEvent): Promise<void> {
    const { chat: from, to } = event;
    if (to.kind !== 'group' || to.platform !== from.platform || to.chatId === from.chatId) return;
    const { store, outbox, log } = this.s;
    outbox.holdChat(adapter, from);
    let live: readonly OutboxMessage[] = [];
    let outcome: MoveOutcome;
    try {
      const moving = store.transact((tx) => {
        const result = this.s.records.moveCommunity(tx, from, to, this.s.clock.now());
        return result.kind === 'moved' ? { ...result, live: this.cardsOf(tx, adapter, to, result) } : result;
      });
      await moving.committed;
      outcome = moving.value;
      live = outcome.live;
    } finally {
      // Whatever happened, nothing more goes to the old id (it refuses everything now).
      outbox.moveChat(adapter, from, to, live);
    }
    const where = { from: from.chatId, to: to.chatId };
    if (outcome.kind === 'moved')
      log.info(
        { ...where, records: outcome.records, merged: outcome.merged },
        'community moved to its new chat id',
      );
    else if (outcome.kind === 'refused')
      log.warn(
        { ...where, collisions: outcome.collisions.slice(0, 10) },
        'the new chat already has a community with records of its own: nothing moved (only messages owed to the old chat go to the new one); see README, Telegram',
      );
    // A second signal finishes a copy a crash interrupted (an update not confirmed comes again).
    if (outcome.kind === 'moved' || outcome.kind === 'already_moved')
      await this.moveArchive(communityId(from), communityId(to)).catch((error: unknown) => {
        // Balances do not depend on it (archived sums are on the members): the history waits for the next signal.
        log.warn({ err: error, from: from.chatId }, 'could not move the ledger archive with the community');
      });
  }

  /**
   * The cards a moved community shows, all owed in the new chat: those owed in the old one, and
   * every other (LiveRenderer.shown), posted afresh so members see them at once (the old chat's
   * message ids mean nothing in the new one, so nothing can be edited there).
   */
  private cardsOf(tx: Tx, adapter: Adapter, to: ChatRef, moved: MoveOutcome): OutboxMessage[] {
    const byId = new Map(moved.live.map((record) => [record.id, record]));
    // Same key, same record: the newer write stands.
    for (const record of this.s.outbox.oweShown(tx, adapter, to, moved.to)) byId.set(record.id, record);
    return [...byId.values()];
  }

  /**
   * Moves the old community's archived points entries to the new id, after the move's commit: a
   * crash in between leaves them under the old id until the next signal of the move (merged by
   * entry id, so a second copy adds nothing).
   */
  private async moveArchive(from: string, to: string): Promise<void> {
    const { dataDir, records } = this.s;
    const old = records.retargetEntries(await readArchive(dataDir, from), from, to);
    if (old.length === 0) return;
    await rewriteArchive(dataDir, to, (existing) => mergeLedger(existing, old));
    await rewriteArchive(dataDir, from, () => []);
  }

  /**
   * Nothing more is sent there at once; the community is kept, paused, until the bot is back. It
   * was removed when the platform says (a message written before that proves nothing), else now.
   */
  private async removed(adapter: Adapter, event: BotRemovedEvent): Promise<void> {
    const at = event.at !== undefined ? new Date(event.at) : this.s.clock.now();
    const { value: marked, committed } = this.s.store.transact((tx) =>
      this.s.records.markBotRemoved(tx, communityId(event.chat), at),
    );
    this.s.outbox.dropChat(adapter, event.chat);
    await committed;
    if (marked)
      this.s.log.info(
        { chat: event.chat.chatId, by: event.by?.id },
        'the bot was removed from a group: its jobs pause and nothing is sent there until it is added back; its data is kept',
      );
  }

  private async added(adapter: Adapter, event: BotAddedEvent): Promise<void> {
    if (await this.back(adapter, event.chat))
      this.s.log.info({ chat: event.chat.chatId }, 'the bot is back in a group: its community resumes');
  }

  /**
   * The bot is back in the group: the community resumes, and its cards are brought up to date
   * (orders typed just before the removal were taken while nothing could be shown). Resolves
   * whether it was marked removed, once durable.
   */
  private async back(adapter: Adapter, chat: ChatRef): Promise<boolean> {
    const { value: cards, committed } = this.s.store.transact((tx) => {
      const back = this.s.records.markBotBack(tx, communityId(chat));
      return back ? this.s.outbox.oweShown(tx, adapter, chat, back.id) : undefined;
    });
    await committed;
    if (cards) this.s.outbox.showLive(adapter, cards);
    return cards !== undefined;
  }
}

/**
 * Whether a message was written (or edited) after `removedAt`. Without a date it counts as new: a
 * platform that reports removals dates its messages (Telegram's `date`, in whole seconds, so one
 * from the second of the removal is not after it).
 */
function writtenAfter(event: MessageEvent, removedAt: string): boolean {
  const at = event.editedAt ?? event.at;
  return at === undefined || Date.parse(at) > Date.parse(removedAt);
}
