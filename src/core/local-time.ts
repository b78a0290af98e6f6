import { IANAZone } from 'luxon';

/**
 * Local wall-clock times on days a daylight-saving change skips or repeats an hour. One rule for
 * every schedule and deadline written in local time, so a daily job runs exactly once each local
 * day and a deadline is never refused or doubled by a DST night:
 * - a time that exists once is that instant;
 * - a time the clocks pass twice (01:30 on a fall-back night in New York) is its first occurrence;
 * - a time the clocks skip (02:30 on a spring-forward night) is the first minute after the gap
 *   (03:00), as cron has always done.
 */

/** A wall-clock time: calendar fields as written in the timezone (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const zones = new Map<string, IANAZone>();

/** The zone, cached (luxon caches its formatter per zone name, but not the lookup). */
function zoneOf(timezone: string): IANAZone {
  let zone = zones.get(timezone);
  if (!zone) {
    zone = IANAZone.create(timezone);
    zones.set(timezone, zone);
  }
  return zone;
}

/** UTC offset in ms at an instant (ms since the epoch). */
function offsetAt(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE_MS;
}

/**
 * The wall-clock time of `timezone` written as a UTC timestamp (`2026-03-08 02:30` local →
 * `Date.UTC(2026, 2, 8, 2, 30)`): the "floating" form cron slots are computed in.
 */
export function wallClockOf(at: Date, timezone: string): number {
  return at.getTime() + offsetAt(zoneOf(timezone), at.getTime());
}

/**
 * How far a DST change within a day of `at` moves the clocks, in ms (0 on ordinary days): how far
 * a wall-clock time and its instant may be out of step near `at`.
 */
export function dstShiftNear(at: Date, timezone: string): number {
  const zone = zoneOf(timezone);
  return Math.abs(offsetAt(zone, at.getTime() + DAY_MS) - offsetAt(zone, at.getTime() - DAY_MS));
}

/**
 * The instant a floating wall-clock timestamp (see wallClockOf) names in `timezone`, by the rule
 * above. Throws RangeError for an unknown timezone.
 */
export function instantOfWallClock(wall: number, timezone: string): Date {
  const zone = zoneOf(timezone);
  if (!zone.isValid) throw new RangeError(`unknown timezone ${timezone}`);
  // The offsets in force a day either side cover any single change near this time.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  let earliest: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const at = wall - offset;
    if (offsetAt(zone, at) === offset && (earliest === undefined || at < earliest)) earliest = at;
  }
  if (earliest !== undefined) return new Date(earliest);
  // Skipped: the clocks jumped over it. The change happened between the instant it would be
  // under the new offset and the one under the old; find it to the minute.
  let lo = Math.floor((wall - after) / MINUTE_MS) * MINUTE_MS; // still the old offset
  let hi = Math.ceil((wall - before) / MINUTE_MS) * MINUTE_MS; // already the new one
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** The instant of a wall-clock time in `timezone` (see the rule above). Throws RangeError for an unknown timezone. */
export function instantOfWallTime(time: WallTime, timezone: string): Date {
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second ?? 0);
  return instantOfWallClock(wall, timezone);
}
