import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { tryLease } from '../../src/store/postgres/lease.js';
import { PgStore } from '../../src/store/postgres/pg-store.js';
import { Store } from '../../src/store/store.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../helpers/pg.js';
import { memberRecord } from '../helpers/records.js';

/**
 * The lease when the serving process stops running but its connection stays up (frozen, SIGSTOP,
 * swapped out): PostgreSQL keeps its lock, so a standby ends the holder's session once it has been
 * idle too long, while a serving store that runs touches its session and is left alone. Real time
 * here is PostgreSQL's (pg_stat_activity.state_change), shortened for the test through leaseTiming.
 */

const timing = { heartbeatMs: 100, staleHolderMs: 1_500 };
let db: ThrowawayDatabase | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  await db?.drop();
  db = undefined;
});

async function open(standby: boolean, lost?: (error: Error) => void): Promise<PgStore> {
  const store = await PgStore.open({
    url: db!.url,
    dir: await mkdtemp(join(tmpdir(), 'tuanbot-lease-')),
    clock: new SystemClock(),
    standby,
    leasePollMs: 100,
    leaseTiming: timing,
    ...(lost ? { onLost: lost } : {}),
  });
  cleanups.push(() => store.close());
  return store;
}

/** A bare session on the test database named `applicationName`, holding the whole store's lease. */
async function leaseHeldBy(applicationName: string): Promise<pg.Client> {
  // Make the schema first, as a store does.
  await (await open(false)).close();
  const client = new pg.Client({ connectionString: db!.url, application_name: applicationName });
  client.on('error', () => {});
  await client.connect();
  cleanups.push(() => client.end());
  expect(await tryLease(client)).toBe(true);
  return client;
}

describe('the lease of a PostgreSQL store', () => {
  it('GIVEN the holder stopped running with its connection up THEN a standby ends its session and serves', async () => {
    db = await throwawayDatabase('lease-stale');
    // A session that never speaks again, named as the store names a bot's.
    const frozen = await leaseHeldBy('tuanbot');

    const standby = await open(true);
    await standby.mutate((tx) => tx.put('seen', { id: 'after-takeover', at: '2026-12-01T00:00:00.000Z' }));
    // The frozen holder's session was ended: were it to resume, it could write nothing.
    await expect(frozen.query('SELECT 1')).rejects.toThrow();
  });

  it('GIVEN a store:copy holding the lease of its source THEN a standby leaves it alone, idle or not', async () => {
    db = await throwawayDatabase('lease-copy');
    const copy = await leaseHeldBy('tuanbot-copy');
    let tookOver = false;
    const standby = open(true).then((store) => {
      tookOver = true;
      return store;
    });
    await new Promise((resolve) => setTimeout(resolve, 2 * timing.staleHolderMs));
    expect(tookOver).toBe(false);
    await expect(copy.query('SELECT 1')).resolves.toBeDefined();
    // The copy done, its lease released: the standby serves.
    await copy.end();
    await standby;
  });

  it('GIVEN the holder runs and is merely idle THEN its heartbeat keeps the standby waiting', async () => {
    db = await throwawayDatabase('lease-alive');
    const lost: Error[] = [];
    const serving = await open(false, (error) => lost.push(error));
    let tookOver = false;
    const standby = open(true).then((store) => {
      tookOver = true;
      return store;
    });
    // Twice the idle limit, without a single commit from the serving store.
    await new Promise((resolve) => setTimeout(resolve, 2 * timing.staleHolderMs));
    expect(tookOver).toBe(false);
    expect(lost).toEqual([]);
    await serving.mutate((tx) => tx.put('seen', { id: 'still-serving', at: '2026-12-01T00:00:00.000Z' }));
    // Stopping cleanly hands over at once.
    await serving.close();
    const next = await standby;
    expect(next.tables.seen.get('still-serving')).toBeDefined();
  });
});

describe('what PostgreSQL refuses in a record', () => {
  it('GIVEN a name with a NUL character and half an emoji THEN it is kept (mended), and the turn’s other commits with it', async () => {
    db = await throwawayDatabase('odd-text');
    const store = await open(false);
    const emoji = '🥭';
    const odd = `Ma\u0000ngo ${emoji.slice(0, 1)}`;
    // One turn, one write: the odd record and a plain one. Neither may be refused for the other.
    const commits = [
      store.transact((tx) => tx.put('members', { ...memberRecord('odd'), name: odd })).committed,
      store.transact((tx) => tx.put('members', memberRecord('plain'))).committed,
    ];
    await Promise.all(commits);
    expect(store.lastWriteError).toBeUndefined();
    await store.close();
    const again = await open(false);
    const names = [...again.tables.members.values()].map((m) => m.name);
    expect(names).toEqual(['Mango \uFFFD', memberRecord('plain').name]);
  });
});

describe('shards: processes serving different platforms on one database', () => {
  const at = '2026-12-01T00:00:00.000Z';
  const community = (platform: string, chatId: string) => ({
    id: `${platform}:${chatId}`,
    platform,
    chatId,
    title: `${platform} group`,
    locale: 'zh' as const,
    timezone: 'Asia/Shanghai',
    createdAt: at,
    settings: {},
  });
  const shard = async (platforms: string[], standby = false) => {
    const store = await PgStore.open({
      url: db!.url,
      dir: await mkdtemp(join(tmpdir(), 'tuanbot-shard-')),
      clock: new SystemClock(),
      platforms,
      standby,
      leasePollMs: 100,
      leaseTiming: timing,
    });
    cleanups.push(() => store.close());
    return store;
  };

  it('GIVEN a Telegram and a Discord process THEN both serve at once, each its own groups and private messages, and nothing else', async () => {
    db = await throwawayDatabase('shards');
    const whole = await open(false);
    await whole.mutate((tx) => {
      tx.put('communities', community('telegram', '-100'));
      tx.put('communities', community('discord', 'g1'));
      tx.put('seen', { id: 'telegram:-100:message:1', at });
      tx.put('seen', { id: 'discord:g1:message:1', at });
      // A private answer owed outside any community: its chat says whose it is.
      tx.put('outbox', {
        id: 'm1',
        chat: { platform: 'discord', chatId: 'dm:42', kind: 'direct' },
        kind: 'send',
        priority: 'reply',
        out: { kind: 'text', text: '你好' },
        createdAt: at,
      });
      tx.put('outbox', {
        id: 'm2',
        chat: { platform: 'discord', chatId: 'dm:42', kind: 'direct' },
        kind: 'send',
        priority: 'reply',
        out: { kind: 'file', path: '/data/exports/mydata-42.json' },
        createdAt: at,
      });
    });
    await whole.close();

    const telegram = await shard(['telegram']);
    const discord = await shard(['discord']);
    expect([...telegram.tables.communities.values()].map((c) => c.id)).toEqual(['telegram:-100']);
    expect([...telegram.tables.seen.values()].map((s) => s.id)).toEqual(['telegram:-100:message:1']);
    expect(telegram.tables.outbox.size).toBe(0);
    expect([...discord.tables.communities.values()].map((c) => c.id)).toEqual(['discord:g1']);
    expect([...discord.tables.outbox.values()].map((m) => m.id)).toEqual(['m1', 'm2']);
    // A file the Discord process still owes a member is owed for the Telegram one too: its
    // export sweep must not delete it.
    expect([...(await telegram.filesOwed())]).toEqual(['/data/exports/mydata-42.json']);
    // Both write at once, each its own rows.
    await Promise.all([
      telegram.mutate((tx) => tx.put('seen', { id: 'telegram:-100:message:2', at })),
      discord.mutate((tx) => tx.put('seen', { id: 'discord:g1:message:2', at })),
    ]);

    // A second Telegram process is refused (or stands by); a whole-store tool is refused while either serves.
    await expect(shard(['telegram'])).rejects.toThrow(/serving telegram on this database/);
    // Asked for two platforms, the refusal names the one actually held.
    await expect(shard(['console', 'telegram'])).rejects.toThrow(
      /session \d+\) is serving telegram on this database/,
    );
    await expect(open(false)).rejects.toThrow(/serving this database/);
    const next = shard(['telegram'], true);
    await telegram.close();
    const takenOver = await next;
    expect([...takenOver.tables.seen.values()].map((s) => s.id)).toEqual([
      'telegram:-100:message:1',
      'telegram:-100:message:2',
    ]);
  });

  it('GIVEN a process holding the whole store (a tool, or a tuanbot of the version before shards) THEN a shard is refused, saying so', async () => {
    db = await throwawayDatabase('shards-whole');
    await open(false);
    await expect(shard(['telegram'])).rejects.toThrow(/holds the whole database/);
  });

  it('GIVEN two shards starting at the same moment on a new database THEN both serve (one sets the tables up, the other waits for it)', async () => {
    db = await throwawayDatabase('shards-start');
    const [telegram, discord] = await Promise.all([shard(['telegram']), shard(['discord'])]);
    await telegram.mutate((tx) => tx.put('communities', community('telegram', '-100')));
    await discord.mutate((tx) => tx.put('communities', community('discord', 'g1')));
  });

  it('GIVEN a database holding another platform’s groups THEN a new shard starts over a DATA_DIR that still holds the copied JSON store', async () => {
    db = await throwawayDatabase('shards-json');
    const dir = await mkdtemp(join(tmpdir(), 'tuanbot-shard-json-'));
    // The JSON store that was copied into the database: its state.json stays in DATA_DIR.
    const json = await Store.open({ dir, clock: new SystemClock() });
    await json.mutate((tx) => tx.put('communities', community('console', 'main')));
    await json.close();
    const place = { dataDir: dir, databaseUrl: db.url };
    const consoleShard = await openStore(
      { ...place, platforms: ['console'] },
      new SystemClock(),
      silentLogger,
    ).then(
      () => 'opened',
      (error: Error) => error.message,
    );
    // The database is empty: the console shard is refused, as the JSON store is not in it.
    expect(consoleShard).toMatch(/is empty, but DATA_DIR .* holds the JSON store of 1 group/);
    const whole = await open(false);
    await whole.mutate((tx) => tx.put('communities', community('console', 'main')));
    await whole.close();
    // Copied: a Telegram shard (with no group of its own yet) starts, though its part is empty.
    const telegram = await openStore({ ...place, platforms: ['telegram'] }, new SystemClock(), silentLogger);
    cleanups.push(() => telegram.close());
    expect(telegram.tables.communities.size).toBe(0);
  });
});
