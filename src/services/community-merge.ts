import type { CollectionName } from '../store/schema.js';

/**
 * When a community moves to a chat that already has one (Telegram: someone used the bot in the new
 * supergroup before the upgrade's message reached it), the two meet. The merge is conservative:
 * only what people's messages create by themselves (the community record, members and their
 * counters, activity, job and digest markers, points rollups) is combined, by the rules below.
 * Any other record under the same id in both (the new chat's own deal #1, a points entry for the
 * same check-in) cannot be combined without losing or doubling something, so the caller moves
 * nothing and says so (src/services/community-move.ts, kind `refused`).
 */

type Loose = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
/** Two ISO times, either may be absent, in order (ISO strings sort as the times they name). */
const inOrder = (a: unknown, b: unknown): string[] =>
  [a, b].filter((t): t is string => typeof t === 'string').sort();
const earlier = (a: unknown, b: unknown): string | undefined => inOrder(a, b)[0];
const later = (a: unknown, b: unknown): string | undefined => inOrder(a, b).at(-1);

/** Drops undefined fields, so an absent optional stays absent. */
function defined(record: Loose): Loose {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/**
 * The record `moving` (the old community's, ids already rewritten) combined with `existing` (the
 * new chat's, same id), or undefined where the collection has no rule for it.
 */
export function mergeRecords(name: CollectionName, moving: Loose, existing: Loose): Loose | undefined {
  switch (name) {
    case 'communities':
      // What the admins set up over the group's life wins; a setting only made in the new chat stays.
      return {
        ...moving,
        settings: { ...(existing.settings as Loose), ...(moving.settings as Loose) },
      };
    case 'members': {
      // The old record keeps the history (inviter, points, streak, profile); the new one is the
      // latest sight of the person (name, role, presence). Points add up: both ledgers move along.
      const active = existing.status === 'active';
      return defined({
        ...moving,
        name: existing.name,
        role: existing.role,
        status: existing.status,
        leftAt: active ? undefined : later(moving.leftAt, existing.leftAt),
        firstSeen: earlier(moving.firstSeen, existing.firstSeen),
        joinedAt: moving.joinedAt ?? existing.joinedAt,
        lastMessageAt: later(moving.lastMessageAt, existing.lastMessageAt),
        messageCount: num(moving.messageCount) + num(existing.messageCount),
        points: num(moving.points) + num(existing.points),
        archivedPoints: optionalSum(moving.archivedPoints, existing.archivedPoints),
        archivedEarned: optionalSum(moving.archivedEarned, existing.archivedEarned),
        archivedEntries: optionalSum(moving.archivedEntries, existing.archivedEntries),
        invitedBy: moving.invitedBy ?? existing.invitedBy,
        profile: moving.profile ?? existing.profile,
      });
    }
    case 'activity':
      return { ...moving, messages: num(moving.messages) + num(existing.messages) };
    case 'ledgerRollups':
      return {
        ...moving,
        delta: num(moving.delta) + num(existing.delta),
        entries: num(moving.entries) + num(existing.entries),
      };
    case 'paymentInfo':
      // Payment instructions set up on both sides: the latest is what the leader means now. A record
      // holding only a `/pay setup` wait (no text, no picture) never replaces instructions.
      if (!hasInstructions(moving) && hasInstructions(existing)) return existing;
      if (!hasInstructions(existing) && hasInstructions(moving)) return moving;
      return (moving.at as string) >= (existing.at as string) ? moving : existing;
    case 'jobRuns':
    case 'reportDigests':
      // A slot either side handled is handled: the later marker.
      return (moving.lastSlot as string) >= (existing.lastSlot as string) ? moving : existing;
    default:
      return undefined;
  }
}

/** Whether a paymentInfo record holds instructions (a text or a picture), not only a wait. */
function hasInstructions(info: Loose): boolean {
  return (info.text !== undefined && info.text !== '') || info.image !== undefined;
}

function optionalSum(a: unknown, b: unknown): number | undefined {
  return a === undefined && b === undefined ? undefined : num(a) + num(b);
}
