import pg from 'pg';
import { StoreWriteError } from '../write-errors.js';

/**
 * The inbox: platform updates that reached a process which does not serve the bot (a standby's
 * webhook server), handed to the one that does through the database. The receiver answers the
 * platform only once the row is committed, so an update it accepted is never lost; the serving
 * process deletes a row only after handling it (its effects durable), so a crash in between
 * handles it again, which the processed event ids (seen) make a no-op.
 */

/** The channel a receiver notifies so the serving process looks at once, not at its next sweep. */
const CHANNEL = 'tuanbot_inbox';

/**
 * A standby's connection for forwarding (not the store's: a standby holds no store yet). Opened
 * on first use; each forward is one committed INSERT before the platform is answered.
 */
export class InboxWriter {
  /** The connection, once asked for: one for every forward (concurrent ones share it). */
  private client: Promise<pg.Client> | undefined;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  async forward(platform: string, id: string, payload: unknown): Promise<void> {
    this.client ??= this.connect();
    const client = await this.client;
    await forwardToInbox(client, platform, id, payload);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'tuanbot-standby' });
    client.on('error', (error) => {
      this.onError(error);
      // The next forward connects anew.
      this.client = undefined;
    });
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }

  async close(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

/** Stores one update for the serving process (a repeat of the same id is stored once) and notifies it. */
export async function forwardToInbox(
  client: pg.ClientBase,
  platform: string,
  id: string,
  payload: unknown,
): Promise<void> {
  await client.query(
    `INSERT INTO inbox (id, platform, payload) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING`,
    [`${platform}:${id}`, platform, JSON.stringify(payload)],
  );
  await client.query(`SELECT pg_notify($1, $2)`, [CHANNEL, platform]);
}

/** Where drained updates go: the serving adapter of each platform that takes forwarded updates. */
export type InboxHandlers = ReadonlyMap<string, (payload: unknown) => Promise<void>>;

/** Times a row may fail to be handled before it is dropped (logged): a bad update must not block the rest. */
const MAX_ATTEMPTS = 5;

/**
 * The serving process's side: listens for notifications and also sweeps every sweepMs (a
 * notification sent while nobody listened, e.g. during a takeover, is not kept by PostgreSQL).
 * Rows are handed over in the order they arrived, a hundred at a time, and deleted once handled;
 * one whose handling failed stays for the next sweep, up to MAX_ATTEMPTS. A lost connection is
 * made again at the next sweep (its own session: the store's lease is not on it).
 */
export class InboxDrain {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private client: pg.Client | undefined;
  /** Failed attempts per row id (this process's count: a takeover starts afresh). */
  private readonly failures = new Map<string, number>();

  private constructor(
    private readonly url: string,
    private readonly handlers: InboxHandlers,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Connects, listens, and drains what is waiting now; then sweeps every sweepMs. */
  static async start(
    url: string,
    handlers: InboxHandlers,
    options: { sweepMs?: number; onError: (error: unknown) => void },
  ): Promise<InboxDrain> {
    const drain = new InboxDrain(url, handlers, options.onError);
    drain.timer = setInterval(() => drain.kick(), options.sweepMs ?? 5_000);
    drain.kick();
    await drain.draining;
    return drain;
  }

  /** The listening connection, made (again) when there is none. */
  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'tuanbot-inbox',
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    const drop = (error?: unknown) => {
      if (error) this.onError(error);
      // Only this client: pg reports one disconnection twice, and a newer client must stay.
      if (this.client === client) this.client = undefined;
      client.end().catch(() => {});
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.kick());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Drains now, or once more after the drain under way. */
  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch(this.onError)
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    const client = await this.connection();
    const platforms = [...this.handlers.keys()];
    let skipped = 0;
    for (;;) {
      const { rows } = await client.query<{ id: string; platform: string; payload: unknown }>(
        `SELECT id, platform, payload FROM inbox WHERE platform = ANY($1::text[])
          ORDER BY received_at, id LIMIT 100 OFFSET $2`,
        [platforms, skipped],
      );
      if (rows.length === 0 || this.stopped) return;
      // Handed over together, in order, as a poll's batch is (the adapter keeps each chat's updates
      // in order and their commits share the group commit).
      const outcomes = await Promise.allSettled(
        rows.map((row) => this.handlers.get(row.platform)?.(row.payload) ?? Promise.resolve()),
      );
      const done: string[] = [];
      for (const [i, outcome] of outcomes.entries()) {
        const { id } = rows[i]!;
        if (outcome.status === 'rejected') {
          this.onError(outcome.reason);
          // The store refusing writes (a full disk, a failing database) is no fault of the update:
          // it waits, however long, rather than being dropped after five tries.
          if (outcome.reason instanceof StoreWriteError) {
            skipped++;
            continue;
          }
          const attempts = (this.failures.get(id) ?? 0) + 1;
          this.failures.set(id, attempts);
          if (attempts < MAX_ATTEMPTS) {
            skipped++;
            continue;
          }
        }
        done.push(id);
      }
      for (const id of done) this.failures.delete(id);
      await client.query('DELETE FROM inbox WHERE id = ANY($1::text[])', [done]);
      // Rows kept for a retry are not read again in this sweep.
      if (rows.length < 100) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.client?.end().catch(() => {});
  }
}
