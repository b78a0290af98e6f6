import { localDay } from '../core/format.js';
import type { LedgerEntry, Member } from './schema.js';
import type { Tables } from './tables.js';
import type { Tx } from './tx.js';

/**
 * Which points entries leave memory at compaction, and the transaction that removes them while
 * keeping what the live code needs: each member's archived sums, and per community, local day and
 * reason a rollup for reports on old periods.
 *
 * Idempotency across archiving: credit() refuses a key already in the live ledger, and an archived
 * key is no longer there. That is safe because no ledger key can come back after the archive age
 * (60 days):
 * - `checkin:<member>:<day>` and `…:streak` carry the local day: an old day never returns;
 * - `topic:<post>:<user>` is paid when a prompt's window settles (once, `settled` on the post);
 * - `order:<order>` and `ref_order:…`/`welcome:…`/`ref_join:…` are guarded by their record's own
 *   state (the deal's close, the referral's status and orderRewardAt), which never goes back;
 * - `redeem:`/`refund:` keys carry the order's pointsRevision, bumped at each redemption/refund;
 * - `award:`/`deduct:` keys carry the event id of the admin's message, and a redelivered event is
 *   dropped by the seen-id check (kept 7 days, far less than 60).
 * tests/store/ledger-archive.test.ts proves a redelivery after archiving pays nothing.
 */

/** Live entries older than cutoff (ISO), by community. */
export function dueForArchive(tables: Tables, cutoff: string): Map<string, LedgerEntry[]> {
  const due = new Map<string, LedgerEntry[]>();
  for (const entry of tables.ledger.values()) {
    if (entry.at >= cutoff) continue;
    let list = due.get(entry.communityId);
    if (!list) {
      list = [];
      due.set(entry.communityId, list);
    }
    list.push(entry);
  }
  return due;
}

/** Removes archived entries still live and moves their sums onto members and day rollups. */
export function removeArchived(tx: Tx, communityId: string, entries: LedgerEntry[]): number {
  const timezone = tx.get('communities', communityId)?.timezone ?? 'UTC';
  const members = new Map<string, { points: number; earned: number; entries: number }>();
  const rollups = new Map<
    string,
    { day: string; reason: LedgerEntry['reason']; delta: number; entries: number }
  >();
  let removed = 0;
  for (const archived of entries) {
    // Use the live record: it may have changed since the archive line was written (a /forget).
    const entry = tx.get('ledger', archived.id);
    if (!entry) continue;
    tx.delete('ledger', entry.id);
    removed++;
    const memberKey = `${entry.communityId}/${entry.userId}`;
    const sums = members.get(memberKey) ?? { points: 0, earned: 0, entries: 0 };
    sums.points += entry.delta;
    if (entry.delta > 0 && entry.reason !== 'refund') sums.earned += entry.delta;
    sums.entries++;
    members.set(memberKey, sums);
    const day = localDay(new Date(entry.at), timezone);
    const rollupKey = `${entry.communityId}|${day}|${entry.reason}`;
    const rollup = rollups.get(rollupKey) ?? { day, reason: entry.reason, delta: 0, entries: 0 };
    rollup.delta += entry.delta;
    rollup.entries++;
    rollups.set(rollupKey, rollup);
  }
  for (const [id, sums] of members) {
    const member: Member | undefined = tx.get('members', id);
    if (!member) continue;
    tx.put('members', {
      ...member,
      archivedPoints: (member.archivedPoints ?? 0) + sums.points,
      archivedEarned: (member.archivedEarned ?? 0) + sums.earned,
      archivedEntries: (member.archivedEntries ?? 0) + sums.entries,
    });
  }
  for (const [id, r] of rollups) {
    const previous = tx.get('ledgerRollups', id);
    tx.put('ledgerRollups', {
      id,
      communityId,
      day: r.day,
      reason: r.reason,
      delta: (previous?.delta ?? 0) + r.delta,
      entries: (previous?.entries ?? 0) + r.entries,
    });
  }
  return removed;
}
