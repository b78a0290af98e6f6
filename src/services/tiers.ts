import { z } from 'zod';
import { localDay } from '../core/format.js';
import type { Community, Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { defineSetting, getSetting } from './settings.js';

/** The member pyramid (核心 / 普通 / 边缘) by recent messages and orders. */
export type Tier = 'core' | 'ordinary' | 'marginal';

const days = z.coerce.number().int().min(1).max(365);

export const coreDaysSetting = defineSetting({
  key: 'tier.core_days',
  schema: days,
  default: 30,
});
export const coreMessagesSetting = defineSetting({
  key: 'tier.core_messages',
  schema: z.coerce.number().int().min(1).max(100_000),
  default: 20,
});
export const marginalDaysSetting = defineSetting({
  key: 'tier.marginal_days',
  schema: days,
  default: 14,
});

const DAY = 86_400_000;

/** When the member last ordered in this community (any order line, cancelled or not). */
export function lastOrderAt(tables: Tables, member: Member): string | undefined {
  let last: string | undefined;
  for (const order of tables.orders.by('buyer', member.id))
    if (!last || order.createdAt > last) last = order.createdAt;
  return last;
}

/** Messages the member sent on the local days from `since` to today. */
export function messagesSince(tables: Tables, community: Community, member: Member, since: Date): number {
  const first = localDay(since, community.timezone);
  let total = 0;
  for (const bucket of tables.activity.by('member', member.id))
    if (bucket.day >= first) total += bucket.messages;
  return total;
}

/** Last time the member spoke or ordered (joining counts as a start). */
export function lastActiveAt(tables: Tables, member: Member): string | undefined {
  const candidates = [member.lastMessageAt, lastOrderAt(tables, member), member.joinedAt].filter(
    (x): x is string => x !== undefined,
  );
  return candidates.sort().at(-1);
}

export function tierOf(tables: Tables, community: Community, member: Member, now: Date): Tier {
  const coreSince = new Date(now.getTime() - getSetting(community, coreDaysSetting) * DAY);
  const ordered = lastOrderAt(tables, member);
  if (ordered && Date.parse(ordered) >= coreSince.getTime()) return 'core';
  if (messagesSince(tables, community, member, coreSince) >= getSetting(community, coreMessagesSetting))
    return 'core';
  const active = lastActiveAt(tables, member) ?? member.firstSeen;
  if (now.getTime() - Date.parse(active) >= getSetting(community, marginalDaysSetting) * DAY)
    return 'marginal';
  return 'ordinary';
}
