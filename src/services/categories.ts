/**
 * Deal categories (`category=水果`) and how they match: by key, the text NFKC-folded (full-width
 * letters, `Ｆｒｕｉｔ`), trimmed and lower-cased, so `水果`, ` 水果 ` and `Fruit`/`fruit` match
 * their own kind. No synonyms: a category is what the leader named it.
 */

/** Characters of one category. */
export const MAX_CATEGORY = 20;
/** Categories of one deal. */
export const MAX_DEAL_CATEGORIES = 5;

/** The key a category matches by. */
export function categoryKey(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/**
 * Categories as written in one argument (`水果,生鲜`, `水果、生鲜`, `水果 生鲜`), each trimmed, the
 * same key once; undefined when one is empty after trimming, longer than MAX_CATEGORY, or there
 * are more than MAX_DEAL_CATEGORIES.
 */
export function parseCategories(text: string): string[] | undefined {
  const parts = text
    .normalize('NFKC')
    .split(/[,，、;；\s]+/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    if ([...part].length > MAX_CATEGORY) return undefined;
    const key = categoryKey(part);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(part);
  }
  // Counted once deduplicated: `水果,水果,…` names one category, however often it is written.
  if (out.length > MAX_DEAL_CATEGORIES) return undefined;
  return out;
}
