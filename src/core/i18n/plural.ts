/** English plurals by the language's own rules (Intl.PluralRules), not by `n === 1` guesses. */

// One rules object for the whole process: building it costs far more than asking it.
const rules = new Intl.PluralRules('en');

/**
 * The word for a count in English: `plural(1, 'buyer', 'buyers')` → `buyer`,
 * `plural(2, …)` and `plural(0, …)` → `buyers`. `n` is any finite number.
 */
export function plural(n: number, one: string, other: string): string {
  return rules.select(n) === 'one' ? one : other;
}

/** The count and its word: `count(1, 'day', 'days')` → `1 day`, `count(3, …)` → `3 days`. */
export function count(n: number, one: string, other: string): string {
  return `${n} ${plural(n, one, other)}`;
}
