import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Adapter } from '../../src/core/adapter.js';
import { ManualClock } from '../../src/core/clock.js';
import {
  HealthCheck,
  type HealthReport,
  startHealthServer,
  stopHealthServer,
  waitingHealth,
} from '../../src/health.js';
import { JournalWriter } from '../../src/store/journal.js';
import { Store, StoreWriteError } from '../../src/store/store.js';

/** An adapter as the health check sees it: a platform, and whether its connection works now. */
function platform(name: string, up: { connected: boolean } | undefined): Adapter {
  return {
    platform: name,
    ...(up ? { connected: () => up.connected } : {}),
  } as unknown as Adapter; // only platform and connected are read
}

describe('GET /healthz', () => {
  let dir: string;
  let clock: ManualClock;
  let store: Store;
  let server: Server;
  let started: boolean;
  let adapters: Adapter[];
  const telegram = { connected: true };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuanbot-health-'));
    clock = new ManualClock('2026-11-25T08:00:00Z');
    store = await Store.open({ dir, clock });
    started = false;
    telegram.connected = true;
    adapters = [platform('telegram', telegram), platform('console', undefined)];
    const health = new HealthCheck({ store, clock, adapters: () => adapters, started: () => started });
    server = await startHealthServer(health, 0);
  });
  afterEach(async () => {
    await stopHealthServer(server);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function get(
    path = '/healthz',
  ): Promise<{ status: number; body: HealthReport; type: string | null }> {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    const type = response.headers.get('content-type');
    return { status: response.status, type, body: (await response.json().catch(() => null)) as HealthReport };
  }

  it('GIVEN a running bot whose adapters are connected and whose data dir takes writes THEN 200 with the details as JSON', async () => {
    started = true;
    await store.mutate((tx) =>
      tx.put('outbox', {
        id: 'o1',
        chat: { platform: 'telegram', chatId: '-100', kind: 'group' },
        kind: 'send',
        priority: 'reply',
        out: { kind: 'text', text: 'hi' },
        createdAt: clock.now().toISOString(),
      }),
    );
    clock.advance(90_000);
    const { status, body, type } = await get();
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    expect(body).toEqual({
      status: 'ok',
      problems: [],
      adapters: { telegram: 'connected', console: 'connected' },
      store: { writable: true, lastWriteAt: '2026-11-25T08:00:00.000Z' },
      outbox: { owed: 1, held: 0, oldestOwedSeconds: 90 },
    });
  });

  it('503 while the bot is starting, and when an adapter lost its connection', async () => {
    const starting = await get();
    expect(starting.status).toBe(503);
    expect(starting.body.problems).toEqual(['the bot is starting']);
    expect(starting.body.adapters).toEqual({ telegram: 'starting', console: 'starting' });

    started = true;
    telegram.connected = false;
    const down = await get();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unhealthy');
    expect(down.body.problems).toEqual(['telegram is disconnected']);

    telegram.connected = true;
    expect((await get()).status).toBe(200);
  });

  it('503 when the data dir cannot be written, named by its error', async () => {
    started = true;
    // Where the probe file goes there is a folder: the write fails as it would on a full or read-only disk.
    await mkdir(join(dir, '.health-probe'));
    const { status, body } = await get();
    expect(status).toBe(503);
    expect(body.store).toMatchObject({ writable: false, error: 'EISDIR' });
    expect(body.problems).toEqual(['the data dir cannot be written (EISDIR)']);
  });

  it('GIVEN a commit refused by a nearly full disk (the probe file still fits) THEN 503 with the reason, until a write succeeds', async () => {
    started = true;
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const append = vi.spyOn(JournalWriter.prototype, 'append').mockImplementationOnce(() => {
      throw full;
    });
    clock.advance(60_000);
    const record = { id: 'update-1', at: clock.now().toISOString() };
    await expect(store.mutate((tx) => tx.put('seen', record))).rejects.toBeInstanceOf(StoreWriteError);
    const refused = await get();
    expect(refused.status).toBe(503);
    expect(refused.body.status).toBe('unhealthy');
    expect(refused.body.store).toEqual({
      writable: false,
      error: 'ENOSPC',
      failedWriteAt: '2026-11-25T08:01:00.000Z',
      lastWriteAt: '2026-11-25T08:00:00.000Z',
    });
    expect(refused.body.problems).toEqual([
      "the store's last write failed (ENOSPC, at 2026-11-25T08:01:00.000Z); healthy again once a write succeeds",
    ]);
    // Still refused later (no write since), whatever the probe says.
    clock.advance(60_000);
    expect((await get()).status).toBe(503);

    // Space freed: the next commit reaches the disk, and the bot is healthy again.
    append.mockRestore();
    await store.mutate((tx) => tx.put('seen', record));
    const healthy = await get();
    expect(healthy.status).toBe(200);
    expect(healthy.body.store).toEqual({ writable: true, lastWriteAt: '2026-11-25T08:02:00.000Z' });
  });

  it('GET /livez is 200 while the process answers, starting or not (the liveness probe)', async () => {
    expect((await get('/livez')).status).toBe(200);
    expect((await get('/healthz')).status).toBe(503);
    started = true;
    expect((await get('/livez')).body).toEqual({ status: 'alive' });
  });

  it('GIVEN a standby THEN /healthz is 503 standby (no traffic) and /livez 200 (no restart)', async () => {
    const standby = await startHealthServer({ serve: waitingHealth(() => true) }, 0);
    const { port } = standby.address() as AddressInfo;
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'standby' });
      expect((await fetch(`http://127.0.0.1:${port}/livez`)).status).toBe(200);
    } finally {
      await stopHealthServer(standby);
    }
  });

  it('anything else is 404', async () => {
    started = true;
    expect((await get('/')).status).toBe(404);
    expect((await get('/healthz/x')).status).toBe(404);
  });
});
