import { type CollectionName, recordSchemas } from '../../src/store/schema.js';
import type { Tables } from '../../src/store/tables.js';

/** The sender of one message, whose bookkeeping that message is allowed to change. */
export interface Speaker {
  communityId: string;
  userId: string;
}

/**
 * Every table of the store as one string, records sorted by id, for before/after comparisons.
 * Left out is exactly what ANY message legitimately changes, allowed or refused: the `seen`
 * dedupe records (one per delivered event), the speaker's daily activity buckets, and the
 * speaker's member lastMessageAt/messageCount. Everything else must stay byte-identical
 * (fields are written in sorted order, so a record reloaded from disk compares equal).
 */
export function serializeState(tables: Tables, speakers: Speaker[] = []): string {
  const isSpeaker = (communityId: unknown, userId: unknown) =>
    speakers.some((s) => s.communityId === communityId && s.userId === userId);
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(recordSchemas) as CollectionName[]) {
    if (name === 'seen') continue;
    const rows: unknown[] = [];
    for (const record of tables[name].values() as IterableIterator<Record<string, unknown>>) {
      if (name === 'activity' && isSpeaker(record.communityId, record.userId)) continue;
      if (name === 'members' && isSpeaker(record.communityId, record.userId)) {
        const { lastMessageAt: _at, messageCount: _count, ...rest } = record;
        rows.push(rest);
        continue;
      }
      rows.push(record);
    }
    rows.sort((a, b) => String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)));
    out[name] = rows;
  }
  return JSON.stringify(out, sortedKeys, 1);
}

/** JSON.stringify replacer that writes object keys in order: a reloaded record lists its fields in schema order. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Parses every record of every table with its schema; returns the problems found (none = valid). */
export function invalidRecords(tables: Tables): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(recordSchemas) as CollectionName[]) {
    const schema = recordSchemas[name];
    for (const record of tables[name].values() as IterableIterator<{ id: string }>) {
      const parsed = schema.safeParse(record);
      if (!parsed.success)
        problems.push(`${name}/${record.id}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  return problems;
}

// Words that mean a value leaked into a text unrendered.
const LEAKS = /\bundefined\b|\bNaN\b|\[object Object\]/;

/** Why an outgoing text is not well-formed, or undefined when it is. */
export function malformed(text: unknown, maxLength: number): string | undefined {
  if (typeof text !== 'string') return `not a string: ${typeof text}`;
  if (text.trim() === '') return 'empty';
  if (text.length > maxLength) return `longer than ${maxLength} (${text.length})`;
  const leak = LEAKS.exec(text);
  if (leak) return `contains "${leak[0]}"`;
  return undefined;
}
