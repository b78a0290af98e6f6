import { memberId } from '../store/ids.js';
import type { Deal, Member, Order, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { isOpen } from './deal-status.js';
import { activeLines } from './order-lines.js';
import { matchPoint, pointNamed, pointsOfDeal } from './pickup-points.js';

/**
 * Which pickup point (自提点) an order line goes to: the point the member names, the line's own,
 * the point of their other lines in the deal, their remembered default (`/mypoint`), or the deal's
 * only point; a deal with several points and no choice needs one. Also the member's default, a
 * member moving their lines to another point, and the words members use to name a point in text.
 */

/** Whether the community has pickup points at all (removed ones count): one index lookup. */
export function hasPoints(tables: Tables, communityId: string): boolean {
  return tables.pickupPoints.countBy('community', communityId) > 0;
}

export type PointChoice =
  /** The line's point, or none (a community without points, a waitlist grant with no choice). */
  | { kind: 'point'; pointId?: string }
  /** Several points and nothing says which: the member is asked. */
  | { kind: 'required'; points: PickupPoint[] }
  /** The member named a point this deal does not deliver to. */
  | { kind: 'not_offered'; point: PickupPoint; points: PickupPoint[] };

/**
 * The point of a line being placed, in this order: the one asked for (`request`, a point id), the
 * line's own (`previous`), the point of the member's other lines in the deal (`mine`), their
 * default if the deal delivers there, the deal's only point. `waitlist`: units given from the
 * waitlist never ask (the member is not there to answer), they go without a point instead.
 */
export function choosePoint(
  tables: Tables,
  deal: Deal,
  userId: string,
  request: { pointId?: string; waitlist?: boolean },
  previous: Order | undefined,
  mine: readonly Order[],
): PointChoice {
  // The hot path of a community without points: one index lookup, nothing read.
  if (request.pointId === undefined && previous?.pointId) return { kind: 'point', pointId: previous.pointId };
  if (!hasPoints(tables, deal.communityId)) return { kind: 'point' };
  // Each candidate is one lookup; the deal's list of points is read only to ask, to refuse, or to
  // find its only point (an order must not walk the community's points).
  const offered = (id: string | undefined) => id !== undefined && deliversTo(tables, deal, id);
  if (offered(request.pointId)) return { kind: 'point', pointId: request.pointId };
  // A point the deal stopped delivering to since the member waited: the rules below decide.
  if (request.pointId !== undefined && !request.waitlist) {
    const point = tables.pickupPoints.get(request.pointId);
    const points = pointsOfDeal(tables, deal);
    return point ? { kind: 'not_offered', point, points } : { kind: 'required', points };
  }
  if (previous?.pointId) return { kind: 'point', pointId: previous.pointId };
  const sibling = mine.find((o) => offered(o.pointId))?.pointId;
  if (sibling) return { kind: 'point', pointId: sibling };
  const usual = tables.members.get(memberId(deal.communityId, userId))?.pointId;
  if (offered(usual)) return { kind: 'point', pointId: usual };
  const points = pointsOfDeal(tables, deal);
  if (points.length === 1) return { kind: 'point', pointId: points[0]!.id };
  if (points.length === 0 || request.waitlist) return { kind: 'point' };
  return { kind: 'required', points };
}

/** Whether the deal delivers to a point (pointsOfDeal holds it), in one lookup. */
function deliversTo(tables: Tables, deal: Deal, id: string): boolean {
  const point = tables.pickupPoints.get(id);
  if (point?.status !== 'active' || point.communityId !== deal.communityId) return false;
  return !deal.points?.length || deal.points.includes(id);
}

/** Endings members glue to a point's name: `东门自提`, `东门取`, `西门提货`. */
const PICKUP_SUFFIX = /(?:自提|自取|提货|取货|领取|取|拿|领)$/u;
/** Words before a point when a member answers "which point?": `选东门`, `我在西门`, `去东门的`. */
const ANSWER_LEAD = /^(?:我|那|就)*(?:选|要|去|在|到)?/u;
const ANSWER_TAIL = /(?:的|吧|哈|呀|啊|了)+$/u;
const SEPARATORS = /[\s,，、。;；!！~～]+/u;

/**
 * The point a word of an order's text names among `points`: its whole name or the one name it
 * starts (at least two characters: `东门` for `东门驿站`), maybe with `自提`/`取` glued on. Never a
 * number (`+1 2` is no point) and never an option of the deal (options are read first).
 */
export function pointOfWord(word: string, points: readonly PickupPoint[]): PickupPoint | undefined {
  for (const candidate of [word, word.replace(PICKUP_SUFFIX, '')]) {
    if (candidate.length < 2 || /^#?p?\d+$/i.test(candidate)) continue;
    const found = matchPoint(points, candidate);
    if (found) return found;
  }
  return undefined;
}

export type PointWords =
  | { kind: 'none' }
  | { kind: 'point'; point: PickupPoint; rest: string }
  /** Two different points named: the order cannot be placed as written. */
  | { kind: 'several'; points: PickupPoint[] };

/**
 * Takes the point named in an order's note or words (`东门 周六来拿` → 东门驿站, rest `周六来拿`).
 * `points`: the community's active points (a point the deal does not deliver to is still found,
 * so the member is told so rather than left with a note).
 */
export function takePointWord(text: string, points: readonly PickupPoint[]): PointWords {
  if (points.length === 0 || !text) return { kind: 'none' };
  const found = new Map<string, PickupPoint>();
  const kept: string[] = [];
  const words = text.split(SEPARATORS).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const whole = wholeName(words, i, points);
    if (whole) {
      found.set(whole.point.id, whole.point);
      i += whole.words - 1;
      continue;
    }
    const point = pointOfWord(words[i]!, points);
    if (point) found.set(point.id, point);
    else kept.push(words[i]!);
  }
  if (found.size === 0) return { kind: 'none' };
  if (found.size > 1) return { kind: 'several', points: [...found.values()] };
  return { kind: 'point', point: [...found.values()][0]!, rest: kept.join(' ') };
}

/** The most words of a point's name: longer names are written as notes, not point names. */
const NAME_WORDS = 6;

/**
 * A point whose whole name is written as several words from `words[start]` (`East Gate`), and how
 * many words it takes: the longest such run, so `Gate` is not left behind as the note.
 */
export function wholeName(
  words: readonly string[],
  start: number,
  points: readonly PickupPoint[],
): { point: PickupPoint; words: number } | undefined {
  for (let n = Math.min(NAME_WORDS, words.length - start); n >= 2; n--) {
    const point = pointNamed(points, words.slice(start, start + n).join(' '));
    if (point) return { point, words: n };
  }
  return undefined;
}

/**
 * A message that answers "which pickup point?": a point's name (`东门`, `选西门`, `东门的`) or, the
 * message being only that, its number in the list (`2`). undefined for anything else.
 */
export function pointAnswer(text: string, points: readonly PickupPoint[]): PickupPoint | undefined {
  const bare = text.normalize('NFKC').trim().replace(ANSWER_TAIL, '').replace(ANSWER_LEAD, '');
  if (/^\d{1,3}$/.test(bare)) return points.find((p) => p.no === Number(bare));
  // Several words answer only as a point's whole name (`East Gate`), never as a point and a note.
  if (SEPARATORS.test(bare)) return pointNamed(points, bare.split(SEPARATORS).join(' '));
  return pointOfWord(bare, points);
}

/** The member's default point (`/mypoint`), set or cleared (`point` undefined). */
export function setUsualPoint(tx: Tx, member: Member, point: PickupPoint | undefined): Member {
  const current = tx.get('members', member.id) ?? member;
  const next: Member = { ...current };
  if (point) next.pointId = point.id;
  else delete next.pointId;
  return tx.put('members', next);
}

/** The member's default point if it is still in use. */
export function usualPoint(tables: Tables, member: Member | undefined): PickupPoint | undefined {
  const point = member?.pointId ? tables.pickupPoints.get(member.pointId) : undefined;
  return point?.status === 'active' ? point : undefined;
}

export type MoveOutcome =
  | { kind: 'moved'; orders: Order[] }
  | { kind: 'unchanged'; orders: Order[] }
  | { kind: 'no_order' }
  | { kind: 'closed' }
  | { kind: 'not_offered'; points: PickupPoint[] };

/**
 * Sends all of a member's lines in a deal to another of the deal's points (a tap on a point
 * button), while the deal takes orders: after it closes the goods are being packed per point.
 */
export function moveToPoint(tx: Tx, deal: Deal, userId: string, point: PickupPoint, now: Date): MoveOutcome {
  const current = tx.get('deals', deal.id) ?? deal;
  if (!isOpen(current)) return { kind: 'closed' };
  const points = pointsOfDeal(tx.tables, current);
  if (!points.some((p) => p.id === point.id)) return { kind: 'not_offered', points };
  const lines = activeLines(tx.tables, deal.id, userId);
  if (lines.length === 0) return { kind: 'no_order' };
  if (lines.every((o) => o.pointId === point.id)) return { kind: 'unchanged', orders: lines };
  const at = now.toISOString();
  const orders = lines.map((o) =>
    o.pointId === point.id ? o : tx.put('orders', { ...o, pointId: point.id, updatedAt: at }),
  );
  return { kind: 'moved', orders };
}
