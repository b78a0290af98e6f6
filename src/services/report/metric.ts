/**
 * One number of the report beside the same number for the previous period (环比).
 * `value` or `previous` is null when it cannot be computed (a division by zero, or no previous period).
 * `change`: for counts and money the relative change (0.25 = +25 %); for ratios (`unit: 'ratio'`) the
 * difference in percentage points as a fraction (0.05 = +5 pp). Null when either side is null, or
 * when a relative change would divide by zero.
 */
export interface Metric {
  unit: 'count' | 'cents' | 'ratio' | 'average';
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** Accumulates a number for the current and the previous window. */
export class Pair {
  current = 0;
  previous = 0;

  add(where: 'current' | 'previous' | undefined, amount = 1): void {
    if (where === 'current') this.current += amount;
    else if (where === 'previous') this.previous += amount;
  }
}

/** x ÷ y, or null when y is 0. */
export function ratio(x: number, y: number): number | null {
  return y === 0 ? null : x / y;
}

export function metric(
  unit: Metric['unit'],
  value: number | null,
  previous: number | null,
  hasPrevious: boolean,
): Metric {
  const prev = hasPrevious ? previous : null;
  let change: number | null = null;
  if (value !== null && prev !== null) {
    if (unit === 'ratio') change = value - prev;
    // |previous|: a net growth going from −2 to +3 is a rise, not a fall.
    else change = prev === 0 ? null : (value - prev) / Math.abs(prev);
  }
  return { unit, value, previous: prev, change };
}

/** A count or money metric from a Pair. */
export function fromPair(unit: 'count' | 'cents', pair: Pair, hasPrevious: boolean): Metric {
  return metric(unit, pair.current, pair.previous, hasPrevious);
}

/** x ÷ y per window as a ratio metric (or an average, e.g. cents per order rounded to a cent). */
export function divide(unit: 'ratio' | 'average' | 'cents', x: Pair, y: Pair, hasPrevious: boolean): Metric {
  const round = (v: number | null) => (v === null || unit !== 'cents' ? v : Math.round(v));
  return metric(unit, round(ratio(x.current, y.current)), round(ratio(x.previous, y.previous)), hasPrevious);
}
