import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { writeAudit } from './audit-log.js';

/**
 * Read-only API tokens of a community's own tools (`/apitoken`, the dashboard's `/api/v1`). A token
 * is `tb_` + 32 random bytes (256 bits) in base64url; the store keeps only its SHA-256 (hex) as the
 * record's id, so the secret is shown once and a copy of the store lets nobody in. Admins name a
 * token by its handle (`T1`, `T2`… numbered per community, never reused). Plain functions, typed
 * outcomes, no chat text.
 */

/** What every token starts with: a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'tb_';
/** Characters of a token's label. */
export const MAX_TOKEN_LABEL = 40;
/** Live (not revoked) tokens a community may have at once: each is a door into its data. */
export const MAX_LIVE_TOKENS = 20;

/** base64url of 32 bytes: 43 characters. */
const TOKEN_SHAPE = /^tb_[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) of a token's secret: its record's id. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A token's public handle, `T3`. */
export function tokenHandle(token: Pick<ApiToken, 'no'>): string {
  return `T${token.no}`;
}

/** The number in a handle as typed (`T3`, `t3`, `3`, `#3`); undefined when it is none. */
export function parseTokenHandle(text: string): number | undefined {
  const m = /^(?:[Tt]|#)?(\d{1,6})$/.exec(text.normalize('NFKC').trim());
  const no = m ? Number(m[1]) : 0;
  return no > 0 ? no : undefined;
}

/** Who acts: the admin's platform user id and display name. */
export interface TokenActor {
  userId: string;
  name: string;
}

/** What asking for a new token came to: made, or refused (a bad label, too many live tokens). */
export type CreateTokenOutcome =
  /** `secret` is the only copy: show it once and forget it. */
  | { kind: 'created'; token: ApiToken; secret: string }
  | { kind: 'bad_label' }
  | { kind: 'too_many'; max: number };

/**
 * Makes a token for `communityId` labelled `label` (1 to MAX_TOKEN_LABEL characters, one line),
 * audited as `api_token_created` (ref: its handle, reason: its label). At most MAX_LIVE_TOKENS live
 * ones per community. The caller must deliver `secret` privately; nothing keeps it.
 */
export function createApiToken(
  tx: Tx,
  communityId: string,
  label: string,
  by: TokenActor,
  now: Date,
): CreateTokenOutcome {
  const typed = label.normalize('NFC').trim();
  if (!typed || [...typed].length > MAX_TOKEN_LABEL || /[\p{Cc}]/u.test(typed)) return { kind: 'bad_label' };
  const all = tx.tables.apiTokens.by('community', communityId);
  if (all.filter((t) => !t.revokedAt).length >= MAX_LIVE_TOKENS)
    return { kind: 'too_many', max: MAX_LIVE_TOKENS };
  const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const at = now.toISOString();
  // Handles are never reused (revoked tokens keep theirs), so an old log line names one token only.
  const no = all.reduce((max, t) => Math.max(max, t.no), 0) + 1;
  const token = tx.put('apiTokens', {
    id: hashApiToken(secret),
    communityId,
    no,
    label: typed,
    createdBy: by.userId,
    createdByName: by.name,
    createdAt: at,
    calls: 0,
  });
  audit(tx, token, 'api_token_created', by, by.userId, at, typed);
  return { kind: 'created', token, secret };
}

/** A community's tokens by handle; revoked ones only when `revoked` is true. */
export function listApiTokens(tables: Tables, communityId: string, revoked = false): ApiToken[] {
  return tables.apiTokens
    .by('community', communityId)
    .filter((t) => revoked || !t.revokedAt)
    .sort((a, b) => a.no - b.no);
}

/** What revoking a token came to: revoked now, revoked before (nothing changes), or no such token here. */
export type RevokeTokenOutcome =
  | { kind: 'revoked'; token: ApiToken }
  | { kind: 'already_revoked'; token: ApiToken }
  | { kind: 'no_token' };

/**
 * Revokes token `no` of `communityId` at once (the next API call with it gets 401), audited as
 * `api_token_revoked`. `by` `auto` with reason `undelivered`: the bot revoked it because its secret
 * never reached the admin who asked (the entry names that admin, done by `auto`).
 */
export function revokeApiToken(
  tx: Tx,
  communityId: string,
  no: number,
  by: TokenActor | 'auto',
  now: Date,
  reason?: string,
): RevokeTokenOutcome {
  const token = tx.tables.apiTokens.by('community', communityId).find((t) => t.no === no);
  if (!token) return { kind: 'no_token' };
  if (token.revokedAt) return { kind: 'already_revoked', token };
  const at = now.toISOString();
  const revokedBy = by === 'auto' ? 'auto' : by.userId;
  const revoked = tx.put('apiTokens', { ...token, revokedAt: at, revokedBy });
  const who = by === 'auto' ? { userId: token.createdBy, name: token.createdByName } : by;
  audit(tx, revoked, 'api_token_revoked', who, revokedBy, at, reason);
  return { kind: 'revoked', token: revoked };
}

/**
 * The live token a caller presented (the whole `tb_…` string), or undefined: malformed, unknown or
 * revoked. Found by the hash of what was presented, so no comparison of secrets runs that a timing
 * could leak (an attacker controls the input, not its hash).
 */
export function findApiToken(tables: Tables, secret: string): ApiToken | undefined {
  if (!TOKEN_SHAPE.test(secret)) return undefined;
  const token = tables.apiTokens.get(hashApiToken(secret));
  return token && !token.revokedAt ? token : undefined;
}

/**
 * Adds `calls` API calls to tokens' counts and moves their lastUsedAt (ISO) forward, in one
 * transaction (see ApiTokenUsage: calls are counted in memory and written in batches). Tokens
 * since deleted are skipped; a revoked one still counts the calls it made before.
 */
export function addTokenCalls(
  tx: Tx,
  used: ReadonlyMap<string, { calls: number; lastUsedAt: string }>,
): void {
  for (const [id, { calls, lastUsedAt }] of used) {
    const token = tx.get('apiTokens', id);
    if (!token) continue;
    const last = token.lastUsedAt && token.lastUsedAt > lastUsedAt ? token.lastUsedAt : lastUsedAt;
    tx.put('apiTokens', { ...token, calls: token.calls + calls, lastUsedAt: last });
  }
}

function audit(
  tx: Tx,
  token: ApiToken,
  action: 'api_token_created' | 'api_token_revoked',
  who: TokenActor,
  by: string,
  at: string,
  reason?: string,
): void {
  writeAudit(tx, tokenHandle(token), {
    communityId: token.communityId,
    at,
    action,
    userId: who.userId,
    name: who.name,
    by,
    ref: tokenHandle(token),
    ...(reason ? { reason } : {}),
  });
}

/** Calls counted in memory and not yet written, per token id. */
type Pending = Map<string, { calls: number; lastUsedAt: string }>;

/**
 * Counts API calls per token and says when to write them. Writing a token record on every call
 * would put one journal write per request on the store (and one row update on PostgreSQL), for a
 * number nobody reads to the second; every call is logged anyway. So calls are counted here and
 * written at most once per `everyMs` (default a minute: the first call at once, then when a call
 * finds the minute passed, or a timer or shutdown takes them). A crash loses at most the counts not
 * yet written, never a call's log line.
 */
export class ApiTokenUsage {
  private pending: Pending = new Map();
  private lastWrite: number | undefined;

  constructor(private readonly everyMs = 60_000) {}

  /** Counts one call with token `id` at `now`; true when the counts are due to be written (take them). */
  note(id: string, now: Date): boolean {
    const entry = this.pending.get(id) ?? { calls: 0, lastUsedAt: now.toISOString() };
    entry.calls += 1;
    entry.lastUsedAt = now.toISOString();
    this.pending.set(id, entry);
    // The first call since the start is written at once: a token just tried shows as used.
    return this.lastWrite === undefined || now.getTime() - this.lastWrite >= this.everyMs;
  }

  /** The counts not yet written, handed over (for addTokenCalls) and forgotten here. */
  take(now: Date): Pending {
    const taken = this.pending;
    this.pending = new Map();
    this.lastWrite = now.getTime();
    return taken;
  }
}
