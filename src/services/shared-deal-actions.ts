import type { Community, Deal } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { cancelDeal, closeDeal, createDeal, type DealInput, type EditOutcome, editDeal } from './deals.js';
import { linkedCommunities, shareDeals } from './network.js';

/**
 * What an admin does to a shared deal (src/services/shared-deals.ts) from any of its groups: open
 * it in linked groups (`/deal new … groups=all`), and edit, close or cancel all of its deals at once.
 */

export type ChooseGroupsOutcome =
  | { kind: 'chosen'; communities: Community[] }
  /** The group is in no network: groups= names nothing. */
  | { kind: 'not_linked' }
  /** Names that are no linked group's title. */
  | { kind: 'unknown_groups'; names: string[]; linked: Community[] }
  /** groups= named only the opener's own group (or nothing): a shared deal needs another. */
  | { kind: 'no_other_group'; linked: Community[] }
  /** A name several linked groups share: which one is meant cannot be told. */
  | { kind: 'ambiguous_group'; name: string; matches: Community[] };

/** Which linked groups `groups=` names: `all` (全部), or titles; the opener's group always comes first. */
export function chooseGroups(
  tables: Tables,
  community: Community,
  groups: 'all' | string[],
): ChooseGroupsOutcome {
  const linked = linkedCommunities(tables, community);
  if (linked.length < 2) return { kind: 'not_linked' };
  if (groups === 'all') return { kind: 'chosen', communities: linked };
  const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  const chosen = [community];
  const unknown: string[] = [];
  const others = linked.filter((c) => c.id !== community.id);
  for (const name of groups) {
    const matches = linked.filter((c) => key(c.title) === key(name));
    // The opener's own group is always in; its title names no other group.
    if (matches.some((c) => c.id === community.id) && matches.length === 1) continue;
    const found = matches.filter((c) => c.id !== community.id);
    if (found.length > 1) return { kind: 'ambiguous_group', name, matches: found };
    if (!found[0]) unknown.push(name);
    else if (!chosen.includes(found[0])) chosen.push(found[0]);
  }
  if (unknown.length > 0) return { kind: 'unknown_groups', names: unknown, linked: others };
  if (chosen.length < 2) return { kind: 'no_other_group', linked: others };
  return { kind: 'chosen', communities: chosen };
}

/**
 * Opens one deal in each of `communities` (the opener's first) in this one transaction, all with
 * shareId = the first one's id. Each takes the input's fields but its own pickup points (`points`
 * name the opener's group's points; the others deliver to all of theirs) and the opener's thread
 * only in the opener's group.
 */
export function openShared(
  tx: Tx,
  communities: readonly Community[],
  input: DealInput,
  createdBy: string,
  now: Date,
): Deal[] {
  const deals: Deal[] = [];
  for (const [i, community] of communities.entries()) {
    const own: DealInput = { ...input };
    if (i > 0) {
      delete own.points;
      delete own.threadId;
    }
    const deal = createDeal(tx, community, own, createdBy, now);
    const shareId = deals[0]?.id ?? deal.id;
    deals.push(tx.put('deals', { ...deal, shareId }));
  }
  return deals;
}

/**
 * Edits a deal and, for a shared deal, the share's other deals the same way in the same
 * transaction (each keeps its own pickup points: `points` changes the named deal's only). The
 * outcome is the named deal's; `others`: the other deals as edited (none when it was refused).
 */
export function editShare(
  tx: Tx,
  deal: Deal,
  change: Parameters<typeof editDeal>[2],
  now: Date,
): { edited: EditOutcome; others: Deal[] } {
  const edited = editDeal(tx, deal, change, now);
  if (edited.kind !== 'edited' || !deal.shareId) return { edited, others: [] };
  const { points: _, ...shared } = change;
  const others: Deal[] = [];
  for (const other of shareDeals(tx.tables, edited.deal)) {
    if (other.id === deal.id) continue;
    const outcome = editDeal(tx, other, shared, now);
    if (outcome.kind === 'edited') others.push(outcome.deal);
  }
  // The last edit settled the share's status with every deal's new terms (min=): read them again.
  return {
    edited: { kind: 'edited', deal: tx.get('deals', deal.id) ?? edited.deal },
    others: others.map((d) => tx.get('deals', d.id) ?? d),
  };
}

/** Closes a deal and the rest of its share (成团 or failed, judged on the share): each outcome, the named deal's first. */
export function closeShare(tx: Tx, deal: Deal, now: Date): ReturnType<typeof closeDeal>[] {
  return shareDeals(tx.tables, deal)
    .map((d) => closeDeal(tx, d, now))
    .sort(namedFirst(deal));
}

/** Cancels a deal and the rest of its share: each outcome, the named deal's first. */
export function cancelShare(tx: Tx, deal: Deal, now: Date): ReturnType<typeof cancelDeal>[] {
  return shareDeals(tx.tables, deal)
    .map((d) => cancelDeal(tx, d, now))
    .sort(namedFirst(deal));
}

function namedFirst(deal: Deal): (a: { deal: Deal }, b: { deal: Deal }) => number {
  return (a, b) => (a.deal.id === deal.id ? -1 : b.deal.id === deal.id ? 1 : 0);
}
