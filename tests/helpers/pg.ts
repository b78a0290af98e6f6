import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Throwaway PostgreSQL databases for tests: each test (or test file) gets a database of its own on
 * the local server, so tests running in parallel never see each other's rows, and a failed test
 * leaves nothing another one reads. The server is the real one (no mock): the machine's and CI's
 * (.ci/run starts it when it is not running).
 */

/** The server's maintenance database, where databases are created and dropped from. */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const START_HINT =
  'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' +
  ' (or point TEST_DATABASE_ADMIN_URL at a server you may create databases on)';

export interface ThrowawayDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** The database's name (`tuanbot_<label>_<pid>_<random>`). */
  name: string;
  /** Drops the database, closing any connection still open to it (WITH (FORCE)). */
  drop(): Promise<void>;
}

/**
 * Runs fn on a fresh connection to the admin database and closes it. Throws an Error telling how
 * to start the server when it cannot be reached (tests never skip for want of a database).
 */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      `cannot reach PostgreSQL at ${redacted(ADMIN_URL)}: ${(error as Error).message}; ${START_HINT}`,
      {
        cause: error,
      },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a database `tuanbot_<label>_<pid>_<random>` on the admin URL's server and returns its
 * URL: empty, or a copy of database `template` (which must have no open connection). `label` is
 * reduced to [a-z0-9_] and 20 characters (identifiers stop at 63 bytes).
 */
export async function throwawayDatabase(
  label: string,
  { template }: { template?: string } = {},
): Promise<ThrowawayDatabase> {
  sweeping ??= dropLeftovers().catch(() => {});
  await sweeping;
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 20);
  const name = `tuanbot_${safe}_${process.pid}_${randomBytes(4).toString('hex')}`;
  // The name is built from [a-z0-9_] only, so quoting it as an identifier is enough.
  if (template !== undefined && !THROWAWAY.test(template))
    throw new Error(`not a throwaway database: ${template}`);
  await withAdmin((admin) =>
    admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  );
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** The names throwawayDatabase gives: tuanbot_<label>_<pid>_<8 hex>. */
const THROWAWAY = /^tuanbot_[a-z0-9_]*_(\d+)_[0-9a-f]{8}$/;

/** Once per process: the sweep of databases left by test runs that died (see dropLeftovers). */
let sweeping: Promise<void> | undefined;

/**
 * Drops the throwaway databases of processes that no longer run (a test run killed before its
 * clean-up, a test that stopped its bot without closing it), so they do not pile up on the
 * server. Only on a server of this machine: a process id says nothing about another machine's.
 */
async function dropLeftovers(): Promise<void> {
  const host = new URL(ADMIN_URL).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(host)) return;
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tuanbot\\_%'`,
    );
    for (const { datname } of rows) {
      const pid = THROWAWAY.exec(datname)?.[1];
      if (pid === undefined || running(Number(pid))) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  });
}

/** Whether a process with this id runs on this machine. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The URL without its password, for error messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an invalid TEST_DATABASE_ADMIN_URL)';
  }
}
