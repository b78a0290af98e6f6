import { features } from '../../commands/index.js';

/**
 * English words in a text meant for a Chinese group, and plural mistakes in a text meant for an
 * English one. What may appear in Chinese: names and codes the caller passes in, slash commands
 * (`/deal close`), option names (`price=`), setting names (`ref.join`), template variables
 * (`{open_deals}`), deal codes (`#3`), mentions, URLs, file paths,
 * timezone names (`Asia/Shanghai`, `UTC`) and a short list of abbreviations everyone uses.
 */

const ALLOWED_WORDS = new Set(['GMV', 'CSV', 'JSON', 'ID', 'UTC', 'IANA', 'SKU']);

const commandNames = features
  .flatMap((f) => f.commands ?? [])
  .flatMap((s) => [s.name, ...(s.aliases ?? [])])
  .sort((a, b) => b.length - a.length);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const COMMAND = new RegExp(`[/／](?:${commandNames.map(escapeRegExp).join('|')})(?![A-Za-z-])`, 'g');

/** The English words left in a text once everything that may stay is taken out. */
export function englishWords(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const word of [...allowed].sort((a, b) => b.length - a.length))
    rest = /^\w+$/.test(word)
      ? rest.replace(new RegExp(`\\b${word}\\b`, 'g'), ' ')
      : rest.replaceAll(word, ' ');
  rest = rest
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(?:[\w.-]*\/)+[\w.-]+\.(?:csv|json|png|svg)\b/g, ' ')
    .replace(COMMAND, ' ')
    .replace(/[A-Za-z][A-Za-z0-9_.]*[=＝]/g, ' ')
    .replace(/@\S+/g, ' ')
    .replace(/\{\w+\}/g, ' ')
    .replace(/\b[a-z]+\.[a-z_]+\b/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?\b/g, ' ');
  const words = (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_WORDS.has(w.toUpperCase()));
  // Units glued to numbers are English too: `48h`, `7d`, `30 min`, `5 pp`.
  const units = rest.match(/\b\d+\s?(?:h|d|m|s|w)\b/g) ?? [];
  return [...words, ...units];
}

/** Nouns the bot counts in English; a count of 1 takes the singular, any other the plural. */
const NOUNS = [
  'buyer',
  'member',
  'candidate',
  'day',
  'hour',
  'minute',
  'point',
  'entry',
  'order',
  'deal',
  'unit',
  'prompt',
  'referral',
  'invite',
  'line',
  'admin',
  'week',
  'month',
  'row',
  'person',
];

/** Words that may stand between a count and its noun: `1 recent buyer`, `2 more members`. */
const ADJECTIVES = ['more', 'recent', 'new', 'inactive', 'older', 'qualified', 'active', 'open', 'other'];

/** Phrases like `1 buyers` or `2 day`, also with an adjective between (`1 recent buyers`). */
export function pluralMistakes(text: string): string[] {
  const nouns = NOUNS.join('|');
  const adjective = `(?:(?:${ADJECTIVES.join('|')}) )?`;
  const one = new RegExp(`(?<![\\d.,])\\b1 ${adjective}(?:${nouns})s\\b`, 'g');
  const many = new RegExp(`(?<![\\d.,])\\b(?:[02-9]|\\d{2,}) ${adjective}(?:${nouns})\\b(?!s)`, 'g');
  return [...(text.match(one) ?? []), ...(text.match(many) ?? [])];
}
