import { createHash } from 'node:crypto';
import { mergeLedger } from '../store/ledger-archive.js';
import type { CollectionName, Community, LedgerEntry, Member, Records } from '../store/schema.js';
import { recordSchemas } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { withdrawAll } from './consent.js';
import { endDealPhotoWaitsOf } from './deal-photo-waits.js';
import { memberId } from './members.js';
import { endPaymentImageWaitOf } from './payment-info.js';
import { forgetReviewActor } from './reviews.js';

/** Data rights: what is stored about a member, forgetting it, and consented profile tags. */

/** A stable stand-in for a forgotten member: the same input always gives the same pseudonym. */
export function pseudonym(communityId: string, userId: string): string {
  return `anon-${createHash('sha256').update(`${communityId}\u0000${userId}`).digest('hex').slice(0, 10)}`;
}

type AnyRecord = Records[CollectionName];

/** Does this record belong to (or mention) the user in this community? */
function mentions(
  record: Record<string, unknown>,
  communityId: string,
  userId: string,
  pattern: RegExp,
): boolean {
  if (record.communityId !== communityId && record.id !== communityId) return false;
  return Object.values(record).some((v) => v === userId || (typeof v === 'string' && pattern.test(v)));
}

function escaped(userId: string): string {
  return userId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function idPattern(userId: string): RegExp {
  // The user id as one segment of a compound id (`memory:main/alice|2026-11-25`, `…#3/alice`).
  return new RegExp(`(^|[/:|])${escaped(userId)}($|[/:|])`);
}

/**
 * The user id inside a processed event's id: a private chat's id is the user's on Telegram and
 * WeChat (`telegram:42:message:42:7`), and a join's event id names who joined (`…:member_joined:42@…`).
 */
function seenPattern(userId: string): RegExp {
  return new RegExp(`(^|[/:|@])${escaped(userId)}($|[/:|@])`);
}

/** Does a list field (a topic post's participants, a room's first member list) hold the user? */
function listsUser(record: Record<string, unknown>, communityId: string, userId: string): boolean {
  if (record.communityId !== communityId && record.id !== communityId) return false;
  return Object.values(record).some((v) => Array.isArray(v) && v.includes(userId));
}

/**
 * Everything stored about a member in a community, by collection (for /mydata). `archived` is the
 * community's ledger archive (readArchive): the member's archived entries join their live ones.
 */
export function collectMemberData(
  tables: Tables,
  communityId: string,
  userId: string,
  archived: LedgerEntry[] = [],
): Record<string, unknown[]> {
  const pattern = idPattern(userId);
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(recordSchemas) as CollectionName[]) {
    if (name === 'communities' || name === 'seen') continue;
    const rows = [...(tables[name].values() as IterableIterator<AnyRecord>)].filter((r) =>
      mentions(r as unknown as Record<string, unknown>, communityId, userId, pattern),
    );
    if (rows.length) out[name] = rows;
  }
  const old = archived.filter((e) =>
    mentions(e as unknown as Record<string, unknown>, communityId, userId, pattern),
  );
  const ledger = mergeLedger((out.ledger ?? []) as LedgerEntry[], old);
  if (ledger.length) out.ledger = ledger;
  return out;
}

/**
 * The archive's side of /forget: the member's archived entries rewritten under the pseudonym, as
 * forgetMember rewrites the live ones. Pass to rewriteArchive (which writes temp, fsync, rename).
 */
export function forgetArchived(entries: LedgerEntry[], communityId: string, userId: string): LedgerEntry[] {
  const anon = pseudonym(communityId, userId);
  const pattern = idPattern(userId);
  return entries.map((e) =>
    mentions(e as unknown as Record<string, unknown>, communityId, userId, pattern)
      ? (rewrite(
          e as unknown as Record<string, unknown>,
          userId,
          anon,
          undefined,
          pattern,
        ) as unknown as LedgerEntry)
      : e,
  );
}

export interface ForgetOutcome {
  pseudonym: string;
  changed: number;
  deleted: number;
}

/**
 * Forgets a member in one community: personal data (name, message counts, profile, invites,
 * notes, reviews, category subscriptions and the private offers sent for them) is deleted; what the
 * group's accounts still need (orders, points entries, referrals, daily activity totals without
 * their per-hour counts) stays under a pseudonym, so report totals do not change. Every purpose they had on is withdrawn first (an entry
 * with via `forget`, at `now`), and their consent entries stay under the pseudonym too: the proof of
 * what was agreed and when.
 */
export function forgetMember(tx: Tx, community: Community, userId: string, now: Date): ForgetOutcome {
  // The journal and the snapshot must not keep the records replaced here (see Tx.erasesPersonalData).
  tx.erasesPersonalData();
  withdrawAll(tx, community.id, userId, now, 'forget');
  let anon = pseudonym(community.id, userId);
  // Forgotten before and come back under the same id: a fresh pseudonym, or this forget would
  // write over the first one's anonymised records (orders, member, ledger keys).
  for (let n = 2; tx.get('members', memberId(community.id, anon)); n++)
    anon = `${pseudonym(community.id, userId)}-${n}`;
  const pattern = idPattern(userId);
  const member = tx.get('members', memberId(community.id, userId));
  const name = member?.name;
  let changed = 0;
  let deleted = 0;
  for (const collection of Object.keys(recordSchemas) as CollectionName[]) {
    if (collection === 'communities') continue;
    if (collection === 'seen') {
      deleted += forgetSeen(tx, community.platform, userId);
      continue;
    }
    if (collection === 'outbox') {
      deleted += forgetPendingMessages(tx, community.id, userId);
      continue;
    }
    const rows = [...(tx.tables[collection].values() as IterableIterator<AnyRecord>)].filter(
      (r) =>
        mentions(r as unknown as Record<string, unknown>, community.id, userId, pattern) ||
        listsUser(r as unknown as Record<string, unknown>, community.id, userId),
    );
    for (const row of rows) {
      // Their reviews are their words and pictures: deleted, stars too (averages then leave them out).
      const own = (row as { userId?: unknown }).userId === userId;
      // So are their dashboard login links and sessions: nothing of theirs to keep for the group.
      if (
        (collection === 'invites' ||
          collection === 'reviews' ||
          collection === 'subscriptions' ||
          collection === 'offers' ||
          collection === 'dashboardLinks' ||
          collection === 'dashboardSessions') &&
        own
      ) {
        tx.delete(collection, row.id);
        deleted++;
        continue;
      }
      const rewritten = rewrite(row as unknown as Record<string, unknown>, userId, anon, name, pattern);
      if (collection === 'members' && rewritten.userId === anon) {
        Object.assign(rewritten, { messageCount: 0, profile: undefined, lastCheckinDay: undefined });
      }
      // Their daily message totals stay for the group's figures, but not in which hours they talked:
      // a per-member rhythm of the day is theirs, not the accounts'.
      if (collection === 'activity' && (row as Records['activity']).userId === userId) delete rewritten.hours;
      // The note is their words; the screenshot's file goes with /forget (commands/privacy.ts).
      if (collection === 'orders') {
        delete rewritten.note;
        delete rewritten.claimProof;
      }
      // An after-sales ticket's complaint and pictures are theirs (the files go with /forget too).
      if (collection === 'tickets' && (row as Records['tickets']).userId === userId) {
        rewritten.reason = '';
        rewritten.photos = [];
      }
      const entry = row as Records['audit'];
      if (collection === 'audit' && entry.action === 'ticket_opened' && entry.userId === userId)
        delete rewritten.reason;
      if (rewritten.id !== row.id) tx.delete(collection, row.id);
      tx.put(collection, rewritten as unknown as Records[typeof collection]);
      changed++;
    }
  }
  forgetReviewActor(tx, community.id, userId, anon);
  // Their waits for a picture (deal photos, the payment code) hold their id in a nested field.
  endDealPhotoWaitsOf(tx, community.id, userId);
  endPaymentImageWaitOf(tx, community.id, userId);
  return { pseudonym: anon, changed, deleted };
}

/**
 * Processed event ids that name the member (their private chat, their join): kept only to drop a
 * redelivered event, so deleting them costs at most handling one such event again.
 */
function forgetSeen(tx: Tx, platform: string, userId: string): number {
  const pattern = seenPattern(userId);
  const mine = [...tx.tables.seen.values()].filter(
    (s) => s.id.startsWith(`${platform}:`) && pattern.test(s.id),
  );
  for (const seen of mine) tx.delete('seen', seen.id);
  return mine.length;
}

/**
 * Messages still waiting to go to the member privately (a file kept for them, a warning) are
 * their personal data: deleted, never sent. What the group is owed stays the group's (a card is
 * re-rendered from the state, which no longer names them).
 */
function forgetPendingMessages(tx: Tx, communityId: string, userId: string): number {
  const mine = [...tx.tables.outbox.values()].filter(
    (m) => m.communityId === communityId && m.userId === userId,
  );
  for (const message of mine) tx.delete('outbox', message.id);
  return mine.length;
}

function rewrite(
  record: Record<string, unknown>,
  userId: string,
  anon: string,
  name: string | undefined,
  pattern: RegExp,
): Record<string, unknown> {
  const global = new RegExp(pattern.source, 'g');
  const out: Record<string, unknown> = {};
  // A record of the member's own (an order, an audit line) may carry a name they no longer use.
  const own = record.userId === userId;
  for (const [key, value] of Object.entries(record)) {
    if (value === userId || (key === 'name' && (value === name || own))) out[key] = anon;
    else if (typeof value === 'string') out[key] = value.replace(global, `$1${anon}$2`);
    else if (Array.isArray(value)) out[key] = value.map((v) => (v === userId ? anon : v));
    else out[key] = value;
  }
  return out;
}

export interface ProfileInput {
  interests?: string[];
  area?: string;
}

/** Sets the member's own tags; setting them is the consent, recorded with its time. */
export function setProfile(tx: Tx, member: Member, input: ProfileInput, now: Date): Member {
  const previous = member.profile;
  return tx.put('members', {
    ...member,
    profile: {
      interests: input.interests ?? previous?.interests ?? [],
      ...(input.area !== undefined ? { area: input.area } : previous?.area ? { area: previous.area } : {}),
      consentAt: now.toISOString(),
    },
  });
}

export function clearProfile(tx: Tx, member: Member): Member {
  return tx.put('members', { ...member, profile: undefined });
}

/** Whether a deal matches a member's tags (used only when the member set them). */
export function matchesProfile(member: Member | undefined, text: string): boolean {
  const profile = member?.profile;
  if (!profile) return false;
  const haystack = text.toLowerCase();
  const words = [...profile.interests, ...(profile.area ? [profile.area] : [])].map((w) => w.toLowerCase());
  return words.some((w) => w.length > 0 && haystack.includes(w));
}
