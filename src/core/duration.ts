const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Parses `90m`, `3h`, `2d`, `1w` (optionally with a leading `+`) to milliseconds; undefined if not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^\+?(\d{1,6})(s|m|min|h|d|w)$/i.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
}

/** Formats milliseconds the way people say them: `2d 3h`, `45m`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m && !d ? `${m}m` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}
