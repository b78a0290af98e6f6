import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { DEFAULT_BACKUP_KEEP_DAYS } from '../backups.js';
import { Batch } from '../batch.js';
import { CommitQueue } from '../commit-queue.js';
import type { BotStore } from '../contract.js';
import { filesOf, type OutboxMessage } from '../outbox-record.js';
import { type CollectionName, recordSchemas } from '../schema.js';
import { forgetOldSeen } from '../seen.js';
import type { Tables } from '../tables.js';
import { failedWrite, StoreWriteError } from '../write-errors.js';
import {
  HEARTBEAT_MS,
  type LeaseScope,
  releaseLease,
  STALE_HOLDER_MS,
  scopeName,
  takeLease,
  WHOLE_STORE,
} from './lease.js';
import { writeBatch } from './pg-batch.js';
import { loadTables } from './pg-load.js';
import { tableOf } from './pg-schema.js';
import { upgradeSchema } from './schema-upgrade.js';
import {
  configureSession,
  HEARTBEAT_TIMEOUT_MS,
  RELOAD_TIMEOUT_MS,
  STATEMENT_TIMEOUT_MS,
  timed,
  WRITE_TIMEOUT_MS,
} from './session.js';

/** The lease a store opened with these options holds: its platforms' shards, or the whole store. */
function scopeOf(options: { platforms?: readonly string[] | undefined }): LeaseScope {
  return options.platforms ? { kind: 'platforms', platforms: options.platforms } : WHOLE_STORE;
}

/** How a PostgreSQL store is opened. */
export interface PgStoreOptions {
  /** DATABASE_URL: postgres://user:password@host:port/database. */
  url: string;
  /** DATA_DIR: pictures, the points archive and exports stay files (see BotStore.dir). */
  dir: string;
  clock: Clock;
  log?: Logger;
  backupKeepDays?: number;
  /** How long processed event ids are remembered for redelivery checks (ms; 7 days). */
  seenTtlMs?: number;
  /**
   * Wait for the lease when another process holds it (a standby), instead of refusing with
   * LeaseHeldError. Taking over is at most leasePollMs after the holder's session ends.
   */
  standby?: boolean;
  /** How often a standby tries the lease (ms; 1,000). */
  leasePollMs?: number;
  /**
   * Serve only these platforms' communities (and their members' private chats): a shard of the
   * store, leased apart from other platforms (lease.ts), so processes serving different platforms
   * run side by side on one database. Unset: the whole store.
   */
  platforms?: readonly string[];
  /**
   * The lease's clocks (lease.ts), for tests: how often the serving store touches its session
   * (HEARTBEAT_MS) and how long a standby lets the holder's session sit idle (STALE_HOLDER_MS).
   */
  leaseTiming?: { heartbeatMs: number; staleHolderMs: number };
  /** Aborts a standby's wait (shutdown while standing by). */
  signal?: AbortSignal;
  /**
   * The session's application_name: `tuanbot` for a serving bot (the only sessions a standby may
   * end, lease.ts), another name for a tool writing the store (import, copy).
   */
  applicationName?: string;
  /** Called once when this process starts standing by (another holds the lease). */
  onStandby?: () => void;
  /**
   * The connection that holds the lease ended (the server restarted, the network cut it): this
   * process no longer owns the state and every later commit is refused. The bot must stop, and a
   * standby (or this process, restarted) takes over. Called once.
   */
  onLost?: (error: Error) => void;
}

/**
 * The store on PostgreSQL (BotStore): the state in memory as tables, as with the JSON store, read
 * from the database at open; every commit written to the database before it is acknowledged. The
 * commits of one turn of the event loop share one database transaction (group commit), written by
 * the session that holds the store's lease (lease.ts), so one process at a time writes the store
 * (or each platform's shard of it).
 * A write that fails (its transaction rolled back) rejects its commits and every commit made
 * while it was under way (they ran against its changes), and memory is read back from the
 * database. One ambiguity remains, as with any database: if the connection dies after COMMIT was
 * sent and before its answer, the commits are refused here though the database may hold them; the
 * process then stops (onLost) and whoever takes over reads what the database holds.
 */
export class PgStore extends CommitQueue implements BotStore {
  readonly engine = 'postgres' as const;
  /** The batch whose transaction is under way. */
  private inflight: Batch | undefined;
  /** Why the lease was lost (the connection ended); nothing commits after. */
  private lost: Error | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** When the session last answered a query (ms, Date.now): the heartbeat skips a busy session. */
  private answeredAt = Date.now();

  private constructor(
    private readonly opts: PgStoreOptions,
    private readonly client: pg.Client,
    public tables: Tables,
  ) {
    super();
  }

  protected get writing(): Batch | undefined {
    return this.inflight;
  }

  protected override refusal(): Error | undefined {
    return super.refusal() ?? this.lost;
  }

  get dir(): string {
    return this.opts.dir;
  }

  get backupKeepDays(): number {
    return this.opts.backupKeepDays ?? DEFAULT_BACKUP_KEEP_DAYS;
  }

  /**
   * Connects, takes the lease (waiting for it as a standby), brings the schema up to date and
   * reads the state. Rejects with LeaseHeldError (not a standby, another process serves this
   * database), UnsupportedDatabaseError, or the connection's error (pg: ECONNREFUSED, 28P01…).
   */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const client = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName ?? 'tuanbot',
      // A dead server or network is noticed by TCP keepalive within seconds, not the OS's 2 hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    let store: PgStore | undefined;
    let waited = false;
    // Errors of an idle connection arrive as events: without a listener they crash the process.
    client.on('error', (error) => store?.loseLease(error));
    client.on('end', () => store?.loseLease(new Error('the database connection ended')));
    await client.connect();
    try {
      await configureSession(client);
      // Before the lease: a schema upgrade needs the whole store to itself (schema-upgrade.ts).
      await upgradeSchema(client, {
        wait: options.standby === true,
        pollMs: options.leasePollMs ?? 1000,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await takeLease(client, {
        wait: options.standby === true,
        pollMs: options.leasePollMs ?? 1000,
        scope: scopeOf(options),
        staleHolderMs: options.leaseTiming?.staleHolderMs ?? STALE_HOLDER_MS,
        onWaiting: () => {
          waited = true;
          options.log?.info(
            `another tuanbot serves ${scopeName(scopeOf(options))}: standing by to take over when it stops`,
          );
          options.onStandby?.();
        },
        onEnded: (pid) =>
          options.log?.warn(
            { session: pid },
            'the serving tuanbot stopped answering (its database session idle for 20 s): ended its session to take over',
          ),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // From here on a statement running too long is ended by the server: its outcome is then
      // known (rolled back), where a timeout on this side leaves it unknown. Not for migrations
      // (above), which may rewrite a big table.
      await client.query(`SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      store = new PgStore(options, client, await loadTables(client, undefined, options.platforms));
      if (waited) options.log?.info('took over: this process serves the database now');
      forgetOldSeen(store, options.clock.now(), options.seenTtlMs ?? 7 * 86_400_000);
      store.startHeartbeat();
      return store;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** Whether the database holds any record, whatever shard it belongs to (this process may read only some). */
  async holdsRecords(): Promise<boolean> {
    for (const name of Object.keys(recordSchemas) as CollectionName[]) {
      const { rows } = await this.client.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${tableOf(name)}) AS any`,
      );
      if (rows[0]?.any) return true;
    }
    return false;
  }

  /** Read from the database: processes serving other platforms owe messages this one does not hold. */
  async filesOwed(): Promise<ReadonlySet<string>> {
    if (!this.opts.platforms) return filesOf(this.tables.outbox.values());
    const { rows } = await this.client.query<{ record: OutboxMessage }>(
      timed(
        { text: `SELECT record FROM outbox WHERE record->'out'->>'kind' <> 'text'` },
        HEARTBEAT_TIMEOUT_MS,
      ),
    );
    return filesOf(rows.map((row) => row.record));
  }

  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * Group commit: the commits of one turn of the loop go in one transaction; commits made while
   * it is under way wait for the next one (so a slow database makes the batches bigger, not the
   * transactions more numerous).
   */
  protected async flushLoop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.pending.empty) {
      const batch = this.pending;
      this.pending = new Batch();
      this.inflight = batch;
      try {
        if (this.lost) throw this.lost;
        await writeBatch(this.client, batch, WRITE_TIMEOUT_MS);
        this.answeredAt = Date.now();
      } catch (cause) {
        this.lastWriteError = failedWrite(cause, this.opts.clock.now());
        // No answer in time: whether it committed is unknown, and so is the connection's state.
        if ((cause as Error).message === 'Query read timeout') this.loseLease(cause as Error);
        await this.failWrite(batch, cause);
        continue;
      } finally {
        this.inflight = undefined;
      }
      this.stats.writes++;
      this.lastWriteAt = this.opts.clock.now();
      this.lastWriteError = undefined;
      batch.resolve();
    }
    this.flushing = undefined;
  }

  /**
   * A transaction failed: memory holds changes the database does not. Reads the database's state
   * back and refuses the batch and every commit made since it was taken (they ran against the
   * state being thrown away). If the state cannot be read (the connection is gone), the lease is
   * lost and so is the right to serve it.
   */
  private async failWrite(batch: Batch, cause: unknown): Promise<void> {
    if (!this.lost) {
      try {
        const tables = await loadTables(this.client, RELOAD_TIMEOUT_MS, this.opts.platforms);
        // In one synchronous step with taking `during`: later commits run on the state read.
        this.tables = tables;
      } catch (error) {
        this.loseLease(error as Error);
      }
    }
    const during = this.pending;
    this.pending = new Batch();
    batch.reject(new StoreWriteError(cause));
    during.reject(new StoreWriteError(cause));
  }

  /**
   * Touches the session every HEARTBEAT_MS when nothing else did: a standby ends a holder's session
   * idle for STALE_HOLDER_MS (lease.ts), and a connection that no longer answers is noticed here
   * (the lease is then lost) rather than at the next member's message.
   */
  private startHeartbeat(): void {
    const every = this.opts.leaseTiming?.heartbeatMs ?? HEARTBEAT_MS;
    this.heartbeat = setInterval(() => {
      if (this.lost || this.closed || this.inflight || Date.now() - this.answeredAt < every) return;
      this.client.query(timed({ text: 'SELECT 1' }, HEARTBEAT_TIMEOUT_MS)).then(
        () => {
          this.answeredAt = Date.now();
        },
        (error: Error) => this.loseLease(error),
      );
    }, every);
    // The heartbeat alone keeps no process running.
    this.heartbeat.unref();
  }

  private loseLease(error: Error): void {
    if (this.lost || this.closed) return;
    this.lost = error;
    this.opts.log?.error({ err: error }, 'lost the database connection that holds the lease; stopping');
    this.opts.onLost?.(error);
  }

  /** Makes every commit durable, releases the lease and disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.idle();
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.lost) {
      await this.client.end().catch(() => {});
      return;
    }
    await releaseLease(this.client, scopeOf(this.opts)).catch(() => {});
    await this.client.end();
  }
}
