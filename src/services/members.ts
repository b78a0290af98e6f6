import { isoTime } from '../core/clock.js';
import type { CommunityDefaults } from '../core/community-records.js';
import type { ChatRef, Role, UserRef } from '../core/events.js';
import { localDay, localHour } from '../core/format.js';
import { communityId, memberId } from '../store/ids.js';
import type { Arrival, Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/** Community and member bookkeeping: who is in which group, since when, how active. */

// The ids are the store's; the services and commands reach them here with the rest of the bookkeeping.
export { communityId, memberId };

/** A new community's timezone when none is configured: a Chinese group runs on Beijing time, others on UTC. */
export function defaultTimezone(locale: 'en' | 'zh'): string {
  return locale === 'zh' ? 'Asia/Shanghai' : 'UTC';
}

/** The community of a group chat, created the first time the bot sees it. */
export function ensureCommunity(tx: Tx, chat: ChatRef, defaults: CommunityDefaults, now: Date): Community {
  const id = communityId(chat);
  const existing = tx.get('communities', id);
  const title = chat.title ?? existing?.title ?? chat.chatId;
  if (existing && existing.title === title) return existing;
  if (existing) return tx.put('communities', { ...existing, title });
  return tx.put('communities', {
    id,
    platform: chat.platform,
    chatId: chat.chatId,
    title,
    locale: defaults.locale,
    timezone: defaults.timezone ?? defaultTimezone(defaults.locale),
    createdAt: now.toISOString(),
    settings: {},
  });
}

function baseMember(community: Community, user: UserRef, now: Date): Member {
  return {
    id: memberId(community.id, user.id),
    communityId: community.id,
    userId: user.id,
    name: user.name,
    status: 'active',
    role: 'member',
    firstSeen: isoTime(now),
    messageCount: 0,
    points: 0,
    streak: 0,
  };
}

/** The member record, created (as someone who was already here) if the bot has not seen them yet. */
export function ensureMember(tx: Tx, communityId: string, userId: string, now: Date): Member | undefined {
  const existing = tx.get('members', memberId(communityId, userId));
  if (existing) return existing;
  const community = tx.get('communities', communityId);
  if (!community) return undefined;
  return tx.put('members', baseMember(community, { id: userId, name: userId }, now));
}

/**
 * Keeps who is in a group as the platform listed them, the first time it does (the bot just
 * arrived, or just started watching): they were there before the bot. Later lists change nothing,
 * since someone on them may have joined meanwhile. Returns the list kept (the earlier one, if any).
 */
export function recordArrival(tx: Tx, communityId: string, userIds: readonly string[], now: Date): Arrival {
  return (
    tx.get('arrivals', communityId) ??
    tx.put('arrivals', { id: communityId, communityId, at: now.toISOString(), userIds: [...userIds] })
  );
}

/**
 * Someone the bot sees for the first time in a community. Where the platform listed who was there
 * when the bot arrived, anyone not on that list joined since, even if the join was never reported
 * (a WeChat QR-code join): a new member, joined now. Elsewhere an unknown sender was already there.
 */
function firstSight(tx: Tx, community: Community, user: UserRef, now: Date): Member {
  const member = baseMember(community, user, now);
  const arrival = tx.get('arrivals', community.id);
  return arrival && !arrival.userIds.includes(user.id) ? { ...member, joinedAt: member.firstSeen } : member;
}

/**
 * A message from a member: counts it and moves their last-active time. Unknown senders: see firstSight.
 * `edited`: an edit of an earlier message, which is no new message: the member is seen (name, role,
 * in the group) but their message count, daily activity and last-active time stay as they were.
 */
export function recordMessage(
  tx: Tx,
  community: Community,
  user: UserRef,
  role: Role,
  now: Date,
  edited = false,
): Member {
  const previous = tx.get('members', memberId(community.id, user.id)) ?? firstSight(tx, community, user, now);
  if (edited)
    return tx.put('members', { ...previous, name: user.name || previous.name, status: 'active', role });
  const day = localDay(now, community.timezone);
  const bucketId = `${previous.id}|${day}`;
  const bucket = tx.get('activity', bucketId);
  tx.put('activity', {
    id: bucketId,
    communityId: community.id,
    userId: user.id,
    day,
    messages: (bucket?.messages ?? 0) + 1,
    hours: withHour(bucket?.hours, localHour(now, community.timezone)),
  });
  return tx.put('members', {
    ...previous,
    name: user.name || previous.name,
    // A member who speaks is in the group, whatever we last saw.
    status: 'active',
    role,
    lastMessageAt: isoTime(now),
    messageCount: previous.messageCount + 1,
  });
}

/**
 * A day's per-hour message counts with one more in `hour` (local, 0–23). A day counted before hours
 * were kept starts them now: its hours then sum to fewer than its messages.
 */
function withHour(hours: readonly number[] | undefined, hour: number): number[] {
  const counted = hours ? [...hours] : new Array<number>(24).fill(0);
  counted[hour] = (counted[hour] ?? 0) + 1;
  return counted;
}

/** A join: first join records the inviter; a rejoin keeps the original one (attribution is never reassigned). */
export function recordJoin(
  tx: Tx,
  community: Community,
  user: UserRef,
  inviter: string | undefined,
  now: Date,
) {
  const previous = tx.get('members', memberId(community.id, user.id));
  const rejoin = previous !== undefined;
  const member = tx.put('members', {
    ...(previous ?? baseMember(community, user, now)),
    name: user.name || previous?.name || user.id,
    status: 'active',
    joinedAt: now.toISOString(),
    leftAt: undefined,
    invitedBy: previous ? previous.invitedBy : inviter !== user.id ? inviter : undefined,
  });
  return { member, rejoin };
}

export function recordLeave(
  tx: Tx,
  community: Community,
  user: UserRef,
  removed: boolean,
  now: Date,
): Member {
  const previous = tx.get('members', memberId(community.id, user.id)) ?? baseMember(community, user, now);
  return tx.put('members', { ...previous, status: removed ? 'removed' : 'left', leftAt: now.toISOString() });
}

export function activeMembers(tables: Tables, community: string): Member[] {
  return tables.members.by('community', community).filter((m) => m.status === 'active');
}

/** Communities on a platform where this user is an active member (for commands sent in private). */
export function communitiesOf(tables: Tables, platform: string, userId: string): Community[] {
  return [...tables.communities.values()].filter(
    (c) => c.platform === platform && tables.members.get(memberId(c.id, userId))?.status === 'active',
  );
}

// Members by name (`/award @Alice (2)`): member-names.ts.
