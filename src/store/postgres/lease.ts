import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/**
 * The store's lease on a database: session-level advisory locks held by the connection that also
 * writes every commit. PostgreSQL releases them when that session ends, however the process ended
 * (SIGKILL, OOM, a cut network once the server notices the dead socket), and only a session that
 * holds them writes: a process that lost its connection lost the lease and can no longer commit, so
 * two processes never serve the same state (the fencing comes with the connection).
 *
 * What a lease covers (LeaseScope): the whole store (one lock, exclusive: a bot serving every
 * platform, `store:copy`, `import`, tests), or the communities of some platforms (a shard each:
 * the platform's lock, exclusive, and the whole store's lock, shared, so a whole-store holder and
 * a shard holder exclude each other while shards of different platforms run side by side). A
 * platform is a shard because nothing crosses it: a member's private chat with the bot, which can
 * touch every group of theirs, is on the same platform as those groups.
 * Keys: 'tuan' in ASCII as the class; 1 for the whole store, platformKey(name) for a platform.
 */
const LEASE_CLASS = 0x7475616e;
const WHOLE = 1;

/** What a process holds a lease on: see the module comment. */
export type LeaseScope = { kind: 'whole' } | { kind: 'platforms'; platforms: readonly string[] };

export const WHOLE_STORE: LeaseScope = { kind: 'whole' };

/** A platform's lock key: a stable number from its name (FNV-1a), never 1. */
export function platformKey(platform: string): number {
  let hash = 0x811c9dc5;
  for (const char of platform) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return 2 + (hash % 2_000_000_000);
}

/** Who the scope is, in messages: "this database", or "telegram and discord on this database". */
export function scopeName(scope: LeaseScope): string {
  return scope.kind === 'whole' ? 'this database' : `${scope.platforms.join(' and ')} on this database`;
}

/** Tries once, all or nothing; true when this session holds the whole scope now. */
export async function tryLease(client: pg.ClientBase, scope: LeaseScope = WHOLE_STORE): Promise<boolean> {
  const locks =
    scope.kind === 'whole'
      ? [{ key: WHOLE, shared: false }]
      : [
          { key: WHOLE, shared: true },
          ...scope.platforms.map((p) => ({ key: platformKey(p), shared: false })),
        ];
  const taken: { key: number; shared: boolean }[] = [];
  for (const lock of locks) {
    const result = await client.query<{ held: boolean }>(
      `SELECT ${lock.shared ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock'}($1, $2) AS held`,
      [LEASE_CLASS, lock.key],
    );
    if (result.rows[0]?.held !== true) {
      for (const held of taken.reverse()) await unlock(client, held);
      return false;
    }
    taken.push(lock);
  }
  return true;
}

async function unlock(client: pg.ClientBase, lock: { key: number; shared: boolean }): Promise<void> {
  await client.query(`SELECT ${lock.shared ? 'pg_advisory_unlock_shared' : 'pg_advisory_unlock'}($1, $2)`, [
    LEASE_CLASS,
    lock.key,
  ]);
}

/** Lets go of the lease (also dropped when the session ends). */
export async function releaseLease(client: pg.ClientBase, scope: LeaseScope = WHOLE_STORE): Promise<void> {
  if (scope.kind === 'whole') return unlock(client, { key: WHOLE, shared: false });
  for (const platform of scope.platforms) await unlock(client, { key: platformKey(platform), shared: false });
  await unlock(client, { key: WHOLE, shared: true });
}

/**
 * The condition on pg_locks (aliased l) for the sessions standing in this scope's way: for the
 * whole store, any holder of its lock (a shard holds it shared); for platforms, the holders of their
 * locks or of the whole store's, exclusively. Only this database's locks (an advisory lock is per
 * database: another database on the server has a lease of its own). $1: class, $2: keys.
 */
function blockers(scope: LeaseScope): { where: string; keys: number[] } {
  const base = `l.locktype = 'advisory' AND l.classid = $1 AND l.granted
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  if (scope.kind === 'whole') return { where: `${base} AND l.objid = ${WHOLE}`, keys: [] };
  return {
    where: `${base} AND (l.objid = ANY($2::oid[]) OR (l.objid = ${WHOLE} AND l.mode = 'ExclusiveLock'))`,
    keys: scope.platforms.map(platformKey),
  };
}

/** Who stands in a scope's way: a session, and what it holds (a platform's shard, or the whole store). */
export interface LeaseBlocker {
  pid: number;
  /** The platform whose shard it serves; undefined when it holds the whole store (a tool, an older tuanbot). */
  platform: string | undefined;
}

/** A session holding what this scope needs, if any (for messages), with what it holds. */
export async function leaseBlocker(
  client: pg.ClientBase,
  scope: LeaseScope = WHOLE_STORE,
): Promise<LeaseBlocker | undefined> {
  const { where, keys } = blockers(scope);
  const result = await client.query<{ pid: number; objid: string }>(
    `SELECT l.pid, l.objid::text AS objid FROM pg_locks l WHERE ${where} ORDER BY l.objid DESC, l.pid LIMIT 1`,
    scope.kind === 'whole' ? [LEASE_CLASS] : [LEASE_CLASS, keys],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const platform =
    scope.kind === 'platforms'
      ? scope.platforms.find((p) => String(platformKey(p)) === row.objid)
      : undefined;
  return { pid: row.pid, platform };
}

/** The server process id of a session holding what this scope needs, if any (for messages). */
export async function leaseHolder(
  client: pg.ClientBase,
  scope: LeaseScope = WHOLE_STORE,
): Promise<number | undefined> {
  return (await leaseBlocker(client, scope))?.pid;
}

/**
 * Whether processes serve the database now (holding shards: the whole store's lock shared), as
 * opposed to a tool or a schema upgrade holding it exclusively for a moment.
 */
export async function wholeStoreServed(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ served: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = ${WHOLE} AND l.granted
        AND l.mode = 'ShareLock'
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS served`,
    [LEASE_CLASS],
  );
  return result.rows[0]?.served === true;
}

/** Another process holds the lease and this one was asked not to wait for it. */
export class LeaseHeldError extends Error {
  constructor(
    readonly holderPid: number | undefined,
    readonly scope: LeaseScope = WHOLE_STORE,
    /** What the holder serves, when known: a platform, or (null) the whole store. */
    holds?: string | null,
  ) {
    const who = `another tuanbot${holderPid === undefined ? '' : ` (database session ${holderPid})`}`;
    super(
      holds === null && scope.kind === 'platforms'
        ? `${who} holds the whole database (a tuanbot of the version before shards, or npm run import / store:copy): stop it first, or start this one as a standby (STORE_STANDBY=1)`
        : `${who} is serving ${holds ? `${holds} on this database` : scopeName(scope)}; stop it first, or start this one as a standby (STORE_STANDBY=1)`,
    );
    this.name = 'LeaseHeldError';
  }
}

/**
 * How long the holder's session may sit idle before a standby ends it. The serving store touches
 * its session every HEARTBEAT_MS (pg-store.ts), so an idle session this old belongs to a process
 * that stopped running (frozen, SIGSTOP, swapped out) while its connection stayed up: the lock
 * would never be released, and no standby would ever take over.
 */
export const STALE_HOLDER_MS = 20_000;
export const HEARTBEAT_MS = 2_000;

/**
 * Ends the holder's session when it has been idle for longer than STALE_HOLDER_MS: PostgreSQL then
 * drops its lock, and the frozen process, if it ever resumes, finds its connection gone and can
 * write nothing (it exits). A session running a query is never ended (the server is working for
 * it), nor a session that is not a serving bot's (application_name 'tuanbot': a `store:copy`
 * holding the lease of its source sits idle on purpose). A holder frozen inside a transaction is
 * ended by the server itself (idle_in_transaction_session_timeout, set by the store). Needs the
 * holder's role, or pg_signal_backend; without it nothing happens. Returns the session ended.
 */
export async function endStaleHolder(
  client: pg.ClientBase,
  staleMs = STALE_HOLDER_MS,
  scope: LeaseScope = WHOLE_STORE,
): Promise<number | undefined> {
  const { where, keys } = blockers(scope);
  const result = await client.query<{ pid: number }>(
    `SELECT pg_terminate_backend(a.pid), a.pid
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE ${where}
        AND a.application_name = 'tuanbot'
        AND a.state = 'idle' AND a.state_change < now() - make_interval(secs => $${scope.kind === 'whole' ? 2 : 3})`,
    scope.kind === 'whole' ? [LEASE_CLASS, staleMs / 1000] : [LEASE_CLASS, keys, staleMs / 1000],
  );
  return result.rows[0]?.pid;
}

/**
 * Takes the lease: at once, or (wait) by trying every pollMs until the holder's session ends, or
 * until it has been idle so long that its process must have stopped (endStaleHolder); `onWaiting`
 * is called once when the first try fails, `onEnded` when a stale holder's session was ended.
 * Rejects with LeaseHeldError when not waiting, with the connection's error, or with the signal's
 * reason when aborted.
 */
export async function takeLease(
  client: pg.ClientBase,
  options: {
    wait: boolean;
    pollMs: number;
    onWaiting?: () => void;
    onEnded?: (pid: number) => void;
    signal?: AbortSignal;
    /** STALE_HOLDER_MS unless given (tests). */
    staleHolderMs?: number;
    /** The whole store unless given. */
    scope?: LeaseScope;
  },
): Promise<void> {
  const scope = options.scope ?? WHOLE_STORE;
  if (await tryLease(client, scope)) return;
  if (!options.wait) {
    const blocker = await leaseBlocker(client, scope);
    throw new LeaseHeldError(blocker?.pid, scope, blocker ? (blocker.platform ?? null) : undefined);
  }
  options.onWaiting?.();
  for (;;) {
    options.signal?.throwIfAborted();
    await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
    if (await tryLease(client, scope)) return;
    const ended = await endStaleHolder(client, options.staleHolderMs, scope);
    if (ended !== undefined) options.onEnded?.(ended);
  }
}
