/**
 * The private messages of a notice sent to several members (a payment reminder, a pickup
 * reminder): which outcomes are still awaited, and who the platform refused. Members refused are
 * mentioned in ONE group message once every private message of the notice has an outcome.
 */

/** A notice's record fields that track its private messages (platform user ids). */
export interface AwaitedMessages {
  /** Private messages still without an outcome. */
  pending: string[];
  /** Members refused privately, to mention in the group once nothing is pending. */
  unreachable: string[];
}

/**
 * One private message's outcome applied to a notice: the record to store, and the members to
 * mention in the group when this was the last outcome awaited and someone was refused (they are
 * taken off the record: mentioned once; empty otherwise). Undefined when the notice was not
 * awaiting this member (a redelivered outcome, or an unknown notice): nothing to store.
 */
export function settleAwaited<N extends AwaitedMessages>(
  notice: N | undefined,
  userId: string,
  reached: boolean,
): { record: N; mention: string[] } | undefined {
  if (!notice?.pending.includes(userId)) return undefined;
  const pending = notice.pending.filter((u) => u !== userId);
  const unreachable = reached ? notice.unreachable : [...notice.unreachable, userId];
  if (pending.length > 0 || unreachable.length === 0)
    return { record: { ...notice, pending, unreachable }, mention: [] };
  return { record: { ...notice, pending, unreachable: [] }, mention: unreachable };
}
