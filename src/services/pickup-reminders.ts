import type { Community, Deal, Fulfilment, Order, PickupNotice, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { botAbsent } from './community-presence.js';
import { fulfilmentId } from './fulfilment.js';
import { heldOptions } from './held-goods.js';
import { settleAwaited } from './notice-outcomes.js';
import { nextWindow } from './pickup-points.js';
import { defineSetting, durationOrOff, getSetting } from './settings.js';

/**
 * "Not picked up yet" reminders (issue #18): once a deal's goods arrived at a pickup point,
 * members whose lines there are not picked up are reminded once per opening window, some time
 * before it ends (`pickup.remind`), and the point's keeper gets the list of what is still waiting.
 * A reminder is marked done by its PickupNotice record, written with the messages it causes, so a
 * restart neither repeats nor loses it. Plain functions, no chat text.
 */

/** How long before a point's opening window ends members are reminded (ms), or false: never. */
export const pickupRemindSetting = defineSetting({
  key: 'pickup.remind',
  schema: durationOrOff,
  default: (2 * 3_600_000) as number | false,
  durationUnitMs: 1,
});

/**
 * A point whose times cannot be read as a window (`ask 阿姨`, or no times, or lines with no point):
 * its members are reminded once, this long after the goods arrived.
 */
export const REMIND_WITHOUT_WINDOW_MS = 24 * 3_600_000;

/**
 * Reminders per deal and point at most: a member who let this many windows pass is the keeper's
 * to call (the keeper's list names them each time), not the bot's to nag every day.
 */
export const MAX_PICKUP_REMINDERS = 3;

/** A reminder for a point without a window more than this overdue (the bot was off) is dropped. */
const FRESH_MS = 24 * 3_600_000;

/** A reminder that fell due and is not done. `window`: the opening window it is for (absent: no window). */
export interface DuePickupReminder {
  id: string;
  community: Community;
  deal: Deal;
  fulfilment: Fulfilment;
  /** The point record (absent for lines with no point, pointId ''). */
  point: PickupPoint | undefined;
  window: { start: Date; end: Date } | undefined;
  dueAt: Date;
}

/** A member's lines at a point that are not picked up yet (roster order). */
export interface Waiting {
  userId: string;
  lines: Order[];
}

/**
 * The key of a pickup reminder in `pickupNotices`: `<dealId>|<pointId>|<window end, ISO>`, or
 * `<dealId>|<pointId>|arrival` for a point without a window (one record, so sent once).
 */
export function pickupNoticeId(fulfilment: Pick<Fulfilment, 'dealId' | 'pointId'>, windowEnd?: Date): string {
  return `${fulfilment.dealId}|${fulfilment.pointId}|${windowEnd ? windowEnd.toISOString() : 'arrival'}`;
}

/**
 * When a point's reminder falls due at `now`: for a point with a window, the window that ends
 * after now, `remind` before its end, as long as that comes after the arrival (the arrival's own
 * notice already gave the times: the reminder is for the next window then). Without a window,
 * REMIND_WITHOUT_WINDOW_MS after the arrival. Undefined when nothing is due now.
 */
function dueNow(
  community: Community,
  point: PickupPoint | undefined,
  fulfilment: Fulfilment & { arrivedAt: string },
  remind: number,
  now: Date,
): Pick<DuePickupReminder, 'id' | 'window' | 'dueAt'> | undefined {
  const arrived = Date.parse(fulfilment.arrivedAt);
  if (point?.window) {
    const window = nextWindow(point, now, community);
    if (!window) return undefined;
    const dueAt = new Date(window.end.getTime() - remind);
    if (dueAt.getTime() > now.getTime() || dueAt.getTime() <= arrived) return undefined;
    return { id: pickupNoticeId(fulfilment, window.end), window, dueAt };
  }
  const dueAt = new Date(arrived + REMIND_WITHOUT_WINDOW_MS);
  const late = now.getTime() - dueAt.getTime();
  if (late < 0 || late >= FRESH_MS) return undefined;
  return { id: pickupNoticeId(fulfilment), window: undefined, dueAt };
}

/**
 * The reminders to send now: goods arrived at a point (fulfilment arrived or picking, not done),
 * the window's reminder due and not sent, fewer than MAX_PICKUP_REMINDERS sent for that deal and
 * point. Nothing for communities with `pickup.remind=off` or whose group removed the bot. Oldest
 * first.
 */
export function duePickupReminders(tables: Tables, now: Date): DuePickupReminder[] {
  const due: DuePickupReminder[] = [];
  for (const fulfilment of tables.fulfilments.by('waiting', 'waiting')) {
    const { arrivedAt } = fulfilment;
    if (arrivedAt === undefined) continue;
    const deal = tables.deals.get(fulfilment.dealId);
    const community = tables.communities.get(fulfilment.communityId);
    if (!deal || !community || botAbsent(community)) continue;
    const remind = getSetting(community, pickupRemindSetting);
    if (remind === false) continue;
    const point = fulfilment.pointId ? tables.pickupPoints.get(fulfilment.pointId) : undefined;
    const step = dueNow(community, point, { ...fulfilment, arrivedAt }, remind, now);
    if (!step || tables.pickupNotices.get(step.id)) continue;
    const sent = tables.pickupNotices.countBy('fulfilment', `${fulfilment.dealId}|${fulfilment.pointId}`);
    if (sent >= MAX_PICKUP_REMINDERS) continue;
    due.push({ ...step, community, deal, fulfilment, point });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Does the line go to the point (`''`: lines with no point)? */
function atPoint(order: Order, pointId: string): boolean {
  return (order.pointId ?? '') === pointId;
}

/**
 * Members with active lines at a point not picked up yet, each with those lines, in roster order.
 * Lines held back short (manual rule: held-goods.ts) are not waiting to be picked up: left out.
 */
export function waitingAt(tables: Tables, deal: Deal, pointId: string): Waiting[] {
  const byUser = new Map<string, Waiting>();
  const held = heldOptions(tables.fulfilments.get(fulfilmentId(deal.id, pointId)));
  const lines = tables.orders
    .by('deal', deal.id)
    .filter(
      (o) =>
        o.status === 'active' &&
        o.deliveredAt === undefined &&
        atPoint(o, pointId) &&
        !held.includes(o.option ?? ''),
    )
    .sort((a, b) => a.line - b.line);
  for (const line of lines) {
    const waiting = byUser.get(line.userId) ?? { userId: line.userId, lines: [] };
    waiting.lines.push(line);
    byUser.set(line.userId, waiting);
  }
  return [...byUser.values()];
}

/**
 * Marks a reminder done. `told`: everyone reminded (privately or in the group); `pending`: members
 * sent a private message whose outcome is awaited.
 */
export function recordPickupNotice(
  tx: Tx,
  due: Pick<DuePickupReminder, 'id' | 'fulfilment' | 'window' | 'dueAt'>,
  now: Date,
  told: string[],
  pending: string[],
): PickupNotice {
  const { fulfilment } = due;
  return tx.put('pickupNotices', {
    id: due.id,
    communityId: fulfilment.communityId,
    dealId: fulfilment.dealId,
    pointId: fulfilment.pointId,
    ...(due.window ? { windowEnd: due.window.end.toISOString() } : {}),
    dueAt: due.dueAt.toISOString(),
    at: now.toISOString(),
    told,
    pending,
    unreachable: [],
  });
}

/**
 * The outcome of one private reminder. Returns the notice with the members to mention in the
 * group when this was the last outcome awaited and someone was refused; else undefined.
 */
export function settlePickupNotice(
  tx: Tx,
  id: string,
  userId: string,
  reached: boolean,
): { notice: PickupNotice; mention: string[] } | undefined {
  const settled = settleAwaited(tx.get('pickupNotices', id), userId, reached);
  if (!settled) return undefined;
  const notice = tx.put('pickupNotices', settled.record);
  return settled.mention.length > 0 ? { notice, mention: settled.mention } : undefined;
}
