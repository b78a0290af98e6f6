import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { type BurstOrder, type BurstShape, burstOrders, driveBurst, quantityOf } from './burst.js';
import { type LatencySummary, round, summarize } from './stats.js';

/**
 * What a developer would otherwise write, on the same burst: the same order rule (stock checked,
 * one line per member, a repeat changes the line) persisted by (a) lowdb as its README shows —
 * mutate db.data, then `await db.write()` after every order — and (b) SQLite through
 * better-sqlite3, one transaction per order, WAL with synchronous=FULL so a commit is on disk.
 * The same rule under the same group commit as tuanbot's store is in store-only.ts.
 */

export interface PeerResult extends LatencySummary {
  ordersPerSec: number;
  elapsedMs: number;
  sold: number;
}

interface Line {
  dealId: number;
  userId: string;
  name: string;
  line: number;
  qty: number;
  createdAt: string;
  updatedAt: string;
}

interface DealRow {
  id: number;
  title: string;
  stock: number;
  sold: number;
  buyers: number;
  lines: number;
}

export async function measure(
  shape: BurstShape,
  handle: (order: BurstOrder) => Promise<void>,
  sold: () => number,
): Promise<PeerResult> {
  const orders = burstOrders(shape, 1);
  const run = await driveBurst(orders, handle);
  return {
    ordersPerSec: Math.round(orders.length / (run.elapsedMs / 1000)),
    elapsedMs: round(run.elapsedMs),
    ...summarize(run.latencies),
    sold: sold(),
  };
}

export async function runLowdbBurst(dir: string, shape: BurstShape): Promise<PeerResult> {
  const deal: DealRow = { id: 1, title: 'Flash mangoes', stock: shape.stock, sold: 0, buyers: 0, lines: 0 };
  const db = new Low<{ deals: DealRow[]; orders: Line[] }>(new JSONFile(join(dir, 'db.json')), {
    deals: [],
    orders: [],
  });
  await db.read();
  db.data.deals.push(deal);
  await db.write();
  return measure(
    shape,
    async (order) => {
      const qty = quantityOf(order.text);
      const d = db.data.deals.find((x) => x.id === 1)!;
      const existing = db.data.orders.find((o) => o.dealId === d.id && o.userId === order.user);
      const previous = existing?.qty ?? 0;
      if (existing && previous === qty) return; // unchanged
      if (d.sold - previous + qty > d.stock) return; // sold out
      const now = new Date().toISOString();
      if (existing) {
        existing.qty = qty;
        existing.updatedAt = now;
      } else {
        d.lines++;
        d.buyers++;
        db.data.orders.push({
          dealId: d.id,
          userId: order.user,
          name: order.user,
          line: d.lines,
          qty,
          createdAt: now,
          updatedAt: now,
        });
      }
      d.sold += qty - previous;
      await db.write();
    },
    () => deal.sold,
  );
}

/** The slice of better-sqlite3's API used here (the package ships no types). */
interface SqliteStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}
export interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  prepare(source: string): SqliteStatement;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

/**
 * The order rule on SQLite (better-sqlite3, WAL, synchronous=FULL so a commit is on disk), in a
 * database file under dir holding one deal with `stock` units. `place` runs the rule's statements
 * with no transaction of its own: the caller brackets them (one per order, or one per turn); it
 * returns whether it wrote anything (false: the line already had qty, or sold out).
 */
export function openSqliteOrders(
  dir: string,
  stock: number,
): { db: SqliteDatabase; place: (user: string, qty: number) => boolean; sold: () => number } {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new Database(join(dir, 'orders.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE deals (id INTEGER PRIMARY KEY, title TEXT, stock INTEGER, sold INTEGER, buyers INTEGER, lines INTEGER);
    CREATE TABLE orders (deal_id INTEGER, user_id TEXT, name TEXT, line INTEGER, qty INTEGER,
      created_at TEXT, updated_at TEXT, PRIMARY KEY (deal_id, user_id));
  `);
  db.prepare('INSERT INTO deals VALUES (1, ?, ?, 0, 0, 0)').run('Flash mangoes', stock);
  const getDeal = db.prepare('SELECT stock, sold, buyers, lines FROM deals WHERE id = ?');
  const getOrder = db.prepare('SELECT qty FROM orders WHERE deal_id = ? AND user_id = ?');
  const insertOrder = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)');
  const updateOrder = db.prepare(
    'UPDATE orders SET qty = ?, updated_at = ? WHERE deal_id = ? AND user_id = ?',
  );
  const updateDeal = db.prepare('UPDATE deals SET sold = ?, buyers = ?, lines = ? WHERE id = ?');
  const place = (user: string, qty: number) => {
    const d = getDeal.get(1) as { stock: number; sold: number; buyers: number; lines: number };
    const existing = getOrder.get(1, user) as { qty: number } | undefined;
    const previous = existing?.qty ?? 0;
    if (existing && previous === qty) return false;
    if (d.sold - previous + qty > d.stock) return false;
    const now = new Date().toISOString();
    if (existing) updateOrder.run(qty, now, 1, user);
    else insertOrder.run(1, user, user, d.lines + 1, qty, now, now);
    updateDeal.run(d.sold - previous + qty, d.buyers + (existing ? 0 : 1), d.lines + (existing ? 0 : 1), 1);
    return true;
  };
  return { db, place, sold: () => (getDeal.get(1) as { sold: number }).sold };
}

/**
 * SQLite committing once per order (a transaction per order, each fsynced): what a developer
 * would write first. Not the durability model of the group-committed contenders (store-only.ts).
 */
export async function runSqliteBurst(dir: string, shape: BurstShape): Promise<PeerResult> {
  const { db, place, sold } = openSqliteOrders(dir, shape.stock);
  const perOrder = db.transaction(place);
  try {
    return await measure(shape, async (order) => perOrder(order.user, quantityOf(order.text)), sold);
  } finally {
    db.close();
  }
}
