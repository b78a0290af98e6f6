import type { Deal, Fulfilment, Order, WaitEntry } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import { reached } from './fulfilment.js';
import { activeLines, lineId } from './order-lines.js';
import { choosePoint } from './pickup-choice.js';

/**
 * Where units freed from a deal are once its goods reached pickup points, for the waitlist
 * (src/services/waitlist.ts grantFreedUnits). Before any goods arrived the stock is shared: a unit
 * can go to a member waiting for any point. After the goods arrived at a point, a unit freed there
 * (an unpaid line cancelled after the arrival) is at that point: it can only go to a member who
 * waits for that point; and the free units that no point holds are still with the supplier, for
 * the points whose goods have not come yet.
 */

/**
 * How many units of the entry's option a grant to it can take, at the point its line would go to:
 * at a point whose goods arrived, the units there that no active line holds; elsewhere, the deal's
 * `free` units less those sitting at points whose goods arrived. `free` where no goods arrived yet
 * (the deal's free units of the option: Infinity where unlimited).
 */
export function grantableUnits(tables: Tables, deal: Deal, entry: WaitEntry, free: number): number {
  const arrived = tables.fulfilments.by('deal', deal.id).filter((f) => reached(f, 'arrived'));
  if (arrived.length === 0) return free;
  const option = entry.option ?? '';
  const held = new Map<string, number>();
  for (const o of tables.orders.by('deal', deal.id))
    if (o.status === 'active' && (o.option ?? '') === option)
      held.set(o.pointId ?? '', (held.get(o.pointId ?? '') ?? 0) + o.qty);
  // Units of the option at a point no line there holds. Counts not recorded: none spare.
  const spare = (f: Fulfilment) => (f.arrived ? (f.arrived[option] ?? 0) - (held.get(f.pointId) ?? 0) : 0);
  const here = arrived.find((f) => f.pointId === grantPoint(tables, deal, entry));
  if (here) return Math.min(free, spare(here));
  // More than ordered may have arrived somewhere: never count more spare units than are free.
  const atPoints = arrived.reduce((sum, f) => sum + Math.max(0, spare(f)), 0);
  return free - Math.min(free, atPoints);
}

/** The point ('' for none) units given to the entry would go to: as placeOrder chooses it (choosePoint). */
function grantPoint(tables: Tables, deal: Deal, entry: WaitEntry): string {
  const line: Order | undefined = tables.orders.get(lineId(deal.id, entry.userId, entry.option, entry.for));
  const previous = line?.status === 'active' ? line : undefined;
  const request =
    entry.pointId === undefined ? { waitlist: true } : { waitlist: true, pointId: entry.pointId };
  const mine = activeLines(tables, deal.id, entry.userId);
  const choice = choosePoint(tables, deal, entry.userId, request, previous, mine);
  return choice.kind === 'point' ? (choice.pointId ?? '') : '';
}
