import type pg from 'pg';
import { STALE_HOLDER_MS } from './lease.js';

/** The bot's database session: its timeouts and what it asks of the server (pg-store.ts). */

/**
 * How long a write may go unanswered before the connection is given up (and with it the lease):
 * below STALE_HOLDER_MS, so a process whose writes hang stops before a standby would end it.
 */
export const WRITE_TIMEOUT_MS = Math.min(15_000, STALE_HOLDER_MS - 5_000);
/** The server ends a statement of the bot's session after this long (reads of the whole state excepted). */
export const STATEMENT_TIMEOUT_MS = WRITE_TIMEOUT_MS - 1_000;
/**
 * How long the heartbeat waits for its answer before the connection is given up: under the ~10 s
 * in which the server, told so at connect, notices a dead peer and frees the lease, so this process
 * stops before a standby serves.
 */
export const HEARTBEAT_TIMEOUT_MS = 5_000;
/** How long reading the state back after a failed write may take before the connection is given up. */
export const RELOAD_TIMEOUT_MS = 60_000;

/**
 * Sets the session up for serving: durable commits, and no way for a dead or frozen peer to hold
 * the lease for long.
 */
export async function configureSession(client: pg.ClientBase): Promise<void> {
  // Acknowledge only what is flushed to the server's disk, whatever the server's default. And
  // let the server notice this session's death within ~10 s when the machine or network goes
  // (not after its 2-hour keepalive default): that ends the session and frees the lease.
  // A transaction left open by a frozen process is ended by the server, so it does not hold
  // the lease for ever; a server of 14 or newer also checks the client is still there during
  // a query (one that outlived its process would hold the lease till it ended).
  await client.query(
    `SET synchronous_commit = on; SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2;
     SET tcp_keepalives_count = 3; SET tcp_user_timeout = 10000;
     SET idle_in_transaction_session_timeout = 60000`,
  );
  const version = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  if (Number(version.rows[0]?.v) >= 140_000)
    await client.query(`SET client_connection_check_interval = 2000`);
}

/**
 * A query with a read timeout: node-postgres reads `query_timeout` on each query (lib/client.js)
 * and fails it with "Query read timeout", but @types/pg lists the option on the client only.
 */
export function timed(query: pg.QueryConfig, timeoutMs: number): pg.QueryConfig {
  return { ...query, query_timeout: timeoutMs } as pg.QueryConfig;
}
