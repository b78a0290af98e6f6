/**
 * Names people give themselves, as the bot stores and shows them. A display name is untrusted
 * text: a right-to-left override (U+202E) in it reverses the rest of the line it is shown in (the
 * `×1` after it reads as `1×`, a quantity of 10 with the next digit), a newline forges a roster
 * line, and zero-width characters make two members look identical. So:
 * - cleanName, where names enter the core (events from adapters): no controls, no invisible
 *   characters, single spaces;
 * - showName, wherever a name is shown: cleaned again (records from before), and fenced in a
 *   first-strong isolate (U+2068 … U+2069) when it holds right-to-left letters, so it cannot turn
 *   the text around it;
 * - distinctNames, for lists of people: two different members whose names look the same get
 *   `Alice`, `Alice (2)`. In a community the number is the member's place among those look-alikes
 *   by first sight (services/members.ts numbers them), so a label names the same member in every
 *   list, and commands take it back: `/award @Alice (2) 5` (readLabel).
 * Each is one regex test for an ordinary name: they run on every message and every roster line.
 */
import type { BotEvent, UserRef } from './events.js';

/**
 * Characters that never belong in a shown name: controls, format characters (bidi embeddings,
 * overrides, isolates and marks, zero-width spaces and joiners, word joiner, BOM, soft hyphen),
 * line and paragraph separators, variation selectors, and characters that render as nothing
 * (Hangul fillers, the blank braille pattern) used to make blank or look-alike names.
 */
const SUSPECT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u180E\u2800\u3164\uFFA0]|\p{Variation_Selector}/u;
const SUSPECT_ALL = new RegExp(SUSPECT.source, 'gu');
/** Spaces to fold: runs, and any at either end. */
const UNTIDY_SPACE = /^\s|\s$|\s\s/u;

/** Scripts whose spelling needs ZWJ/ZWNJ between letters (Persian, Hindi …): kept there. */
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]|\uFE0F/u;
const EMOJI = /\p{Emoji}/u;
const IDEOGRAPH = /\p{Ideographic}/u;
const MONGOLIAN = /\p{Script=Mongolian}/u;

/** Whether a suspect character is part of how the name is spelled (an emoji sequence, a Persian word). */
function belongs(ch: string, before: string, after: string): boolean {
  switch (ch) {
    case '\u200D': // ZWJ: inside an emoji sequence (👩‍👧) or a word of a joining script
      return (PICTOGRAPH.test(before) && PICTOGRAPH.test(after)) || JOINING_SCRIPT.test(before);
    case '\u200C': // ZWNJ: inside a word of a joining script (Persian می‌خواهم)
      return JOINING_SCRIPT.test(before);
    case '\uFE0E':
    case '\uFE0F': // text or emoji presentation of an emoji (❤️)
      return EMOJI.test(before);
  }
  const code = ch.codePointAt(0)!;
  // Mongolian selectors shape a letter; other selectors pick an ideograph's variant; tags spell a flag after 🏴.
  if (code >= 0x180b && code <= 0x180f) return code !== 0x180e && MONGOLIAN.test(before);
  if ((code >= 0xfe00 && code <= 0xfe0d) || code >= 0xe0100) return IDEOGRAPH.test(before);
  if (code >= 0xe0020 && code <= 0xe007f)
    return before === '\u{1F3F4}' || (before.codePointAt(0) ?? 0) >= 0xe0020;
  return false;
}

/**
 * A name as it may be stored: controls and line breaks become spaces, invisible and bidi
 * characters go (but not the joiners and selectors an emoji or a Persian or Hindi name is spelled
 * with), spaces are single, the ends trimmed. May return '' (a name of nothing but those):
 * callers fall back to the user id.
 */
export function cleanName(name: string): string {
  if (!SUSPECT.test(name) && !UNTIDY_SPACE.test(name)) return name;
  const chars = [...name];
  let out = '';
  chars.forEach((ch, i) => {
    if (!SUSPECT.test(ch)) out += ch;
    else if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(ch)) out += ' ';
    else if (belongs(ch, chars[i - 1] ?? '', chars[i + 1] ?? '')) out += ch;
  });
  return out.replace(/\s+/gu, ' ').trim();
}

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Unicode FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the name keeps its own direction, the line keeps its. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A name (or any short user-written text: a 代订 name, a note) as it is put into a message:
 * cleaned, and isolated when it holds right-to-left letters.
 */
export function showName(name: string): string {
  const clean = SUSPECT.test(name) || UNTIDY_SPACE.test(name) ? cleanName(name) : name;
  return RTL.test(clean) ? `${FSI}${clean}${PDI}` : clean;
}

/**
 * Letters of other scripts that are drawn like a Latin letter, as people use them to pass for
 * someone (`Аlice` with a Cyrillic А): the common ones of Unicode's confusables list for Cyrillic
 * and Greek, upper and lower case. Full-width (`Ａlice`) and styled letters (`𝐀lice`) are folded by
 * NFKC before this table is read.
 */
const CONFUSABLES = new Map(
  // Cyrillic, then Greek: each letter above the Latin one it passes for.
  zip(
    'АВЕКМНОРСТУХЅІЈҮҺԚԜаеорсухѕіјһԁԛԝүӏ' + 'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονιαρ',
    'ABEKMHOPCTYXSIJYhQWaeopcyxsijhdqwyl' + 'ABEZHIKMNOPTYXoviap',
  ),
);
const CONFUSABLE = new RegExp(`[${[...CONFUSABLES.keys()].join('')}]`, 'gu');

function zip(from: string, to: string): [string, string][] {
  const a = [...from];
  const b = [...to];
  if (a.length !== b.length) throw new Error('names.ts: CONFUSABLES: the two alphabets differ in length');
  return a.map((ch, i) => [ch, b[i]!]);
}

/** Printable ASCII only: nothing to fold but spaces (most names: one regex test). */
const PLAIN = /^[\x20-\x7E]*$/;

/**
 * What two names share when they look the same: no invisible characters; composed, full-width
 * and styled letters folded (NFKC); Cyrillic and Greek look-alikes of Latin letters as the Latin
 * letter (CONFUSABLES); single spaces. Letter case is kept: `alice` does not look like `Alice`.
 */
export function lookalikeKey(name: string): string {
  if (PLAIN.test(name)) return name.replace(/\s+/gu, ' ').trim();
  return name
    .replace(SUSPECT_ALL, '')
    .normalize('NFKC')
    .replace(CONFUSABLE, (ch) => CONFUSABLES.get(ch)!)
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A name as lists show it: showName, and ` (2)`, ` (3)` … for the second, third … look-alike. */
export function nameLabel(name: string, no: number): string {
  return no > 1 ? `${showName(name)} (${no})` : showName(name);
}

/**
 * A name as a command names a member, read back into the name and the look-alike number its
 * label carries: `@Alice (2)` (also `Alice（2）`, `Alice(2)`) → { name: 'Alice', no: 2 }. `no` is
 * absent for a name without one; the `@` is dropped.
 */
export function readLabel(text: string): { name: string; no?: number } {
  const name = text
    .trim()
    .replace(/^[@＠]/u, '')
    .trim();
  const numbered = /^(.*\S)\s*[(（]\s*(\d{1,4})\s*[)）]$/u.exec(name);
  return numbered ? { name: numbered[1]!, no: Number(numbered[2]) } : { name };
}

/**
 * Shown names for the people of one list, by id: nameLabel of each. `no` is the person's place
 * among the look-alikes of their community (give it for every person of the list or for none);
 * without it, a name that looks the same as an earlier, different person's gets ` (2)`, ` (3)` …
 * in the order they come.
 */
export function distinctNames(
  people: Iterable<{ id: string; name: string; no?: number | undefined }>,
): Map<string, string> {
  const labels = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const { id, name, no } of people) {
    if (labels.has(id)) continue;
    if (no !== undefined) {
      labels.set(id, nameLabel(name, no));
      continue;
    }
    const key = lookalikeKey(name);
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    labels.set(id, nameLabel(name, count));
  }
  return labels;
}

/** A user as the core keeps them: the name cleaned (the user id when nothing is left), an anonymous admin's signature too. */
function cleanUser(user: UserRef): UserRef {
  const name = cleanName(user.name) || user.id;
  const persona = user.persona;
  const signature = persona?.kind === 'anonymous_admin' ? persona.signature : undefined;
  const cleanSignature = signature === undefined ? undefined : cleanName(signature);
  if (name === user.name && cleanSignature === signature) return user;
  return {
    ...user,
    name,
    ...(cleanSignature !== signature
      ? {
          persona: cleanSignature
            ? { kind: 'anonymous_admin', signature: cleanSignature }
            : { kind: 'anonymous_admin' },
        }
      : {}),
  };
}

/**
 * The event with every name in it cleaned (cleanName): where names from adapters enter the core.
 * The same object when nothing needed cleaning (the usual case: one regex test per name).
 */
export function withCleanNames(event: BotEvent): BotEvent {
  switch (event.type) {
    case 'message':
    case 'button':
    case 'payment_check':
    case 'payment_done': {
      const sender = cleanUser(event.sender);
      return sender === event.sender ? event : { ...event, sender };
    }
    case 'member_joined': {
      const member = cleanUser(event.member);
      const inviter = event.inviter && cleanUser(event.inviter);
      if (member === event.member && inviter === event.inviter) return event;
      return { ...event, member, ...(inviter ? { inviter } : {}) };
    }
    case 'member_left': {
      const member = cleanUser(event.member);
      const removedBy = event.removedBy && cleanUser(event.removedBy);
      if (member === event.member && removedBy === event.removedBy) return event;
      return { ...event, member, ...(removedBy ? { removedBy } : {}) };
    }
  }
}
