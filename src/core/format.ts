// Building an Intl formatter costs far more than using one; this runs on every message.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Shows a stored UTC time in the community's timezone as `2026-11-25 16:00`. */
export function formatTime(iso: string | Date, timezone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = Object.fromEntries(
    formatterFor(timezone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// The last day computed per timezone and the UTC minute it was computed for: every message asks,
// and formatting a date showed up high in the burst profile. Offsets are whole minutes, so a
// local day never changes inside one UTC minute.
const lastDay = new Map<string, { minute: number; day: string }>();

/** The calendar day (YYYY-MM-DD) of a moment in a timezone: daily check-ins and activity buckets. */
export function localDay(date: Date, timezone: string): string {
  const minute = Math.floor(date.getTime() / 60_000);
  const cached = lastDay.get(timezone);
  if (cached?.minute === minute) return cached.day;
  const day = formatTime(date, timezone).slice(0, 10);
  lastDay.set(timezone, { minute, day });
  return day;
}

// As lastDay: the local hour of the last UTC minute asked, per timezone (every message asks).
const lastHour = new Map<string, { minute: number; hour: number }>();

/** The local hour (0–23) of a moment in a timezone: which hour of the day members talk (Activity.hours). */
export function localHour(date: Date, timezone: string): number {
  const minute = Math.floor(date.getTime() / 60_000);
  const cached = lastHour.get(timezone);
  if (cached?.minute === minute) return cached.hour;
  const hour = Number(formatTime(date, timezone).slice(11, 13));
  lastHour.set(timezone, { minute, hour });
  return hour;
}

/** True if the name is an IANA timezone this runtime knows. */
export function isTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
