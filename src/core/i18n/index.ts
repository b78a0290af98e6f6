/** Every user-visible text exists in both languages; a family's catalogue is declared once with both. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

// biome-ignore lint/suspicious/noExplicitAny: message functions take any parameter shape; their own signatures stay typed.
type Message = string | ((...args: any[]) => string);
export type Catalogue = Record<string, Message>;

/** A family's messages: `zh` must have exactly the keys and signatures of `en` (checked by the compiler). */
export interface Messages<T extends Catalogue> {
  (locale: Locale): T;
  readonly family: string;
  readonly en: T;
  readonly zh: T;
}

/**
 * Declares a family's catalogue (nothing is registered: a feature lists its families in
 * Feature.messages, and the core's are listed where the completeness test reads them).
 */
export function defineMessages<T extends Catalogue>(
  family: string,
  catalogues: { en: T; zh: T },
): Messages<T> {
  const pick = ((locale: Locale) => (locale === 'zh' ? catalogues.zh : catalogues.en)) as Messages<T>;
  Object.assign(pick, { family, en: catalogues.en, zh: catalogues.zh });
  return pick;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export { count, plural } from './plural.js';
