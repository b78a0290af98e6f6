import { distinctNames, lookalikeKey, nameLabel, readLabel } from '../core/names.js';
import { memberId } from '../store/ids.js';
import type { Member } from '../store/schema.js';
import type { Tables } from '../store/tables.js';

/**
 * Members by name, as lists show them and commands name them. Names are not unique, and two can
 * look the same (`Alice`, `Аlice` with a Cyrillic А, `Ａlice`: see lookalikeKey). Among the
 * members of a community whose names look the same, each has a number by first sight (then user
 * id): the first is `Alice`, the next `Alice (2)` … in every list, whoever else is on it, and a
 * command takes that label back (`/award @Alice (2) 5`), or the user id (`@5002`).
 */

/** A member with the label lists show them by (`Alice (2)`). */
export interface NamedMember {
  member: Member;
  label: string;
}

/** Who a name in a command stands for: one member, nobody, or several (then nothing may be changed). */
export type MemberLookup =
  | ({ kind: 'found' } & NamedMember)
  | { kind: 'unknown' }
  | { kind: 'ambiguous'; matches: NamedMember[] };

const byFirstSight = (a: Member, b: Member): number =>
  a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.userId < b.userId ? -1 : 1;

/** The community's members whose names have this look-alike key, in first-sight order. */
function lookalikes(tables: Tables, communityId: string, key: string): Member[] {
  // by() gives a fresh array: sorting it leaves the index as it is.
  const bucket = tables.members.by('lookalike', `${communityId}|${key}`);
  return bucket.length < 2 ? bucket : bucket.sort(byFirstSight);
}

/**
 * A member's place (1, 2 …) among the community's members whose names look like `name`, by first
 * sight; undefined when `name` does not look like the member's name now (an order taken under an
 * earlier name) or they are no member.
 */
export function lookalikeNo(
  tables: Tables,
  communityId: string,
  userId: string,
  name: string,
): number | undefined {
  const place = lookalikes(tables, communityId, lookalikeKey(name)).findIndex((m) => m.userId === userId);
  return place < 0 ? undefined : place + 1;
}

/** The label a member is shown by in lists and named by in commands: `Alice`, `Alice (2)` (fenced: showName). */
export function memberLabel(tables: Tables, member: Member): string {
  return nameLabel(member.name, lookalikeNo(tables, member.communityId, member.userId, member.name) ?? 1);
}

/**
 * Shown names for the people of one list of a community, by user id (distinctNames with each
 * member's number, so a label means the same member in every list). A name that no longer looks
 * like the member's own (an order taken before they renamed) is numbered after the members who
 * have that look now, so it is never shown as someone else's label.
 */
export function memberNames(
  tables: Tables,
  communityId: string,
  people: Iterable<{ id: string; name: string }>,
): Map<string, string> {
  const numbered = new Map<string, { id: string; name: string; no: number }>();
  const after = new Map<string, number>();
  for (const { id, name } of people) {
    if (numbered.has(id)) continue;
    let no = lookalikeNo(tables, communityId, id, name);
    if (no === undefined) {
      const key = lookalikeKey(name);
      no = (after.get(key) ?? lookalikes(tables, communityId, key).length) + 1;
      after.set(key, no);
    }
    numbered.set(id, { id, name, no });
  }
  return distinctNames(numbered.values());
}

/**
 * The member a command names: `@5002` (a user id), `@Alice (2)` (a label from a list), or `@Alice`
 * (a name, matched by its look: zero-width characters, full-width and Cyrillic or Greek look-alike
 * letters do not matter; letter case only when no name matches as written). Several members that
 * match are `ambiguous`, in first-sight order: the caller changes nothing and lists them.
 */
export function lookupMember(tables: Tables, communityId: string, text: string): MemberLookup {
  const typed = readLabel(text);
  const whole = text
    .trim()
    .replace(/^[@＠]/u, '')
    .trim();
  const byId =
    tables.members.get(memberId(communityId, whole)) ??
    tables.members.by('community', communityId).find((m) => m.userId.toLowerCase() === whole.toLowerCase());
  if (byId) return { kind: 'found', member: byId, label: memberLabel(tables, byId) };
  let matches = matching(tables, communityId, whole, typed, false);
  if (matches.length === 0) matches = matching(tables, communityId, whole, typed, true);
  if (matches.length === 0) return { kind: 'unknown' };
  const named = matches.map((member) => ({ member, label: memberLabel(tables, member) }));
  return named.length === 1 ? { kind: 'found', ...named[0]! } : { kind: 'ambiguous', matches: named };
}

/**
 * Members whose name looks like the whole text, or who are shown by it as a label (`Alice (2)`:
 * the second of the Alices). `caseless`: letter case aside (a scan of the community: commands only).
 */
function matching(
  tables: Tables,
  communityId: string,
  whole: string,
  typed: { name: string; no?: number },
  caseless: boolean,
): Member[] {
  const found = new Set<Member>();
  const fold = (name: string) => (caseless ? lookalikeKey(name).toLowerCase() : lookalikeKey(name));
  const group = (key: string): Member[] =>
    caseless
      ? tables.members.by('community', communityId).filter((m) => fold(m.name) === key)
      : lookalikes(tables, communityId, key);
  for (const member of group(fold(whole))) found.add(member);
  if (typed.no !== undefined) {
    for (const member of group(fold(typed.name))) {
      if (lookalikeNo(tables, communityId, member.userId, member.name) === typed.no) found.add(member);
    }
  }
  return [...found].sort(byFirstSight);
}
