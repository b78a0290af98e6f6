import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/**
 * The store's lease on a database: a session-level advisory lock held by the connection that also
 * writes every commit. PostgreSQL releases it when that session ends, however the process ended
 * (SIGKILL, OOM, a cut network once the server notices the dead socket), and only a session that
 * holds it writes: a process that lost its connection lost the lease and can no longer commit, so
 * two processes never serve the same state (the fencing comes with the connection).
 * The two keys: 'tuan' in ASCII, and 1 for the whole store.
 */
const LEASE_CLASS = 0x7475616e;
const LEASE_OBJECT = 1;

/** Tries once; true when this session holds the lease now. */
export async function tryLease(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS held', [
    LEASE_CLASS,
    LEASE_OBJECT,
  ]);
  return result.rows[0]?.held === true;
}

/** Lets go of the lease (also dropped when the session ends). */
export async function releaseLease(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_CLASS, LEASE_OBJECT]);
}

/**
 * The server process id of the session holding this database's lease, if any (for messages). An
 * advisory lock is per database: another database on the server has a lease of its own.
 */
export async function leaseHolder(client: pg.ClientBase): Promise<number | undefined> {
  const result = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [LEASE_CLASS, LEASE_OBJECT],
  );
  return result.rows[0]?.pid;
}

/** Another process holds the lease and this one was asked not to wait for it. */
export class LeaseHeldError extends Error {
  constructor(readonly holderPid: number | undefined) {
    super(
      `another tuanbot${holderPid === undefined ? '' : ` (database session ${holderPid})`} is serving this database; stop it first, or start this one as a standby (STORE_STANDBY=1)`,
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
): Promise<number | undefined> {
  const result = await client.query<{ pid: number }>(
    `SELECT pg_terminate_backend(a.pid), a.pid
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND a.application_name = 'tuanbot'
        AND a.state = 'idle' AND a.state_change < now() - make_interval(secs => $3)`,
    [LEASE_CLASS, LEASE_OBJECT, staleMs / 1000],
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
  },
): Promise<void> {
  if (await tryLease(client)) return;
  if (!options.wait) throw new LeaseHeldError(await leaseHolder(client));
  options.onWaiting?.();
  for (;;) {
    options.signal?.throwIfAborted();
    await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
    if (await tryLease(client)) return;
    const ended = await endStaleHolder(client, options.staleHolderMs);
    if (ended !== undefined) options.onEnded?.(ended);
  }
}
