import pg from 'pg';

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

/**
 * The serving process's side: listens for notifications and also sweeps every sweepMs (a
 * notification sent while nobody listened, e.g. during a takeover, is not kept by PostgreSQL).
 * Rows are handed over in the order they arrived, a hundred at a time, and deleted once handled.
 */
export class InboxDrain {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly handlers: InboxHandlers,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Connects (its own session: LISTEN holds it), listens, and drains what is waiting now. */
  static async start(
    url: string,
    handlers: InboxHandlers,
    options: { sweepMs?: number; onError: (error: unknown) => void },
  ): Promise<InboxDrain> {
    const client = new pg.Client({
      connectionString: url,
      application_name: 'tuanbot-inbox',
      keepAlive: true,
    });
    const drain = new InboxDrain(client, handlers, options.onError);
    client.on('error', options.onError);
    client.on('notification', () => drain.kick());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    drain.timer = setInterval(() => drain.kick(), options.sweepMs ?? 5_000);
    drain.kick();
    await drain.draining;
    return drain;
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
    const platforms = [...this.handlers.keys()];
    for (;;) {
      const { rows } = await this.client.query<{ id: string; platform: string; payload: unknown }>(
        `SELECT id, platform, payload FROM inbox WHERE platform = ANY($1::text[])
          ORDER BY received_at, id LIMIT 100`,
        [platforms],
      );
      if (rows.length === 0 || this.stopped) return;
      // Handed over together, in order, as a poll's batch is (the adapter keeps each chat's updates
      // in order and their commits share the group commit); one that fails is logged and dropped,
      // as the poller drops it, or one bad update would block the inbox for good.
      await Promise.all(
        rows.map((row) => this.handlers.get(row.platform)?.(row.payload).catch(this.onError)),
      );
      await this.client.query('DELETE FROM inbox WHERE id = ANY($1::text[])', [rows.map((row) => row.id)]);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.client.end().catch(() => {});
  }
}
