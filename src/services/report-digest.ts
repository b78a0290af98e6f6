import { DateTime } from 'luxon';
import type { Community } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { botAbsent } from './community-presence.js';
import { defineSetting, getSetting, onOff } from './settings.js';

/** The weekly digest: the 7-day report posted to the group on Mondays at 09:00 community time. */
export const weeklyReportSetting = defineSetting({
  key: 'report.weekly',
  schema: onOff,
  default: false,
});

/** The latest Monday 09:00 in the community's timezone at or before now. */
export function latestDigestSlot(timezone: string, now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  let slot = local.startOf('week').set({ hour: 9 }); // luxon weeks start on Monday
  if (slot > local) slot = slot.minus({ weeks: 1 });
  return slot.toJSDate();
}

export type DigestStep =
  /** Turned on since the last slot: remember this slot, post from the next one on. */
  | { kind: 'arm'; community: Community; slot: string }
  | { kind: 'post'; community: Community; slot: string }
  /** Turned off: forget the marker, so turning it on again starts afresh. */
  | { kind: 'disarm'; community: Community };

/**
 * What the weekly sweep must do now. Each slot is handled once per community, also across
 * restarts (the marker is in the store); a slot missed while the bot was down is posted late,
 * once, at the first sweep after start.
 */
export function dueDigests(tables: Tables, now: Date): DigestStep[] {
  const steps: DigestStep[] = [];
  for (const community of tables.communities.values()) {
    // Removed from the group: a digest missed meanwhile is posted once when the bot is back.
    if (botAbsent(community)) continue;
    const marker = tables.reportDigests.get(community.id);
    if (!getSetting(community, weeklyReportSetting)) {
      if (marker) steps.push({ kind: 'disarm', community });
      continue;
    }
    const slot = latestDigestSlot(community.timezone, now).toISOString();
    if (!marker) steps.push({ kind: 'arm', community, slot });
    else if (marker.lastSlot < slot) steps.push({ kind: 'post', community, slot });
  }
  return steps;
}

/** Records that a step was handled (before anything is posted: a crash then skips a digest rather than doubling it). */
export function recordDigest(tx: Tx, step: DigestStep, now: Date): void {
  if (step.kind === 'disarm') {
    tx.delete('reportDigests', step.community.id);
    return;
  }
  tx.put('reportDigests', {
    id: step.community.id,
    communityId: step.community.id,
    lastSlot: step.slot,
    ...(step.kind === 'post' ? { postedAt: now.toISOString() } : {}),
  });
}
