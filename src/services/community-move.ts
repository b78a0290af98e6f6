import type { MoveOutcome } from '../core/community-records.js';
import type { ChatRef } from '../core/events.js';
import { liveRecordId, type OutboxMessage } from '../store/outbox-record.js';
import type { CollectionName, LedgerEntry, Records } from '../store/schema.js';
import { recordSchemas } from '../store/schema.js';
import type { Tx } from '../store/tx.js';
import { mergeRecords } from './community-merge.js';
import { communityId } from './members.js';
import { followNetworkMove } from './network-links.js';

/**
 * A community following its group to a new chat id (a Telegram group upgraded to a supergroup gets
 * a new id; calls to the old one are refused). Everything the community owns moves in one
 * transaction, and a ChatMove record under the old id remembers it: the platform sends more than
 * one signal (a service message in each chat, a refusal of every call to the old id), and only the
 * first moves anything.
 *
 * Message ids of the old chat mean nothing in the new one, so they are dropped: a deal's card is
 * posted again rather than edited, an order no longer follows edits of a message in the old chat,
 * a topic prompt's replies are matched from the new post on.
 */

type AnyRecord = Records[CollectionName];
type Loose = Record<string, unknown>;

/**
 * Fields holding an id built from the community id (`telegram:-42#3`, `order:telegram:-42#3/7`;
 * `pointId`: a pickup point's, `telegram:-42|p1`, on members, orders, fulfilments, pickup notices;
 * `templateId`: a template's, `telegram:-42|mangoes`, on deals and reviews).
 */
const ID_FIELDS = [
  'id',
  'communityId',
  'dealId',
  'orderId',
  'pointId',
  'ref',
  'lastPostId',
  'key',
  // A deal's (and a review's) template, the deal it was copied from, a template's source deal.
  'templateId',
  'copiedFrom',
  'fromDealId',
] as const;
/** Fields holding a list of ids built from the community id. */
const ID_LIST_FIELDS = ['points'] as const;
/** Fields holding a message id of the group's chat: meaningless after the move. */
const MESSAGE_FIELDS = ['rosterMessageId', 'sourceMessageId', 'messageId'] as const;

/** Rewrites the community id `from` into `to` where it is a whole segment of a compound id. */
export function rewriteId(value: string, from: string, to: string): string {
  if (!value.includes(from)) return value;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // After the start, a `:` (`order:telegram:-42#3/7`) or a `|` (`charge:ch_1|telegram:-42#3/7`),
  // before the end or a separator: never the prefix of a longer chat id (`telegram:-421`).
  return value.replace(new RegExp(`(^|[:|])${escaped}(?=$|[/#|:])`, 'g'), `$1${to}`);
}

/** A record of community `from` as it is under `to`. */
function retarget(record: AnyRecord, from: string, to: string): Loose {
  const out: Loose = { ...record };
  for (const field of ID_FIELDS) {
    const value = out[field];
    if (typeof value === 'string') out[field] = rewriteId(value, from, to);
  }
  // Lists of such ids (a deal's pickup points).
  for (const field of ID_LIST_FIELDS) {
    const value = out[field];
    if (Array.isArray(value))
      out[field] = value.map((v) => (typeof v === 'string' ? rewriteId(v, from, to) : v));
  }
  for (const field of MESSAGE_FIELDS) delete out[field];
  return out;
}

/** Archived points entries of `from` as they are under `to` (the archive file moves outside the transaction). */
export function retargetEntries(entries: readonly LedgerEntry[], from: string, to: string): LedgerEntry[] {
  return entries.map((e) => retarget(e, from, to) as LedgerEntry);
}

function belongs(record: AnyRecord, id: string): boolean {
  const r = record as { id: string; communityId?: string };
  return r.communityId === id || r.id === id;
}

/**
 * Moves the community of group chat `from` to chat `to` (same platform), with everything it owns,
 * in tx. Pending messages of the old chat are re-addressed to the new one in every case; `live` are
 * the live messages (cards) now owed in the new chat, for the outbox to queue again.
 */
export function moveCommunity(tx: Tx, from: ChatRef, to: ChatRef, now: Date): MoveOutcome {
  const fromId = communityId(from);
  const toId = communityId(to);
  if (!tx.get('communities', fromId) || fromId === toId) {
    const moved = tx.get('chatMoves', fromId) !== undefined;
    // What is still addressed to the old chat goes to the new one, owed for the community there.
    const live = readdressMessages(tx, from, to, moved);
    if (moved || fromId === toId) return { kind: 'already_moved', to: toId, live };
    // Remembered all the same: a later event from the old chat then belongs to the new one.
    tx.put('chatMoves', { id: fromId, communityId: toId, chatId: to.chatId, at: now.toISOString() });
    return { kind: 'no_community', to: toId, live };
  }
  const moving: [CollectionName, AnyRecord, Loose][] = [];
  for (const name of Object.keys(recordSchemas) as CollectionName[]) {
    if (name === 'seen' || name === 'outbox') continue;
    for (const record of tx.tables[name].values() as IterableIterator<AnyRecord>) {
      if (belongs(record, fromId)) moving.push([name, record, retarget(record, fromId, toId)]);
    }
  }
  const collisions: string[] = [];
  const merged = moving.map(([name, record, moved]) => {
    const existing = tx.get(name, moved.id as string);
    // Its id holds no community id (a ChatMove under an older id): it is itself, not a collision.
    if (!existing || existing === record) return moved;
    const combined = mergeRecords(name, moved, existing as Loose);
    if (!combined) collisions.push(`${name}/${moved.id as string}`);
    return combined;
  });
  if (collisions.length > 0) {
    // The community stays; only its messages leave the old chat (which refuses them now).
    const live = readdressMessages(tx, from, to, false);
    return { kind: 'refused', from: fromId, to: toId, collisions, live };
  }
  const target = tx.get('communities', toId);
  moving.forEach(([name, record], i) => {
    let moved = merged[i]!;
    if (name === 'communities') {
      // The new chat's title; no longer removed (the platform moved the bot along with the group).
      const { removedAt: _removed, ...rest } = moved;
      moved = { ...rest, chatId: to.chatId, title: to.title ?? (moved.title as string) };
    }
    tx.delete(name, record.id);
    tx.put(name, moved as Records[typeof name]);
  });
  tx.put('chatMoves', { id: fromId, communityId: toId, chatId: to.chatId, at: now.toISOString() });
  // The network lists its groups by id, and the other groups name the network by its id.
  followNetworkMove(tx, fromId, toId);
  const live = readdressMessages(tx, from, to, true);
  return {
    kind: 'moved',
    from: fromId,
    to: toId,
    records: moving.length,
    merged: target !== undefined,
    live,
  };
}

/**
 * Messages owed to the old chat (the community's, and any other: a notice about missing rights)
 * now go to the new one. With `owners`, what was owed for the old community is owed for the new
 * one (its private messages stay in their private chats) and live messages take the moved keys.
 * Returns the live messages now owed in the new chat.
 */
function readdressMessages(tx: Tx, from: ChatRef, to: ChatRef, owners: boolean): OutboxMessage[] {
  const fromId = communityId(from);
  const toId = communityId(to);
  const inOld = (chat: { platform: string; chatId: string; kind: string }) =>
    chat.kind === 'group' && chat.platform === from.platform && chat.chatId === from.chatId;
  const newChat = {
    platform: to.platform,
    chatId: to.chatId,
    kind: 'group' as const,
    ...(to.title !== undefined ? { title: to.title } : {}),
  };
  const live: OutboxMessage[] = [];
  for (const record of [...tx.tables.outbox.values()]) {
    const mine = owners && record.communityId === fromId;
    const held = record.hold !== undefined && inOld(record.hold.chat);
    if (!mine && !inOld(record.chat) && !held) continue;
    const { messageId: _gone, origin, out, ...rest } = record;
    const chat = inOld(record.chat) ? newChat : record.chat;
    const key = rest.key !== undefined && owners ? rewriteId(rest.key, fromId, toId) : rest.key;
    const { messageId: _alsoGone, ...place } = origin ?? {};
    const moved: OutboxMessage = {
      ...rest,
      ...(mine ? { communityId: toId } : {}),
      chat,
      ...(key !== undefined ? { key } : {}),
      ...(record.kind === 'live' && key !== undefined ? { id: liveRecordId(chat, key) } : {}),
      ...(Object.keys(place).length > 0 ? { origin: place } : {}),
      // A reply to a message of the old chat would point at nothing.
      ...(out ? { out: out.kind === 'text' ? withoutReply(out) : out } : {}),
      ...(held ? { hold: { ...record.hold!, chat: newChat } } : {}),
    };
    tx.delete('outbox', record.id);
    const put = tx.put('outbox', moved);
    if (put.kind === 'live' && inOld(record.chat)) live.push(put);
  }
  return live;
}

function withoutReply<T extends { replyTo?: string }>(out: T): T {
  const { replyTo: _gone, ...rest } = out;
  return rest as T;
}
