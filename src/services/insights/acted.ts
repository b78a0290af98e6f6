import type { Deal } from '../../store/schema.js';
import type { Tables } from '../../store/tables.js';

/**
 * Whether the leader already did what a `deal copy` suggestion asks: `deal` was copied (/deal
 * copy, a deal with copiedFrom = its id) at or after `since` (ISO UTC: when the suggestion began to
 * apply, e.g. the failed deal's close). `scheduled`: only a copy with a scheduled start counts.
 * Without this a report suggests copying #1 again after `复制团购 #1 成团=4` opened #4.
 */
export function copiedSince(tables: Tables, deal: Deal, since: string, scheduled = false): boolean {
  return tables.deals
    .by('community', deal.communityId)
    .some(
      (d) => d.copiedFrom === deal.id && d.createdAt >= since && (!scheduled || d.startsAt !== undefined),
    );
}
