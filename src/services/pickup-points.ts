import { instantOfWallTime, wallClockOf } from '../core/local-time.js';
import type { Community, Deal, PickupPoint } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/**
 * A community's pickup points (自提点): add, edit, remove, find by what members type, the points a
 * deal delivers to, and the end of a point's opening window. Plain functions, typed outcomes.
 */

/** Characters of a point's name: enough for `东门驿站 (B栋大堂)`. */
export const MAX_POINT_NAME = 40;

/** The store key of a community's pickup point number `no`: `<communityId>|p<no>`. */
export function pointId(communityId: string, no: number): string {
  return `${communityId}|p${no}`;
}

/** Active points of a community, by number. */
export function activePoints(tables: Tables, communityId: string): PickupPoint[] {
  return tables.pickupPoints
    .by('community', communityId)
    .filter((p) => p.status === 'active')
    .sort((a, b) => a.no - b.no);
}

/**
 * The points a deal delivers to, by number: the community's active points, or of those only the
 * ones the deal names (Deal.points). A deal naming only points removed since delivers to none: its
 * new lines get no point (choosePoint), never a point the admin did not name.
 */
export function pointsOfDeal(tables: Tables, deal: Deal): PickupPoint[] {
  const all = activePoints(tables, deal.communityId);
  if (!deal.points?.length) return all;
  const named = new Set(deal.points);
  return all.filter((p) => named.has(p.id));
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * The active point a member means by `word`: its number (`1`, `#p1`), its whole name, or the one
 * point whose name starts with the word (`东门` for `东门驿站`); undefined when none or several do.
 * Among `among` when given (a deal's points), else the community's.
 */
export function findPoint(
  tables: Tables,
  communityId: string,
  word: string,
  among?: PickupPoint[],
): PickupPoint | undefined {
  return matchPoint(among ?? activePoints(tables, communityId), word);
}

/** The point whose whole name `text` is, spaces and letter case aside (`east gate` for `East Gate`). */
export function pointNamed(points: readonly PickupPoint[], text: string): PickupPoint | undefined {
  const wanted = fold(text);
  return wanted ? points.find((p) => fold(p.name) === wanted) : undefined;
}

/** findPoint over a list of points already read (a deal's, a community's). */
export function matchPoint(points: readonly PickupPoint[], word: string): PickupPoint | undefined {
  const wanted = fold(word).replace(/^#?p?(?=\d+$)/, '');
  if (/^\d+$/.test(wanted)) return points.find((p) => p.no === Number(wanted));
  const exact = points.find((p) => fold(p.name) === wanted);
  if (exact) return exact;
  const starting = points.filter((p) => wanted.length > 0 && fold(p.name).startsWith(wanted));
  return starting.length === 1 ? starting[0] : undefined;
}

const WEEKDAYS: Record<string, number> = {
  周日: 0,
  周天: 0,
  星期日: 0,
  星期天: 0,
  周一: 1,
  星期一: 1,
  周二: 2,
  星期二: 2,
  周三: 3,
  星期三: 3,
  周四: 4,
  星期四: 4,
  周五: 5,
  星期五: 5,
  周六: 6,
  星期六: 6,
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

const TIME_RANGE = /(\d{1,2})[:：](\d{2})\s*[-–~～至到]\s*(\d{1,2})[:：](\d{2})/;

/**
 * Reads opening times as admins write them: `周六 10:00-12:00`, `Sat 10:00-12:00`, `10:00-12:00`
 * (every day). Undefined when no time range is in the text (the text is still shown as written).
 */
export function readWindow(times: string): PickupPoint['window'] | undefined {
  const range = TIME_RANGE.exec(times);
  if (!range) return undefined;
  const [h1, m1, h2, m2] = range.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || h2 * 60 + m2 <= h1 * 60 + m1) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const window: NonNullable<PickupPoint['window']> = {
    start: `${pad(h1)}:${pad(m1)}`,
    end: `${pad(h2)}:${pad(m2)}`,
  };
  const day = times
    .toLowerCase()
    .split(/[\s,，]+/)
    .map((w) => WEEKDAYS[w])
    .find((d) => d !== undefined);
  if (day !== undefined) window.weekday = day;
  return window;
}

/**
 * The next opening window of a point that ends after `after`, in the community's timezone: its
 * start and end instants. Undefined when the point has no readable window.
 */
export function nextWindow(
  point: PickupPoint,
  after: Date,
  community: Community,
): { start: Date; end: Date } | undefined {
  const window = point.window;
  if (!window) return undefined;
  const tz = community.timezone;
  const today = new Date(wallClockOf(after, tz));
  for (let add = 0; add <= 7; add++) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + add));
    if (window.weekday !== undefined && day.getUTCDay() !== window.weekday) continue;
    const at = (hhmm: string) => {
      const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
      const wall = {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour,
        minute,
      };
      return hour === 24
        ? new Date(instantOfWallTime({ ...wall, hour: 23, minute: 59 }, tz).getTime() + 60_000)
        : instantOfWallTime(wall, tz);
    };
    const end = at(window.end);
    if (end.getTime() > after.getTime()) return { start: at(window.start), end };
  }
  return undefined;
}

export interface PointInput {
  name: string;
  times?: string;
  keeper?: string;
}

export type PointOutcome =
  | { kind: 'added'; point: PickupPoint }
  | { kind: 'edited'; point: PickupPoint }
  | { kind: 'removed'; point: PickupPoint }
  | { kind: 'name_taken'; point: PickupPoint }
  | { kind: 'bad_name' }
  | { kind: 'no_point' };

/** Adds a point; a name an active point already has (as typed, case- and width-insensitively) is refused. */
export function addPoint(
  tx: Tx,
  community: Community,
  input: PointInput,
  by: string,
  now: Date,
): PointOutcome {
  const name = input.name.trim();
  if (!name || name.length > MAX_POINT_NAME || /^#?p?\d+$/i.test(name)) return { kind: 'bad_name' };
  const taken = activePoints(tx.tables, community.id).find((p) => fold(p.name) === fold(name));
  if (taken) return { kind: 'name_taken', point: taken };
  const no = tx.tables.pickupPoints.countBy('community', community.id) + 1;
  const point: PickupPoint = {
    id: pointId(community.id, no),
    communityId: community.id,
    no,
    name,
    verifiers: [],
    status: 'active',
    createdAt: now.toISOString(),
    createdBy: by,
  };
  if (input.times) {
    point.times = input.times;
    const window = readWindow(input.times);
    if (window) point.window = window;
  }
  if (input.keeper) point.keeper = input.keeper;
  return { kind: 'added', point: tx.put('pickupPoints', point) };
}

/** Changes a point's name, times or keeper (fields given replace the old ones). */
export function editPoint(tx: Tx, point: PickupPoint, change: Partial<PointInput>): PointOutcome {
  const current = tx.get('pickupPoints', point.id) ?? point;
  if (current.status !== 'active') return { kind: 'no_point' };
  const edited: PickupPoint = { ...current };
  if (change.name !== undefined) {
    const name = change.name.trim();
    if (!name || name.length > MAX_POINT_NAME || /^#?p?\d+$/i.test(name)) return { kind: 'bad_name' };
    const taken = activePoints(tx.tables, current.communityId).find(
      (p) => p.id !== current.id && fold(p.name) === fold(name),
    );
    if (taken) return { kind: 'name_taken', point: taken };
    edited.name = name;
  }
  if (change.times !== undefined) {
    edited.times = change.times;
    const window = readWindow(change.times);
    if (window) edited.window = window;
    else delete edited.window;
  }
  // '' clears the keeper (`keeper=off`).
  if (change.keeper) edited.keeper = change.keeper;
  else if (change.keeper !== undefined) delete edited.keeper;
  return { kind: 'edited', point: tx.put('pickupPoints', edited) };
}

/** Removes a point from use (its record stays: old orders name it). */
export function removePoint(tx: Tx, point: PickupPoint): PointOutcome {
  const current = tx.get('pickupPoints', point.id) ?? point;
  if (current.status !== 'active') return { kind: 'no_point' };
  return { kind: 'removed', point: tx.put('pickupPoints', { ...current, status: 'removed' }) };
}
