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

/** The server process id of the session holding the lease, if any (for the log and /healthz). */
export async function leaseHolder(client: pg.ClientBase): Promise<number | undefined> {
  const result = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND granted`,
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
 * Takes the lease: at once, or (wait) by trying every pollMs until the holder's session ends;
 * `onWaiting` is called once when the first try fails. Rejects with LeaseHeldError when not
 * waiting, or with the connection's error; `signal` aborts the wait.
 */
export async function takeLease(
  client: pg.ClientBase,
  options: { wait: boolean; pollMs: number; onWaiting?: () => void; signal?: AbortSignal },
): Promise<void> {
  if (await tryLease(client)) return;
  if (!options.wait) throw new LeaseHeldError(await leaseHolder(client));
  options.onWaiting?.();
  for (;;) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.pollMs);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(options.signal?.reason ?? new Error('aborted'));
      });
    });
    if (await tryLease(client)) return;
  }
}
