import type { Community, Deal, Network } from '../store/schema.js';
import type { Tables } from '../store/tables.js';

/**
 * A leader's network of groups (团长 network / 帮卖): groups on one platform linked by an admin of
 * each (`/network add`, then `/network join CODE` in the other group), which may open one deal
 * together (Deal.shareId) with one stock, one group size and one deadline, each group seeing its
 * own card and roster. Unlinking keeps each group's history. Plain functions, typed outcomes.
 */

/** The network a community is linked in, if any. */
export function networkOf(tables: Tables, communityId: string): Network | undefined {
  const id = tables.communities.get(communityId)?.networkId;
  return id ? tables.networks.get(id) : undefined;
}

/** The communities linked with this one (itself first), still known and not removed; [it] alone when unlinked. */
export function linkedCommunities(tables: Tables, community: Community): Community[] {
  const network = networkOf(tables, community.id);
  if (!network) return [community];
  const others = network.communityIds
    .filter((id) => id !== community.id)
    .map((id) => tables.communities.get(id))
    .filter((c): c is Community => c !== undefined && !c.removedAt);
  return [community, ...others];
}

/** The deals of a share, the one it was opened as first; [deal] alone for a deal of one group. */
export function shareDeals(tables: Tables, deal: Deal): Deal[] {
  if (!deal.shareId) return [deal];
  const all = tables.deals.by('share', deal.shareId);
  return all.sort((a, b) =>
    a.id === deal.shareId ? -1 : b.id === deal.shareId ? 1 : a.id.localeCompare(b.id),
  );
}
