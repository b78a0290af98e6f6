import { type Community, type Deal, isOpen, type Network, type NetworkInvite } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';
import { networkOf, shareDeals } from './network.js';
import { randomCode, readCode } from './pickup-codes.js';

/**
 * Linking and unlinking groups into a leader's network (see src/services/network.ts): an admin of
 * group A asks for a one-time code (`/network add`, sent to them privately), an admin of group B
 * confirms by sending it in B (`/network join CODE`). Both are admins of their own group, so each
 * group's side is confirmed by one of its admins. Leaving unlinks one group; its history (deals,
 * orders, members) stays where it is. Every change is written to each group's audit log.
 */

/** At most this many groups in one network: a shared deal posts and updates a card in each. */
export const MAX_NETWORK_GROUPS = 10;
/** A code is good for one link within this long (ms): 24 hours. */
export const NETWORK_CODE_TTL_MS = 24 * 3_600_000;

/** Who acts: the admin's platform user id and display name. */
export interface NetworkActor {
  userId: string;
  name: string;
}

export type InviteOutcome =
  | { kind: 'code'; invite: NetworkInvite }
  /** The group's network already holds MAX_NETWORK_GROUPS groups. */
  | { kind: 'full'; max: number };

export type JoinOutcome =
  /** Linked: `network` as it is now; `created` when A's network was made by this link. */
  | { kind: 'linked'; network: Network; from: Community; created: boolean }
  /** No such code (a typo, or not a code at all). */
  | { kind: 'unknown' }
  | { kind: 'expired'; invite: NetworkInvite }
  | { kind: 'used'; invite: NetworkInvite }
  /** The code was made in this very group. */
  | { kind: 'same_group' }
  /** The code's group is on another platform: its admins' ids say nothing about this one's. */
  | { kind: 'other_platform'; from: Community }
  /** The code's group has removed the bot (or is gone): it can share nothing now. */
  | { kind: 'removed'; from: Community | undefined }
  /** This group is already linked with the code's group. */
  | { kind: 'already_linked'; network: Network }
  /** This group is in another network: it leaves that one first. */
  | { kind: 'in_other_network'; network: Network }
  | { kind: 'full'; max: number };

export type LeaveOutcome =
  /**
   * Unlinked. `others`: the groups it was linked with (still linked with each other, or, when the
   * network was `dissolved`, the one group left alone and unlinked too).
   */
  | { kind: 'left'; others: Community[]; dissolved: boolean }
  | { kind: 'not_linked' }
  /** Open shared deals (this group's deal of each share) to close or cancel first. */
  | { kind: 'open_shared_deals'; deals: Deal[] };

/** A new one-time code for linking another group with `community`; good for NETWORK_CODE_TTL_MS. */
export function createNetworkInvite(
  tx: Tx,
  community: Community,
  actor: NetworkActor,
  now: Date,
): InviteOutcome {
  const network = networkOf(tx.tables, community.id);
  if (network && network.communityIds.length >= MAX_NETWORK_GROUPS)
    return { kind: 'full', max: MAX_NETWORK_GROUPS };
  // Spent and expired codes of this group go when it makes a new one: /audit keeps that they were
  // made and used, and a code is no record worth keeping (it names the admin who asked).
  for (const old of tx.tables.networkInvites.by('community', community.id))
    if (old.usedAt || Date.parse(old.expiresAt) <= now.getTime()) tx.delete('networkInvites', old.id);
  let code = randomCode();
  // Codes are ids across every group of the bot: draw again on the rare collision.
  while (tx.get('networkInvites', code)) code = randomCode();
  const at = now.toISOString();
  const invite = tx.put('networkInvites', {
    id: code,
    communityId: community.id,
    createdBy: actor.userId,
    createdAt: at,
    expiresAt: new Date(now.getTime() + NETWORK_CODE_TTL_MS).toISOString(),
  });
  // The code itself stays out of the log: it links a group until used.
  writeAudit(tx, actor.userId, {
    communityId: community.id,
    at,
    action: 'network_code',
    userId: actor.userId,
    name: actor.name,
    by: actor.userId,
  });
  return { kind: 'code', invite };
}

/** The code as typed (`k7m 4qx`, full width): the invite it names, if it can be a code at all. */
export function findNetworkInvite(tables: Tables, typed: string): NetworkInvite | undefined {
  const code = readCode(typed);
  return code === undefined ? undefined : tables.networkInvites.get(code);
}

/** Links `community` (group B) with the group of code `typed` (group A): checks, then links. */
export function joinNetwork(
  tx: Tx,
  community: Community,
  typed: string,
  actor: NetworkActor,
  now: Date,
): JoinOutcome {
  const invite = findNetworkInvite(tx.tables, typed);
  if (!invite) return { kind: 'unknown' };
  if (invite.usedAt) return { kind: 'used', invite };
  if (invite.expiresAt <= now.toISOString()) return { kind: 'expired', invite };
  if (invite.communityId === community.id) return { kind: 'same_group' };
  const from = tx.get('communities', invite.communityId);
  if (!from || from.removedAt) return { kind: 'removed', from };
  if (from.platform !== community.platform) return { kind: 'other_platform', from };
  const mine = networkOf(tx.tables, community.id);
  const theirs = networkOf(tx.tables, from.id);
  if (mine && mine.id === theirs?.id) return { kind: 'already_linked', network: mine };
  if (mine) return { kind: 'in_other_network', network: mine };
  if (theirs && theirs.communityIds.length >= MAX_NETWORK_GROUPS)
    return { kind: 'full', max: MAX_NETWORK_GROUPS };
  const at = now.toISOString();
  const network = tx.put(
    'networks',
    theirs
      ? { ...theirs, communityIds: [...theirs.communityIds, community.id] }
      : {
          id: newNetworkId(tx.tables, from.id),
          communityId: from.id,
          platform: from.platform,
          communityIds: [from.id, community.id],
          createdBy: invite.createdBy,
          createdAt: at,
        },
  );
  if (!theirs) tx.put('communities', { ...from, networkId: network.id });
  tx.put('communities', { ...community, networkId: network.id });
  tx.put('networkInvites', { ...invite, usedAt: at, usedBy: community.id });
  // Each group's log says it: the admin who confirmed here, and the other group by name.
  for (const [here, other] of [
    [community, from],
    [from, community],
  ] as const)
    writeAudit(tx, other.id, {
      communityId: here.id,
      at,
      action: 'network_linked',
      userId: actor.userId,
      name: actor.name,
      by: actor.userId,
      ref: other.id,
      reason: other.title,
    });
  return { kind: 'linked', network, from, created: !theirs };
}

/** `${home}|net|${n}`: the next number not taken by a network started from that group. */
function newNetworkId(tables: Tables, homeId: string): string {
  let n = 1;
  while (tables.networks.get(`${homeId}|net|${n}`)) n++;
  return `${homeId}|net|${n}`;
}

/**
 * This group's deals shared with other groups (Deal.shareId) of which any group's deal is open (or scheduled): the share's
 * stock and order book span the groups, so the group cannot leave while one is open.
 */
export function openSharedDeals(tables: Tables, communityId: string): Deal[] {
  return tables.deals
    .by('community', communityId)
    .filter(
      (d) =>
        d.shareId !== undefined &&
        // Any deal of the share still open counts, this group's own closed or not (a group
        // whose deal closed early still shares that share's stock and order book).
        shareDeals(tables, d).filter((x) => isOpen(x) || x.status === 'scheduled').length > 0 &&
        shareDeals(tables, d).length > 1,
    )
    .sort((a, b) => a.no - b.no);
}

/**
 * Unlinks `community` from its network. Its deals, orders and members stay with it. A network
 * left with one group is dissolved: its record is deleted and that group is unlinked too (the
 * audit log of each group keeps the story). When the home leaves, the next group becomes it.
 */
export function leaveNetwork(tx: Tx, community: Community, actor: NetworkActor, now: Date): LeaveOutcome {
  const network = networkOf(tx.tables, community.id);
  if (!network) return { kind: 'not_linked' };
  const open = openSharedDeals(tx.tables, community.id);
  if (open.length > 0) return { kind: 'open_shared_deals', deals: open };
  const at = now.toISOString();
  const { networkId: _left, ...unlinked } = community;
  tx.put('communities', unlinked);
  const rest = network.communityIds.filter((id) => id !== community.id);
  const remaining = rest.map((id) => tx.get('communities', id)).filter((c): c is Community => !!c);
  const dissolved = remaining.length < 2;
  if (dissolved) {
    tx.delete('networks', network.id);
    for (const other of remaining) {
      const { networkId: _gone, ...alone } = other;
      tx.put('communities', alone);
    }
  } else {
    tx.put('networks', { ...network, communityId: rest[0]!, communityIds: rest });
  }
  const entry = { at, userId: actor.userId, name: actor.name, by: actor.userId };
  // The groups it left, one title a line, for its own log to name them.
  writeAudit(tx, network.id, {
    ...entry,
    communityId: community.id,
    action: 'network_left',
    ref: network.id,
    reason: remaining.map((c) => c.title).join('\n'),
  });
  for (const other of remaining)
    writeAudit(tx, community.id, {
      ...entry,
      communityId: other.id,
      action: dissolved ? 'network_dissolved' : 'network_left',
      ref: community.id,
      reason: community.title,
    });
  return { kind: 'left', others: remaining, dissolved };
}

/**
 * After community `fromId` moved to `toId` (src/services/community-move.ts): the network lists
 * the new id, and every group of it names the network by its id now (a network started from the
 * moved group moved with it and took a new id). Codes used by the moved group name it anew.
 */
export function followNetworkMove(tx: Tx, fromId: string, toId: string): void {
  for (const network of [...tx.tables.networks.values()] as Network[]) {
    if (!network.communityIds.includes(fromId) && !network.communityIds.includes(toId)) continue;
    const ids = network.communityIds.map((id) => (id === fromId ? toId : id));
    const moved: Network = {
      ...network,
      communityIds: [...new Set(ids)],
      communityId: network.communityId === fromId ? toId : network.communityId,
    };
    tx.put('networks', moved);
    for (const id of moved.communityIds) {
      const group = tx.get('communities', id);
      if (group && group.networkId !== moved.id) tx.put('communities', { ...group, networkId: moved.id });
    }
  }
  for (const invite of [...tx.tables.networkInvites.values()] as NetworkInvite[])
    if (invite.usedBy === fromId) tx.put('networkInvites', { ...invite, usedBy: toId });
}
