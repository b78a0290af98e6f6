import { open, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Adapter } from './core/adapter.js';
import type { Clock } from './core/clock.js';
import type { BotStore } from './store/contract.js';

/** What `GET /healthz` answers, as JSON. Times are ISO strings (UTC), ages in seconds. */
export interface HealthReport {
  status: 'ok' | 'unhealthy';
  /** Why it is unhealthy, in words (empty when ok). */
  problems: string[];
  /** Each platform: connected, disconnected, or starting (before the bot has started it). */
  adapters: Record<string, 'connected' | 'disconnected' | 'starting'>;
  store: {
    /** A small file could be written and fsynced in the data dir just now (checked at most every 5 s). */
    writable: boolean;
    /** The error code when it could not (ENOSPC, EROFS, EACCES…), or of the store's last failed write. */
    error?: string;
    /**
     * When the store's last write (a commit's journal line, or a snapshot) failed, if no write has
     * succeeded since: the bot is unhealthy until one does, even when the probe file fits.
     */
    failedWriteAt?: string;
    /** When a change last reached the disk (journal or snapshot); null before the first. */
    lastWriteAt: string | null;
  };
  outbox: {
    /** Messages the bot owes and the platforms have not accepted yet. */
    owed: number;
    /** Private messages kept for members who have not opened a private chat with the bot (not a backlog). */
    held: number;
    /** Age of the oldest owed message; null when none is owed. */
    oldestOwedSeconds: number | null;
  };
}

export interface HealthSources {
  store: BotStore;
  clock: Clock;
  /** The adapters this process runs (empty until they are created). */
  adapters(): readonly Adapter[];
  /** Whether the bot has started them (until then the check answers 503, starting). */
  started(): boolean;
}

const PROBE_EVERY_MS = 5_000;
const PROBE_FILE = '.health-probe';

/**
 * Serves `GET /healthz`: 200 when every adapter is connected and the data dir takes writes (a probe
 * file can be written, and the store's last write did not fail), 503 otherwise.
 */
export class HealthCheck {
  private probe: { at: number; result: Promise<string | undefined> } | undefined;

  constructor(private readonly sources: HealthSources) {}

  async report(): Promise<HealthReport> {
    const { store, clock } = this.sources;
    const now = clock.now().getTime();
    const problems: string[] = [];
    const adapters: HealthReport['adapters'] = {};
    const started = this.sources.started();
    if (!started) problems.push('the bot is starting');
    for (const adapter of this.sources.adapters()) {
      const state = !started ? 'starting' : (adapter.connected?.() ?? true) ? 'connected' : 'disconnected';
      adapters[adapter.platform] = state;
      if (started && state !== 'connected') problems.push(`${adapter.platform} is ${state}`);
    }
    const probeError = await this.writeProbe(now);
    if (probeError) problems.push(`the data dir cannot be written (${probeError})`);
    // A probe of a few bytes can succeed where the journal's next line did not (a nearly full disk).
    const failed = store.lastWriteError;
    if (failed)
      problems.push(
        `the store's last write failed (${failed.code}, at ${failed.at.toISOString()}); healthy again once a write succeeds`,
      );
    const error = probeError ?? failed?.code;
    let owed = 0;
    let held = 0;
    let oldest: number | undefined;
    for (const message of store.tables.outbox.values()) {
      if (message.hold?.heldAt) {
        held++;
        continue;
      }
      owed++;
      const created = Date.parse(message.createdAt);
      if (oldest === undefined || created < oldest) oldest = created;
    }
    return {
      status: problems.length ? 'unhealthy' : 'ok',
      problems,
      adapters,
      store: {
        writable: !error,
        ...(error ? { error } : {}),
        ...(failed ? { failedWriteAt: failed.at.toISOString() } : {}),
        lastWriteAt: store.lastWriteAt?.toISOString() ?? null,
      },
      outbox: {
        owed,
        held,
        oldestOwedSeconds: oldest === undefined ? null : Math.max(0, Math.round((now - oldest) / 1000)),
      },
    };
  }

  /** Answers the request if it is the health check's (GET or HEAD /healthz, /livez); false otherwise. */
  readonly serve = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (answerLiveness(req, res)) return true;
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    this.report().then(
      (report) => {
        const body = JSON.stringify(report);
        res.writeHead(report.status === 'ok' ? 200 : 503, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ status: 'unhealthy', problems: [(error as Error).message] }));
      },
    );
    return true;
  };

  /**
   * Writes, fsyncs and deletes a small file in the data dir; the error code, if that failed. At
   * most every 5 s whatever the polling rate: concurrent checks share one probe.
   */
  private writeProbe(now: number): Promise<string | undefined> {
    if (this.probe && now - this.probe.at < PROBE_EVERY_MS) return this.probe.result;
    const file = join(this.sources.store.dir, PROBE_FILE);
    const result = (async () => {
      try {
        const handle = await open(file, 'w', 0o600);
        try {
          await handle.writeFile(new Date(now).toISOString());
          await handle.sync();
        } finally {
          await handle.close();
        }
        await unlink(file);
        return undefined;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
    })();
    this.probe = { at: now, result };
    return result;
  }
}

/**
 * `GET /livez`: 200 `{"status":"alive"}` whenever the process answers at all, serving or standing
 * by: the liveness probe (restart a process that stopped answering), where /healthz is the
 * readiness one (send traffic only to the process that serves, and is well).
 */
function answerLiveness(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/livez' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: 'alive' }));
  return true;
}

/** Answers a request if it is the health check's; false otherwise (HealthCheck.serve's shape). */
export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** What `GET /healthz` answers while the process waits for the database's lease (STORE_STANDBY) or opens the store. */
export interface WaitingReport {
  status: 'standby' | 'starting';
  problems: string[];
}

/**
 * The health check before the store is open: 503 with `{"status":"standby"}` while this process
 * stands by for another one serving the database (so a load balancer sends it nothing), or
 * `{"status":"starting"}` while the store opens. `standby()` is read at each request.
 */
export function waitingHealth(standby: () => boolean): HealthHandler {
  return (req, res) => {
    if (answerLiveness(req, res)) return true;
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const report: WaitingReport = standby()
      ? {
          status: 'standby',
          problems: ['another tuanbot serves the database; this one takes over when that one stops'],
        }
      : { status: 'starting', problems: ['the store is opening'] };
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
    return true;
  };
}

/**
 * The health check's own server on `port` (0: any free port; read it from server.address()).
 * Anything but /healthz gets 404. `health` is a HealthCheck, or any handler of its shape (main
 * starts the server with the waiting answer and switches it to the HealthCheck once the store is
 * open). Rejects if the port cannot be listened on (EADDRINUSE).
 */
export async function startHealthServer(
  health: HealthCheck | { serve: HealthHandler },
  port: number,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (health.serve(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found; the health check is GET /healthz (readiness) or GET /livez (liveness)\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}

/** Closes the health server, dropping open keep-alive connections. */
export async function stopHealthServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
