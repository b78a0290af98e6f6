import { z } from 'zod';
import { mergeLedger } from '../store/ledger-archive.js';
import { liveRecordId } from '../store/outbox-record.js';
import {
  type CollectionName,
  type LedgerEntry,
  LedgerEntrySchema,
  type Records,
  recordSchemas,
  SCHEMA_VERSION,
} from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';

/**
 * Moving a community to another server or bot: everything it owns, as one JSON document, and back.
 * Invite-bot users' loudest complaint is lock-in; this is the way out.
 */

export const EXPORT_FORMAT = 'tuanbot-community';

type AnyRecord = Records[CollectionName];

export interface CommunityExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  community: string;
  collections: Partial<Record<CollectionName, unknown[]>>;
  /** Points entries from the ledger archive (older than ~60 days); their sums are on the members and rollups. */
  archivedLedger?: unknown[];
}

/** Collections that are about one community; `seen` (processed event ids) is the platform's, not the group's. */
function ownedCollections(): CollectionName[] {
  return (Object.keys(recordSchemas) as CollectionName[]).filter((c) => c !== 'seen');
}

function belongs(record: AnyRecord, communityId: string): boolean {
  const r = record as unknown as { id: string; communityId?: string };
  return r.communityId === communityId || r.id === communityId;
}

/** `archived` is the community's ledger archive (readArchive). */
export function exportCommunity(
  tables: Tables,
  communityId: string,
  now: Date,
  archived: LedgerEntry[] = [],
): CommunityExport | undefined {
  if (!tables.communities.get(communityId)) return undefined;
  const collections: Partial<Record<CollectionName, unknown[]>> = {};
  for (const name of ownedCollections()) {
    const rows = [...(tables[name].values() as IterableIterator<AnyRecord>)].filter((r) =>
      belongs(r, communityId),
    );
    if (rows.length) collections[name] = rows;
  }
  // An entry both live and archived (a crash mid-archiving) is exported live only.
  const archivedLedger = mergeLedger([], archived).filter((e) => !tables.ledger.get(e.id));
  return {
    format: EXPORT_FORMAT,
    version: SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    community: communityId,
    collections,
    ...(archivedLedger.length ? { archivedLedger } : {}),
  };
}

const ExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(SCHEMA_VERSION),
  exportedAt: z.string(),
  community: z.string().min(1),
  collections: z.record(z.string(), z.array(z.unknown())),
  archivedLedger: z.array(z.unknown()).default([]),
});

export type ImportOutcome =
  | { kind: 'imported'; community: string; records: number; archived: LedgerEntry[] }
  | { kind: 'invalid'; reason: string }
  | { kind: 'exists'; community: string };

/** Rewrites one community id into another in the fields that hold it (ids are prefixed with it). */
function retarget(record: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out = { ...record };
  for (const key of ['id', 'communityId', 'dealId', 'ref'] as const) {
    const value = out[key];
    if (typeof value === 'string' && value.startsWith(from)) out[key] = to + value.slice(from.length);
    else if (typeof value === 'string' && value.includes(`:${from}`))
      out[key] = value.replaceAll(`:${from}`, `:${to}`);
  }
  return out;
}

/**
 * A message still owed, moved with its community to `platform:chatId`: the group's goes to the new
 * group (a live message keyed by the moved deal or prompt); a private one stays only on the same
 * platform, where its member's user id still means that member (undefined: dropped).
 */
function moveMessage(
  record: Record<string, unknown>,
  from: string,
  to: string,
  platform: string,
  chatId: string,
): Record<string, unknown> | undefined {
  const chat = record.chat as { platform?: string; kind?: string } | undefined;
  if (!chat || (chat.kind !== 'group' && chat.platform !== platform)) return undefined;
  // Only the community's group chat moves: a private chat is the member's wherever the group is.
  const moved = (c: { kind?: string }) => (c.kind === 'group' ? { ...c, platform, chatId } : c);
  const out: Record<string, unknown> = { ...record, chat: moved(chat) };
  const hold = out.hold as { chat: { kind?: string } } | undefined;
  if (hold) out.hold = { ...hold, chat: moved(hold.chat) };
  if (typeof out.key === 'string') {
    const key = out.key.replace(`:${from}`, `:${to}`);
    out.key = key;
    // One record per live message and chat: its id names both.
    if (out.kind === 'live') out.id = liveRecordId(out.chat as { platform: string; chatId: string }, key);
  }
  return out;
}

/**
 * Loads an export into the store, validating every record first (all or nothing). `as` moves it
 * to another group (`platform:chatId`); an existing community is only overwritten with `replace`.
 */
export function importCommunity(
  tx: Tx,
  raw: unknown,
  options: { as?: string; replace?: boolean } = {},
): ImportOutcome {
  const parsed = ExportSchema.safeParse(raw);
  if (!parsed.success)
    return { kind: 'invalid', reason: parsed.error.issues[0]?.message ?? 'not a tuanbot export' };
  const from = parsed.data.community;
  const to = options.as ?? from;
  const target = /^([^:]+):(.+)$/.exec(to);
  if (!target) return { kind: 'invalid', reason: `--as must be platform:chatId, not ${to}` };
  const records: [CollectionName, AnyRecord][] = [];
  for (const [name, rows] of Object.entries(parsed.data.collections)) {
    const schema = recordSchemas[name as CollectionName];
    if (!schema || name === 'seen') return { kind: 'invalid', reason: `unknown collection ${name}` };
    for (const row of rows) {
      let record: Record<string, unknown> | undefined = retarget(row as Record<string, unknown>, from, to);
      if (name === 'communities') record = { ...record, platform: target[1], chatId: target[2] };
      if (name === 'outbox' && from !== to) record = moveMessage(record, from, to, target[1]!, target[2]!);
      if (!record) continue;
      const result = schema.safeParse(record);
      if (!result.success) return { kind: 'invalid', reason: `${name}: ${result.error.issues[0]?.message}` };
      records.push([name as CollectionName, result.data as AnyRecord]);
    }
  }
  const archived: LedgerEntry[] = [];
  for (const row of parsed.data.archivedLedger) {
    const result = LedgerEntrySchema.safeParse(retarget(row as Record<string, unknown>, from, to));
    if (!result.success)
      return { kind: 'invalid', reason: `archivedLedger: ${result.error.issues[0]?.message}` };
    archived.push(result.data);
  }
  if (!records.some(([name]) => name === 'communities'))
    return { kind: 'invalid', reason: 'the export has no community' };
  if (tx.get('communities', to)) {
    if (!options.replace) return { kind: 'exists', community: to };
    for (const name of ownedCollections()) {
      for (const row of [...(tx.tables[name].values() as IterableIterator<AnyRecord>)]) {
        if (belongs(row, to)) tx.delete(name, row.id);
      }
    }
  }
  for (const [name, record] of records) tx.put(name, record as Records[typeof name]);
  // The caller writes `archived` as the community's ledger archive (rewriteArchive), replacing any.
  return { kind: 'imported', community: to, records: records.length, archived };
}
