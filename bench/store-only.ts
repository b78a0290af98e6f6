import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SystemClock } from '../src/core/clock.js';
import { createDeal } from '../src/services/deals.js';
import type { BotStore } from '../src/store/contract.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import type { Community, Deal, Order } from '../src/store/schema.js';
import { Store } from '../src/store/store.js';
import type { Tx } from '../src/store/tx.js';
import { type BurstShape, quantityOf } from './burst.js';
import { measure, openSqliteOrders, type PeerResult } from './peers.js';

/**
 * The store work alone: the order rule the peers implement (stock checked, one line per member, a
 * repeat changes the line, sold out refused), fed by the same burst, every contender under the
 * same durability: the orders of one turn of the event loop share one durable commit (group
 * commit), and an order is acknowledged once that commit is on disk. No command parsing, replies,
 * rosters or outbox: that is the core burst (tuanbot.ts).
 */

/** A store-only run: the peers' figures plus the durable writes (commits to disk) that carried it. */
export interface StoreOnlyResult extends PeerResult {
  durableWrites: number;
}

/** The PostgreSQL contender could not run here: why, instead of a figure. */
export interface NotMeasured {
  notMeasured: string;
}

/** Where the PostgreSQL contender finds a server (BENCH_DATABASE_URL, else the local default). */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const COMMUNITY = 'bench:flash';

/**
 * Refuses a run that did not sell exactly the stock: a lost or doubled order, whatever the speed.
 * Returns the result unchanged otherwise.
 */
export function assertSoldOut<T extends { sold: number }>(
  contender: string,
  shape: BurstShape,
  result: T,
): T {
  if (result.sold !== shape.stock)
    throw new Error(
      `${contender} sold ${result.sold} units of a stock of ${shape.stock}: an order was lost or doubled`,
    );
  return result;
}

/**
 * The order rule on a BotStore, over the records the services keep (a Deal, one Order per member):
 * one member's order for qty units of the deal, at ISO time now. Changes nothing when the line
 * already has qty or the stock cannot cover the change.
 */
export function placeOrder(tx: Tx, dealId: string, user: string, qty: number, now: string): void {
  const deal = tx.get('deals', dealId);
  if (!deal) throw new Error(`no deal ${dealId}`);
  const id = `${dealId}/${user}`;
  const existing = tx.get('orders', id);
  const previous = existing?.status === 'active' ? existing.qty : 0;
  if (existing && previous === qty) return;
  if (deal.stock !== undefined && deal.sold - previous + qty > deal.stock) return;
  const line: Order = existing
    ? { ...existing, qty, updatedAt: now }
    : {
        id,
        dealId,
        communityId: deal.communityId,
        userId: user,
        name: user,
        line: deal.lines + 1,
        qty,
        unitPriceCents: deal.priceCents,
        discountCents: 0,
        pointsUsed: 0,
        pointsRevision: 0,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
  tx.put('orders', line);
  tx.put('deals', {
    ...deal,
    sold: deal.sold - previous + qty,
    buyers: deal.buyers + (existing ? 0 : 1),
    lines: deal.lines + (existing ? 0 : 1),
  });
}

/** Writes a community and a deal with `stock` units (as /deal new would), durably; returns the deal. */
async function seedDeal(store: BotStore, stock: number): Promise<Deal> {
  const now = new Date();
  const community: Community = {
    id: COMMUNITY,
    platform: 'bench',
    chatId: 'flash',
    title: 'Flash buyers',
    locale: 'en',
    timezone: 'UTC',
    createdAt: now.toISOString(),
    settings: {},
  };
  return store.mutate((tx) => {
    tx.put('communities', community);
    return createDeal(
      tx,
      community,
      {
        title: 'Flash mangoes',
        priceCents: 990,
        min: 10,
        stock,
        endsAt: new Date(now.getTime() + 7_200_000),
      },
      'owner',
      now,
    );
  });
}

/**
 * The burst on any BotStore: one `transact` per order, acknowledged when its `committed` resolves
 * (the store's group commit decides how orders share a durable write). Asserts the stock sold out.
 */
export async function runStoreBurst(
  contender: string,
  store: BotStore,
  shape: BurstShape,
): Promise<StoreOnlyResult> {
  const deal = await seedDeal(store, shape.stock);
  const writesBefore = store.stats.writes;
  const result = await measure(
    shape,
    (order) => {
      const qty = quantityOf(order.text);
      const now = new Date().toISOString();
      return store.transact((tx) => placeOrder(tx, deal.id, order.user, qty, now)).committed;
    },
    () => store.tables.deals.get(deal.id)?.sold ?? 0,
  );
  return assertSoldOut(contender, shape, { ...result, durableWrites: store.stats.writes - writesBefore });
}

/** tuanbot's JSON store (journal + snapshot) in dir. */
export async function runJsonStoreBurst(dir: string, shape: BurstShape): Promise<StoreOnlyResult> {
  const store = await Store.open({ dir, clock: new SystemClock() });
  try {
    return await runStoreBurst('JSON store', store, shape);
  } finally {
    await store.close();
  }
}

/**
 * SQLite with tuanbot's group commit: WAL, synchronous=FULL, the orders of one turn of the event
 * loop in one transaction (BEGIN at the turn's first order, COMMIT in a setImmediate, as the JSON
 * store's flush loop), each order acknowledged once that COMMIT has returned.
 */
export async function runSqliteGroupBurst(dir: string, shape: BurstShape): Promise<StoreOnlyResult> {
  const { db, place, sold } = openSqliteOrders(dir, shape.stock);
  let turn: Promise<void> | undefined;
  /** The open turn wrote something: its COMMIT is a durable write (an empty one writes nothing). */
  let wrote = false;
  let durableWrites = 0;
  const commitTurn = (acknowledge: () => void) => {
    db.exec('COMMIT');
    if (wrote) durableWrites++;
    wrote = false;
    turn = undefined;
    acknowledge();
  };
  try {
    const result = await measure(
      shape,
      (order) => {
        turn ??= new Promise<void>((acknowledge) => {
          db.exec('BEGIN IMMEDIATE');
          setImmediate(() => commitTurn(acknowledge));
        });
        if (place(order.user, quantityOf(order.text))) wrote = true;
        return turn;
      },
      sold,
    );
    return assertSoldOut('SQLite (group commit)', shape, { ...result, durableWrites });
  } finally {
    db.close();
  }
}

/**
 * Connects to the server's admin database, or says why not (the row then reads "not measured").
 * Errors: none thrown; an unreachable server is a `NotMeasured`.
 */
async function adminClient(adminUrl: string): Promise<pg.Client | NotMeasured> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    return { notMeasured: `not measured: no PostgreSQL (${(error as Error).message || String(error)})` };
  }
}

/**
 * Runs fn with the URL of a throwaway database `tuanbot_bench_<pid>` created on the server at
 * adminUrl (BENCH_DATABASE_URL, else the local default) and dropped afterwards (WITH (FORCE)).
 * A `NotMeasured` when no server answers, never a made-up figure.
 */
export async function withBenchDatabase<T>(
  fn: (url: string) => Promise<T>,
  adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
): Promise<T | NotMeasured> {
  const admin = await adminClient(adminUrl);
  if ('notMeasured' in admin) return admin;
  const name = `tuanbot_bench_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** PostgreSQL through PgStore in a throwaway database (withBenchDatabase); dir holds PgStore's files. */
export function runPgStoreBurst(
  dir: string,
  shape: BurstShape,
  adminUrl?: string,
): Promise<StoreOnlyResult | NotMeasured> {
  return withBenchDatabase(async (url) => {
    const store = await PgStore.open({ url, dir, clock: new SystemClock() });
    try {
      return await runStoreBurst('PostgreSQL', store, shape);
    } finally {
      await store.close();
    }
  }, adminUrl);
}

/** Runs fn in a fresh temp dir, removed afterwards. */
export async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tuanbot-store-only-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
