import type { OutboxMessage } from '../store/outbox-record.js';
import type { Arrival, Community, LedgerEntry, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import type { ChatRef, Role, UserRef } from './events.js';

/** What a community created by the bot starts with (BOT_LOCALE or the platform's language, TZ). */
export interface CommunityDefaults {
  locale: 'en' | 'zh';
  /** The configured timezone (TZ); when unset the community's language picks one. */
  timezone?: string | undefined;
}

/** What moving a community to its chat's new id did (see CommunityRecords.moveCommunity). */
export type MoveOutcome =
  /** Moved; `merged`: the new chat already had a community holding only what people's messages create. */
  | { kind: 'moved'; from: string; to: string; records: number; merged: boolean; live: OutboxMessage[] }
  /** The move happened before (a second signal): nothing changed. */
  | { kind: 'already_moved'; to: string; live: OutboxMessage[] }
  /** The bot never had a community in the old chat; messages owed there were re-addressed. */
  | { kind: 'no_community'; to: string; live: OutboxMessage[] }
  /**
   * The new chat's community has records of its own that collide with the old one's (its own deal
   * #1, points for the same check-in): nothing of the community moved, so nothing is overwritten or
   * lost. Messages owed to the old chat were re-addressed all the same (the old id refuses them).
   */
  | { kind: 'refused'; from: string; to: string; collisions: string[]; live: OutboxMessage[] };

/**
 * The records the core keeps of communities and their members as the platforms report chats and
 * people: what the bot does before any feature sees an event. The rules live in the services
 * (src/services/community-records.ts); whoever builds the Bot hands them in, so the core depends on no
 * service. Every write goes into the transaction given; ids are communityId and memberId (store/ids).
 */
export interface CommunityRecords {
  /** The community of a group chat, created the first time the bot sees it; its title kept current. */
  ensureCommunity(tx: Tx, chat: ChatRef, defaults: CommunityDefaults, now: Date): Community;
  /** Communities on a platform where this user is an active member (for commands sent in private). */
  communitiesOf(tables: Tables, platform: string, userId: string): Community[];
  /**
   * A message or tap from someone: counts it, moves their last-active time and role; creates them if
   * new. `edited`: an edit of an earlier message keeps the member current but counts nothing.
   */
  recordMessage(tx: Tx, community: Community, user: UserRef, role: Role, now: Date, edited?: boolean): Member;
  /** A join; `rejoin` when the member was known before (their first inviter stays). */
  recordJoin(
    tx: Tx,
    community: Community,
    user: UserRef,
    inviter: string | undefined,
    now: Date,
  ): { member: Member; rejoin: boolean };
  /** A member left, or was removed by someone (`removed`). */
  recordLeave(tx: Tx, community: Community, user: UserRef, removed: boolean, now: Date): Member;
  /** Who the platform listed in a group when the bot first looked: kept once, the earlier list returned. */
  recordArrival(tx: Tx, communityId: string, userIds: readonly string[], now: Date): Arrival;
  /** The community of chat `from` and all it owns moved to chat `to` (same platform), messages owed included. */
  moveCommunity(tx: Tx, from: ChatRef, to: ChatRef, now: Date): MoveOutcome;
  /** Archived points entries of community id `from` as they are under `to` (the archive file moves apart). */
  retargetEntries(entries: readonly LedgerEntry[], from: string, to: string): LedgerEntry[];
  /** The bot was removed from the group: the community pauses. Undefined when nothing changed. */
  markBotRemoved(tx: Tx, communityId: string, now: Date): Community | undefined;
  /** The bot is back in the group: the community resumes. Undefined when nothing changed. */
  markBotBack(tx: Tx, communityId: string): Community | undefined;
}
